import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabSpan } from './model.ts';
import { buildTree, toRows } from './tree.ts';
import { filterTraces, routesOf } from './filter.ts';
import { countDecisions } from './counts.ts';
import { msToNanos, nanosToMs, parseOtlpJsonLines, toOtlpJsonLines } from './otlp.ts';

const T1 = 'a'.repeat(32);
const T2 = 'b'.repeat(32);

function span(p: Partial<LabSpan> & { spanId: string }): LabSpan {
  return {
    traceId: T1, name: p.spanId, kind: 1, startMs: 1000, endMs: 1010,
    attributes: {}, events: [], links: [], status: { code: 0 }, dropped: false, ...p,
  };
}

// A run span with an instantiate child, and two request traces that link to the run.
const run = span({ spanId: '1000000000000001', name: 'lab.run', startMs: 1000, endMs: 2000 });
const inst = span({ spanId: '1000000000000002', parentSpanId: run.spanId, name: 'instantiate', startMs: 1000, endMs: 1050 });
const reqA = span({
  traceId: T2, spanId: '2000000000000001', parentSpanId: 'ffffffffffffffff', name: 'GET /products', startMs: 1100, endMs: 1200,
  links: [{ traceId: T1, spanId: run.spanId, attributes: {} }],
  attributes: { 'http.route': '/products', 'http.response.status_code': 200, 'sampler.decision': 'keep' },
});
const dbA = span({ traceId: T2, spanId: '2000000000000002', parentSpanId: reqA.spanId, name: 'SELECT', startMs: 1120, endMs: 1150 });
const reqB = span({
  traceId: 'c'.repeat(32), spanId: '3000000000000001', name: 'POST /checkout', startMs: 1300, endMs: 1500, dropped: true,
  links: [{ traceId: T1, spanId: run.spanId, attributes: {} }],
  attributes: { 'http.route': '/checkout', 'http.response.status_code': 503, 'sampler.decision': 'drop' },
  status: { code: 2, message: 'upstream failed' },
});
const all = [reqB, dbA, inst, reqA, run];

describe('span tree', () => {
  test('nests by parent id, then by link, and orders by start time', () => {
    const roots = buildTree(all);
    assert.equal(roots.length, 1);
    assert.equal(roots[0]!.span, run);
    assert.deepEqual(roots[0]!.children.map((c) => c.span.name), ['instantiate', 'GET /products', 'POST /checkout']);
    assert.equal(roots[0]!.children[1]!.linked, true);
    assert.equal(roots[0]!.children[0]!.linked, false);
    assert.deepEqual(roots[0]!.children[1]!.children.map((c) => c.span.name), ['SELECT']);
  });

  test('a span whose parent is missing and that links nowhere known is a root', () => {
    assert.deepEqual(buildTree([dbA, reqB]).map((n) => n.span.name), ['SELECT', 'POST /checkout']);
  });

  test('rows carry depth and waterfall geometry, and collapsing hides descendants', () => {
    const rows = toRows(buildTree(all));
    assert.deepEqual(rows.map((r) => [r.span.name, r.depth]), [
      ['lab.run', 0], ['instantiate', 1], ['GET /products', 1], ['SELECT', 2], ['POST /checkout', 1],
    ]);
    assert.equal(rows[0]!.offset, 0);
    assert.equal(rows[0]!.width, 1);
    assert.equal(rows[2]!.offset, 0.1);
    assert.ok(Math.abs(rows[2]!.width - 0.1) < 1e-12);
    const collapsed = toRows(buildTree(all), { collapsed: new Set([reqA.spanId]) });
    assert.deepEqual(collapsed.map((r) => r.span.name), ['lab.run', 'instantiate', 'GET /products', 'POST /checkout']);
    assert.equal(collapsed[2]!.collapsed, true);
    assert.equal(collapsed[2]!.hasChildren, true);
  });

  test('a limit keeps the newest rows and rescales the window to them', () => {
    const rows = toRows(buildTree(all), { limit: 2 });
    assert.deepEqual(rows.map((r) => r.span.name), ['SELECT', 'POST /checkout']);
    assert.equal(rows[0]!.offset, 0);
  });
});

