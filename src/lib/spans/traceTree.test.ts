import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LabSpan } from './model.ts';
import { buildTraceTree, criticalPath, selfTimes, visibleRows, type TraceTree } from './traceTree.ts';

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

/**
 * The critical path as it was computed before it became linear: each child list sorted by end,
 * latest first (a stable sort, so ties stay in start order). Kept as the reference the linear
 * version must agree with.
 */
function criticalPathBySorting(tree: TraceTree): Uint8Array {
  const { spans, children, roots } = tree;
  const on = new Uint8Array(spans.length);
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop()!;
    on[i] = 1;
    const kids = children[i]!;
    if (kids.length === 0) continue;
    const byEnd = kids.length === 1 ? kids : [...kids].sort((a, b) => spans[b]!.endMs - spans[a]!.endMs);
    let cursor = Infinity;
    for (const c of byEnd) {
      if (spans[c]!.endMs <= cursor) {
        stack.push(c);
        cursor = spans[c]!.startMs;
      }
    }
  }
  return on;
}

const onPath = (on: Uint8Array) => [...on.keys()].filter((i) => on[i]);

/**
 * Spans whose times and parents are drawn from small pools, so that ties, zero durations, children
 * that start before or end after their parent, parents that are missing, repeated ids and parent
 * cycles all come up often. Times sit near today's epoch (where the high bytes of every end agree),
 * near zero, below zero (with -0), or at one fixed instant.
 */
const arbitrarySpans = (parents: fc.Arbitrary<number>, minLength: number, maxLength: number) => fc
  .record({
    base: fc.constantFrom(0, 1_764_547_200_000, -5, 1e15),
    scale: fc.constantFrom(1, 0.001, 1e-7, 1_000),
    raw: fc.array(
      fc.record({
        id: fc.integer({ min: 1, max: 48 }),
        parent: fc.option(parents, { freq: 6 }),
        start: fc.integer({ min: -3, max: 12 }),
        length: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -2, max: 40 }), fc.constant(0)),
        negativeZero: fc.boolean(),
      }),
      { minLength, maxLength },
    ),
  })
  .map(({ base, scale, raw }) =>
    raw.map((r, n) => {
      const startMs = base + r.start * scale;
      const endMs = base + (r.start + r.length) * scale;
      // Ids past 48 are unique, so that long child lists (which take the radix sort) come up.
      return span(maxLength > 60 ? 100 + n : r.id, r.parent, startMs, endMs === 0 && r.negativeZero ? -0 : endMs);
    }),
  );

