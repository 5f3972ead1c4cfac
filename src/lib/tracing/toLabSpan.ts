import type { HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web';
import type { Attributes, LabSpan } from '../spans/model.ts';

const hrToMs = ([s, ns]: HrTime): number => s * 1e3 + ns / 1e6;

function plain(attrs: Record<string, unknown> | undefined): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (v !== undefined) out[k] = JSON.stringify(v);
  }
  return out;
}

/** An ended OpenTelemetry span as the site's span model. OTLP SpanKind is the API's kind + 1. */
export function toLabSpan(span: ReadableSpan): LabSpan {
  const ctx = span.spanContext();
  const parent = span.parentSpanContext?.spanId;
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    ...(parent ? { parentSpanId: parent } : {}),
    name: span.name,
    kind: span.kind + 1,
    startMs: hrToMs(span.startTime),
    endMs: hrToMs(span.endTime),
    attributes: plain(span.attributes),
    events: span.events.map((e) => ({ name: e.name, timeMs: hrToMs(e.time), attributes: plain(e.attributes) })),
    links: span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId, attributes: plain(l.attributes) })),
    status: { code: span.status.code, ...(span.status.message ? { message: span.status.message } : {}) },
    dropped: false,
  };
}
