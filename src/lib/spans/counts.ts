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
