import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabSpan } from '../spans/model.ts';
import type { WorkerSpan } from '../labs/protocol.ts';
import { LabTracing } from './LabTracing.ts';

const T_KEPT = '0af7651916cd43dd8448eb211c80319c';
const T_UP = '4bf92f3577b34da6a3ce929d0e0e4736';
const T_DROP = 'ffffffffffffffffffffffffffffff01';

test('records kept traces under the decided trace id, and dropped ones as ghosts', () => {
  const tracing = new LabTracing();
  const seen: LabSpan[] = [];
  tracing.exporter.subscribe((s) => seen.push(...s));
  const run = tracing.startRun('sampler', { 'lab.settings.ratio': 0.5 });
  run.instantiated(1000, 1020, { 'lab.component': 'x' });
  const base = { kind: 2, attributes: { 'sampler.decision': 'keep' } };
  const spans: WorkerSpan[] = [
    { ...base, localId: 0, traceId: T_KEPT, name: 'GET /a', startMs: 1100, endMs: 1150, keep: true, annotations: [{ target: { attribute: 'sampler.decision' }, text: 'kept: why' }], events: [{ name: 'sampler.decision', timeMs: 1100, attributes: { reason: 'ratio' } }] },
    { ...base, localId: 1, parentLocalId: 0, traceId: T_KEPT, name: 'SELECT', kind: 3, startMs: 1110, endMs: 1120, keep: true },
    { ...base, localId: 2, traceId: T_UP, upstream: 'sampled', name: 'GET /b', startMs: 1200, endMs: 1250, keep: true, error: 'HTTP 503' },
    { ...base, localId: 3, traceId: T_DROP, name: 'GET /c', startMs: 1300, endMs: 1350, keep: false, attributes: { 'sampler.decision': 'drop' }, annotations: [{ target: 'span', text: 'dropped: why' }] },
    { ...base, localId: 4, parentLocalId: 3, traceId: T_DROP, name: 'HGETALL', kind: 3, startMs: 1310, endMs: 1320, keep: false },
  ];
  run.record(spans);
  run.end('completed');

  const byName = (n: string) => seen.find((s) => s.name === n)!;
  const runSpan = byName('lab.run sampler');
  assert.equal(runSpan.attributes['lab.outcome'], 'completed');
  assert.equal(byName('component.instantiate').parentSpanId, runSpan.spanId);
  assert.equal(byName('component.instantiate').startMs, 1000);

  const a = byName('GET /a');
  assert.equal(a.traceId, T_KEPT);
  assert.equal(a.parentSpanId, undefined);
  assert.equal(a.kind, 2);
  assert.deepEqual(a.links.map((l) => l.spanId), [runSpan.spanId]);
  assert.equal(a.events[0]!.name, 'sampler.decision');
  assert.equal(byName('SELECT').parentSpanId, a.spanId);
  assert.equal(byName('SELECT').traceId, T_KEPT);

  const b = byName('GET /b');
  assert.equal(b.traceId, T_UP);
  assert.match(b.parentSpanId ?? '', /^[0-9a-f]{16}$/, 'a remote upstream parent');
  assert.equal(b.status.code, 2);

  const c = byName('GET /c');
  assert.equal(c.dropped, true);
  assert.equal(c.traceId, T_DROP);
  assert.equal(byName('HGETALL').parentSpanId, c.spanId);
  assert.equal(byName('HGETALL').dropped, true);
  assert.equal(seen.filter((s) => !s.dropped).length, 5);

  // Annotations reach the viewer on kept and dropped spans, and only there.
  assert.deepEqual(a.annotations, [{ target: { attribute: 'sampler.decision' }, text: 'kept: why' }]);
  assert.deepEqual(c.annotations, [{ target: 'span', text: 'dropped: why' }]);
  assert.equal(byName('SELECT').annotations, undefined);
  assert.equal(a.attributes['annotations'], undefined);
});

