import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAB_ORIGINS, validateCollector } from './collector.ts';
import { assertProblems, brokenFixtures, filesIn, goodFixtures } from './fixture-folders.ts';

for (const path of filesIn(goodFixtures, 'collector')) {
  test(`good fixture ${path} passes`, () => assert.deepEqual(goodFixtures.validate(path), []));
}

test('a pipeline that exports to an undefined exporter fails', () => {
  assertProblems(brokenFixtures.validate('collector/undefined-exporter.yaml'), [
    [15, /^Pipeline "traces" uses exporter "otlp\/tempo", which is not defined under "exporters" or "connectors"/],
  ]);
});

test('an unused component and a pipeline not named after a signal fail', () => {
  assertProblems(brokenFixtures.validate('collector/unused-and-misnamed.yaml'), [
    [9, /^Processor "batch" is defined but not used in any pipeline/],
    [14, /^Pipeline "spans" must be named traces, metrics or logs/],
  ]);
});

test('an OTLP receiver without CORS origins for the labs fails', () => {
  assertProblems(brokenFixtures.validate('collector/missing-cors.yaml'), [[5, /needs protocols\.http\.cors\.allowed_origins listing http:\/\/localhost:4321 and http:\/\/127\.0\.0\.1:4321/]]);
});

test('a second YAML document fails', () => {
  assertProblems(brokenFixtures.validate('collector/two-documents.yaml'), [[4, /^Expected one YAML document, found 2/]]);
});

test('CORS origins may be wildcards, but must cover every lab origin', () => {
  assert.deepEqual(LAB_ORIGINS, ['http://localhost:4321', 'http://127.0.0.1:4321']);
  const config = (origins: string) =>
    [
      'receivers:',
      '  otlp/browser:',
      '    protocols:',
      '      http:',
      '        cors:',
      `          allowed_origins: ${origins}`,
      'exporters: {debug: {}}',
      'service:',
      '  pipelines:',
      '    traces: {receivers: [otlp/browser], exporters: [debug]}',
    ].join('\n');
  assert.deepEqual(validateCollector({ path: 'collector/x.yaml', text: config('["*"]') }), []);
  assertProblems(validateCollector({ path: 'collector/x.yaml', text: config('["http://localhost:4321"]') }), [
    [6, /does not allow http:\/\/127\.0\.0\.1:4321/],
  ]);
});

test('missing sections, unknown keys and undefined extensions fail', () => {
  const text = [
    'receivers: {otlp: {protocols: {http: {cors: {allowed_origins: ["*"]}}}}}',
    'exporter: {}',
    'service:',
    '  extensions: [pprof]',
    '  pipelines:',
    '    logs: {receivers: [otlp, otlp], exporters: []}',
  ].join('\n');
  assertProblems(validateCollector({ path: 'collector/x.yaml', text }), [
    [1, /The config has no "exporters" section/],
    [2, /Unknown top-level key "exporter"/],
    [4, /service\.extensions uses "pprof", which is not defined/],
    [6, /Pipeline "logs" lists receiver "otlp" twice/],
    [6, /Pipeline "logs" exporters must be a non-empty list/],
  ]);
});
