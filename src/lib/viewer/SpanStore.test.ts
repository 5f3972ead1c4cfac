import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { LabSpan } from '../spans/model.ts';
import { RATIO_WINDOW_MS, SpanStore, type StoreChange } from './SpanStore.ts';

let n = 0;
/** A request trace of `size` spans (a decided root and children), starting at `t`. */
function request(t: number, keep: boolean, size = 3): LabSpan[] {
  const traceId = (++n).toString(16).padStart(32, '0');
  const rootId = (n * 100).toString(16).padStart(16, '0');
  const base = { traceId, kind: 2, events: [], links: [], status: { code: 0 }, dropped: !keep };
  return [
    { ...base, spanId: rootId, name: 'GET /cart', startMs: t, endMs: t + 10, attributes: { 'sampler.decision': keep ? 'keep' : 'drop' } },
    ...Array.from({ length: size - 1 }, (_, i) => ({ ...base, spanId: (n * 100 + i + 1).toString(16).padStart(16, '0'), parentSpanId: rootId, name: 'child', startMs: t + 1, endMs: t + 5, attributes: {} })),
  ];
}

test('indexes spans by trace as they arrive, one notification per batch', () => {
  const store = new SpanStore();
  const changes: StoreChange[] = [];
  store.subscribe((c) => changes.push(c));
  const a = request(0, true);
  store.add([a[0]!]);
  store.add([a[1]!, a[2]!, ...request(5, false)]);
  assert.equal(changes.length, 2);
  assert.equal(changes[0]!.added.length, 1);
  assert.equal(changes[1]!.added.length, 1);
  assert.deepEqual([...changes[1]!.grown].map((t) => t.traceId), [a[0]!.traceId]);
  const t = store.trace(a[0]!.traceId)!;
  assert.equal(t.spans.length, 3);
  assert.equal(t.root, a[0]);
  assert.deepEqual(store.counts().kept, 1);
  assert.deepEqual(store.counts().dropped, 1);
  assert.equal(store.spans().length, 3, 'ghosts are not offered for export');
  assert.equal(store.allSpans().length, 6);
});

test('a root that arrives after its children becomes the root', () => {
  const store = new SpanStore();
  const [root, ...kids] = request(0, true);
  store.add(kids);
  store.add([root!]);
  assert.equal(store.trace(root!.traceId)!.root, root);
});

test('eviction lets go of whole old traces, and the counts stay exact', () => {
  const store = new SpanStore(300);
  const evicted: number[] = [];
  store.subscribe((c) => evicted.push(c.evicted.length));
  for (let i = 0; i < 200; i++) store.add(request(i * 10, i % 4 === 0));
  const counts = store.counts();
  assert.equal(counts.kept, 50);
  assert.equal(counts.dropped, 150);
  assert.equal(counts.spans, 600);
  assert.ok(store.allSpans().length <= 300);
  assert.equal(counts.evicted + store.allSpans().length, 600);
  assert.equal(store.allSpans().length % 3, 0, 'only whole traces go');
  // The held traces, oldest first, hold every held span once.
  const held = store.traces();
  assert.deepEqual(held.map((t) => t.seq), [...held.map((t) => t.seq)].sort((a, b) => a - b));
  assert.deepEqual(held.flatMap((t) => t.spans), store.allSpans());
  const oldest = store.traces()[0]!;
  assert.ok(store.evicted().untilMs! <= oldest.startMs + 10);
  assert.ok(evicted.some((e) => e > 0));
});

test('a run\'s traces, taken when it ends, keep their spans through a reset and the next run', () => {
  // The viewer summarises an ended run from this snapshot in later tasks (SpanViewer.archiveRun).
  const store = new SpanStore();
  const first = request(0, true);
  store.add(first);
  store.add(request(10, false));
  const ended = store.traces();
  const before = ended.map((t) => [...t.spans]);
  store.reset('Run 2');
  const again = request(20, true);
  // The same trace id again in the next run must start a new list, not grow the old one.
  store.add(again.map((s) => ({ ...s, traceId: first[0]!.traceId })));
  assert.deepEqual(ended.map((t) => [...t.spans]), before);
  assert.equal(ended[0]!.spans.length, 3);
  assert.equal(store.traces().length, 1);
});

test('an evicted trace is let go at once, not held by the store until it next compacts', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const store = new SpanStore(100);
  const first = request(0, false, 1);
  const ref = new WeakRef(first[0]!);
  store.add(first);
  for (let i = 1; i <= 100; i++) store.add(request(i * 10, false, 1));
  // 101 one-span traces against a limit of 100: eviction lets go of the oldest 16, well short
  // of the half of the order that triggers compaction.
  assert.equal(store.evicted().spans, 16);
  assert.equal(store.trace(first[0]!.traceId), undefined);
  first.length = 0;
  // A WeakRef keeps its target alive until the current job ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  assert.equal(ref.deref(), undefined, 'the evicted span is still reachable from the store');
  assert.equal(store.allSpans().length, 85);
});

test('the windowed ratio covers exactly the last RATIO_WINDOW_MS of decisions', () => {
  const store = new SpanStore();
  store.add(request(0, true, 1));
  store.add(request(1000, false, 1));
  store.add(request(1000 + RATIO_WINDOW_MS, false, 1));
  // The decision at t=0 is older than the window's start (1000 + W - W = 1000): out.
  assert.equal(store.counts().recentRatio, 0);
  assert.equal(store.counts().observedRatio, 1 / 3);
  const s2 = new SpanStore();
  s2.add(request(0, true, 1));
  s2.add(request(RATIO_WINDOW_MS, false, 1));
  assert.equal(s2.counts().recentRatio, 0.5, 'a decision exactly at the window start counts');
});

test('load indexes in chunks, and a newer reset supersedes it', async () => {
  const store = new SpanStore();
  const spans = Array.from({ length: 3000 }, (_, i) => request(i, true)).flat();
  const progress: number[] = [];
  await store.load(spans, 'file', (done) => progress.push(done));
  assert.ok(progress.length >= 1);
  assert.ok(progress.every((p, i) => i === 0 || p > progress[i - 1]!), 'progress only grows');
  assert.equal(progress.at(-1), 9000);
  assert.equal(store.traceCount, 3000);
  const many = Array.from({ length: 100_000 }, (_, i) => request(i, true)).flat();
  const pending = store.load(many, 'again');
  store.reset('run');
  await pending;
  assert.equal(store.traceCount, 0);
  assert.equal(store.label, 'run');
});