describe('critical path', () => {
  test('follows the last-finishing child, then what finished before it started', () => {
    // root 0..100: a 0..30, b 10..60 (parallel with a, ends later), c 60..95; c has d 62..90.
    const spans = [span(1, null, 0, 100, 'root'), span(2, 1, 0, 30, 'a'), span(3, 1, 10, 60, 'b'), span(4, 1, 60, 95, 'c'), span(5, 4, 62, 90, 'd')];
    const on = criticalPath(buildTraceTree(spans));
    assert.deepEqual(names(spans, onPath(on)), ['root', 'b', 'c', 'd']);
  });

  test('a child that ends exactly when the next one starts is on the path', () => {
    const spans = [span(1, null, 0, 20, 'root'), span(2, 1, 0, 10, 'first'), span(3, 1, 10, 20, 'second')];
    const on = criticalPath(buildTraceTree(spans));
    assert.deepEqual([...on], [1, 1, 1]);
  });

  test('of children that end together, the one that started first is taken, then what ended by its start', () => {
    // a and b both end at 50; a started first (though it arrived second), so a is on the path and
    // b, which ended after a began, is not. c ends exactly as a starts, and the zero-length d at
    // c's start: both on the path.
    const spans = [span(1, null, 0, 60, 'root'), span(3, 1, 20, 50, 'b'), span(2, 1, 10, 50, 'a'), span(4, 1, 4, 10, 'c'), span(5, 1, 4, 4, 'd')];
    const on = criticalPath(buildTraceTree(spans));
    assert.deepEqual(names(spans, onPath(on)).sort(), ['a', 'c', 'd', 'root']);
  });

  test('ends that differ only in the last bit of a double at today\'s epoch are told apart', () => {
    const t = 1_764_547_200_000.5;
    const later = t + 2 ** -12; // the next representable step above t at this magnitude is 2^-12 ms
    assert.notEqual(later, t);
    // x ends a hair after y; y started after x, so only x is on the path.
    const spans = [span(1, null, t - 10, later, 'root'), span(2, 1, t - 5, t, 'y'), span(3, 1, t - 8, later, 'x')];
    assert.deepEqual(names(spans, onPath(criticalPath(buildTraceTree(spans)))).sort(), ['root', 'x']);
  });

  test('an end of -0 ties with an end of 0, so start order decides between them', () => {
    // a (-2..-0) started before b (-1..0): a is taken, and b, which ends after a began, is not.
    const spans = [span(1, null, -3, 1, 'root'), span(3, 1, -1, 0, 'b'), span(2, 1, -2, -0, 'a')];
    assert.deepEqual(names(spans, onPath(criticalPath(buildTraceTree(spans)))).sort(), ['a', 'root']);
  });

  test('past 16 children (the radix sort): negative ends, -0 against 0, and ties keep their order', () => {
    // Twenty short children long before everything else push the root's list past 16.
    const fillers = Array.from({ length: 20 }, (_, i) => span(100 + i, 1, -1000 - i, -1000 - i, `filler ${i}`));
    const negative = [
      span(1, null, -20, 0, 'root'), span(2, 1, -5, -1, 'c1'), span(3, 1, -9, -6, 'c2'), span(4, 1, -12, -8, 'c3'), span(5, 1, -15, -10, 'c4'),
      ...fillers,
    ];
    let on = criticalPath(buildTraceTree(negative));
    assert.deepEqual(names(negative, onPath(on)).filter((n) => !n.startsWith('filler')).sort(), ['c1', 'c2', 'c4', 'root']);
    assert.deepEqual([...on], [...criticalPathBySorting(buildTraceTree(negative))]);
    const zeros = [span(1, null, -3, 1, 'root'), span(3, 1, -1, 0, 'b'), span(2, 1, -2, -0, 'a'), ...fillers];
    on = criticalPath(buildTraceTree(zeros));
    assert.deepEqual(names(zeros, onPath(on)).filter((n) => !n.startsWith('filler')).sort(), ['a', 'root']);
    assert.deepEqual([...on], [...criticalPathBySorting(buildTraceTree(zeros))]);
  });

  test('agrees with the sorting version on random traces: ties, clock skew, zero lengths, missing parents, cycles', () => {
    fc.assert(
      fc.property(arbitrarySpans(fc.integer({ min: 1, max: 52 }), 1, 60), (spans) => {
        const tree = buildTraceTree(spans);
        assert.deepEqual([...criticalPath(tree)], [...criticalPathBySorting(tree)]);
      }),
      { numRuns: 3_000 },
    );
  });

  test('agrees with the sorting version where one or two parents hold long child lists (the radix sort)', () => {
    fc.assert(
      fc.property(arbitrarySpans(fc.constantFrom(100, 101, 102, 7), 20, 200), (spans) => {
        const tree = buildTraceTree(spans);
        assert.deepEqual([...criticalPath(tree)], [...criticalPathBySorting(tree)]);
      }),
      { numRuns: 1_000 },
    );
  });

  test('agrees with the sorting version on large fan-outs and deep chains', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 3_000 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 50 }), (n, seed, fanout) => {
        let x = seed;
        const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
        const spans = Array.from({ length: n }, (_, i) => {
          const parent = i === 0 ? null : Math.max(1, i - Math.floor(rnd() * fanout));
          const start = 1_764_547_200_000 + Math.floor(rnd() * 500) / 8;
          return span(i + 1, parent, start, start + Math.floor(rnd() * 200) / 8);
        });
        const tree = buildTraceTree(spans);
        assert.deepEqual([...criticalPath(tree)], [...criticalPathBySorting(tree)]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('critical path in linear time', () => {
  /**
   * The spans with every read of a start or end time counted: what the function learns of its
   * input. A comparison sort reads two end times per comparison, about 2 n log2 n for a fan-out.
   */
  function counted(spans: LabSpan[]): { spans: LabSpan[]; reads: () => number } {
    let reads = 0;
    const wrapped = spans.map((s) => new Proxy(s, {
      get(target, key, receiver) {
        if (key === 'startMs' || key === 'endMs') reads++;
        return Reflect.get(target, key, receiver);
      },
    }));
    return { spans: wrapped, reads: () => reads };
  }
  /** One root and n children with distinct, shuffled end times: the worst case for sorting. */
  function fanOut(n: number): LabSpan[] {
    let x = 12345;
    const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
    const spans = [span(0, null, 0, 1e6, 'root')];
    for (let i = 1; i <= n; i++) {
      const start = rnd() * 1e5;
      spans.push(span(i, 0, start, start + rnd() * 1e5));
    }
    return spans;
  }
  const readsOf = (fn: (t: TraceTree) => Uint8Array, spans: LabSpan[]) => {
    const c = counted(spans);
    const tree = buildTraceTree(c.spans);
    const before = c.reads();
    fn(tree);
    return c.reads() - before;
  };

  test('reads each span\'s times a bounded number of times, whatever the size of the fan-out', () => {
    for (const n of [1_000, 4_000, 16_000]) {
      const reads = readsOf(criticalPath, fanOut(n));
      // Each of the n + 1 spans' start and end, once.
      assert.ok(reads <= 2 * (n + 1), `${reads} reads for ${n} children`);
    }
    // The same measure tells the sorting version apart, so the bound above could fail.
    const sorting = readsOf(criticalPathBySorting, fanOut(16_000));
    assert.ok(sorting > 10 * 16_000, `the sorting version read ${sorting} times`);
  });

  test('time grows with n, not n squared: 4n spans take well under 16 times as long as n', () => {
    // A ratio in one process with a generous bound, never an absolute time. CPU time, not wall
    // time: on a loaded machine a long run waits for a core more often than a short one. n and 4n
    // are measured in turn, so what changes meanwhile falls on both, and the least of each is kept.
    // A linear version gives about 4 (a little more where 4n no longer fits a cache); a quadratic
    // one 16.
    const small = buildTraceTree(fanOut(20_000));
    const large = buildTraceTree(fanOut(80_000));
    const cpu = (tree: TraceTree, times: number) => {
      const t0 = process.cpuUsage();
      for (let r = 0; r < times; r++) criticalPath(tree);
      const t = process.cpuUsage(t0);
      return t.user + t.system;
    };
    let bestSmall = Infinity;
    let bestLarge = Infinity;
    for (let r = 0; r < 7; r++) {
      bestSmall = Math.min(bestSmall, cpu(small, 4));
      bestLarge = Math.min(bestLarge, cpu(large, 1) * 4);
    }
    assert.ok(bestLarge / bestSmall < 10, `n: ${bestSmall / 4} µs, 4n: ${bestLarge / 4} µs of CPU`);
  });

  test('a 30,000-deep chain whose every span ends after its parent is all on the path', () => {
    const n = 30_000;
    // Clock skew: each child starts before and ends after its parent.
    const spans = Array.from({ length: n }, (_, i) => span(i + 1, i === 0 ? null : i, -i, i));
    const on = criticalPath(buildTraceTree(spans));
    assert.equal(on.reduce((a, b) => a + b, 0), n);
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
