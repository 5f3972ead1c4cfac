// One trace as a tree of array indexes, built without recursion: the depth of a parent chain and
// the shape of imported data are the input's to choose, so nothing here recurses over it. Missing
// parents and parent cycles are detected, reported, and turned into roots; they are never fatal.
import type { LabSpan } from './model.ts';

export interface TraceProblems {
  /** Spans whose parent id names no span in the trace (a remote parent, or one let go). */
  missingParent: number[];
  /** Spans whose parent chain led back to themselves; each is made a root to break the cycle. */
  cycle: number[];
  /** Spans whose id repeats an earlier span's; the first one keeps the id. */
  duplicateId: number[];
}

export interface TraceTree {
  spans: readonly LabSpan[];
  /** Parent index, or -1 for a root. */
  parent: Int32Array;
  /** Child indexes, in start order. */
  children: number[][];
  /** Root indexes, in start order. */
  roots: number[];
  /** Depth first, children in start order: the order rows are drawn in. */
  preorder: Int32Array;
  /** Position of each span in preorder. */
  position: Int32Array;
  /** Number of spans in each span's subtree, itself included. */
  subtreeSize: Int32Array;
  depth: Int32Array;
  startMs: number;
  endMs: number;
  problems: TraceProblems;
}

/** Index of the low 32-bit word of a double in a Uint32Array over it: 0 on little-endian machines. */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0]! ? 0 : 1;

const byStart = (spans: readonly LabSpan[]) => (a: number, b: number) => spans[a]!.startMs - spans[b]!.startMs || a - b;

export function buildTraceTree(spans: readonly LabSpan[]): TraceTree {
  const n = spans.length;
  const index = new Map<string, number>();
  const problems: TraceProblems = { missingParent: [], cycle: [], duplicateId: [] };
  for (let i = 0; i < n; i++) {
    const id = spans[i]!.spanId;
    if (index.has(id)) problems.duplicateId.push(i);
    else index.set(id, i);
  }
  const parent = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const p = spans[i]!.parentSpanId;
    if (!p) continue;
    const j = index.get(p);
    if (j === undefined) problems.missingParent.push(i);
    else if (j === i) problems.cycle.push(i);
    else parent[i] = j;
  }
  // Cycles: follow each chain upwards, marking the walk; meeting a span of the same walk closes a
  // cycle, which is broken at that span. Every span is walked once: O(n).
  const walk = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let j = i;
    while (j !== -1 && walk[j] === -1) {
      walk[j] = i;
      const p = parent[j]!;
      if (p !== -1 && walk[p] === i) {
        parent[j] = -1;
        problems.cycle.push(j);
        break;
      }
      j = p;
    }
  }
  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p === -1) roots.push(i);
    else children[p]!.push(i);
  }
  const cmp = byStart(spans);
  roots.sort(cmp);
  for (const c of children) if (c.length > 1) c.sort(cmp);

  const preorder = new Int32Array(n);
  const position = new Int32Array(n);
  const depth = new Int32Array(n);
  let k = 0;
  const stack: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]!);
  while (stack.length) {
    const i = stack.pop()!;
    position[i] = k;
    preorder[k++] = i;
    const c = children[i]!;
    for (let m = c.length - 1; m >= 0; m--) {
      depth[c[m]!] = depth[i]! + 1;
      stack.push(c[m]!);
    }
  }
  const subtreeSize = new Int32Array(n).fill(1);
  for (let m = n - 1; m >= 0; m--) {
    const i = preorder[m]!;
    if (parent[i]! !== -1) subtreeSize[parent[i]!]! += subtreeSize[i]!;
  }
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const s of spans) {
    if (s.startMs < startMs) startMs = s.startMs;
    if (s.endMs > endMs) endMs = s.endMs;
  }
  return { spans, parent, children, roots, preorder, position, subtreeSize, depth, startMs, endMs, problems };
}

/**
 * Each span's self time: its duration minus the time covered by at least one of its children,
 * children clipped to the span. Children are in start order, so one sweep per span: O(n) overall.
 */
export function selfTimes(tree: TraceTree): Float64Array {
  const { spans, children } = tree;
  const out = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    let covered = 0;
    let reach = s.startMs;
    for (const c of children[i]!) {
      const from = Math.max(spans[c]!.startMs, reach);
      const to = Math.min(spans[c]!.endMs, s.endMs);
      if (to > from) {
        covered += to - from;
        reach = to;
      }
    }
    out[i] = Math.max(0, s.endMs - s.startMs - covered);
  }
  return out;
}

