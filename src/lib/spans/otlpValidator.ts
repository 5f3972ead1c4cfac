// A strict check of OTLP JSON as an exporter must write it, derived field by field from
// opentelemetry-proto (trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto at
// commit ac2c4b5d1f3a6079de62f9afec860158ecc8af09) and the OTLP specification's JSON rules:
// lowerCamelCase names only, ids as hex (lowercase, as every SDK writes them), enums as integers,
// 64-bit integers as decimal strings in range, 32-bit ones as numbers in range, doubles as numbers
// or "NaN", "Infinity", "-Infinity", no unknown fields, at most one AnyValue field set.
// The importer is deliberately more lenient; this is the oracle the export is tested against.

type Scalar = 'string' | 'bool' | 'int32' | 'uint32' | 'fixed32' | 'int64' | 'fixed64' | 'double' | 'bytes' | 'traceId' | 'spanId' | 'spanIdOrEmpty';
type MessageName =
  | 'TracesData' | 'ResourceSpans' | 'Resource' | 'EntityRef' | 'ScopeSpans' | 'InstrumentationScope' | 'Span' | 'Event' | 'Link'
  | 'Status' | 'KeyValue' | 'AnyValue' | 'ArrayValue' | 'KeyValueList';
interface FieldSpec {
  type: Scalar | { enumMax: number } | { message: MessageName };
  repeated?: boolean;
}

const KV: FieldSpec = { type: { message: 'KeyValue' }, repeated: true };

const MESSAGES: Record<MessageName, Record<string, FieldSpec>> = {
  TracesData: { resourceSpans: { type: { message: 'ResourceSpans' }, repeated: true } },
  ResourceSpans: { resource: { type: { message: 'Resource' } }, scopeSpans: { type: { message: 'ScopeSpans' }, repeated: true }, schemaUrl: { type: 'string' } },
  Resource: { attributes: KV, droppedAttributesCount: { type: 'uint32' }, entityRefs: { type: { message: 'EntityRef' }, repeated: true } },
  EntityRef: { schemaUrl: { type: 'string' }, type: { type: 'string' }, idKeys: { type: 'string', repeated: true }, descriptionKeys: { type: 'string', repeated: true } },
  ScopeSpans: { scope: { type: { message: 'InstrumentationScope' } }, spans: { type: { message: 'Span' }, repeated: true }, schemaUrl: { type: 'string' } },
  InstrumentationScope: { name: { type: 'string' }, version: { type: 'string' }, attributes: KV, droppedAttributesCount: { type: 'uint32' } },
  Span: {
    traceId: { type: 'traceId' }, spanId: { type: 'spanId' }, traceState: { type: 'string' }, parentSpanId: { type: 'spanIdOrEmpty' },
    flags: { type: 'fixed32' }, name: { type: 'string' }, kind: { type: { enumMax: 5 } },
    startTimeUnixNano: { type: 'fixed64' }, endTimeUnixNano: { type: 'fixed64' }, attributes: KV, droppedAttributesCount: { type: 'uint32' },
    events: { type: { message: 'Event' }, repeated: true }, droppedEventsCount: { type: 'uint32' },
    links: { type: { message: 'Link' }, repeated: true }, droppedLinksCount: { type: 'uint32' }, status: { type: { message: 'Status' } },
  },
  Event: { timeUnixNano: { type: 'fixed64' }, name: { type: 'string' }, attributes: KV, droppedAttributesCount: { type: 'uint32' } },
  Link: { traceId: { type: 'traceId' }, spanId: { type: 'spanId' }, traceState: { type: 'string' }, attributes: KV, droppedAttributesCount: { type: 'uint32' }, flags: { type: 'fixed32' } },
  Status: { message: { type: 'string' }, code: { type: { enumMax: 2 } } },
  KeyValue: { key: { type: 'string' }, value: { type: { message: 'AnyValue' } }, keyStrindex: { type: 'int32' } },
  AnyValue: {
    stringValue: { type: 'string' }, boolValue: { type: 'bool' }, intValue: { type: 'int64' }, doubleValue: { type: 'double' },
    arrayValue: { type: { message: 'ArrayValue' } }, kvlistValue: { type: { message: 'KeyValueList' } }, bytesValue: { type: 'bytes' },
    stringValueStrindex: { type: 'int32' },
  },
  ArrayValue: { values: { type: { message: 'AnyValue' }, repeated: true } },
  KeyValueList: { values: KV },
};

