import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LabSpan } from './model.ts';
import { OtlpFormatError, parseOtlp, lineOfPath, MAX_ANY_VALUE_DEPTH } from './otlpImport.ts';
import { toOtlpDocuments, toOtlpJsonLines } from './otlp.ts';
import { validateTracesData } from './otlpValidator.ts';

const T = '5b8efff798038103d269b633813fc60c';
const S = 'eee19b7ec3c1b174';
const P = 'resourceSpans[0].scopeSpans[0].spans[0]';

/** One TracesData line around a span; `edit` changes the span (or the whole document). */
function line(edit: (span: Record<string, unknown>, doc: Record<string, any>) => void = () => {}): string {
  const span: Record<string, unknown> = { traceId: T, spanId: S, name: 'a', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000001000000' };
  const doc = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 's' }, spans: [span] }] }] };
  edit(span, doc);
  return JSON.stringify(doc);
}
const attr = (value: unknown) => line((s) => (s.attributes = [{ key: 'k', value }]));

function messageOf(text: string): string {
  try {
    parseOtlp(text);
  } catch (err) {
    // Every refusal is an OtlpFormatError: a raw TypeError or RangeError is a bug in the parser.
    assert.ok(err instanceof OtlpFormatError, `expected an OtlpFormatError, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
    return err.message;
  }
  assert.fail('the file was accepted');
}

const nested = (depth: number): unknown => {
  let v: unknown = { stringValue: 'leaf' };
  for (let i = 0; i < depth; i++) v = { arrayValue: { values: [v] } };
  return v;
};

// [what is wrong, file text, the exact message]
const malformed: [string, string, string][] = [
  ['kind as a lower-case word', line((s) => (s.kind = 'server')), `line 1: ${P}.kind: expected an integer 0–5, got "server" (or a name such as "SPAN_KIND_SERVER")`],
  ['kind above the enum', line((s) => (s.kind = 6)), `line 1: ${P}.kind: expected an integer 0–5, got 6 (or a name such as "SPAN_KIND_SERVER")`],
  ['kind negative', line((s) => (s.kind = -1)), `line 1: ${P}.kind: expected an integer 0–5, got -1 (or a name such as "SPAN_KIND_SERVER")`],
  ['kind fractional', line((s) => (s.kind = 1.5)), `line 1: ${P}.kind: expected an integer 0–5, got 1.5 (or a name such as "SPAN_KIND_SERVER")`],
  ['status code as a word', line((s) => (s.status = { code: 'bad' })), `line 1: ${P}.status.code: expected an integer 0–2, got "bad" (or a name such as "STATUS_CODE_ERROR")`],
  ['status code above the enum', line((s) => (s.status = { code: 3 })), `line 1: ${P}.status.code: expected an integer 0–2, got 3 (or a name such as "STATUS_CODE_ERROR")`],
  ['status as a string', line((s) => (s.status = 'x')), `line 1: ${P}.status: expected a Status object, got "x"`],
  ['status message as a number', line((s) => (s.status = { code: 2, message: 5 })), `line 1: ${P}.status.message: expected a string, got 5`],
  ['intValue not a number', attr({ intValue: 'abc' }), `line 1: ${P}.attributes[0].value.intValue: expected a 64-bit integer as a decimal string, got "abc"`],
  ['intValue 2^63', attr({ intValue: '9223372036854775808' }), `line 1: ${P}.attributes[0].value.intValue: expected a 64-bit integer as a decimal string, got "9223372036854775808"`],
  ['intValue fractional', attr({ intValue: 1.5 }), `line 1: ${P}.attributes[0].value.intValue: expected a 64-bit integer as a decimal string, got 1.5`],
  ['intValue in exponent form', attr({ intValue: '1e21' }), `line 1: ${P}.attributes[0].value.intValue: expected a 64-bit integer as a decimal string, got "1e21"`],
  ['doubleValue a word', attr({ doubleValue: 'fast' }), `line 1: ${P}.attributes[0].value.doubleValue: expected a number or "NaN", "Infinity", "-Infinity", got "fast"`],
  ['doubleValue null', attr({ doubleValue: null }), `line 1: ${P}.attributes[0].value.doubleValue: expected a number or "NaN", "Infinity", "-Infinity", got null`],
  ['boolValue as a string', attr({ boolValue: 'true' }), `line 1: ${P}.attributes[0].value.boolValue: expected true or false, got "true"`],
  ['stringValue as a number', attr({ stringValue: 5 }), `line 1: ${P}.attributes[0].value.stringValue: expected a string, got 5`],
  ['two value fields', attr({ stringValue: 'a', intValue: '1' }), `line 1: ${P}.attributes[0].value: expected exactly one value field, got "stringValue" and "intValue"`],
  ['value as a string', attr('x'), `line 1: ${P}.attributes[0].value: expected an AnyValue object, got "x"`],
  ['arrayValue values not an array', attr({ arrayValue: { values: 'x' } }), `line 1: ${P}.attributes[0].value.arrayValue.values: expected an array of AnyValue objects, got "x"`],
  ['kvlistValue key a number', attr({ kvlistValue: { values: [{ key: 1 }] } }), `line 1: ${P}.attributes[0].value.kvlistValue.values[0].key: expected a string, got 1`],
  ['bytesValue not base64', attr({ bytesValue: '!!' }), `line 1: ${P}.attributes[0].value.bytesValue: expected base64 text, got "!!"`],
  [`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH}`, attr(nested(MAX_ANY_VALUE_DEPTH + 1)), `line 1: ${P}.attributes[0].value${'.arrayValue.values[0]'.repeat(MAX_ANY_VALUE_DEPTH)}: expected AnyValue arrays and maps nested at most ${MAX_ANY_VALUE_DEPTH} deep`],
  ['attributes as a string', line((s) => (s.attributes = 'x')), `line 1: ${P}.attributes: expected an array of KeyValue objects, got "x"`],
  ['an attribute as a number', line((s) => (s.attributes = [5])), `line 1: ${P}.attributes[0]: expected a KeyValue object, got 5`],
  ['an attribute without a key', line((s) => (s.attributes = [{ value: { stringValue: 'v' } }])), `line 1: ${P}.attributes[0].key: expected a string, got nothing`],
  ['droppedAttributesCount negative', line((s) => (s.droppedAttributesCount = -1)), `line 1: ${P}.droppedAttributesCount: expected an unsigned 32-bit integer, got -1`],
  ['scopeSpans as a string', line((_, d) => (d.resourceSpans[0].scopeSpans = 'x')), 'line 1: resourceSpans[0].scopeSpans: expected an array of ScopeSpans objects, got "x"'],
  ['resourceSpans as a string', line((_, d) => (d.resourceSpans = 'x')), 'line 1: resourceSpans: expected an array of ResourceSpans objects, got "x"'],
  ['a ResourceSpans as a number', line((_, d) => (d.resourceSpans = [5])), 'line 1: resourceSpans[0]: expected a ResourceSpans object, got 5'],
  ['spans as an object', line((_, d) => (d.resourceSpans[0].scopeSpans[0].spans = {})), 'line 1: resourceSpans[0].scopeSpans[0].spans: expected an array of Span objects, got an object'],
  ['a span that is null', line((_, d) => (d.resourceSpans[0].scopeSpans[0].spans = [null])), `line 1: ${P}: expected a Span object, got null`],
  ['resource attributes as a string', line((_, d) => (d.resourceSpans[0].resource = { attributes: 'x' })), 'line 1: resourceSpans[0].resource.attributes: expected an array of KeyValue objects, got "x"'],
  ['resource as a string', line((_, d) => (d.resourceSpans[0].resource = 'x')), 'line 1: resourceSpans[0].resource: expected a Resource object, got "x"'],
  ['scope as a number', line((_, d) => (d.resourceSpans[0].scopeSpans[0].scope = 5)), 'line 1: resourceSpans[0].scopeSpans[0].scope: expected an InstrumentationScope object, got 5'],
  ['scope name as a number', line((_, d) => (d.resourceSpans[0].scopeSpans[0].scope = { name: 5 })), 'line 1: resourceSpans[0].scopeSpans[0].scope.name: expected a string, got 5'],
  ['trace id too short', line((s) => (s.traceId = 'xyz')), `line 1: ${P}.traceId: expected 32 hex digits, got "xyz"`],
  ['trace id in base64', line((s) => (s.traceId = 'W47/95gDgQPSabYzgT/GDA==')), `line 1: ${P}.traceId: expected 32 hex digits, got "W47/95gDgQPSabYzgT/GDA==" (OTLP JSON writes ids as hex, not base64)`],
  ['trace id all zeros', line((s) => (s.traceId = '0'.repeat(32))), `line 1: ${P}.traceId: expected a non-zero id, got "${'0'.repeat(32)}" (all zeros is the invalid id)`],
  ['span id with a non-hex digit', line((s) => (s.spanId = 'eee19b7ec3c1b17g')), `line 1: ${P}.spanId: expected 16 hex digits, got "eee19b7ec3c1b17g"`],
  ['span id missing', line((s) => delete s.spanId), `line 1: ${P}.spanId: expected 16 hex digits, got nothing`],
  ['parent span id too short', line((s) => (s.parentSpanId = 'abc')), `line 1: ${P}.parentSpanId: expected 16 hex digits, got "abc"`],
  ['start time a word', line((s) => (s.startTimeUnixNano = 'soon')), `line 1: ${P}.startTimeUnixNano: expected nanoseconds since the Unix epoch as a decimal string, got "soon"`],
  ['start time negative', line((s) => (s.startTimeUnixNano = -5)), `line 1: ${P}.startTimeUnixNano: expected nanoseconds since the Unix epoch as a decimal string, got -5`],
  ['start time missing', line((s) => delete s.startTimeUnixNano), `line 1: ${P}.startTimeUnixNano: expected nanoseconds since the Unix epoch as a decimal string, got nothing`],
  ['start time zero', line((s) => (s.startTimeUnixNano = '0')), `line 1: ${P}.startTimeUnixNano: expected a time after the Unix epoch, got "0" (zero means the time was never set)`],
  ['start time beyond 64 bits', line((s) => (s.startTimeUnixNano = '18446744073709551616')), `line 1: ${P}.startTimeUnixNano: expected nanoseconds since the Unix epoch as a decimal string, got "18446744073709551616"`],
  ['end before start', line((s) => (s.endTimeUnixNano = '1699999999999999999')), `line 1: ${P}.endTimeUnixNano: expected a time no earlier than startTimeUnixNano`],
  ['events as a string', line((s) => (s.events = 'x')), `line 1: ${P}.events: expected an array of Event objects, got "x"`],
  ['an event without a time', line((s) => (s.events = [{ name: 'e' }])), `line 1: ${P}.events[0].timeUnixNano: expected nanoseconds since the Unix epoch as a decimal string, got nothing`],
  ['an event name as a number', line((s) => (s.events = [{ name: 5, timeUnixNano: '1700000000000000000' }])), `line 1: ${P}.events[0].name: expected a string, got 5`],
  ['a link with a bad trace id', line((s) => (s.links = [{ traceId: 'x', spanId: S }])), `line 1: ${P}.links[0].traceId: expected 32 hex digits, got "x"`],
  ['a link as a number', line((s) => (s.links = [1])), `line 1: ${P}.links[0]: expected a Link object, got 1`],
  ['name as a number', line((s) => (s.name = 5)), `line 1: ${P}.name: expected a string, got 5`],
  ['flags as a string', line((s) => (s.flags = 'x')), `line 1: ${P}.flags: expected an unsigned 32-bit integer, got "x"`],
  ['a field under both of its names', line((s) => (s.trace_id = T)), `line 1: ${P}.traceId: both "traceId" and "trace_id" are present; expected one of them`],
  ['a long string value is cut short', line((s) => (s.kind = 'x'.repeat(100))), `line 1: ${P}.kind: expected an integer 0–5, got "${'x'.repeat(40)}…" (or a name such as "SPAN_KIND_SERVER")`],
  ['truncated JSON', '{"resourceSpans": [', 'line 1: not valid JSON (the text ends before the JSON does)'],
  ['JSON Lines with a broken third line', `${line()}\n${line()}\n{"resourceSpans": [}\n`, 'line 3: not valid JSON (column 20); each line of a JSON Lines file must be one complete TracesData object'],
  ['JSON Lines with a bad span on line 2', `${line()}\n${line((s) => (s.kind = 'server'))}\n`, `line 2: ${P}.kind: expected an integer 0–5, got "server" (or a name such as "SPAN_KIND_SERVER")`],
  ['an empty file', '\n  \n', 'the file is empty: expected an OTLP JSON document or one TracesData JSON object per line'],
  ['an empty object', '{}', 'line 1: expected a TracesData object (or an ExportTraceServiceRequest) with a "resourceSpans" array, got an empty object'],
  ['a foreign JSON object', '{"paths": {"web": []}}', 'line 1: expected a TracesData object (or an ExportTraceServiceRequest) with a "resourceSpans" array, got an object with the fields "paths"'],
  ['a JSON array', '[]', 'line 1: expected a TracesData object with a "resourceSpans" array, got an array'],
  ['JSON null', 'null', 'line 1: expected a TracesData object with a "resourceSpans" array, got null'],
  ['no spans at all', '{"resourceSpans": []}', 'the file holds no spans, so there is nothing to show'],
];

describe('OTLP import refuses malformed files with the line, the JSON path and the expected type', () => {
  test(`the table has at least 43 kinds of malformed input (${malformed.length})`, () => assert.ok(malformed.length >= 43));
  for (const [what, text, expected] of malformed) {
    test(what, () => assert.equal(messageOf(text), expected));
  }

  test('a pretty-printed document names the line the bad value is on', () => {
    const doc = JSON.parse(line((s) => (s.kind = 'server')));
    const text = JSON.stringify(doc, null, 2);
    const kindLine = text.split('\n').findIndex((l) => l.includes('"kind"')) + 1;
    assert.ok(kindLine > 5);
    assert.equal(messageOf(text), `line ${kindLine}: ${P}.kind: expected an integer 0–5, got "server" (or a name such as "SPAN_KIND_SERVER")`);
    // A missing value is placed at the object that lacks it.
    const noStart = JSON.stringify(JSON.parse(line((s) => delete s.startTimeUnixNano)), null, 2);
    const spanLine = noStart.split('\n').findIndex((l) => l.includes('"traceId"')); // the line before it opens the span
    assert.match(messageOf(noStart), new RegExp(`^line ${spanLine}: ${P.replace(/[[\].]/g, '\\$&')}\\.startTimeUnixNano: `));
  });

  test('a syntax error in a pretty-printed document names its line and column', () => {
    const text = '{\n  "resourceSpans": [\n    {"scopeSpans": [}\n  ]\n}';
    assert.equal(messageOf(text), 'line 3: not valid JSON (column 21)');
  });

  test('lineOfPath follows keys and indexes, not look-alike strings', () => {
    const text = '{\n "a": "kind",\n "b": [\n  1,\n  {"kind": 2}\n ]\n}';
    assert.equal(lineOfPath(text, 'b[1].kind'), 5);
    assert.equal(lineOfPath(text, 'b[0]'), 4);
    assert.equal(lineOfPath(text, 'c'), null);
  });
});

describe('OTLP import accepts what real tools write', () => {
  test('the opentelemetry-proto example file, pretty-printed with upper-case hex ids', () => {
    const text = readFileSync(new URL('./fixtures/opentelemetry-proto-trace.json', import.meta.url), 'utf8');
    const [span, ...rest] = parseOtlp(text);
    assert.equal(rest.length, 0);
    assert.deepEqual(span, {
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      name: "I'm a server span",
      kind: 2,
      resource: { 'service.name': 'my.service' },
      scope: { name: 'my.library', version: '1.0.0' },
      startMs: 1544712660000,
      endMs: 1544712661000,
      attributes: { 'my.span.attr': 'some value' },
      events: [],
      links: [],
      status: { code: 0 },
      dropped: false,
    });
  });

  test('enum names, proto field names, numbers for 64-bit values, unknown fields and a BOM', () => {
    const text = '\uFEFF' + JSON.stringify({
      resource_spans: [{ scope_spans: [{ spans: [{
        trace_id: T.toUpperCase(), span_id: S, parent_span_id: '', name: 'n', kind: 'SPAN_KIND_CLIENT',
        start_time_unix_nano: Number('1700000000000000000'), end_time_unix_nano: '1700000000000500000', future_field: { x: 1 },
        attributes: [{ key: 'n', value: { int_value: 42 } }, { key: 'd', value: { doubleValue: 'NaN' } }, { key: 'e', value: {} }, { key: 'z', value: { doubleValue: '-Infinity' } }],
        status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
      }] }] }],
    });
    const [s] = parseOtlp(text);
    assert.equal(s!.traceId, T);
    assert.equal(s!.parentSpanId, undefined);
    assert.equal(s!.kind, 3);
    assert.equal(s!.endMs - s!.startMs, 0.5);
    assert.deepEqual(s!.attributes, { n: 42, d: NaN, e: '', z: -Infinity });
    assert.deepEqual(s!.status, { code: 2, message: 'boom' });
  });

  test('files from before OTLP 0.19 with instrumentationLibrarySpans', () => {
    const text = JSON.stringify({ resourceSpans: [{ instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'old-lib', version: '0.9' }, spans: [{ traceId: T, spanId: S, name: 'old', startTimeUnixNano: '1581452772000000321', endTimeUnixNano: '1581452773000000789' }] }] }] });
    const [s] = parseOtlp(text);
    assert.deepEqual([s!.name, s!.scope], ['old', { name: 'old-lib', version: '0.9' }]);
    assert.equal(
      messageOf(JSON.stringify({ resourceSpans: [{ instrumentationLibrarySpans: [{ spans: 'x' }] }] })),
      'line 1: resourceSpans[0].instrumentationLibrarySpans[0].spans: expected an array of Span objects, got "x"',
    );
  });

  test('arrays and maps become JSON text; a "__proto__" key stays data', () => {
    const [s] = parseOtlp(line((sp) => (sp.attributes = [
      { key: 'list', value: { arrayValue: { values: [{ intValue: '1' }, { stringValue: 'two' }, { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } }] } } },
      { key: '__proto__', value: { stringValue: 'polluted?' } },
    ])));
    assert.equal(s!.attributes.list, '[1,"two",{"k":true}]');
    assert.equal(Object.getPrototypeOf(s!.attributes), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(s!.attributes, '__proto__')?.value, 'polluted?');
    assert.equal(parseOtlp(attr(nested(MAX_ANY_VALUE_DEPTH - 1))).length, 1);
  });

  test('a 30,000-deep parent chain and a parent cycle parse without error', () => {
    const depth = 30_000;
    const spans = Array.from({ length: depth }, (_, i) => ({
      traceId: T, spanId: (i + 1).toString(16).padStart(16, '0'), ...(i ? { parentSpanId: i.toString(16).padStart(16, '0') } : {}),
      name: `s${i}`, startTimeUnixNano: String(1700000000000000000n + BigInt(i)), endTimeUnixNano: String(1700000000000000000n + BigInt(2 * depth - i)),
    }));
    spans[0]!.parentSpanId = depth.toString(16).padStart(16, '0'); // closes the chain into a cycle
    assert.equal(parseOtlp(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] })).length, depth);
  });
});

// Values at the edges of what OTLP JSON can carry, and where naive code writes invalid JSON.
const EDGE_NUMBERS = [0, 1, -1, 2 ** 53 - 1, -(2 ** 53), 2 ** 63, -(2 ** 63), 2 ** 64, 1e21, -1e21, 0.1, -2.5, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity];

function edgeSpan(i: number, over: Partial<LabSpan> = {}): LabSpan {
  const attributes: LabSpan['attributes'] = { 'text': 'ünïcødé "quoted" \n', 'empty': '', 'yes': true, 'no': false };
  EDGE_NUMBERS.forEach((n, j) => (attributes[`n${j}`] = n));
  return {
    traceId: 'f'.repeat(31) + (i % 10), spanId: (i + 1).toString(16).padStart(16, '0'), ...(i ? { parentSpanId: '0000000000000001' } : {}),
    name: `span ${i}`, kind: i % 6, startMs: 1767225600123.456 + i, endMs: 1767225600123.456 + i + 0.001,
    attributes, events: [{ name: 'e', timeMs: 1767225600123.5, attributes: { big: 2 ** 63 } }],
    links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), attributes: { x: NaN } }],
    status: i % 3 === 2 ? { code: 2, message: 'failed' } : { code: i % 3 }, dropped: false, ...over,
  };
}

describe('OTLP export', () => {
  test('every line passes strict validation against the opentelemetry-proto definitions, edge values included', () => {
    const spans = Array.from({ length: 1201 }, (_, i) => edgeSpan(i));
    const docs = toOtlpDocuments(spans, { 'service.name': 'wol', 'pid': 2 ** 63 }, { name: 'wol', version: '1' });
    assert.deepEqual(docs.map((d) => d.spans), [500, 500, 201]);
    for (const d of docs) assert.deepEqual(validateTracesData(JSON.parse(d.json)), []);
    const values = JSON.parse(docs[0]!.json).resourceSpans[0].scopeSpans[0].spans[0].attributes.map((kv: any) => kv.value);
    assert.deepEqual(values.slice(4), [
      { intValue: '0' }, { intValue: '1' }, { intValue: '-1' }, { intValue: '9007199254740991' }, { intValue: '-9007199254740992' },
      { doubleValue: 2 ** 63 }, { intValue: '-9223372036854775808' }, { doubleValue: 2 ** 64 }, { doubleValue: 1e21 }, { doubleValue: -1e21 },
      { doubleValue: 0.1 }, { doubleValue: -2.5 }, { doubleValue: 5e-324 }, { doubleValue: Number.MAX_VALUE },
      { doubleValue: 'NaN' }, { doubleValue: 'Infinity' }, { doubleValue: '-Infinity' },
    ]);
  });

  test('round trip: what is exported is read back unchanged, resource and scope included', () => {
    const resource = { 'service.name': 'edge' };
    const scope = { name: 'edge-scope', version: '2' };
    const spans = Array.from({ length: 700 }, (_, i) => edgeSpan(i, { resource, scope }));
    const back = parseOtlp(toOtlpJsonLines([...spans, edgeSpan(9999, { dropped: true })], {}, { name: 'unused' }));
    assert.deepEqual(back, spans);
  });

  test('the page\'s own spans get the page resource; file spans keep theirs, in separate ResourceSpans', () => {
    const file = { resource: { 'service.name': 'imported' }, scope: { name: 'lib' } };
    const docs = toOtlpDocuments([edgeSpan(0), edgeSpan(1, file), edgeSpan(2, file)], { 'service.name': 'page' }, { name: 'wol' });
    const rs = JSON.parse(docs[0]!.json).resourceSpans;
    assert.deepEqual(rs.map((r: any) => [r.resource.attributes[0].value.stringValue, r.scopeSpans[0].scope.name, r.scopeSpans[0].spans.length]), [['page', 'wol', 1], ['imported', 'lib', 2]]);
  });

  test('the validator itself rejects what naive exporters write', () => {
    const bad = (edit: (s: any) => void) => {
      const d = JSON.parse(toOtlpDocuments([edgeSpan(1)], {}, { name: 'x' })[0]!.json);
      edit(d.resourceSpans[0].scopeSpans[0].spans[0]);
      return validateTracesData(d);
    };
    const at = 'resourceSpans[0].scopeSpans[0].spans[0]';
    assert.deepEqual(bad((s) => (s.attributes[4].value = { intValue: '9223372036854775808' })), [`${at}.attributes[4].value.intValue: expected a signed 64-bit integer as a decimal string, got "9223372036854775808"`]);
    assert.deepEqual(bad((s) => (s.attributes[4].value = { intValue: '1e+21' })), [`${at}.attributes[4].value.intValue: expected a signed 64-bit integer as a decimal string, got "1e+21"`]);
    assert.deepEqual(bad((s) => (s.attributes[4].value = { doubleValue: null })), [`${at}.attributes[4].value.doubleValue: expected a finite JSON number or "NaN", "Infinity", "-Infinity", got null`]);
    assert.deepEqual(bad((s) => (s.kind = 'SPAN_KIND_SERVER')), [`${at}.kind: expected an integer 0–5, got "SPAN_KIND_SERVER"`]);
    assert.deepEqual(bad((s) => (s.startTimeUnixNano = 1)), [`${at}.startTimeUnixNano: expected an unsigned 64-bit integer as a decimal string, got 1`]);
    assert.deepEqual(bad((s) => (s.trace_id = s.traceId)), [`${at}.trace_id: not a field of Span`]);
    assert.deepEqual(bad((s) => (s.spanId = 'ABCDEF0123456789')), [`${at}.spanId: expected 16 lowercase hex digits, not all zero, got "ABCDEF0123456789"`]);
    assert.deepEqual(bad((s) => (s.attributes[0].value.intValue = '1')), [`${at}.attributes[0].value: expected at most one field of the oneof, got stringValue, intValue`]);
  });
});
