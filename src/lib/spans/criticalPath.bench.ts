// The critical path against the sorting version it replaced, in the same process, as a ratio.
// Run: node --experimental-strip-types --disable-warning=ExperimentalWarning src/lib/spans/criticalPath.bench.ts
import type { LabSpan } from './model.ts';
import { buildTraceTree, criticalPath, type TraceTree } from './traceTree.ts';

/** The version before: each child list sorted by end (the baseline). */
function bySorting(tree: TraceTree): Uint8Array {
  const { spans, children, roots } = tree;
  const on = new Uint8Array(spans.length);
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop()!;
    on[i] = 1;
    const kids = children[i]!;
    const byEnd = kids.length < 2 ? kids : [...kids].sort((a, b) => spans[b]!.endMs - spans[a]!.endMs);
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

const id = (n: number) => n.toString(16).padStart(16, '0');
/** A trace of n spans under one root, each parent within `spread` of its child; times at today's epoch. */
function trace(n: number, spread: number): LabSpan[] {
  let x = 12345;
  const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, i) => {
    const startMs = 1_764_547_200_000 + rnd() * 1e4;
    return {
      traceId: 'ab'.repeat(16), spanId: id(i + 1), ...(i ? { parentSpanId: id(Math.max(1, i - Math.floor(rnd() * spread))) } : {}),
      name: `s${i}`, kind: 1, startMs, endMs: startMs + rnd() * 1e3, attributes: {}, events: [], links: [], status: { code: 0 }, dropped: false,
    };
  });
}

const cpuMs = (fn: () => void, times: number) => {
  const t0 = process.cpuUsage();
  for (let r = 0; r < times; r++) fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000 / times;
};

console.log('shape                       spans    linear ms  sorting ms  sorting ÷ linear');
for (const [label, spread] of [['one parent, n children', Infinity], ['parents 1-8 apart', 8]] as const) {
  for (const n of [1_000, 10_000, 100_000]) {
    const tree = buildTraceTree(trace(n, spread === Infinity ? n : spread));
    const times = n <= 1_000 ? 50 : n <= 10_000 ? 10 : 3;
    let linear = Infinity;
    let sorting = Infinity;
    // Turns alternate, so a change in the machine's load falls on both; the least of each is kept.
    for (let r = 0; r < 5; r++) {
      linear = Math.min(linear, cpuMs(() => criticalPath(tree), times));
      sorting = Math.min(sorting, cpuMs(() => bySorting(tree), times));
    }
    console.log(`${label.padEnd(26)} ${String(n).padStart(7)} ${linear.toFixed(2).padStart(11)} ${sorting.toFixed(2).padStart(11)} ${(sorting / linear).toFixed(1).padStart(17)}`);
  }
}
