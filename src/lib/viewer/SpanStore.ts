// The viewer's store: spans indexed by trace as they arrive, with counts kept apart from the
// stored spans. Views read it and draw only what is visible; nothing here touches the DOM, so it is
// unit-tested in Node. Appending is O(batch); eviction lets go of whole old traces in chunks.
import { DECISION_ATTRIBUTE, type ViewerCounts } from '../spans/counts.ts';
import type { LabSpan } from '../spans/model.ts';
import type { TraceIOSource } from './io/TraceIOPanel.ts';

/** Spans held in memory; past it the oldest whole traces are let go. */
export const SPAN_LIMIT = 60_000;
/** Eviction frees down to this share of the limit, so it runs rarely and in chunks. */
const EVICT_TO = 0.85;
/** The window of the live observed ratio. */
export const RATIO_WINDOW_MS = 2_000;
/** Time spent indexing per task while loading an imported set; then the page gets a turn. */
export const LOAD_SLICE_MS = 8;

export type TraceDecision = 'kept' | 'dropped';

export interface TraceEntry {
  traceId: string;
  /** Arrival order, unique within the store. */
  seq: number;
  spans: LabSpan[];
  root: LabSpan;
  startMs: number;
  endMs: number;
  decision: TraceDecision;
  error: boolean;
  /** Bumped on every change, so views can cache per-trace work. */
  version: number;
}

export interface StoreChange {
  /** The store was emptied or replaced: views start over. */
  reset: boolean;
  /** New traces, in arrival order. */
  added: TraceEntry[];
  /** Traces that gained spans. */
  grown: Set<TraceEntry>;
  /** Traces let go, oldest first. */
  evicted: TraceEntry[];
}

export type StoreListener = (change: StoreChange) => void;

const isRootOf = (s: LabSpan, current: LabSpan) =>
  (!s.parentSpanId && (current.parentSpanId !== undefined || s.startMs < current.startMs));

export class SpanStore implements TraceIOSource {
  readonly limit: number;
  #traces = new Map<string, TraceEntry>();
  /**
   * Traces in arrival order from #head on; the front is dropped by moving #head, not by splice,
   * and each slot let go is cleared at once, so an evicted trace is not held until the next compaction.
   */
  #order: (TraceEntry | undefined)[] = [];
  #head = 0;
  #seq = 0;
  #stored = 0;
  #received = 0;
  #kept = 0;
  #dropped = 0;
  #evictedSpans = 0;
  #evictedUntilMs: number | null = null;
  /** Decisions by start time for the windowed ratio: a queue read from #recentHead. */
  #recentTimes: number[] = [];
  #recentKept: number[] = [];
  #recentHead = 0;
  #recentKeptSum = 0;
  #latestStart = -Infinity;
  #label = 'No run yet.';
  #listeners = new Set<StoreListener>();
  #pending: StoreChange = { reset: false, added: [], grown: new Set(), evicted: [] };
  #loadToken = 0;
  /** Traces with seq at or past this were added since the last notification. */
  #firstNewSeq = 0;

  constructor(limit = SPAN_LIMIT) {
    this.limit = limit;
  }

