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
 * The events for recorded spans (ghosts are left out, as in every export), one span at a time so
 * a caller can yield to the page between them. `origin` is the ts zero, in epoch milliseconds.
 */
export function* chromeTraceEvents(spans: readonly LabSpan[], resource: Attributes, origin: number): Generator<TraceEvent> {
  const pids = new Map<string, number>();
  const tids = new Map<string, number>();
  // Longer spans first among equal starts, so a parent opens before the child that starts with it.
  const ordered = spans.filter((s) => !s.dropped).sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
  const lanes = new Map<string, { end: number }[][]>();
  for (const s of ordered) {
    const service = serviceOf(s, resource);
    let pid = pids.get(service);
    if (pid === undefined) {
      pid = pids.size + 1;
      pids.set(service, pid);
      yield { name: 'process_name', ph: 'M', pid, tid: 0, args: { name: service } };
    }
    const laneKey = `${pid}/${s.traceId}`;
    let traceLanes = lanes.get(laneKey);
    if (!traceLanes) lanes.set(laneKey, (traceLanes = []));
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
      yield { name: 'thread_name', ph: 'M', pid, tid, args: { name: `trace ${s.traceId.slice(0, 8)}${lane ? ` (${lane + 1})` : ''}` } };
    }
    const args: Record<string, unknown> = {
      traceId: s.traceId,
      spanId: s.spanId,
      ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
      status: STATUS_NAMES[s.status.code] ?? s.status.code,
      ...(s.status.message ? { statusMessage: s.status.message } : {}),
    };
    // JSON has no NaN or Infinity; numbers that cannot be written go as text. defineProperty keeps
    // a "__proto__" attribute as data.
    for (const [k, v] of Object.entries(s.attributes)) {
      Object.defineProperty(args, k, { value: typeof v === 'number' && !Number.isFinite(v) ? String(v) : v, enumerable: true, writable: true, configurable: true });
    }
    const ts = micros(s.startMs, origin);
    yield { name: s.name, cat: KIND_NAMES[s.kind] ?? 'span', ph: 'X', pid, tid, ts, dur: micros(s.endMs, origin) - ts, args };
    for (const e of s.events) {
      yield { name: e.name, ph: 'i', s: 't', pid, tid, ts: micros(e.timeMs, origin), args: { ...e.attributes } };
    }
  }
}

const STATUS_NAMES = ['unset', 'ok', 'error'];

function metadata(spans: readonly LabSpan[], notes: Record<string, string | number>): { origin: number; metadata: ChromeTrace['metadata'] } {
  const origin = spans.reduce((m, s) => (s.dropped ? m : Math.min(m, s.startMs)), Infinity);
  return { origin, metadata: { 'source': 'Wasm Observability Labs', 'start-unix-ms': Number.isFinite(origin) ? origin : 0, ...notes } };
}

/**
 * Converts recorded spans. `resource` is the page's resource, used for spans that carry none.
 * `notes` go into the file's metadata, for example how many spans were let go before the export.
 */
export function toChromeTrace(spans: readonly LabSpan[], resource: Attributes, notes: Record<string, string | number> = {}): ChromeTrace {
  const { origin, metadata: meta } = metadata(spans, notes);
  return { traceEvents: [...chromeTraceEvents(spans, resource, origin)], displayTimeUnit: 'ms', metadata: meta };
}

/** The same file as JSON text in small parts, for a caller that yields to the page between them. */
export function* chromeTraceJson(spans: readonly LabSpan[], resource: Attributes, notes: Record<string, string | number> = {}): Generator<string> {
  const { origin, metadata: meta } = metadata(spans, notes);
  yield '{"traceEvents":[';
  let first = true;
  for (const e of chromeTraceEvents(spans, resource, origin)) {
    yield (first ? '' : ',') + JSON.stringify(e);
    first = false;
  }
  yield `],"displayTimeUnit":"ms","metadata":${JSON.stringify(meta)}}`;
}
