import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblems } from './fixture-folders.ts';
import { parseYamlFile } from './yaml-source.ts';

const file = (text: string, path = 'compose/x.yaml') => ({ path, text });

test('lineAt points at keys, list items, and the nearest ancestor of a missing path', () => {
  const { documents, problems } = parseYamlFile(file('a:\n  b:\n    - x\n    - y: 1\n      z: 2\n'), { multiDocument: false });
  assert.deepEqual(problems, []);
  const [doc] = documents;
  assert.equal(doc.lineAt(['a']), 1);
  assert.equal(doc.lineAt(['a', 'b', 1]), 4);
  assert.equal(doc.lineAt(['a', 'b', 1, 'z']), 5);
  assert.equal(doc.lineAt(['a', 'b', 1, 'missing']), 4);
  assert.equal(doc.lineAt([]), 1);
});

test('documents keep their own lines in a multi-document file; empty documents are dropped', () => {
  const { documents } = parseYamlFile(file('a: 1\n---\n---\n# c\nb:\n  c: 2\n'), { multiDocument: true });
  assert.deepEqual(documents.map((d) => d.value), [{ a: 1 }, { b: { c: 2 } }]);
  assert.equal(documents[1].lineAt(['b', 'c']), 6);
});

test('merge keys and aliases resolve', () => {
  const { documents } = parseYamlFile(file('base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n'), { multiDocument: false });
  assert.deepEqual(documents[0].value, { base: { x: 1 }, item: { x: 1, y: 2 } });
});

test('syntax errors and duplicate keys are problems with their line', () => {
  assertProblems(parseYamlFile(file('a: [1, 2\nb: 3\n'), { multiDocument: false }).problems, [[2, /^YAML syntax error/]]);
  assertProblems(parseYamlFile(file('a: 1\nb: 2\na: 3\n'), { multiDocument: false }).problems, [[3, /^YAML syntax error: Map keys must be unique/]]);
});

test('an empty file and a second document where one is expected are problems', () => {
  assertProblems(parseYamlFile(file('# only a comment\n'), { multiDocument: false }).problems, [[1, /no YAML content/]]);
  assertProblems(parseYamlFile(file('a: 1\n---\nb: 2\n'), { multiDocument: false }).problems, [[3, /Expected one YAML document, found 2/]]);
});

test('.json files must be strict JSON', () => {
  assert.deepEqual(parseYamlFile(file('{"a": [1]}', 'kubernetes/x.json'), { multiDocument: true }).problems, []);
  assertProblems(parseYamlFile(file('{\n  "a": 1,\n}', 'kubernetes/x.json'), { multiDocument: true }).problems, [[3, /^JSON syntax error/]]);
});
