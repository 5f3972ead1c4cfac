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
  /** The OTLP resource and scope a span was read with from a file; absent for the page's own spans. */
  resource?: Attributes;
  scope?: { name: string; version?: string };
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

// Shared by every span that has none, so a live run does not allocate (and keep) thousands of
// empty objects a second. Frozen: code that tried to change one would fail loudly.
export const NO_ATTRIBUTES: Attributes = Object.freeze({}) as Attributes;
export const NO_EVENTS: LabSpan['events'] = Object.freeze([]) as unknown as LabSpan['events'];
export const NO_LINKS: LabSpan['links'] = Object.freeze([]) as unknown as LabSpan['links'];
export const STATUS_UNSET: LabSpan['status'] = Object.freeze({ code: 0 }) as LabSpan['status'];

/** Lowercase hex digits as character codes, for building ids without intermediate strings. */
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/**
 * Random bytes drawn in blocks: a live run at 2,000 requests a second asks for thousands of span ids
 * a second, and one getRandomValues call per 512 ids instead of one per id (with a fresh array and
 * sixteen small strings each) keeps that work and its garbage off the page's main thread.
 */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
const codes16: number[] = new Array(16).fill(0);
const codes32: number[] = new Array(32).fill(0);

/** A random id of `bytes` bytes as lowercase hex (8 for span ids, 16 for trace ids), never all zeros. */
export function randomHexId(bytes: 8 | 16): string {
  for (;;) {
    if (poolAt + bytes > pool.length) {
      crypto.getRandomValues(pool);
      poolAt = 0;
    }
    const codes = bytes === 8 ? codes16 : codes32;
    let any = 0;
    for (let i = 0; i < bytes; i++) {
      const b = pool[poolAt + i]!;
      any |= b;
      codes[2 * i] = HEX_CODES[b >> 4]!;
      codes[2 * i + 1] = HEX_CODES[b & 15]!;
    }
    poolAt += bytes;
    // An all-zero id is invalid in W3C Trace Context and OTLP: draw again.
    if (any !== 0) return String.fromCharCode.apply(null, codes);
  }
}
