// Writing OTLP JSON, as the OpenTelemetry file exporter writes it: JSON Lines, one TracesData per
// line, ids as lowercase hex, enums as integers, keys in lowerCamelCase, 64-bit integers as decimal
// strings within range, non-finite doubles as the proto3 JSON strings "NaN", "Infinity",
// "-Infinity". src/lib/spans/otlpValidator.ts checks the output against the .proto definitions.
import type { AttributeValue, Attributes, LabSpan } from './model.ts';

export interface OtlpScope {
  name: string;
  version?: string;
}

interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | 'NaN' | 'Infinity' | '-Infinity';
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

/** Spans per line: keeps each line small enough for line-oriented tools. */
const SPANS_PER_LINE = 500;

const INT64_MIN = -(2 ** 63);
const INT64_LIMIT = 2 ** 63;

/**
 * A number as an AnyValue. An integer within int64 becomes a decimal intValue (BigInt gives the
 * digits: String(1e21) would be "1e+21"); anything else is a double, and the non-finite ones are
 * the strings proto3 JSON defines, since JSON.stringify would write null.
 */
function numberValue(v: number): OtlpAnyValue {
  if (Number.isInteger(v) && v >= INT64_MIN && v < INT64_LIMIT) return { intValue: BigInt(v).toString() };
  if (Number.isNaN(v)) return { doubleValue: 'NaN' };
  if (v === Infinity) return { doubleValue: 'Infinity' };
  if (v === -Infinity) return { doubleValue: '-Infinity' };
  return { doubleValue: v };
}

function anyValue(v: AttributeValue): OtlpAnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return numberValue(v);
}

function keyValues(attrs: Attributes): OtlpKeyValue[] {
  return Object.entries(attrs).map(([key, v]) => ({ key, value: anyValue(v) }));
}

/**
 * Milliseconds since the epoch, fractional, as a decimal string of nanoseconds. A double holds an
 * epoch time to about a microsecond, so the fraction is rounded to whole microseconds.
 */
export function msToNanos(ms: number): string {
  // fixed64 cannot hold a time before the epoch; the span model never has one from a valid source.
  if (!Number.isFinite(ms) || ms <= 0) return '0';
  const whole = Math.floor(ms);
  const frac = Math.round((ms - whole) * 1e3) * 1e3;
  return (BigInt(whole) * 1_000_000n + BigInt(frac)).toString();
}

export function nanosToMs(nanos: string | number): number {
  const n = BigInt(nanos);
  return Number(n / 1_000_000n) + Number(n % 1_000_000n) / 1e6;
}

function otlpSpan(s: LabSpan) {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: msToNanos(s.startMs),
    endTimeUnixNano: msToNanos(s.endMs),
    attributes: keyValues(s.attributes),
    events: s.events.map((e) => ({ timeUnixNano: msToNanos(e.timeMs), name: e.name, attributes: keyValues(e.attributes) })),
    links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: keyValues(l.attributes) })),
    status: s.status.message ? { code: s.status.code, message: s.status.message } : { code: s.status.code },
  };
}

function document(batch: readonly LabSpan[], resource: Attributes, scope: OtlpScope): string {
  // Consecutive spans that share a resource and scope object share one ResourceSpans/ScopeSpans.
  const resourceSpans: { resource: { attributes: OtlpKeyValue[] }; scopeSpans: { scope: OtlpScope; spans: ReturnType<typeof otlpSpan>[] }[] }[] = [];
  let lastResource: Attributes | null = null;
  let lastScope: OtlpScope | null = null;
  for (const s of batch) {
    const r = s.resource ?? resource;
    const sc = s.scope ?? scope;
    if (r !== lastResource) {
      resourceSpans.push({ resource: { attributes: keyValues(r) }, scopeSpans: [] });
      lastResource = r;
      lastScope = null;
    }
    const rs = resourceSpans[resourceSpans.length - 1]!;
    if (sc !== lastScope) {
      rs.scopeSpans.push({ scope: sc.version ? { name: sc.name, version: sc.version } : { name: sc.name }, spans: [] });
      lastScope = sc;
    }
    rs.scopeSpans[rs.scopeSpans.length - 1]!.spans.push(otlpSpan(s));
  }
  return JSON.stringify({ resourceSpans });
}

/**
 * The TracesData documents for recorded spans (ghost spans are left out: they were never
 * exported), SPANS_PER_LINE spans each, made one at a time so a caller can yield to the page
 * between them. Spans read from a file keep the resource and scope they came with; the page's own
 * spans get `resource` and `scope`.
 */
export function* otlpDocuments(spans: readonly LabSpan[], resource: Attributes, scope: OtlpScope): Generator<{ json: string; spans: number }> {
  let batch: LabSpan[] = [];
  for (const s of spans) {
    if (s.dropped) continue;
    batch.push(s);
    if (batch.length === SPANS_PER_LINE) {
      yield { json: document(batch, resource, scope), spans: batch.length };
      batch = [];
    }
  }
  if (batch.length) yield { json: document(batch, resource, scope), spans: batch.length };
}

/** How many documents otlpDocuments makes for `recorded` spans. */
export const otlpDocumentCount = (recorded: number): number => Math.ceil(recorded / SPANS_PER_LINE);

/** All of otlpDocuments at once. */
export function toOtlpDocuments(spans: readonly LabSpan[], resource: Attributes, scope: OtlpScope): { json: string; spans: number }[] {
  return [...otlpDocuments(spans, resource, scope)];
}

/** Serialises recorded spans as OTLP JSON Lines. */
export function toOtlpJsonLines(spans: readonly LabSpan[], resource: Attributes, scope: OtlpScope): string {
  const docs = toOtlpDocuments(spans, resource, scope);
  return docs.map((d) => d.json).join('\n') + (docs.length ? '\n' : '');
}

export { OtlpFormatError, parseOtlp, parseOtlpJsonLines } from './otlpImport.ts';
