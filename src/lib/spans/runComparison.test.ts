import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabSpan } from './model.ts';
import { compareRuns, quantile, summarizeRun, summarizeRunInSlices } from './runComparison.ts';

let next = 1;
function trace(name: string, ms: number, decision: string, child?: { name: string; ms: number }): LabSpan[] {
  const traceId = (next++).toString(16).padStart(32, '0');
  const root: LabSpan = {
    traceId, spanId: 'a'.repeat(16), name, kind: 2, startMs: 0, endMs: ms,
    attributes: { 'sampler.decision': decision, 'request.id': `r${next}` }, events: [], links: [], status: { code: 0 }, dropped: decision === 'drop',
  };
  const out = [root];
  if (child) out.push({ ...root, spanId: 'b'.repeat(16), parentSpanId: root.spanId, name: child.name, endMs: child.ms, attributes: {} });
  return out;
}

test('quantile uses the nearest rank', () => {
  const v = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(quantile(v, 0.5), 50);
  assert.equal(quantile(v, 0.95), 95);
  assert.equal(quantile([7], 0.95), 7);
  assert.equal(quantile([], 0.5), null);
});

test('matches spans by their path of names and highlights counts, durations and value shares', () => {
  const a = summarizeRun('1%', [
    ...Array.from({ length: 99 }, () => trace('GET /cart', 10, 'drop', { name: 'HGETALL', ms: 4 })).flat(),
    ...trace('GET /cart', 10, 'keep', { name: 'HGETALL', ms: 4 }),
  ], { kept: 1, dropped: 99, evicted: 0 });
  const b = summarizeRun('50%', [
    ...Array.from({ length: 50 }, () => trace('GET /cart', 10, 'drop', { name: 'HGETALL', ms: 4 })).flat(),
    ...Array.from({ length: 50 }, () => trace('GET /cart', 30, 'keep')).flat(),
    ...trace('GET /health', 1, 'keep'),
  ], { kept: 51, dropped: 50, evicted: 0 });
  const rows = compareRuns(a, b);
  assert.deepEqual(rows.map((r) => r.path), ['GET /cart', 'GET /cart › HGETALL', 'GET /health']);
  const cart = rows[0]!;
  assert.equal(cart.countA, 100);
  assert.equal(cart.countB, 100);
  assert.equal(cart.p50A, 10);
  assert.equal(cart.p95B, 30);
  assert.equal(cart.durationChanged, true);
  const keep = cart.values.find((v) => v.key === 'sampler.decision' && v.value === 'keep')!;
  assert.equal(keep.shareA, 0.01);
  assert.equal(keep.shareB, 0.5);
  assert.ok(!cart.values.some((v) => v.key === 'request.id'), 'a high-cardinality attribute is not compared by value');
  assert.equal(rows[1]!.countB, 50);
  assert.equal(rows[1]!.durationChanged, false);
  assert.equal(rows[2]!.onlyIn, 'b');
});

test('a share change of exactly the threshold is not highlighted', () => {
  const a = summarizeRun('a', Array.from({ length: 100 }, (_, i) => trace('GET /', 5, i < 50 ? 'keep' : 'drop')).flat(), { kept: 50, dropped: 50, evicted: 0 });
  const b = summarizeRun('b', Array.from({ length: 100 }, (_, i) => trace('GET /', 5, i < 55 ? 'keep' : 'drop')).flat(), { kept: 55, dropped: 45, evicted: 0 });
  assert.deepEqual(compareRuns(a, b)[0]!.values, []);
  const c = summarizeRun('c', Array.from({ length: 100 }, (_, i) => trace('GET /', 5, i < 56 ? 'keep' : 'drop')).flat(), { kept: 56, dropped: 44, evicted: 0 });
  assert.equal(compareRuns(a, c)[0]!.values.length, 2);
});

test('the summary in slices, from spans grouped by trace, equals the summary from spans in arrival order', async () => {
  const traces = [
    ...Array.from({ length: 40 }, (_, i) => trace('GET /cart', 10 + i, i % 3 ? 'drop' : 'keep', { name: 'HGETALL', ms: 4 })),
    ...Array.from({ length: 10 }, (_, i) => trace('GET /health', 1 + i, 'keep')),
  ];
  // Interleaved as a live run delivers them: every trace's root first, then the children.
  const flat = [...traces.map((t) => t[0]!), ...traces.flatMap((t) => t.slice(1))];
  const counts = { kept: 24, dropped: 26, evicted: 3 };
  const whole = summarizeRun('run', flat, counts);
  // sliceMs 0: a slice after every trace, so the yielding path is taken.
  const sliced = await summarizeRunInSlices('run', traces.map((spans) => ({ spans })), counts, 0);
  assert.deepEqual(sliced, whole);
  assert.equal(sliced.spans, 90);
  assert.equal(sliced.traces, 50);
});
