import type { LabSpan } from './model.ts';

/** The attribute a lab sets on each span its sampler decided. */
export const DECISION_ATTRIBUTE = 'sampler.decision';

export interface DecisionCounts {
  kept: number;
  dropped: number;
  /** kept / (kept + dropped), or null before any decision. */
  observedRatio: number | null;
}

/**
 * Counts sampler decisions: one per decided span (the request spans; their children follow the
 * trace's decision and are not counted again). With `sinceMs`, only spans that started then or later.
 */
export function countDecisions(spans: Iterable<LabSpan>, sinceMs = -Infinity): DecisionCounts {
  let kept = 0;
  let dropped = 0;
  for (const s of spans) {
    if (!(DECISION_ATTRIBUTE in s.attributes) || s.startMs < sinceMs) continue;
    if (s.dropped) dropped++;
    else kept++;
  }
  const total = kept + dropped;
  return { kept, dropped, observedRatio: total ? kept / total : null };
}

/**
 * What the viewer counted so far, handed to a lab's panel so it can derive figures from it. Counts
 * are kept apart from stored spans: they stay exact when old spans are let go.
 */
export interface ViewerCounts {
  /** Decided spans kept and dropped, over the whole run. */
  kept: number;
  dropped: number;
  /** kept / (kept + dropped) over the whole run, or null before any decision. */
  observedRatio: number | null;
  /** The same over the decisions of the last few seconds (the viewer's window), or null. */
  recentRatio: number | null;
  /** The window recentRatio covers, in milliseconds. */
  recentWindowMs: number;
  /** Every span received, stored or since let go. */
  spans: number;
  /** Spans let go to stay within memory. */
  evicted: number;
}