  get label(): string {
    return this.#label;
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Empties the store for a new run or an import. */
  reset(label: string): void {
    this.#loadToken++;
    this.#traces.clear();
    this.#order = [];
    this.#head = 0;
    this.#stored = this.#received = this.#kept = this.#dropped = this.#evictedSpans = 0;
    this.#evictedUntilMs = null;
    this.#recentTimes = [];
    this.#recentKept = [];
    this.#recentHead = this.#recentKeptSum = 0;
    this.#latestStart = -Infinity;
    this.#label = label;
    this.#pending = { reset: true, added: [], grown: new Set(), evicted: [] };
    this.#notify();
  }

  add(spans: readonly LabSpan[]): void {
    for (const s of spans) this.#index(s);
    if (this.#stored > this.limit) this.#evict();
    this.#notify();
  }

  #index(s: LabSpan): void {
    this.#received++;
    this.#stored++;
    let t = this.#traces.get(s.traceId);
    if (!t) {
      t = { traceId: s.traceId, seq: this.#seq++, spans: [s], root: s, startMs: s.startMs, endMs: s.endMs, decision: s.dropped ? 'dropped' : 'kept', error: s.status.code === 2, version: 0 };
      this.#traces.set(s.traceId, t);
      this.#order.push(t);
      this.#pending.added.push(t);
    } else {
      t.spans.push(s);
      if (isRootOf(s, t.root)) t.root = s;
      if (s.startMs < t.startMs) t.startMs = s.startMs;
      if (s.endMs > t.endMs) t.endMs = s.endMs;
      if (!s.dropped) t.decision = 'kept';
      if (s.status.code === 2) t.error = true;
      t.version++;
      if (t.seq < this.#firstNewSeq) this.#pending.grown.add(t);
    }
    if (DECISION_ATTRIBUTE in s.attributes) {
      if (s.dropped) this.#dropped++;
      else this.#kept++;
      this.#recentTimes.push(s.startMs);
      this.#recentKept.push(s.dropped ? 0 : 1);
      if (!s.dropped) this.#recentKeptSum++;
      if (s.startMs > this.#latestStart) this.#latestStart = s.startMs;
    }
  }

  /** Lets go of the oldest whole traces until the store is back under EVICT_TO of its limit. */
  #evict(): void {
    const target = Math.floor(this.limit * EVICT_TO);
    while (this.#stored > target && this.#head < this.#order.length) {
      const t = this.#order[this.#head]!;
      this.#order[this.#head++] = undefined;
      this.#traces.delete(t.traceId);
      this.#stored -= t.spans.length;
      this.#evictedSpans += t.spans.length;
      this.#evictedUntilMs = Math.max(this.#evictedUntilMs ?? -Infinity, t.endMs);
      this.#pending.evicted.push(t);
    }
    // Compact once the dead front is larger than the live part: amortised O(1) per trace.
    if (this.#head > this.#order.length / 2) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }

  #notify(): void {
    const change = this.#pending;
    this.#pending = { reset: false, added: [], grown: new Set(), evicted: [] };
    this.#firstNewSeq = this.#seq;
    if (!change.reset && !change.added.length && !change.grown.size && !change.evicted.length) return;
    for (const l of this.#listeners) l(change);
  }

  /** Traces held, oldest first. */
  traces(): TraceEntry[] {
    return this.#order.slice(this.#head) as TraceEntry[];
  }

  get traceCount(): number {
    return this.#order.length - this.#head;
  }

  trace(traceId: string): TraceEntry | undefined {
    return this.#traces.get(traceId);
  }

  counts(): ViewerCounts {
    // Slide the window's front past decisions older than RATIO_WINDOW_MS before the latest.
    const since = this.#latestStart - RATIO_WINDOW_MS;
    while (this.#recentHead < this.#recentTimes.length && this.#recentTimes[this.#recentHead]! < since) {
      this.#recentKeptSum -= this.#recentKept[this.#recentHead]!;
      this.#recentHead++;
    }
    if (this.#recentHead > 50_000 && this.#recentHead > this.#recentTimes.length / 2) {
      this.#recentTimes = this.#recentTimes.slice(this.#recentHead);
      this.#recentKept = this.#recentKept.slice(this.#recentHead);
      this.#recentHead = 0;
    }
    const recent = this.#recentTimes.length - this.#recentHead;
    const total = this.#kept + this.#dropped;
    return {
      kept: this.#kept,
      dropped: this.#dropped,
      observedRatio: total ? this.#kept / total : null,
      recentRatio: recent ? this.#recentKeptSum / recent : null,
      recentWindowMs: RATIO_WINDOW_MS,
      spans: this.#received,
      evicted: this.#evictedSpans,
    };
  }

  /** Every stored span, ghosts included, oldest trace first. */
  allSpans(): LabSpan[] {
    const out: LabSpan[] = [];
    for (let i = this.#head; i < this.#order.length; i++) for (const s of this.#order[i]!.spans) out.push(s);
    return out;
  }

  // TraceIOSource

  spans(): readonly LabSpan[] {
    const out: LabSpan[] = [];
    for (let i = this.#head; i < this.#order.length; i++) for (const s of this.#order[i]!.spans) if (!s.dropped) out.push(s);
    return out;
  }

  evicted(): { spans: number; untilMs: number | null } {
    return { spans: this.#evictedSpans, untilMs: this.#evictedUntilMs };
  }

  /**
   * Replaces the content with an imported set, indexing for LOAD_SLICE_MS at a time so the page
   * stays responsive however fast the machine is. A newer reset or load supersedes this one; its
   * remaining slices are dropped.
   */
  async load(spans: LabSpan[], label: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    this.reset(label);
    const token = this.#loadToken;
    let i = 0;
    while (i < spans.length) {
      if (token !== this.#loadToken) return;
      const until = performance.now() + LOAD_SLICE_MS;
      // Check the clock every 256 spans, not every span.
      do {
        const end = Math.min(i + 256, spans.length);
        for (; i < end; i++) this.#index(spans[i]!);
      } while (i < spans.length && performance.now() < until);
      if (this.#stored > this.limit) this.#evict();
      this.#notify();
      onProgress?.(i, spans.length);
      if (i < spans.length) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}
