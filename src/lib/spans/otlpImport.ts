// Reading OTLP JSON: one TracesData (or ExportTraceServiceRequest, whose JSON is the same) as a
// whole document, pretty-printed or not, or JSON Lines with one per line as the Collector's file
// exporter writes them. The rules follow the proto3 JSON mapping of opentelemetry-proto
// (trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto) and the OTLP
// specification's JSON notes:
//   - field names in lowerCamelCase or as in the .proto file (proto3 JSON parsers accept both);
//   - trace and span ids as case-insensitive hex, not base64 (OTLP deviates from proto3 here);
//   - enums as integers or by their value names ("SPAN_KIND_SERVER");
//   - 64-bit integers as decimal strings or JSON numbers;
//   - doubles as numbers or the strings "NaN", "Infinity" and "-Infinity";
//   - unknown fields are ignored, as OTLP receivers must do for forward compatibility;
//   - the pre-0.19 names instrumentationLibrarySpans / instrumentationLibrary are read as
//     scopeSpans / scope.
// Everything else is strict: a value of the wrong type names its line, its JSON path and what was
// expected. No recursion depends on the input: nested AnyValues are walked with an explicit stack.
import type { AttributeValue, Attributes, LabSpan, LabSpanEvent, LabSpanLink } from './model.ts';

/** A file that is not OTLP JSON. `line` is 1-based; `path` is a JSON path such as `resourceSpans[0].scopeSpans`. */
export class OtlpFormatError extends Error {
  override name = 'OtlpFormatError';
  readonly line: number | null;
  readonly path: string;
  readonly reason: string;
  constructor(line: number | null, path: string, reason: string) {
    super([line === null ? '' : `line ${line}`, path].filter(Boolean).join(': ') + (line !== null || path ? ': ' : '') + reason);
    this.line = line;
    this.path = path;
    this.reason = reason;
  }
}

/** Thrown inside the walk; the line is added by the caller that knows it. */
class PathError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.path = path;
    this.reason = reason;
  }
}

/** AnyValue arrays and maps nested deeper than this are refused rather than walked. */
export const MAX_ANY_VALUE_DEPTH = 32;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const UINT32_MAX = 2 ** 32 - 1;

type Obj = Record<string, unknown>;

/** How a received value is described in a message: strings quoted and cut short. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A field by its JSON name or its proto name. Both present is ambiguous and refused. Reads own
 * properties only, so "__proto__" or "constructor" in a file is never mistaken for a field.
 */
function field(o: Obj, camel: string, snake: string, path: string): { value: unknown; at: string } {
  const hasCamel = Object.hasOwn(o, camel);
  const hasSnake = snake !== camel && Object.hasOwn(o, snake);
  if (hasCamel && hasSnake) throw new PathError(join(path, camel), `both "${camel}" and "${snake}" are present; expected one of them`);
  const name = hasSnake ? snake : camel;
  return { value: hasCamel || hasSnake ? o[name] : undefined, at: join(path, name) };
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function objectAt(v: unknown, at: string, what: string): Obj {
  if (!isObj(v)) throw new PathError(at, `expected ${what}, got ${describeValue(v)}`);
  return v;
}

/** A repeated field: absent or null is empty (proto3 default); anything but an array is an error. */
function list(o: Obj, camel: string, snake: string, path: string, what: string): { items: unknown[]; at: string } {
  const { value, at } = field(o, camel, snake, path);
  if (value === undefined || value === null) return { items: [], at };
  if (!Array.isArray(value)) throw new PathError(at, `expected an array of ${what}, got ${describeValue(value)}`);
  return { items: value, at };
}

function optionalString(o: Obj, camel: string, snake: string, path: string): string {
  const { value, at } = field(o, camel, snake, path);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new PathError(at, `expected a string, got ${describeValue(value)}`);
  return value;
}

function optionalUint32(o: Obj, camel: string, snake: string, path: string): void {
  const { value, at } = field(o, camel, snake, path);
  if (value === undefined || value === null) return;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > UINT32_MAX) {
    throw new PathError(at, `expected an unsigned 32-bit integer, got ${describeValue(value)}`);
  }
}

