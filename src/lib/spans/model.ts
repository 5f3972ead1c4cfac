// The one span model of the site. Spans recorded by OpenTelemetry, "ghost" spans the sampler
// dropped, and spans loaded from an OTLP JSON file all become LabSpan, and every view and export
// works on LabSpan only.

export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;

/** OTLP's SpanKind numbers. */
export const SPAN_KIND = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;
/** OTLP's StatusCode numbers. */
export const STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;

export interface LabSpanEvent {
  name: string;
  /** Unix epoch, milliseconds (fractional). */
  timeMs: number;
  attributes: Attributes;
}

export interface LabSpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

/**
 * A lab's explanation attached to a span, to one of its attributes or to one of its events (by
 * name). The viewer shows it beside what it explains; it is never exported to OTLP.
 */
export interface SpanAnnotation {
  target: 'span' | { attribute: string } | { event: string };
  text: string;
}

export interface LabSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  /** Absent for a root span. May name a span that is not in the set (a remote parent). */
  parentSpanId?: string;
  name: string;
  kind: number;
  /** Unix epoch, milliseconds (fractional). */
  startMs: number;
  endMs: number;
  attributes: Attributes;
  events: LabSpanEvent[];
  links: LabSpanLink[];
  status: { code: number; message?: string };
  /** True for a span the sampler dropped: shown as a ghost row, never exported. */
  dropped: boolean;
  /** The lab's explanations, shown by the viewer and never exported. */
  annotations?: SpanAnnotation[];
}

export const durationMs = (s: LabSpan): number => s.endMs - s.startMs;

/** A random id of `bytes` bytes as lowercase hex (8 for span ids, 16 for trace ids). */
export function randomHexId(bytes: 8 | 16): string {
  const buf = new Uint8Array(bytes);
  do crypto.getRandomValues(buf);
  while (buf.every((b) => b === 0));
  let out = '';
  for (const b of buf) out += b.toString(16).padStart(2, '0');
  return out;
}
