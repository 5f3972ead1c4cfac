import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblems, goodFixtures } from './fixture-folders.ts';
import { configKinds, createConfigValidator } from './index.ts';

const validate = createConfigValidator({ fileExists: () => true });

test('every folder of the good fixture tree has a kind, and every kind has a good fixture', () => {
  const folders = new Set(goodFixtures.files.map((path) => path.split('/')[0]));
  const kinds = configKinds({ fileExists: () => true }).map((kind) => kind.folder);
  assert.deepEqual([...folders].sort(), [...kinds].sort());
});

test('a file in an unknown folder fails, so nothing unvalidated reaches the site', () => {
  assertProblems(validate({ path: 'terraform/main.tf', text: '' }), [[undefined, /^No validator covers the folder "terraform\/"/]]);
  assertProblems(validate({ path: 'README.md', text: '# configs' }), [[undefined, /^No validator covers the top of content\/configs\//]]);
});

test('a file its folder does not accept fails', () => {
  assertProblems(validate({ path: 'docker/build.sh', text: 'docker build .' }), [[undefined, /^docker\/ holds Dockerfiles and accepts files named \*\.Dockerfile or Dockerfile/]]);
  assertProblems(validate({ path: 'compose/stack.json', text: '{}' }), [[undefined, /^compose\/ holds Compose files and accepts \.yaml or \.yml files/]]);
});

test('Dockerfile names: *.Dockerfile, Dockerfile and Dockerfile.<suffix>', () => {
  for (const path of ['docker/app.Dockerfile', 'docker/Dockerfile', 'docker/Dockerfile.wasm']) {
    assert.deepEqual(validate({ path, text: 'FROM alpine:3.21\n' }), [], path);
  }
});

test('problems come back in line order', () => {
  const problems = validate({ path: 'docker/x.Dockerfile', text: 'FROM a\nFROM b\nNOPE x\n' });
  assert.deepEqual(problems.map((p) => p.line), [1, 2, 3]);
});
