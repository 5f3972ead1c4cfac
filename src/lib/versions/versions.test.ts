import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  findVersionDrift,
  frontmatter,
  givesCommandsOrConfigs,
  listFiles,
  loadToolVersions,
  type ToolVersions,
} from './versions.ts';

const tools = loadToolVersions();

const fixture: ToolVersions = {
  redis: { label: 'Redis', version: '8.6.2', images: ['redis'], checkedBy: 'x' },
  prometheus: { label: 'Prometheus', version: '3.13.2', tagPrefix: 'v', images: ['prom/prometheus'], checkedBy: 'x' },
  otelcol: {
    label: 'Collector',
    version: '0.164.0',
    images: ['otel/opentelemetry-collector-contrib'],
    gomod: ['go.opentelemetry.io/collector/'],
    checkedBy: 'x',
  },
};

test('an image tag must be the tool’s version, alone or with a variant suffix', () => {
  const text = [
    'image: redis:8.6.2-alpine', // 1 ok
    'image: redis:7.4.2-alpine', // 2 drift
    'REDIS_ADDR: redis:6379', // 3 a port, not a tag
    'image: prom/prometheus:v3.13.2', // 4 ok
    'image: prom/prometheus:3.13.2', // 5 drift: prefix missing
    'image: redis:8.6', // 6 drift: not exact
    'image: redis:8.6.20-alpine', // 7 drift: a different patch release
    'image: myredis:1.0', // 8 another image
  ].join('\n');
  assert.deepEqual(
    findVersionDrift(text, fixture).map((d) => [d.line, d.found]),
    [
      [2, 'redis:7.4.2-alpine'],
      [5, 'prom/prometheus:3.13.2'],
      [6, 'redis:8.6'],
      [7, 'redis:8.6.20-alpine'],
    ],
  );
});

test('builder manifest pins must equal the Collector version', () => {
  const text = [
    '  - gomod: go.opentelemetry.io/collector/receiver/otlpreceiver v0.164.0',
    '  - gomod: go.opentelemetry.io/collector/processor/batchprocessor v0.146.0',
  ].join('\n');
  assert.deepEqual(
    findVersionDrift(text, fixture).map((d) => [d.line, d.expected]),
    [[2, 'v0.164.0']],
  );
});

test('every page and config agrees with content/versions/tools.yaml', () => {
  const files = [
    ...listFiles(['content/docs'], /\.mdx?$/),
    ...listFiles(['content/configs'], /\.(ya?ml|json|Dockerfile|toml)$/),
    'README.md',
  ];
  const drift = files.flatMap((file) =>
    findVersionDrift(readFileSync(file, 'utf8'), tools).map(
      (d) => `${file}:${d.line}: ${d.found} (content/versions/tools.yaml says ${d.expected} for ${d.tool})`,
    ),
  );
  assert.deepEqual(drift, []);
});

test('the versions file has the tools the configs use', () => {
  for (const id of ['rust', 'otelcol', 'redis', 'jaeger', 'prometheus', 'grafana', 'postgres']) {
    assert.ok(tools[id], `content/versions/tools.yaml: no entry for ${id}`);
  }
});

test('givesCommandsOrConfigs sees runnable blocks and config files, not text or WIT', () => {
  assert.equal(givesCommandsOrConfigs('Prose.\n```text\noutput\n```\n```wit\nworld w {}\n```'), false);
  assert.equal(givesCommandsOrConfigs('```sh title="Run"\nnpm test\n```'), true);
  assert.equal(givesCommandsOrConfigs('<ConfigFile path="collector/otel-collector.yaml" />'), true);
});

test('every page with commands or configs says what they were tested with, using known tools', () => {
  const problems = listFiles(['content/docs'], /\.mdx?$/).flatMap((file) => {
    const mdx = readFileSync(file, 'utf8');
    const tested = frontmatter(mdx).testedWith as { tools?: string[]; note?: string } | undefined;
    if (!tested) return givesCommandsOrConfigs(mdx) ? [`${file}: gives commands or configs but has no testedWith`] : [];
    return (tested.tools ?? []).filter((id) => !tools[id]).map((id) => `${file}: testedWith names "${id}", not in content/versions/tools.yaml`);
  });
  assert.deepEqual(problems, []);
});