/** Child lists up to this long are ordered by insertion (at most SMALL² / 2 steps, so O(k)). */
const SMALL = 16;

/**
 * The critical path: the spans the end of each root waits on. From a span's end, the child that
 * finishes last is on the path; then, working backwards, the latest-finishing child that ended
 * no later than the previous one started, and so on. Of children that end together, the one that
 * started first (then the one that came first in the trace) is taken.
 *
 * Linear in the number of spans, and only the children of spans on the path are looked at. Each
 * such span's k children (in start order) are put in order of end time, latest first, by a
 * stable sort with no comparison of more than SMALL items:
 * - k ≤ SMALL: insertion sort, at most k·SMALL/2 steps;
 * - k > SMALL: an LSD radix sort on the 64 bits of each end time (a double mapped to an unsigned
 *   key in the numbers' order), at most eight passes of one byte, a pass skipped when every key
 *   has the same byte there (the high bytes of one trace's epoch times usually agree):
 *   8 (k + 256) < 8 · 17 k steps.
 * Then one backward walk over the ordered list. Every span is a child of at most one path span,
 * so the whole is O(n); no recursion, and buffers are reused from list to list. Before, each
 * list was sorted with Array.prototype.sort, O(n log n) at worst: a trace of 100,000 children
 * under one parent.
 */
export function criticalPath(tree: TraceTree): Uint8Array {
  const { spans, children, roots } = tree;
  const on = new Uint8Array(spans.length);
  let ends = new Float64Array(SMALL);
  let order = new Int32Array(SMALL);
  let spare = new Int32Array(SMALL);
  let keys = new Uint32Array(2 * SMALL);
  const count = new Int32Array(256);
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop()!;
    on[i] = 1;
    const kids = children[i]!;
    const k = kids.length;
    if (k === 0) continue;
    if (k > ends.length) {
      ends = new Float64Array(k);
      order = new Int32Array(k);
      spare = new Int32Array(k);
      keys = new Uint32Array(2 * k);
    }
    for (let j = 0; j < k; j++) {
      // + 0 turns -0 into 0: the two compare equal and must get one key.
      ends[j] = spans[kids[j]!]!.endMs + 0;
      order[j] = j;
    }
    if (k <= SMALL) {
      // Stable: an item moves only past ones that end strictly earlier.
      for (let j = 1; j < k; j++) {
        const v = order[j]!;
        let q = j - 1;
        while (q >= 0 && ends[order[q]!]! < ends[v]!) {
          order[q + 1] = order[q]!;
          q--;
        }
        order[q + 1] = v;
      }
    } else {
      // Each end as two unsigned words (low, high), ordered so that a later end is a smaller key.
      const words = new Uint32Array(ends.buffer, 0, 2 * k);
      for (let j = 0; j < 2 * k; j += 2) {
        const l = words[j + LOW]!;
        const h = words[j + 1 - LOW]!;
        // A negative double's bits already fall as it falls; a positive one's rise, so flip them.
        keys[j] = h >>> 31 ? l : ~l;
        keys[j + 1] = h >>> 31 ? h : h ^ 0x7fffffff;
      }
      for (let pass = 0; pass < 8; pass++) {
        const word = pass >> 2;
        const shift = (pass & 3) * 8;
        count.fill(0);
        for (let j = 0; j < k; j++) count[(keys[2 * j + word]! >>> shift) & 255]!++;
        if (count[(keys[word]! >>> shift) & 255] === k) continue;
        for (let b = 0, sum = 0; b < 256; b++) {
          const c = count[b]!;
          count[b] = sum;
          sum += c;
        }
        for (let j = 0; j < k; j++) {
          const e = order[j]!;
          spare[count[(keys[2 * e + word]! >>> shift) & 255]!++] = e;
        }
        [order, spare] = [spare, order];
      }
    }
    let cursor = Infinity;
    for (let j = 0; j < k; j++) {
      const e = order[j]!;
      if (ends[e]! <= cursor) {
        const c = kids[e]!;
        stack.push(c);
        cursor = spans[c]!.startMs;
      }
    }
  }
  return on;
}

/** The rows to draw with some spans collapsed: preorder, skipping collapsed subtrees. O(rows). */
export function visibleRows(tree: TraceTree, collapsed: ReadonlySet<number>): number[] {
  const rows: number[] = [];
  const { preorder, subtreeSize } = tree;
  for (let k = 0; k < preorder.length; ) {
    const i = preorder[k]!;
    rows.push(i);
    k += collapsed.has(i) ? subtreeSize[i]! : 1;
  }
  return rows;
}