function id(o: Obj, camel: string, snake: string, path: string, bytes: 8 | 16, optional: boolean): string {
  const { value, at } = field(o, camel, snake, path);
  const digits = bytes * 2;
  if ((value === undefined || value === null || value === '') && optional) return '';
  if (typeof value !== 'string' || value.length !== digits || !/^[0-9a-fA-F]+$/.test(value)) {
    const hint = typeof value === 'string' && /^[A-Za-z0-9+/]+=*$/.test(value) && value.length === Math.ceil(bytes / 3) * 4 ? ' (OTLP JSON writes ids as hex, not base64)' : '';
    throw new PathError(at, `expected ${digits} hex digits, got ${describeValue(value)}${hint}`);
  }
  if (/^0+$/.test(value)) {
    if (optional) return '';
    throw new PathError(at, `expected a non-zero id, got ${describeValue(value)} (all zeros is the invalid id)`);
  }
  return value.toLowerCase();
}

/** Parses a proto3 JSON 64-bit integer (decimal string or JSON number) within [min, max]. */
function int64(value: unknown, min: bigint, max: bigint): bigint | null {
  let n: bigint;
  if (typeof value === 'string') {
    if (!/^-?\d+$/.test(value)) return null;
    n = BigInt(value);
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    n = BigInt(value);
  } else return null;
  return n < min || n > max ? null : n;
}

function timeNanos(o: Obj, camel: string, snake: string, path: string): bigint {
  const { value, at } = field(o, camel, snake, path);
  const n = int64(value, 0n, UINT64_MAX);
  if (n === 0n) throw new PathError(at, `expected a time after the Unix epoch, got ${describeValue(value)} (zero means the time was never set)`);
  if (n === null) throw new PathError(at, `expected nanoseconds since the Unix epoch as a decimal string, got ${describeValue(value)}`);
  return n;
}

const nanosToMs = (n: bigint): number => Number(n / 1_000_000n) + Number(n % 1_000_000n) / 1e6;

const time = (o: Obj, camel: string, snake: string, path: string): number => nanosToMs(timeNanos(o, camel, snake, path));

function enumValue(o: Obj, camel: string, path: string, names: readonly string[], fallback: number): number {
  const { value, at } = field(o, camel, camel, path);
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < names.length) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value);
    if (index >= 0) return index;
  }
  throw new PathError(at, `expected an integer 0–${names.length - 1}, got ${describeValue(value)} (or a name such as "${names[2]}")`);
}

const SPAN_KINDS = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'] as const;
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

const ANY_VALUE_FIELDS = [
  ['stringValue', 'string_value'],
  ['boolValue', 'bool_value'],
  ['intValue', 'int_value'],
  ['doubleValue', 'double_value'],
  ['arrayValue', 'array_value'],
  ['kvlistValue', 'kvlist_value'],
  ['bytesValue', 'bytes_value'],
  ['stringValueStrindex', 'string_value_strindex'],
] as const;

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

/** Sets an own property, so a key such as "__proto__" is data and never a prototype. */
function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** One scalar of an AnyValue, or a container to fill in; `set` puts the converted value in its place. */
function scalarOrContainer(raw: unknown, at: string): { scalar: Plain } | { items: unknown[]; map: boolean; at: string } {
  if (raw === undefined || raw === null) return { scalar: '' };
  const v = objectAt(raw, at, 'an AnyValue object');
  const present = ANY_VALUE_FIELDS.filter(([c, s]) => Object.hasOwn(v, c) || Object.hasOwn(v, s));
  // An AnyValue with no field set is legal protobuf: the empty value.
  if (present.length === 0) return { scalar: '' };
  if (present.length > 1) throw new PathError(at, `expected exactly one value field, got ${present.map(([c]) => `"${c}"`).join(' and ')}`);
  const [camel, snake] = present[0]!;
  const { value, at: where } = field(v, camel, snake, at);
  switch (camel) {
    case 'stringValue':
      if (typeof value !== 'string') throw new PathError(where, `expected a string, got ${describeValue(value)}`);
      return { scalar: value };
    case 'boolValue':
      if (typeof value !== 'boolean') throw new PathError(where, `expected true or false, got ${describeValue(value)}`);
      return { scalar: value };
    case 'intValue': {
      const n = int64(value, INT64_MIN, INT64_MAX);
      if (n === null) throw new PathError(where, `expected a 64-bit integer as a decimal string, got ${describeValue(value)}`);
      return { scalar: Number(n) };
    }
    case 'doubleValue':
      if (typeof value === 'number') return { scalar: value };
      if (value === 'NaN') return { scalar: NaN };
      if (value === 'Infinity') return { scalar: Infinity };
      if (value === '-Infinity') return { scalar: -Infinity };
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return { scalar: Number(value) };
      throw new PathError(where, `expected a number or "NaN", "Infinity", "-Infinity", got ${describeValue(value)}`);
    case 'bytesValue':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) throw new PathError(where, `expected base64 text, got ${describeValue(value)}`);
      return { scalar: value };
    case 'stringValueStrindex':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
        throw new PathError(where, `expected a 32-bit integer, got ${describeValue(value)}`);
      }
      return { scalar: value };
    case 'arrayValue': {
      const o = objectAt(value, where, 'an ArrayValue object');
      const { items, at: valuesAt } = list(o, 'values', 'values', where, 'AnyValue objects');
      return { items, map: false, at: valuesAt };
    }
    default: {
      const o = objectAt(value, where, 'a KeyValueList object');
      const { items, at: valuesAt } = list(o, 'values', 'values', where, 'KeyValue objects');
      return { items, map: true, at: valuesAt };
    }
  }
}