/** Messages whose fields form a proto oneof: at most one may be set. */
const ONEOF = new Set<MessageName>(['AnyValue']);

function scalarError(type: Scalar, v: unknown): string | null {
  const int64In = (min: bigint, max: bigint) => typeof v === 'string' && /^(0|-?[1-9]\d*)$/.test(v) && BigInt(v) >= min && BigInt(v) <= max;
  const intIn = (min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  switch (type) {
    case 'string': return typeof v === 'string' ? null : 'a string';
    case 'bool': return typeof v === 'boolean' ? null : 'true or false';
    case 'int32': return intIn(-(2 ** 31), 2 ** 31 - 1) ? null : 'a 32-bit integer as a JSON number';
    case 'uint32':
    case 'fixed32': return intIn(0, 2 ** 32 - 1) ? null : 'an unsigned 32-bit integer as a JSON number';
    case 'int64': return int64In(-(2n ** 63n), 2n ** 63n - 1n) ? null : 'a signed 64-bit integer as a decimal string';
    case 'fixed64': return int64In(0n, 2n ** 64n - 1n) ? null : 'an unsigned 64-bit integer as a decimal string';
    case 'double': return (typeof v === 'number' && Number.isFinite(v)) || v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? null : 'a finite JSON number or "NaN", "Infinity", "-Infinity"';
    case 'bytes': return typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0 ? null : 'base64 text';
    case 'traceId': return typeof v === 'string' && /^[0-9a-f]{32}$/.test(v) && !/^0+$/.test(v) ? null : '32 lowercase hex digits, not all zero';
    case 'spanId': return typeof v === 'string' && /^[0-9a-f]{16}$/.test(v) && !/^0+$/.test(v) ? null : '16 lowercase hex digits, not all zero';
    case 'spanIdOrEmpty': return typeof v === 'string' && (v === '' || /^[0-9a-f]{16}$/.test(v)) ? null : '16 lowercase hex digits or ""';
  }
}

/** Every violation in a TracesData JSON value, as "path: expected …". Empty when it is valid. */
export function validateTracesData(data: unknown): string[] {
  const errors: string[] = [];
  const stack: { value: unknown; message: MessageName; path: string }[] = [{ value: data, message: 'TracesData', path: '' }];
  while (stack.length) {
    const { value, message, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push(`${path || '(top)'}: expected a ${message} object`);
      continue;
    }
    const fields = MESSAGES[message];
    const keys = Object.keys(value);
    if (ONEOF.has(message) && keys.length > 1) errors.push(`${path}: expected at most one field of the oneof, got ${keys.join(', ')}`);
    for (const key of keys) {
      const at = path ? `${path}.${key}` : key;
      const spec = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!spec) {
        errors.push(`${at}: not a field of ${message}`);
        continue;
      }
      const v = (value as Record<string, unknown>)[key];
      const items = spec.repeated ? v : [v];
      if (spec.repeated && !Array.isArray(v)) {
        errors.push(`${at}: expected an array`);
        continue;
      }
      (items as unknown[]).forEach((item, i) => {
        const itemAt = spec.repeated ? `${at}[${i}]` : at;
        const t = spec.type;
        if (typeof t === 'string') {
          const e = scalarError(t, item);
          if (e) errors.push(`${itemAt}: expected ${e}, got ${JSON.stringify(item)}`);
        } else if ('enumMax' in t) {
          if (!(typeof item === 'number' && Number.isInteger(item) && item >= 0 && item <= t.enumMax)) errors.push(`${itemAt}: expected an integer 0–${t.enumMax}, got ${JSON.stringify(item)}`);
        } else stack.push({ value: item, message: t.message, path: itemAt });
      });
    }
  }
  return errors;
}