describe('filters and counts', () => {
  test('decision, route and status filters keep whole traces', () => {
    assert.deepEqual(filterTraces(all, { decision: 'dropped', route: '', status: 'all' }), [reqB]);
    assert.deepEqual(filterTraces(all, { decision: 'kept', route: '/products', status: 'all' }).map((s) => s.name).sort(), ['GET /products', 'SELECT']);
    assert.deepEqual(filterTraces(all, { decision: 'all', route: '', status: '5xx' }), [reqB]);
    assert.deepEqual(filterTraces(all, { decision: 'all', route: '', status: 'error' }), [reqB]);
    assert.equal(filterTraces(all, { decision: 'all', route: '', status: 'all' }).length, all.length);
    assert.deepEqual(routesOf(all), ['/checkout', '/products']);
  });

  test('counts one decision per decided span, optionally since a time', () => {
    assert.deepEqual(countDecisions(all), { kept: 1, dropped: 1, observedRatio: 0.5 });
    assert.deepEqual(countDecisions(all, 1250), { kept: 0, dropped: 1, observedRatio: 0 });
    assert.deepEqual(countDecisions([run]), { kept: 0, dropped: 0, observedRatio: null });
  });
});

describe('OTLP JSON Lines', () => {
  test('nanosecond conversion keeps microseconds beyond 2^53', () => {
    assert.equal(msToNanos(1767225600123.456), '1767225600123456000');
    assert.equal(nanosToMs('1767225600123456000'), 1767225600123.456);
  });

  test('writes hex ids, integer enums, camelCase keys and leaves ghost spans out', () => {
    const text = toOtlpJsonLines(all, { 'service.name': 'lab' }, { name: 'wol', version: '1' });
    const lines = text.trim().split('\n');
    assert.equal(lines.length, 1);
    const data = JSON.parse(lines[0]!);
    const spans = data.resourceSpans[0].scopeSpans[0].spans;
    assert.equal(spans.length, 4);
    const a = spans.find((s: { name: string }) => s.name === 'GET /products');
    assert.equal(a.traceId, T2);
    assert.equal(a.parentSpanId, 'ffffffffffffffff');
    assert.equal(typeof a.kind, 'number');
    assert.equal(a.startTimeUnixNano, '1100000000');
    assert.deepEqual(a.attributes.find((kv: { key: string }) => kv.key === 'http.response.status_code').value, { intValue: '200' });
    assert.deepEqual(data.resourceSpans[0].resource.attributes, [{ key: 'service.name', value: { stringValue: 'lab' } }]);
  });

  test('splits large exports into several TracesData lines', () => {
    const many = Array.from({ length: 1200 }, (_, i) => span({ spanId: (i + 1).toString(16).padStart(16, '0') }));
    const text = toOtlpJsonLines(many, {}, { name: 'wol' });
    assert.equal(text.trim().split('\n').length, 3);
    assert.equal(parseOtlpJsonLines(text).length, 1200);
  });

});

describe('span tree on hostile input', () => {
  test('a 30,000-deep parent chain builds and flattens without recursion', () => {
    const depth = 30_000;
    const chain = Array.from({ length: depth }, (_, i) => span({ spanId: (i + 1).toString(16).padStart(16, '0'), ...(i ? { parentSpanId: i.toString(16).padStart(16, '0') } : {}), startMs: 1000 + i }));
    const rows = toRows(buildTree(chain));
    assert.equal(rows.length, depth);
    assert.equal(rows[depth - 1]!.depth, depth - 1);
  });

  test('a parent cycle is cut at its earliest span, and every span is shown once', () => {
    const a = span({ spanId: '000000000000000a', parentSpanId: '000000000000000c', startMs: 1 });
    const b = span({ spanId: '000000000000000b', parentSpanId: '000000000000000a', startMs: 2 });
    const c = span({ spanId: '000000000000000c', parentSpanId: '000000000000000b', startMs: 3 });
    const rows = toRows(buildTree([c, b, a]));
    assert.deepEqual(rows.map((r) => [r.span.spanId.slice(-1), r.depth]), [['a', 0], ['b', 1], ['c', 2]]);
  });
});
