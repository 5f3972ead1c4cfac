import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabSpan } from './model.ts';
import { buildTraceTree, criticalPath, selfTimes, visibleRows } from './traceTree.ts';

const T = 'a'.repeat(32);
const id = (n: number) => n.toString(16).padStart(16, '0');
function span(n: number, parent: number | null, startMs: number, endMs: number, name = `s${n}`): LabSpan {
  return {
    traceId: T, spanId: id(n), ...(parent === null ? {} : { parentSpanId: id(parent) }), name, kind: 1, startMs, endMs,
    attributes: {}, events: [], links: [], status: { code: 0 }, dropped: false,
  };
}
const names = (spans: readonly LabSpan[], idx: Iterable<number>) => [...idx].map((i) => spans[i]!.name);

describe('trace tree', () => {
  test('nests by parent id, orders children by start, and reports missing parents as roots', () => {
    const spans = [span(3, 1, 30, 40), span(1, null, 0, 100), span(2, 1, 10, 20), span(4, 99, 50, 60)];
    const t = buildTraceTree(spans);
    assert.deepEqual(names(spans, t.preorder), ['s1', 's2', 's3', 's4']);
    assert.deepEqual(names(spans, t.roots), ['s1', 's4']);
    assert.deepEqual(names(spans, t.problems.missingParent), ['s4']);
    assert.deepEqual([...t.depth], [1, 0, 1, 0]);
    assert.equal(t.subtreeSize[1], 3);
    assert.equal(t.startMs, 0);
    assert.equal(t.endMs, 100);
  });

  test('a parent cycle is broken at one span and reported, and every span is still drawn once', () => {
    // 1 → 2 → 3 → 1, and 4 hangs under 3.
    const spans = [span(1, 3, 0, 10), span(2, 1, 1, 9), span(3, 2, 2, 8), span(4, 3, 3, 4)];
    const t = buildTraceTree(spans);
    assert.equal(t.problems.cycle.length, 1);
    assert.equal(t.roots.length, 1);
    assert.equal(t.preorder.length, 4);
    assert.deepEqual([...new Set(t.preorder)].sort(), [0, 1, 2, 3]);
    const self = [span(7, 7, 0, 1)];
    assert.deepEqual(buildTraceTree(self).problems.cycle, [0], 'a span that is its own parent');
  });

  test('a 30,000-deep parent chain builds without recursion', () => {
    const n = 30_000;
    const spans = Array.from({ length: n }, (_, i) => span(i + 1, i === 0 ? null : i, i, 2 * n - i));
    const t = buildTraceTree(spans.reverse());
    assert.equal(t.roots.length, 1);
    assert.equal(Math.max(...t.depth), n - 1);
    assert.equal(t.subtreeSize[t.roots[0]!], n);
    assert.equal(criticalPath(t).reduce((a, b) => a + b, 0), n);
    assert.equal(visibleRows(t, new Set([t.roots[0]!])).length, 1);
  });

  test('duplicate span ids keep the first', () => {
    const spans = [span(1, null, 0, 10), span(1, null, 5, 6)];
    assert.deepEqual(buildTraceTree(spans).problems.duplicateId, [1]);
  });
});

describe('self time', () => {
  test('subtracts the union of children, clipped to the span', () => {
    // Parent 0..100; children 10..40 and 30..50 overlap (union 10..50), one runs past the end 90..120.
    const spans = [span(1, null, 0, 100), span(2, 1, 10, 40), span(3, 1, 30, 50), span(4, 1, 90, 120)];
    const self = selfTimes(buildTraceTree(spans));
    assert.equal(self[0], 100 - 40 - 10);
    assert.equal(self[1], 30);
    assert.equal(self[3], 30);
  });

  test('a child exactly as long as its parent leaves zero self time', () => {
    const self = selfTimes(buildTraceTree([span(1, null, 0, 10), span(2, 1, 0, 10)]));
    assert.equal(self[0], 0);
  });
});

describe('critical path', () => {
  test('follows the last-finishing child, then what finished before it started', () => {
    // root 0..100: a 0..30, b 10..60 (parallel with a, ends later), c 60..95; c has d 62..90.
    const spans = [span(1, null, 0, 100, 'root'), span(2, 1, 0, 30, 'a'), span(3, 1, 10, 60, 'b'), span(4, 1, 60, 95, 'c'), span(5, 4, 62, 90, 'd')];
    const on = criticalPath(buildTraceTree(spans));
    assert.deepEqual(names(spans, [...on.keys()].filter((i) => on[i])), ['root', 'b', 'c', 'd']);
  });

  test('a child that ends exactly when the next one starts is on the path', () => {
    const spans = [span(1, null, 0, 20, 'root'), span(2, 1, 0, 10, 'first'), span(3, 1, 10, 20, 'second')];
    const on = criticalPath(buildTraceTree(spans));
    assert.deepEqual([...on], [1, 1, 1]);
  });
});

describe('visible rows', () => {
  test('collapsing skips exactly the subtree', () => {
    const spans = [span(1, null, 0, 100), span(2, 1, 1, 50), span(3, 2, 2, 10), span(4, 1, 60, 70)];
    const t = buildTraceTree(spans);
    assert.deepEqual(names(spans, visibleRows(t, new Set())), ['s1', 's2', 's3', 's4']);
    assert.deepEqual(names(spans, visibleRows(t, new Set([1]))), ['s1', 's2', 's4']);
    assert.deepEqual(names(spans, visibleRows(t, new Set([0]))), ['s1']);
  });
});
