import type { LabSpan } from './model.ts';
import { STATUS_CODE } from './model.ts';

export type DecisionFilter = 'all' | 'kept' | 'dropped';
export type StatusFilter = 'all' | '2xx' | '4xx' | '5xx' | 'error';

export interface SpanFilter {
  decision: DecisionFilter;
  /** An `http.route` value, or '' for every route. */
  route: string;
  status: StatusFilter;
}

export const NO_FILTER: SpanFilter = { decision: 'all', route: '', status: 'all' };

function statusClass(span: LabSpan): string | null {
  const code = span.attributes['http.response.status_code'];
  return typeof code === 'number' ? `${Math.floor(code / 100)}xx` : null;
}

/** Whether one span passes the filter on its own attributes. */
export function matches(span: LabSpan, f: SpanFilter): boolean {
  if (f.decision === 'kept' && span.dropped) return false;
  if (f.decision === 'dropped' && !span.dropped) return false;
  if (f.route && span.attributes['http.route'] !== f.route) return false;
  if (f.status === 'error') return span.status.code === STATUS_CODE.error;
  if (f.status !== 'all') return statusClass(span) === f.status;
  return true;
}

/**
 * Filters whole traces: a trace is shown when one of its spans matches, so a matching request
 * keeps its child spans. Spans that no filter can speak to (the run itself) stay when the filter
 * is empty only.
 */
export function filterTraces(spans: readonly LabSpan[], f: SpanFilter): LabSpan[] {
  if (f.decision === 'all' && !f.route && f.status === 'all') return [...spans];
  const traces = new Set(spans.filter((s) => matches(s, f)).map((s) => s.traceId));
  return spans.filter((s) => traces.has(s.traceId));
}

/** The distinct `http.route` values, sorted. */
export function routesOf(spans: readonly LabSpan[]): string[] {
  const routes = new Set<string>();
  for (const s of spans) {
    const r = s.attributes['http.route'];
    if (typeof r === 'string') routes.add(r);
  }
  return [...routes].sort();
}