/**
 * Converts an AnyValue. Scalars become attribute values; arrays and maps become JSON text, since
 * the span model keeps attributes flat. Walked with an explicit stack, depth-limited.
 */
function anyValue(raw: unknown, at: string): AttributeValue {
  const top = scalarOrContainer(raw, at);
  if ('scalar' in top) return top.scalar === null ? '' : (top.scalar as AttributeValue);
  const root: Plain = top.map ? {} : [];
  const stack: { items: unknown[]; map: boolean; at: string; into: Plain[] | { [k: string]: Plain }; depth: number }[] = [
    { ...top, into: root as Plain[] | { [k: string]: Plain }, depth: 1 },
  ];
  while (stack.length) {
    const frame = stack.pop()!;
    for (let i = 0; i < frame.items.length; i++) {
      let valueRaw: unknown = frame.items[i];
      let valueAt = `${frame.at}[${i}]`;
      let key = '';
      if (frame.map) {
        const kv = objectAt(frame.items[i], valueAt, 'a KeyValue object');
        const k = field(kv, 'key', 'key', valueAt);
        if (typeof k.value !== 'string') throw new PathError(k.at, `expected a string, got ${describeValue(k.value)}`);
        key = k.value;
        const v = field(kv, 'value', 'value', valueAt);
        valueRaw = v.value;
        valueAt = v.at;
      }
      const got = scalarOrContainer(valueRaw, valueAt);
      let value: Plain;
      if ('scalar' in got) {
        const s = got.scalar;
        // JSON text cannot hold NaN or ±Infinity as numbers; keep them readable.
        value = typeof s === 'number' && !Number.isFinite(s) ? String(s) : s;
      } else {
        if (frame.depth >= MAX_ANY_VALUE_DEPTH) throw new PathError(valueAt, `expected AnyValue arrays and maps nested at most ${MAX_ANY_VALUE_DEPTH} deep`);
        value = got.map ? {} : [];
        stack.push({ ...got, into: value as Plain[] | { [k: string]: Plain }, depth: frame.depth + 1 });
      }
      if (Array.isArray(frame.into)) frame.into.push(value);
      else setOwn(frame.into, key, value);
    }
  }
  return JSON.stringify(root);
}

function attributes(o: Obj, path: string, camel = 'attributes', snake = 'attributes'): Attributes {
  const { items, at } = list(o, camel, snake, path, 'KeyValue objects');
  const out: Attributes = {};
  for (let i = 0; i < items.length; i++) {
    const kvAt = `${at}[${i}]`;
    const kv = objectAt(items[i], kvAt, 'a KeyValue object');
    const k = field(kv, 'key', 'key', kvAt);
    if (typeof k.value !== 'string') throw new PathError(k.at, `expected a string, got ${describeValue(k.value)}`);
    const v = field(kv, 'value', 'value', kvAt);
    setOwn(out, k.value, anyValue(v.value, v.at));
  }
  optionalUint32(o, 'droppedAttributesCount', 'dropped_attributes_count', path);
  return out;
}

