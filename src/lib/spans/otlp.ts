// OTLP JSON, as the OpenTelemetry file exporter writes it: JSON Lines, one TracesData per line,
// ids as lowercase hex, enums as integers, keys in lowerCamelCase, 64-bit times as decimal strings.
import type { AttributeValue, Attributes, LabSpan } from './model.ts';

export interface OtlpScope {
  name: string;
  version?: string;
}

interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
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

function anyValue(v: AttributeValue): OtlpAnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

function keyValues(attrs: Attributes): OtlpKeyValue[] {
  return Object.entries(attrs).map(([key, v]) => ({ key, value: anyValue(v) }));
}

/**
 * Milliseconds since the epoch, fractional, as a decimal string of nanoseconds. A double holds an
 * epoch time to about a microsecond, so the fraction is rounded to whole microseconds.
 */
export function msToNanos(ms: number): string {
  const whole = Math.floor(ms);
  const frac = Math.round((ms - whole) * 1e3) * 1e3;
  return (BigInt(whole) * 1_000_000n + BigInt(frac)).toString();
}

export function nanosToMs(nanos: string | number): number {
  const n = BigInt(nanos);
  return Number(n / 1_000_000n) + Number(n % 1_000_000n) / 1e6;
}

/** Serialises recorded spans (ghost spans are left out: they were never exported). */
export function toOtlpJsonLines(spans: readonly LabSpan[], resource: Attributes, scope: OtlpScope): string {
  const recorded = spans.filter((s) => !s.dropped);
  const lines: string[] = [];
  for (let i = 0; i < recorded.length; i += SPANS_PER_LINE) {
    const chunk = recorded.slice(i, i + SPANS_PER_LINE).map((s) => ({
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
    }));
    lines.push(
      JSON.stringify({
        resourceSpans: [{ resource: { attributes: keyValues(resource) }, scopeSpans: [{ scope, spans: chunk }] }],
      }),
    );
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/** A file that is not OTLP JSON; the message says where and why. */
export class OtlpFormatError extends Error {
  override name = 'OtlpFormatError';
}

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

function fromAnyValue(v: OtlpAnyValue | undefined, where: string): AttributeValue {
  if (!v || typeof v !== 'object') throw new OtlpFormatError(`${where}: missing value`);
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (typeof v.doubleValue === 'number') return v.doubleValue;
  // Arrays, maps and bytes are shown as JSON text; the viewer displays but does not filter on them.
  return JSON.stringify(v);
}

function fromKeyValues(list: unknown, where: string): Attributes {
  if (list === undefined) return {};
  if (!Array.isArray(list)) throw new OtlpFormatError(`${where}: attributes must be an array`);
  const out: Attributes = {};
  for (const kv of list as OtlpKeyValue[]) {
    if (!kv || typeof kv.key !== 'string') throw new OtlpFormatError(`${where}: an attribute has no key`);
    out[kv.key] = fromAnyValue(kv.value, `${where}, attribute "${kv.key}"`);
  }
  return out;
}

function time(v: unknown, where: string): number {
  if ((typeof v !== 'string' && typeof v !== 'number') || !/^\d+$/.test(String(v))) {
    throw new OtlpFormatError(`${where}: must be nanoseconds since the epoch, as a decimal string`);
  }
  return nanosToMs(v);
}

/**
 * Parses an OTLP JSON Lines file into spans. Any malformed line rejects the whole file, so a
 * viewer never shows half a file.
 */
export function parseOtlpJsonLines(text: string): LabSpan[] {
  const spans: LabSpan[] = [];
  const lines = text.split(/\r?\n/);
  let sawTracesData = false;
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const at = `line ${index + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new OtlpFormatError(`${at}: not valid JSON`);
    }
    const resourceSpans = (data as { resourceSpans?: unknown })?.resourceSpans;
    if (!Array.isArray(resourceSpans)) {
      throw new OtlpFormatError(`${at}: expected a TracesData object with a "resourceSpans" array`);
    }
    sawTracesData = true;
    for (const rs of resourceSpans) {
      for (const ss of (rs?.scopeSpans ?? []) as { spans?: unknown[] }[]) {
        for (const [i, raw] of (ss?.spans ?? []).entries()) {
          const s = raw as Record<string, unknown>;
          const where = `${at}, span ${i + 1}`;
          const traceId = String(s.traceId ?? '').toLowerCase();
          const spanId = String(s.spanId ?? '').toLowerCase();
          if (!HEX32.test(traceId)) throw new OtlpFormatError(`${where}: traceId must be 32 hex digits`);
          if (!HEX16.test(spanId)) throw new OtlpFormatError(`${where}: spanId must be 16 hex digits`);
          const parent = s.parentSpanId ? String(s.parentSpanId).toLowerCase() : '';
          if (parent && !HEX16.test(parent)) throw new OtlpFormatError(`${where}: parentSpanId must be 16 hex digits`);
          if (typeof s.name !== 'string') throw new OtlpFormatError(`${where}: name must be a string`);
          const status = (s.status ?? {}) as { code?: unknown; message?: unknown };
          spans.push({
            traceId,
            spanId,
            ...(parent ? { parentSpanId: parent } : {}),
            name: s.name,
            kind: Number(s.kind ?? 0),
            startMs: time(s.startTimeUnixNano, `${where}, startTimeUnixNano`),
            endMs: time(s.endTimeUnixNano, `${where}, endTimeUnixNano`),
            attributes: fromKeyValues(s.attributes, where),
            events: ((s.events ?? []) as Record<string, unknown>[]).map((e, j) => ({
              name: String(e.name ?? ''),
              timeMs: time(e.timeUnixNano, `${where}, event ${j + 1}`),
              attributes: fromKeyValues(e.attributes, `${where}, event ${j + 1}`),
            })),
            links: ((s.links ?? []) as Record<string, unknown>[]).map((l, j) => ({
              traceId: String(l.traceId ?? '').toLowerCase(),
              spanId: String(l.spanId ?? '').toLowerCase(),
              attributes: fromKeyValues(l.attributes, `${where}, link ${j + 1}`),
            })),
            status: {
              code: Number(status.code ?? 0),
              ...(typeof status.message === 'string' && status.message ? { message: status.message } : {}),
            },
            dropped: false,
          });
        }
      }
    }
  });
  if (!sawTracesData) throw new OtlpFormatError('the file is empty: expected one TracesData JSON object per line');
  return spans;
}