test('one batch of worker spans reaches listeners in one call, kept and ghosts together', () => {
  const tracing = new LabTracing();
  const calls: number[] = [];
  tracing.exporter.subscribe((s) => calls.push(s.length));
  const run = tracing.startRun('sampler', {});
  const spans: WorkerSpan[] = Array.from({ length: 50 }, (_, i) => ({
    localId: i, traceId: (i + 1).toString(16).padStart(32, '0'), name: 'GET /', kind: 2, startMs: i, endMs: i + 1, attributes: {}, keep: i % 2 === 0,
  }));
  run.record(spans);
  assert.deepEqual(calls, [50]);
  run.end('completed');
  assert.deepEqual(calls, [50, 1]);
});

test('spans and events with equal attribute sets share one frozen set, kept and dropped alike', () => {
  const tracing = new LabTracing();
  const seen: LabSpan[] = [];
  tracing.exporter.subscribe((s) => seen.push(...s));
  const run = tracing.startRun('sampler', {});
  // Two messages, as structured clone delivers them: every object and string a copy of its own.
  const message = (first: number): WorkerSpan[] =>
    JSON.parse(JSON.stringify([0, 1, 2, 3].map((i) => ({
      localId: i, traceId: (first + i + 1).toString(16).padStart(32, '0'), name: 'GET /cart', kind: 2, startMs: first + i, endMs: first + i + 1,
      attributes: { 'http.route': '/cart', 'http.response.status_code': 200, 'sampler.decision': i % 2 ? 'drop' : 'keep' },
      events: [{ name: 'sampler.decision', timeMs: first + i, attributes: { decision: i % 2 ? 'drop' : 'keep', reason: 'ratio' } }],
      keep: i % 2 === 0,
    }))));
  run.record(message(0));
  run.record(message(100));
  const requests = seen.filter((s) => s.name === 'GET /cart');
  assert.equal(requests.length, 8);
  const kept = requests.filter((s) => !s.dropped);
  const dropped = requests.filter((s) => s.dropped);
  assert.equal(new Set(kept.map((s) => s.attributes)).size, 1);
  assert.equal(new Set(dropped.map((s) => s.attributes)).size, 1);
  assert.equal(new Set(kept.map((s) => s.events[0]!.attributes)).size, 1);
  assert.equal(new Set(dropped.map((s) => s.events[0]!.attributes)).size, 1);
  assert.deepEqual(kept[0]!.attributes, { 'http.route': '/cart', 'http.response.status_code': 200, 'sampler.decision': 'keep' });
  assert.deepEqual(dropped[0]!.events[0]!.attributes, { decision: 'drop', reason: 'ratio' });
  assert.ok(Object.isFrozen(dropped[0]!.attributes) && Object.isFrozen(kept[0]!.events[0]!.attributes));
  // Each span keeps its own time.
  assert.deepEqual(requests.map((s) => s.startMs).sort((a, b) => a - b), [0, 1, 2, 3, 100, 101, 102, 103]);
  run.end('completed');
  // The run span gained an attribute at its end: its set is its own, never a shared one changed.
  const runSpan = seen.find((s) => s.name === 'lab.run sampler')!;
  assert.equal(runSpan.attributes['lab.outcome'], 'completed');
  // Every kept request links to the run through one shared list.
  assert.equal(new Set(kept.map((s) => s.links)).size, 1);
  assert.deepEqual(kept[0]!.links, [{ traceId: runSpan.traceId, spanId: runSpan.spanId, attributes: {} }]);
  // A second run's spans link to the second run, not to the list shared for the first.
  const second = tracing.startRun('sampler', {});
  second.record(message(200));
  second.end('completed');
  const secondRun = seen.filter((s) => s.name === 'lab.run sampler')[1]!;
  const laterKept = seen.filter((s) => s.name === 'GET /cart' && !s.dropped && s.startMs >= 200);
  assert.equal(laterKept.length, 2);
  for (const s of laterKept) assert.deepEqual(s.links.map((l) => l.spanId), [secondRun.spanId]);
});