function span(raw: unknown, at: string, resource: Attributes, scope: { name: string; version?: string }): LabSpan {
  const s = objectAt(raw, at, 'a Span object');
  const traceId = id(s, 'traceId', 'trace_id', at, 16, false);
  const spanId = id(s, 'spanId', 'span_id', at, 8, false);
  const parentSpanId = id(s, 'parentSpanId', 'parent_span_id', at, 8, true);
  optionalString(s, 'traceState', 'trace_state', at);
  optionalUint32(s, 'flags', 'flags', at);
  const name = optionalString(s, 'name', 'name', at);
  const kind = enumValue(s, 'kind', at, SPAN_KINDS, 0);
  const start = timeNanos(s, 'startTimeUnixNano', 'start_time_unix_nano', at);
  const end = timeNanos(s, 'endTimeUnixNano', 'end_time_unix_nano', at);
  const startMs = nanosToMs(start);
  const endMs = nanosToMs(end);
  // Compared in nanoseconds: a double in milliseconds cannot tell 1 ns apart at today's epoch.
  if (end < start) {
    throw new PathError(field(s, 'endTimeUnixNano', 'end_time_unix_nano', at).at, 'expected a time no earlier than startTimeUnixNano');
  }
  const attrs = attributes(s, at);
  const ev = list(s, 'events', 'events', at, 'Event objects');
  const events: LabSpanEvent[] = [];
  for (let i = 0; i < ev.items.length; i++) {
    const eAt = `${ev.at}[${i}]`;
    const e = objectAt(ev.items[i], eAt, 'an Event object');
    events.push({ name: optionalString(e, 'name', 'name', eAt), timeMs: time(e, 'timeUnixNano', 'time_unix_nano', eAt), attributes: attributes(e, eAt) });
  }
  optionalUint32(s, 'droppedEventsCount', 'dropped_events_count', at);
  const ln = list(s, 'links', 'links', at, 'Link objects');
  const links: LabSpanLink[] = [];
  for (let i = 0; i < ln.items.length; i++) {
    const lAt = `${ln.at}[${i}]`;
    const l = objectAt(ln.items[i], lAt, 'a Link object');
    const link = { traceId: id(l, 'traceId', 'trace_id', lAt, 16, false), spanId: id(l, 'spanId', 'span_id', lAt, 8, false), attributes: attributes(l, lAt) };
    optionalString(l, 'traceState', 'trace_state', lAt);
    optionalUint32(l, 'flags', 'flags', lAt);
    links.push(link);
  }
  optionalUint32(s, 'droppedLinksCount', 'dropped_links_count', at);
  const st = field(s, 'status', 'status', at);
  let status: LabSpan['status'] = { code: 0 };
  if (st.value !== undefined && st.value !== null) {
    const so = objectAt(st.value, st.at, 'a Status object');
    const message = optionalString(so, 'message', 'message', st.at);
    status = { code: enumValue(so, 'code', st.at, STATUS_CODES, 0), ...(message ? { message } : {}) };
  }
  return {
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    name,
    kind,
    resource,
    scope,
    startMs,
    endMs,
    attributes: attrs,
    events,
    links,
    status,
    dropped: false,
  };
}

export interface ParseOptions {
  /** Called now and then with the number of spans read so far. */
  onProgress?(spans: number): void;
}

