import type { HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web';
import { NO_ATTRIBUTES, NO_EVENTS, NO_LINKS, STATUS_UNSET, type Attributes, type LabSpan } from '../spans/model.ts';

const hrToMs = ([s, ns]: HrTime): number => s * 1e3 + ns / 1e6;

/**
 * The span's attributes as the viewer's model: strings, numbers and booleans as they are, anything
 * else as JSON. An ended span is immutable and is let go after export, so when every value is
 * already plain its own object is used rather than copied.
 */
function plain(attrs: Record<string, unknown> | undefined): Attributes {
  if (!attrs) return NO_ATTRIBUTES;
  let allPlain = true;
  for (const k in attrs) {
    const v = attrs[k];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      allPlain = false;
      break;
    }
  }
  if (allPlain) return attrs as Attributes;
  const out: Attributes = {};
  for (const k in attrs) {
    const v = attrs[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (v !== undefined) out[k] = JSON.stringify(v);
  }
  return out;
}

/**
 * The links of the span converted last, when they were one link without attributes: a lab run's
 * kept request spans all link to the run span, and one shared frozen list serves them all.
 */
let lastSingleLink: LabSpan['links'] = NO_LINKS;

function linksOf(links: ReadableSpan['links'], share: (attributes: Attributes) => Attributes): LabSpan['links'] {
  if (!links.length) return NO_LINKS;
  const first = links[0]!;
  if (links.length === 1 && !first.attributes) {
    const last = lastSingleLink[0];
    if (last?.traceId === first.context.traceId && last.spanId === first.context.spanId) return lastSingleLink;
    lastSingleLink = Object.freeze([Object.freeze({ traceId: first.context.traceId, spanId: first.context.spanId, attributes: NO_ATTRIBUTES })]) as unknown as LabSpan['links'];
    return lastSingleLink;
  }
  return links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId, attributes: share(plain(l.attributes)) }));
}

/**
 * An ended OpenTelemetry span as the site's span model. OTLP SpanKind is the API's kind + 1.
 * `share` may replace each attribute set with an equal shared one (StringInterner.attributeSet).
 */
export function toLabSpan(span: ReadableSpan, share: (attributes: Attributes) => Attributes = (a) => a): LabSpan {
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
    attributes: share(plain(span.attributes)),
    events: span.events.length ? span.events.map((e) => ({ name: e.name, timeMs: hrToMs(e.time), attributes: share(plain(e.attributes)) })) : NO_EVENTS,
    links: linksOf(span.links, share),
    status: span.status.code === 0 && !span.status.message ? STATUS_UNSET : { code: span.status.code, ...(span.status.message ? { message: span.status.message } : {}) },
    dropped: false,
  };
}
