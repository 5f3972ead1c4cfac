import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabSpan } from './model.ts';
import { chromeTraceJson, toChromeTrace, type TraceEvent } from './chromeTrace.ts';

const T1 = '1'.repeat(32);
const T2 = '2'.repeat(32);
const EPOCH = 1_767_225_600_000;
function span(trace: string, id: number, start: number, end: number, over: Partial<LabSpan> = {}): LabSpan {
  return {
    traceId: trace, spanId: id.toString(16).padStart(16, '0'), name: `s${id}`, kind: 2, startMs: EPOCH + start, endMs: EPOCH + end,
    attributes: { n: id, inf: Infinity }, events: [], links: [], status: { code: 0 }, dropped: false, ...over,
  };
}

/** Complete events on one thread must nest like a call stack, or Perfetto reports them as misplaced. */
function assertNested(events: TraceEvent[]): void {
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events.filter((x) => x.ph === 'X')) byThread.set(`${e.pid}/${e.tid}`, [...(byThread.get(`${e.pid}/${e.tid}`) ?? []), e]);
  for (const list of byThread.values()) {
    for (const a of list) for (const b of list) {
      if (a === b) continue;
      const [aEnd, bEnd] = [a.ts! + a.dur!, b.ts! + b.dur!];
      const disjoint = aEnd <= b.ts! || bEnd <= a.ts!;
      const aInB = a.ts! >= b.ts! && aEnd <= bEnd;
      const bInA = b.ts! >= a.ts! && bEnd <= aEnd;
      assert.ok(disjoint || aInB || bInA, `${a.name} and ${b.name} overlap without nesting on one thread`);
    }
  }
}

test('complete events in whole microseconds from the first span, one process per service, ghosts left out', () => {
  const spans = [
    span(T1, 1, 0, 10, { resource: { 'service.name': 'api' } }),
    span(T1, 2, 1, 4, { parentSpanId: '0000000000000001', resource: { 'service.name': 'api' }, events: [{ name: 'retry', timeMs: EPOCH + 2, attributes: {} }] }),
    span(T2, 3, 5, 5.0004),
    span(T2, 4, 6, 7, { dropped: true }),
  ];
  const trace = toChromeTrace(spans, { 'service.name': 'page' }, { 'evicted-spans': 3 });
  assert.equal(trace.displayTimeUnit, 'ms');
  assert.deepEqual(trace.metadata, { 'source': 'Wasm Observability Labs', 'start-unix-ms': EPOCH, 'evicted-spans': 3 });
  const x = trace.traceEvents.filter((e) => e.ph === 'X');
  assert.deepEqual(x.map((e) => [e.name, e.ts, e.dur]), [['s1', 0, 10_000], ['s2', 1000, 3000], ['s3', 5000, 0]]);
  const processes = trace.traceEvents.filter((e) => e.name === 'process_name').map((e) => [e.pid, e.args!.name]);
  assert.deepEqual(processes, [[1, 'api'], [2, 'page']]);
  assert.equal(x[0]!.pid, x[1]!.pid);
  assert.equal(x[0]!.tid, x[1]!.tid);
  assert.deepEqual(x[1]!.args, { traceId: T1, spanId: '0000000000000002', parentSpanId: '0000000000000001', status: 'unset', n: 2, inf: 'Infinity' });
  assert.deepEqual(trace.traceEvents.find((e) => e.ph === 'i'), { name: 'retry', ph: 'i', s: 't', pid: 1, tid: x[1]!.tid, ts: 2000, args: {} });
  // Valid JSON all the way: no NaN or Infinity that JSON.stringify would turn into null.
  assert.deepEqual(JSON.parse(JSON.stringify(trace)), trace);
});

test('concurrent children that overlap without nesting go to separate threads of the same trace', () => {
  const spans = [
    span(T1, 1, 0, 100),
    span(T1, 2, 10, 50, { parentSpanId: '0000000000000001' }),
    span(T1, 3, 20, 70, { parentSpanId: '0000000000000001' }), // overlaps 2, not inside it
    span(T1, 4, 30, 40, { parentSpanId: '0000000000000003' }),
    span(T1, 5, 60, 90, { parentSpanId: '0000000000000001' }),
  ];
  const trace = toChromeTrace(spans, {});
  assertNested(trace.traceEvents);
  const threads = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args!.name);
  assert.deepEqual(threads, [`trace ${T1.slice(0, 8)}`, `trace ${T1.slice(0, 8)} (2)`]);
});

test('many random overlapping spans still nest on every thread', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const spans = Array.from({ length: 400 }, (_, i) => {
    const start = rand() * 1000;
    return span(i % 3 ? T1 : T2, i + 1, start, start + rand() * 200);
  });
  assertNested(toChromeTrace(spans, {}).traceEvents);
});

test('the JSON written in parts is the same file as the object', () => {
  const spans = Array.from({ length: 50 }, (_, i) => span(i % 2 ? T1 : T2, i + 1, i, i + 3, { events: [{ name: 'e', timeMs: EPOCH + i + 1, attributes: { x: i } }] }));
  assert.deepEqual(JSON.parse([...chromeTraceJson(spans, { 'service.name': 'p' }, { n: 1 })].join('')), toChromeTrace(spans, { 'service.name': 'p' }, { n: 1 }));
  assert.deepEqual(JSON.parse([...chromeTraceJson([], {})].join('')), { traceEvents: [], displayTimeUnit: 'ms', metadata: { 'source': 'Wasm Observability Labs', 'start-unix-ms': 0 } });
});