/** Spans of one TracesData document, appended to `out`. */
function tracesData(data: unknown, out: LabSpan[], options: ParseOptions): void {
  if (!isObj(data)) throw new PathError('', `expected a TracesData object with a "resourceSpans" array, got ${describeValue(data)}`);
  if (!Object.hasOwn(data, 'resourceSpans') && !Object.hasOwn(data, 'resource_spans')) {
    const keys = Object.keys(data).slice(0, 5).map((k) => `"${k}"`).join(', ');
    throw new PathError('', `expected a TracesData object (or an ExportTraceServiceRequest) with a "resourceSpans" array, got ${keys ? `an object with the fields ${keys}` : 'an empty object'}`);
  }
  const rs = list(data, 'resourceSpans', 'resource_spans', '', 'ResourceSpans objects');
  for (let r = 0; r < rs.items.length; r++) {
    const rAt = `${rs.at}[${r}]`;
    const rso = objectAt(rs.items[r], rAt, 'a ResourceSpans object');
    const res = field(rso, 'resource', 'resource', rAt);
    const resource = res.value === undefined || res.value === null ? {} : attributes(objectAt(res.value, res.at, 'a Resource object'), res.at);
    optionalString(rso, 'schemaUrl', 'schema_url', rAt);
    // Before OTLP 0.19 (2022) ScopeSpans was InstrumentationLibrarySpans, and files from then
    // (the specification's own JSON file example among them) still exist.
    const legacy =
      !Object.hasOwn(rso, 'scopeSpans') && !Object.hasOwn(rso, 'scope_spans') &&
      (Object.hasOwn(rso, 'instrumentationLibrarySpans') || Object.hasOwn(rso, 'instrumentation_library_spans'));
    const ss = legacy
      ? list(rso, 'instrumentationLibrarySpans', 'instrumentation_library_spans', rAt, 'InstrumentationLibrarySpans objects')
      : list(rso, 'scopeSpans', 'scope_spans', rAt, 'ScopeSpans objects');
    for (let s = 0; s < ss.items.length; s++) {
      const sAt = `${ss.at}[${s}]`;
      const sso = objectAt(ss.items[s], sAt, legacy ? 'an InstrumentationLibrarySpans object' : 'a ScopeSpans object');
      const sc = legacy ? field(sso, 'instrumentationLibrary', 'instrumentation_library', sAt) : field(sso, 'scope', 'scope', sAt);
      let scope: { name: string; version?: string } = { name: '' };
      if (sc.value !== undefined && sc.value !== null) {
        const so = objectAt(sc.value, sc.at, 'an InstrumentationScope object');
        const version = optionalString(so, 'version', 'version', sc.at);
        scope = { name: optionalString(so, 'name', 'name', sc.at), ...(version ? { version } : {}) };
        attributes(so, sc.at);
      }
      optionalString(sso, 'schemaUrl', 'schema_url', sAt);
      const sp = list(sso, 'spans', 'spans', sAt, 'Span objects');
      for (let i = 0; i < sp.items.length; i++) {
        out.push(span(sp.items[i], `${sp.at}[${i}]`, resource, scope));
        if (out.length % 5000 === 0) options.onProgress?.(out.length);
      }
    }
  }
}

/** The 1-based line and column of a character offset. */
function lineOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset of the first JSON syntax error in `text`, or text.length when the text ends early.
 * JSON.parse has already said the text is invalid; engines differ in whether their message gives a
 * position, so a small iterative checker finds it.
 */
export function syntaxErrorOffset(text: string): number {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'valueOrEnd' | 'after' | 'key' | 'keyOrEnd' | 'colon' = 'value';
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const stringEnd = (from: number): number => {
    for (let j = from + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20) return -j - 1;
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -(j + 1) - 1;
          j += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
        else return -(j + 1) - 1;
      }
    }
    return -n - 1;
  };
  for (;;) {
    while (i < n && ' \t\r\n'.includes(text[i]!)) i++;
    if (i >= n) return n;
    const c = text[i]!;
    if (state === 'value' || state === 'valueOrEnd') {
      if (state === 'valueOrEnd' && c === ']') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '{') {
        stack.push('}');
        i++;
        state = 'keyOrEnd';
      } else if (c === '[') {
        stack.push(']');
        i++;
        state = 'valueOrEnd';
      } else if (c === '"') {
        const end = stringEnd(i);
        if (end < 0) return -end - 1;
        i = end;
        state = 'after';
      } else {
        NUMBER.lastIndex = i;
        const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (literal) i += literal.length;
        else if (NUMBER.test(text)) i = NUMBER.lastIndex;
        else return i;
        state = 'after';
      }
    } else if (state === 'after') {
      if (stack.length === 0) return i;
      const close = stack[stack.length - 1]!;
      if (c === ',') {
        i++;
        state = close === '}' ? 'key' : 'value';
      } else if (c === close) {
        stack.pop();
        i++;
      } else return i;
    } else if (state === 'key' || state === 'keyOrEnd') {
      if (state === 'keyOrEnd' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
      } else if (c === '"') {
        const end = stringEnd(i);
        if (end < 0) return -end - 1;
        i = end;
        state = 'colon';
      } else return i;
    } else {
      if (c !== ':') return i;
      i++;
      state = 'value';
    }
  }
}

/** A syntax error's line (counting from `lineOffset`) and what to say about it. */
function syntaxErrorLine(text: string, lineOffset: number): { line: number; detail: string } {
  const offset = syntaxErrorOffset(text);
  const { line, column } = lineOf(text, offset);
  return { line: lineOffset + line, detail: offset >= text.length ? 'the text ends before the JSON does' : `column ${column}` };
}

