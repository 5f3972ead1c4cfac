// Two runs of a lab side by side: spans matched by their place in the trace (the chain of names
// from the root) and their name; counts, p50/p95 durations and attribute values compared.
import type { LabSpan } from './model.ts';
import { buildTraceTree } from './traceTree.ts';

/** Attributes with more distinct values than this (ids, timestamps) are not compared by value. */
export const MAX_COMPARED_VALUES = 12;
/** A share of an attribute value that moves by more than this is highlighted. */
export const SHARE_DIFFERENCE = 0.05;
/** A p50 or p95 that changes by more than this factor is highlighted. */
export const DURATION_FACTOR = 1.25;

export interface PathStats {
  /** Names from the root down, joined by " › ". */
  path: string;
  name: string;
  depth: number;
  count: number;
  errors: number;
  durations: number[];
  /** key → value → count; keys dropped once they pass MAX_COMPARED_VALUES distinct values. */
  values: Map<string, Map<string, number>>;
}

export interface RunSummary {
  label: string;
  /** Exact decision counts (from the viewer's counters, not from the stored spans). */
  kept: number;
  dropped: number;
  traces: number;
  spans: number;
  evicted: number;
  paths: Map<string, PathStats>;
}

const SEP = ' › ';

/** Summarises a run's stored spans by path. Traces are grouped by id first; no recursion. */
export function summarizeRun(
  label: string,
  spans: readonly LabSpan[],
  counts: { kept: number; dropped: number; evicted: number },
): RunSummary {
  const traces = PathAccumulator.groupByTrace(spans);
  const acc = new PathAccumulator(traces.length);
  for (const list of traces) acc.add(list);
  return acc.summary(label, counts);
}

/**
 * The same summary, computed in slices of about `sliceMs` between which the caller's thread is
 * free: a run of 60,000 spans takes a few hundred milliseconds to summarise, too long for one task
 * on a page that must stay responsive when a run ends.
 */
export async function summarizeRunInSlices(
  label: string,
  traces: readonly { readonly spans: readonly LabSpan[] }[],
  counts: { kept: number; dropped: number; evicted: number },
  sliceMs = 8,
): Promise<RunSummary> {
  // Already grouped by trace (the viewer's store keeps them so): no pass over every span here.
  const acc = new PathAccumulator(traces.length);
  let sliceStart = performance.now();
  for (const trace of traces) {
    acc.add(trace.spans);
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
  return acc.summary(label, counts);
}

class PathAccumulator {
  readonly #traces: number;
  #spans = 0;
  readonly #paths = new Map<string, PathStats>();
  readonly #tooMany = new Set<string>();

  constructor(traces: number) {
    this.#traces = traces;
  }

  /** From spans in any order: grouped by trace id, traces in order of their first span. */
  static groupByTrace(spans: readonly LabSpan[]): LabSpan[][] {
    const byTrace = new Map<string, LabSpan[]>();
    for (const s of spans) {
      let list = byTrace.get(s.traceId);
      if (!list) byTrace.set(s.traceId, (list = []));
      list.push(s);
    }
    return [...byTrace.values()];
  }

  add(list: readonly LabSpan[]): void {
    this.#spans += list.length;
    const paths = this.#paths;
    const tooMany = this.#tooMany;
    const tree = buildTraceTree(list);
    const pathOf: string[] = new Array(list.length);
    for (const i of tree.preorder) {
      const s = list[i]!;
      const p = tree.parent[i]!;
      const path = p === -1 ? s.name : pathOf[p]! + SEP + s.name;
      pathOf[i] = path;
      let stats = paths.get(path);
      if (!stats) paths.set(path, (stats = { path, name: s.name, depth: tree.depth[i]!, count: 0, errors: 0, durations: [], values: new Map() }));
      stats.count++;
      if (s.status.code === 2) stats.errors++;
      stats.durations.push(s.endMs - s.startMs);
      for (const [k, v] of Object.entries(s.attributes)) {
        const key = `${path}\u0000${k}`;
        if (tooMany.has(key)) continue;
        let values = stats.values.get(k);
        if (!values) stats.values.set(k, (values = new Map()));
        const text = String(v);
        values.set(text, (values.get(text) ?? 0) + 1);
        if (values.size > MAX_COMPARED_VALUES) {
          tooMany.add(key);
          stats.values.delete(k);
        }
      }
    }
  }

  summary(label: string, counts: { kept: number; dropped: number; evicted: number }): RunSummary {
    return { label, kept: counts.kept, dropped: counts.dropped, evicted: counts.evicted, traces: this.#traces, spans: this.#spans, paths: this.#paths };
  }
}

/** The q-quantile (0..1) of a list by the nearest-rank method, or null for an empty list. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export interface ValueDifference {
  key: string;
  value: string;
  /** Share of this path's spans with the value, in each run. */
  shareA: number;
  shareB: number;
}

export interface ComparedPath {
  path: string;
  name: string;
  depth: number;
  countA: number;
  countB: number;
  p50A: number | null;
  p50B: number | null;
  p95A: number | null;
  p95B: number | null;
  errorsA: number;
  errorsB: number;
  /** True where a duration quantile moved by more than DURATION_FACTOR. */
  durationChanged: boolean;
  /** Present in one run only. */
  onlyIn: 'a' | 'b' | null;
  values: ValueDifference[];
}

const changed = (a: number | null, b: number | null) =>
  a !== null && b !== null && Math.max(a, b) > DURATION_FACTOR * Math.max(Math.min(a, b), 1e-9);

/** Matches paths between two runs and says what differs. Paths in start-of-tree order of run A, then B's own. */
export function compareRuns(a: RunSummary, b: RunSummary): ComparedPath[] {
  const keys = [...a.paths.keys(), ...[...b.paths.keys()].filter((k) => !a.paths.has(k))];
  keys.sort();
  return keys.map((path) => {
    const pa = a.paths.get(path);
    const pb = b.paths.get(path);
    const any = (pa ?? pb)!;
    const values: ValueDifference[] = [];
    if (pa && pb) {
      for (const [key, va] of pa.values) {
        const vb = pb.values.get(key);
        if (!vb) continue;
        for (const value of new Set([...va.keys(), ...vb.keys()])) {
          const shareA = (va.get(value) ?? 0) / pa.count;
          const shareB = (vb.get(value) ?? 0) / pb.count;
          // The epsilon keeps 0.55 - 0.5 (0.05000000000000004 in floating point) at the threshold.
          if (Math.abs(shareA - shareB) > SHARE_DIFFERENCE + 1e-12) values.push({ key, value, shareA, shareB });
        }
      }
      values.sort((x, y) => Math.abs(y.shareB - y.shareA) - Math.abs(x.shareB - x.shareA));
    }
    const p50A = pa ? quantile(pa.durations, 0.5) : null;
    const p50B = pb ? quantile(pb.durations, 0.5) : null;
    const p95A = pa ? quantile(pa.durations, 0.95) : null;
    const p95B = pb ? quantile(pb.durations, 0.95) : null;
    return {
      path,
      name: any.name,
      depth: any.depth,
      countA: pa?.count ?? 0,
      countB: pb?.count ?? 0,
      p50A, p50B, p95A, p95B,
      errorsA: pa?.errors ?? 0,
      errorsB: pb?.errors ?? 0,
      durationChanged: changed(p50A, p50B) || changed(p95A, p95B),
      onlyIn: pa && pb ? null : pa ? 'a' : 'b',
      values,
    };
  });
}
