import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from './dockerfile-parser.ts';
import { validateDockerfile } from './dockerfile.ts';
import { assertProblems, brokenFixtures, filesIn, goodFixtures } from './fixture-folders.ts';

for (const path of filesIn(goodFixtures, 'docker')) {
  test(`good fixture ${path} passes`, () => assert.deepEqual(goodFixtures.validate(path), []));
}

test('an untagged FROM fails, on its own line after a continued ARG', () => {
  assertProblems(brokenFixtures.validate('docker/untagged.Dockerfile'), [[5, /^FROM image "node" has no tag/]]);
});

test('FROM x:latest fails', () => {
  assertProblems(brokenFixtures.validate('docker/latest.Dockerfile'), [[5, /^FROM image "nginx:latest" uses the "latest" tag/]]);
});

test('a FROM image built from an ARG without a default fails', () => {
  assertProblems(brokenFixtures.validate('docker/arg-without-default.Dockerfile'), [[3, /uses NODE_VERSION, which has no default/]]);
});

test('an unknown instruction fails', () => {
  assertProblems(brokenFixtures.validate('docker/unknown-instruction.Dockerfile'), [[3, /^Unknown instruction "RUNN"/]]);
});

test('a Dockerfile without a stage fails', () => {
  assertProblems(brokenFixtures.validate('docker/no-from.Dockerfile'), [[1, /no FROM instruction/]]);
});

test('COPY --from an untagged image fails', () => {
  assertProblems(brokenFixtures.validate('docker/copy-from-untagged.Dockerfile'), [[3, /^COPY --from image "busybox" has no tag/]]);
});

test('FROM scratch, FROM an earlier stage and digests need no tag', () => {
  const text = [
    'FROM golang:1.24 AS build',
    'FROM build AS test',
    'FROM alpine@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c',
    'FROM scratch',
  ].join('\n');
  assert.deepEqual(validateDockerfile({ path: 'docker/x.Dockerfile', text }), []);
});

test('ARG defaults resolve FROM images, including ${VAR:-default} and defaults built from other ARGs', () => {
  const ok = 'ARG V=3.21\nARG IMAGE=alpine:${V}\nFROM ${IMAGE}\nFROM alpine:${UNSET:-3.20}\n';
  assert.deepEqual(validateDockerfile({ path: 'docker/x.Dockerfile', text: ok }), []);
  const latest = 'ARG TAG=latest\nFROM alpine:$TAG\n';
  assertProblems(validateDockerfile({ path: 'docker/x.Dockerfile', text: latest }), [[2, /"alpine:\$TAG" \(= "alpine:latest"\) uses the "latest" tag/]]);
});

test('ARGs declared inside a stage do not reach FROM', () => {
  const text = 'FROM alpine:3.21\nARG TAG=1.0\nFROM busybox:$TAG\n';
  assertProblems(validateDockerfile({ path: 'docker/x.Dockerfile', text }), [[3, /uses TAG, which has no default/]]);
});

test('instructions other than ARG before the first FROM fail', () => {
  const text = 'RUN echo hi\nFROM alpine:3.21\n';
  assertProblems(validateDockerfile({ path: 'docker/x.Dockerfile', text }), [[1, /RUN appears before the first FROM/]]);
});

test('a stage name used twice and a bad FROM form fail', () => {
  const text = 'FROM alpine:3.21 AS a\nFROM alpine:3.21 AS a\nFROM alpine:3.21 AS\n';
  assertProblems(validateDockerfile({ path: 'docker/x.Dockerfile', text }), [
    [2, /Stage name "a" is used twice/],
    [3, /FROM expects "FROM \[--platform=...\] <image> \[AS <name>\]"/],
  ]);
});

test('the parser reads directives only at the top of the file', () => {
  const parsed = parseDockerfile('# syntax=docker/dockerfile:1\n# check=error=true\n\n# escape=`\nFROM alpine:3.21\n');
  assert.deepEqual(parsed.directives, { syntax: 'docker/dockerfile:1', check: 'error=true' });
});

test('the parser joins continuations with the escape character, dropping comment lines', () => {
  const parsed = parseDockerfile('# escape=`\nFROM alpine:3.21\nRUN apk add `\n# a comment\n    curl\nUSER 1000\n');
  assert.deepEqual(
    parsed.instructions.map((i) => [i.line, i.keyword, i.args]),
    [
      [2, 'FROM', 'alpine:3.21'],
      [3, 'RUN', 'apk add      curl'],
      [6, 'USER', '1000'],
    ],
  );
});

test('the parser attaches heredoc bodies, stripping tabs for <<-', () => {
  const parsed = parseDockerfile('FROM alpine:3.21\nRUN <<-EOT sh\n\techo one\n\tEOT\nCMD ["true"]\n');
  assert.deepEqual(parsed.instructions[1].heredocs, ['echo one']);
  assert.equal(parsed.instructions[2].keyword, 'CMD');
  assert.equal(parsed.instructions[2].line, 5);
});

test('the parser reports an unclosed heredoc and a continuation at the end of the file', () => {
  assert.match(parseDockerfile('FROM alpine:3.21\nRUN <<EOF\necho\n').errors[0].message, /heredoc <<EOF is never closed/);
  assert.match(parseDockerfile('FROM alpine:3.21\nRUN echo \\\n').errors[0].message, /line continuation at the end of the file/);
});
