// The trace list's rows, kept in step with the store: one row per kept trace, and runs of
// consecutive dropped traces folded into one row that can be opened. At a 1% ratio a learner sees
// the kept traces without scrolling past thousands of ghosts, and still sees where the drops were.
import type { LabSpan } from '../spans/model.ts';
import type { TraceEntry } from './SpanStore.ts';

export interface TraceFilter {
  decision: 'all' | 'kept' | 'dropped';
  /** An http.route, or '' for any. */
  route: string;
  status: 'all' | '2xx' | '4xx' | '5xx' | 'error';
  /** Lowercase text to find in a span's name, attribute keys or values; '' for none. */
  text: string;
  /** Trace start times to keep, from the run overview; null for all. */
  range: { fromMs: number; toMs: number } | null;
}

export const NO_TRACE_FILTER: TraceFilter = { decision: 'all', route: '', status: 'all', text: '', range: null };

/** True when the filter lets every trace through (compared by value: filters are copied as they change). */
export function filtersNothing(f: TraceFilter): boolean {
  return f.decision === 'all' && f.route === '' && f.status === 'all' && f.text === '' && f.range === null;
}

export interface GhostGroup {
  id: number;
  traces: TraceEntry[];
  expanded: boolean;
}

export type TraceRow =
  | { kind: 'trace'; trace: TraceEntry; group: GhostGroup | null }
  | { kind: 'group'; group: GhostGroup };

export function spanMatchesText(s: LabSpan, text: string): boolean {
  if (s.name.toLowerCase().includes(text)) return true;
  for (const k in s.attributes) {
    if (k.toLowerCase().includes(text) || String(s.attributes[k]).toLowerCase().includes(text)) return true;
  }
  return false;
}

export function traceMatches(t: TraceEntry, f: TraceFilter): boolean {
  if (f.decision !== 'all' && t.decision !== f.decision) return false;
  if (f.range && (t.startMs < f.range.fromMs || t.startMs > f.range.toMs)) return false;
  const root = t.root;
  if (f.route && root.attributes['http.route'] !== f.route) return false;
  if (f.status === 'error' && !t.error) return false;
  if (f.status !== 'all' && f.status !== 'error') {
    const code = root.attributes['http.response.status_code'];
    if (typeof code !== 'number' || `${Math.floor(code / 100)}xx` !== f.status) return false;
  }
  if (f.text && !t.spans.some((s) => spanMatchesText(s, f.text))) return false;
  return true;
}

/** Where rows moved when some at the front were taken out. */
export interface RowShift {
  /** How many rows were taken out. */
  removed: number;
  /** Where a row that was at `old` is now, or -1 when it was taken out. */
  indexOf(old: number): number;
  /** Where the row now in the place of `old` is: `old`'s own row, or the first one after it that is left. */
  landing(old: number): number;
}

export class TraceRowModel {
  rows: TraceRow[] = [];
  filter: TraceFilter = { ...NO_TRACE_FILTER };
  #open: GhostGroup | null = null;
  #groupIds = 0;

  /** Folding applies when both kinds are shown; a list of dropped traces only is not folded. */
  get #folding(): boolean {
    return this.filter.decision === 'all';
  }

  /** Adds new traces at the end. O(added). */
  append(traces: readonly TraceEntry[]): void {
    for (const t of traces) {
      if (!traceMatches(t, this.filter)) continue;
      if (t.decision === 'dropped' && this.#folding) {
        if (this.#open) {
          this.#open.traces.push(t);
          if (this.#open.expanded) this.rows.push({ kind: 'trace', trace: t, group: this.#open });
        } else {
          this.#open = { id: this.#groupIds++, traces: [t], expanded: false };
          this.rows.push({ kind: 'group', group: this.#open });
        }
      } else {
        this.#open = null;
        this.rows.push({ kind: 'trace', trace: t, group: null });
      }
    }
  }

  /**
   * Takes out the rows of evicted traces. The store lets go of its oldest traces first, and rows
   * are in arrival order, so only a run of rows at the front is touched (a group there loses its
   * oldest members and stays while any are left): O(evicted rows), not O(rows). Returns where the
   * rows that were there before are now.
   */
  dropFront(evicted: readonly TraceEntry[]): RowShift {
    const gone = new Set(evicted);
    const kept: number[] = [];
    let i = 0;
    for (; i < this.rows.length; i++) {
      const r = this.rows[i]!;
      if (r.kind === 'trace') {
        if (!gone.has(r.trace)) break;
        continue;
      }
      const g = r.group;
      let n = 0;
      while (n < g.traces.length && gone.has(g.traces[n]!)) n++;
      if (n === 0) break;
      g.traces.splice(0, n);
      if (g.traces.length) kept.push(i);
      else if (this.#open === g) this.#open = null;
    }
    const cut = i;
    const removed = cut - kept.length;
    if (removed) this.rows.splice(0, cut, ...kept.map((k) => this.rows[k]!));
    return {
      removed,
      indexOf: (old) => (old >= cut ? old - removed : kept.indexOf(old)),
      landing: (old) => {
        if (old >= cut) return old - removed;
        let before = 0;
        while (before < kept.length && kept[before]! < old) before++;
        return before;
      },
    };
  }

  /** Recomputes every row, keeping which groups were open (by their first trace). */
  rebuild(traces: readonly TraceEntry[]): void {
    const opened = new Set<number>();
    for (const r of this.rows) if (r.kind === 'group' && r.group.expanded) opened.add(r.group.traces[0]!.seq);
    this.rows = [];
    this.#open = null;
    this.append(traces);
    if (opened.size) {
      for (const r of [...this.rows]) if (r.kind === 'group' && r.group.traces.some((t) => opened.has(t.seq))) this.toggle(r.group, true);
    }
  }

  /** Opens or closes a group. Returns the index of its row. */
  toggle(group: GhostGroup, expanded = !group.expanded): number {
    const at = this.rows.findIndex((r) => r.kind === 'group' && r.group === group);
    if (at < 0 || group.expanded === expanded) return at;
    group.expanded = expanded;
    if (expanded) {
      const members: TraceRow[] = group.traces.map((trace) => ({ kind: 'trace', trace, group }));
      this.rows = [...this.rows.slice(0, at + 1), ...members, ...this.rows.slice(at + 1)];
    } else {
      let end = at + 1;
      while (end < this.rows.length && this.rows[end]!.kind === 'trace' && (this.rows[end] as { group: GhostGroup | null }).group === group) end++;
      this.rows = [...this.rows.slice(0, at + 1), ...this.rows.slice(end)];
    }
    return at;
  }

  /** The row showing a trace (its own row, or its closed group's), or -1. */
  indexOf(trace: TraceEntry): number {
    // Newest rows are the likeliest target while a run streams in.
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const r = this.rows[i]!;
      if (r.kind === 'trace' ? r.trace === trace : !r.group.expanded && r.group.traces.includes(trace)) return i;
    }
    return -1;
  }
}