/**
 * The 1-based line on which the value at `path` starts in a pretty-printed document, found by a
 * small iterative scanner that tracks the path. Used only to place an error.
 */
export function lineOfPath(text: string, path: string): number | null {
  type Frame = { array: boolean; index: number; key: string | null; expectKey: boolean };
  const stack: Frame[] = [];
  let line = 1;
  const current = () => stack.map((f) => (f.array ? `[${f.index}]` : `.${f.key}`)).join('').replace(/^\./, '');
  const atValueStart = () => {
    const top = stack[stack.length - 1];
    return !top || top.array || (!top.expectKey && top.key !== null);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') { line++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === ':') continue;
    const top = stack[stack.length - 1];
    if (c === ',') {
      if (top?.array) top.index++;
      else if (top) { top.expectKey = true; top.key = null; }
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top && !top.array && top.expectKey) {
        top.key = JSON.parse(text.slice(i, j + 1)) as string;
        top.expectKey = false;
        i = j;
        continue;
      }
      if (atValueStart() && current() === path) return line;
      i = j;
      continue;
    }
    if (atValueStart() && current() === path) return line;
    if (c === '{') stack.push({ array: false, index: 0, key: null, expectKey: true });
    else if (c === '[') stack.push({ array: true, index: 0, key: null, expectKey: false });
  }
  return null;
}

/** The line of `path`, or of its nearest ancestor when the value is missing. */
function lineOfNearestPath(text: string, path: string): number | null {
  for (let p = path; ; ) {
    const line = lineOfPath(text, p);
    const parent = p.replace(/(?:\.?[^.[\]]+|\[\d+\])$/, '');
    if (line !== null || parent === p) return line;
    p = parent;
  }
}

/**
 * Parses an OTLP JSON file: a single document or JSON Lines. Throws OtlpFormatError on the first
 * problem, so a caller never holds half a file. A file without any span is refused too: loading it
 * would only empty the viewer.
 */
export function parseOtlp(text: string, options: ParseOptions = {}): LabSpan[] {
  const spans: LabSpan[] = [];
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw new OtlpFormatError(null, '', 'the file is empty: expected an OTLP JSON document or one TracesData JSON object per line');
  let whole: unknown;
  let wholeOk = false;
  try {
    whole = JSON.parse(text);
    wholeOk = true;
  } catch {
    // placed below: as JSON Lines, or as a syntax error in one document
  }
  const firstLineEnd = text.indexOf('\n');
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  let firstLineIsDocument = false;
  if (!wholeOk && firstLineEnd !== -1) {
    try {
      JSON.parse(firstLine);
      firstLineIsDocument = true;
    } catch {
      // a pretty-printed document: its first line alone is not JSON
    }
  }
  if (wholeOk && !text.trim().includes('\n')) {
    wrap(1, () => tracesData(whole, spans, options));
  } else if (wholeOk) {
    try {
      tracesData(whole, spans, options);
    } catch (err) {
      if (err instanceof PathError) throw new OtlpFormatError(lineOfNearestPath(text, err.path), err.path, err.reason);
      throw err;
    }
  } else if (firstLineIsDocument) {
    // JSON Lines: each line read and checked on its own, so an error names its line.
    let start = 0;
    for (let line = 1; start <= text.length; line++) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const content = text.slice(start, end);
      start = end + 1;
      if (!content.trim()) continue;
      let data: unknown;
      try {
        data = JSON.parse(content);
      } catch {
        const where = syntaxErrorLine(content, line - 1);
        throw new OtlpFormatError(line, '', `not valid JSON (${where.detail}); each line of a JSON Lines file must be one complete TracesData object`);
      }
      wrap(line, () => tracesData(data, spans, options));
    }
  } else {
    const where = syntaxErrorLine(text, 0);
    throw new OtlpFormatError(where.line, '', `not valid JSON (${where.detail})`);
  }
  if (spans.length === 0) throw new OtlpFormatError(null, '', 'the file holds no spans, so there is nothing to show');
  options.onProgress?.(spans.length);
  return spans;
}

function wrap(line: number, work: () => void): void {
  try {
    work();
  } catch (err) {
    if (err instanceof PathError) throw new OtlpFormatError(line, err.path, err.reason);
    throw err;
  }
}

/** The older name of parseOtlp, which reads JSON Lines and whole documents alike. */
export const parseOtlpJsonLines = (text: string): LabSpan[] => parseOtlp(text);
