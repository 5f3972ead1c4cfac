// Chrome's trace-event JSON (the "JSON Object Format" of the Trace Event Format document), which
// Perfetto UI and chrome://tracing open. One process per service, one thread per trace. A thread's
// complete ("X") events must nest like a call stack, but spans of one trace may overlap without
// nesting (two concurrent client calls), so a trace is split into as few lanes as keep each lane
// properly nested, and each lane is a thread.
import type { Attributes, LabSpan } from './model.ts';

export interface TraceEvent {
  name: string;
  ph: 'X' | 'i' | 'M';
  pid: number;
  tid: number;
  /** Whole microseconds since the earliest span of the export. */
  ts?: number;
  dur?: number;
  cat?: string;
  s?: 't';
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  metadata: Record<string, string | number>;
}

const KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

const serviceOf = (s: LabSpan, fallback: Attributes): string => String(s.resource?.['service.name'] ?? fallback['service.name'] ?? 'unknown_service');

/**
 * Whole microseconds since `origin`. An epoch time in milliseconds as a double is exact to about a
 * quarter microsecond, so finer digits would be noise; and rounding start and end (not the
 * duration) keeps a child inside its parent.
 */
const micros = (ms: number, origin: number) => Math.round((ms - origin) * 1e3);

/**
 * Converts recorded spans (ghosts are left out, as in every export). `resource` is the page's
 * resource, used for spans that carry none. `notes` go into the file's metadata, for example how
 * many spans were let go before the export.
 */
export function toChromeTrace(spans: readonly LabSpan[], resource: Attributes, notes: Record<string, string | number> = {}): ChromeTrace {
  const recorded = spans.filter((s) => !s.dropped);
  const origin = recorded.reduce((m, s) => Math.min(m, s.startMs), Infinity);
  const events: TraceEvent[] = [];
  const pids = new Map<string, number>();
  const tids = new Map<string, number>();
  // Longer spans first among equal starts, so a parent opens before the child that starts with it.
  const ordered = [...recorded].sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
  const lanes = new Map<string, { end: number }[][]>();
  for (const s of ordered) {
    const service = serviceOf(s, resource);
    let pid = pids.get(service);
    if (pid === undefined) {
      pid = pids.size + 1;
      pids.set(service, pid);
      events.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: service } });
    }
    const laneKey = `${pid}/${s.traceId}`;
    const traceLanes = lanes.get(laneKey) ?? [];
    lanes.set(laneKey, traceLanes);
    let lane = traceLanes.findIndex((open) => {
      while (open.length && open[open.length - 1]!.end <= s.startMs) open.pop();
      return open.length === 0 || open[open.length - 1]!.end >= s.endMs;
    });
    if (lane === -1) {
      lane = traceLanes.length;
      traceLanes.push([]);
    }
    traceLanes[lane]!.push({ end: s.endMs });
    const threadKey = `${laneKey}/${lane}`;
    let tid = tids.get(threadKey);
    if (tid === undefined) {
      tid = tids.size + 1;
      tids.set(threadKey, tid);
      events.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name: `trace ${s.traceId.slice(0, 8)}${lane ? ` (${lane + 1})` : ''}` } });
    }
    events.push({
      name: s.name,
      cat: KIND_NAMES[s.kind] ?? 'span',
      ph: 'X',
      pid,
      tid,
      ts: micros(s.startMs, origin),
      dur: micros(s.endMs, origin) - micros(s.startMs, origin),
      args: {
        traceId: s.traceId,
        spanId: s.spanId,
        ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
        status: ['unset', 'ok', 'error'][s.status.code] ?? s.status.code,
        ...(s.status.message ? { statusMessage: s.status.message } : {}),
        // JSON has no NaN or Infinity; numbers that cannot be written go as text.
        ...Object.fromEntries(Object.entries(s.attributes).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? String(v) : v])),
      },
    });
    for (const e of s.events) {
      events.push({ name: e.name, ph: 'i', s: 't', pid, tid, ts: micros(e.timeMs, origin), args: { ...e.attributes } });
    }
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    metadata: { 'source': 'Wasm Observability Labs', 'start-unix-ms': Number.isFinite(origin) ? origin : 0, ...notes },
  };
}
