import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  figureProblems,
  findRestatements,
  leadingNumber,
  listPages,
  literalForms,
  loadFigures,
  loadSources,
  type Figure,
  type SourceRecord,
} from './figures.ts';

const DOCS = join(process.cwd(), 'content', 'docs');
const figures = loadFigures();
const sources = loadSources();

const abstract = {
  at: 'abstract',
  text: 'AoT-compiled Wasm images are up to 30x smaller, while interpreted Wasm suffers up to 55x higher warm latency.',
};
const paper: SourceRecord = { id: 'paper', status: 'verified', quotes: [abstract] };
const fixtureSources = new Map<string, SourceRecord>([
  ['paper', paper],
  ['summary', { id: 'summary', status: 'secondary', quotes: [abstract] }],
]);
const base: Figure = {
  id: 'warm',
  value: 55,
  unit: '×',
  display: 'up to 55× higher',
  measures: 'warm latency of interpreted Wasm',
  baseline: 'none named in the abstract',
  source: 'paper',
  at: 'abstract',
  status: 'verified',
  quotedAs: '55x',
};

test('every figure in content/figures/ is consistent with its source', () => {
  assert.ok(figures.length >= 10, `expected the papers' figures, found ${figures.length}`);
  const problems = figures.flatMap((f) => figureProblems(f, sources).map((p) => `content/figures/${f.id}.yaml: ${p}`));
  assert.deepEqual(problems, []);
});

test('a verified figure whose number is in the quoted sentence passes', () => {
  assert.deepEqual(figureProblems(base, fixtureSources), []);
});

test('a verified figure whose words are not in the quote cannot be verified', () => {
  const drifted = { ...base, value: 50, display: 'up to 50× higher', quotedAs: '50x' };
  assert.match(figureProblems(drifted, fixtureSources).join('\n'), /"50x" does not occur in the abstract of "paper"/);
});

test('quotedAs must read as the value, so the data file cannot say 65 while the quote says 55', () => {
  const wrong = { ...base, value: 65, display: 'up to 65× higher' };
  assert.match(figureProblems(wrong, fixtureSources).join('\n'), /reads as 55, not the value 65/);
});

test('a verified figure needs a verified source that quotes the place it names', () => {
  assert.match(figureProblems({ ...base, source: 'summary' }, fixtureSources).join('\n'), /its source "summary" is secondary/);
  assert.match(figureProblems({ ...base, at: 'Table 3' }, fixtureSources).join('\n'), /quotes no text at "Table 3"/);
  assert.match(figureProblems({ ...base, source: 'missing' }, fixtureSources).join('\n'), /not a file in content\/sources/);
});

test('a secondary figure needs no quote, but its display must still carry its value', () => {
  const secondary = { ...base, status: 'secondary' as const, source: 'summary', quotedAs: undefined };
  assert.deepEqual(figureProblems(secondary, fixtureSources), []);
  assert.match(figureProblems({ ...secondary, display: 'much higher' }, fixtureSources).join('\n'), /does not contain the value 55/);
});

test('leadingNumber reads the forms abstracts use', () => {
  assert.equal(leadingNumber('55x'), 55);
  assert.equal(leadingNumber('.9%'), 0.9);
  assert.equal(leadingNumber('648 millisecond'), 648);
  assert.equal(leadingNumber('2.14%'), 2.14);
  assert.equal(leadingNumber('6,073'), 6073);
  assert.ok(Number.isNaN(leadingNumber('none')));
});

test('literal forms follow the unit, plus the figure’s own', () => {
  assert.deepEqual(literalForms(base), ['55×', '55x', '55 times']);
  assert.deepEqual(literalForms({ ...base, value: 648, unit: 'ms', literals: ['+648'] }), [
    '648 ms',
    '648ms',
    '648 millisecond',
    '+648',
  ]);
});

test('findRestatements reports a retyped figure with its line, and only whole numbers', () => {
  const page = [
    '---', // 1
    'title: Up to 55× in the frontmatter is not body text', // 2
    '---', // 3
    "import Figure from '@components/content/Figure.astro';", // 4
    'Interpreted Wasm has <Figure id="warm" /> warm latency.', // 5
    'The study found 55 times higher latency.', // 6
    '```text', // 7
    'benchmark: 55x', // 8
    '```', // 9
    'Not a restatement: 155× or 0.55× or 55xl or `55x` in code.', // 10
    'Again, up to 55× here.', // 11
  ].join('\n');
  const found = findRestatements(page, [base]);
  assert.deepEqual(
    found.map((r) => [r.line, r.literal]),
    [
      [6, '55 times'],
      [11, '55×'],
    ],
  );
});

test('a literal is not found inside a longer number, in either direction', () => {
  const cost: Figure = { ...base, id: 'cost', value: 6073, unit: 'USD a month', display: '$6,073 a month', literals: ['$6,073'] };
  const page = ['The calculator gives $6,073.60 for the same inputs.', 'The material prints $6,073, cut off.'].join('\n');
  assert.deepEqual(
    findRestatements(page, [cost]).map((r) => r.line),
    [2],
  );
});

test('a figure with context words is found only on a line that has one of them', () => {
  const lua: Figure = { ...base, id: 'lua-p99', value: 18, unit: 'ms', display: '18 ms', context: ['Lua', 'filter'] };
  const page = [
    '| Lua filter | 8 ms | 18 ms |', // 1: the table row retyped
    'Warm latency P99 18 ms (AoT Wasm) vs 15 ms (container)', // 2: the same number, another claim
    'A LUA script took 18ms.', // 3: context is case-insensitive
    'The filtering step took 18 ms.', // 4: "filtering" is not the word "filter"
  ].join('\n');
  assert.deepEqual(
    findRestatements(page, [lua]).map((r) => [r.line, r.literal]),
    [
      [1, '18 ms'],
      [3, '18ms'],
    ],
  );
  assert.deepEqual(
    findRestatements(page, [{ ...lua, context: undefined }]).map((r) => r.line),
    [1, 2, 3, 4],
  );
});

test('every seed-document table row is data: the throughput, memory, density and Envoy filter tables', () => {
  const ids = new Set(figures.map((f) => f.id));
  const expected = [
    ...['bare-metal', 'vm', 'container', 'wasm'].map((k) => `seed-throughput-${k}`),
    ...['vm', 'container', 'wasm'].flatMap((k) => [`seed-memory-${k}`, `seed-density-${k}`]),
    ...['no-filter', 'lua', 'wasm-unoptimised', 'wasm-optimised'].flatMap((r) =>
      ['p50', 'p99', 'cpu', 'memory'].map((c) => `seed-envoy-${r}-${c}`),
    ),
  ];
  assert.deepEqual(expected.filter((id) => !ids.has(id)), []);
  const notIllustrative = expected.filter((id) => figures.find((f) => f.id === id)?.status !== 'illustrative');
  assert.deepEqual(notIllustrative, [], 'the seeds give no setup for these tables, so they are scenarios');
});

test('no page states a figure without <Figure>', () => {
  const hits = listPages(DOCS).flatMap((page) =>
    findRestatements(readFileSync(join(DOCS, page), 'utf8'), figures).map(
      (r) => `content/docs/${page}:${r.line}: "${r.literal}" (figure ${r.figure}); use <Figure id="${r.figure}" />\n    ${r.text}`,
    ),
  );
  assert.equal(hits.length, 0, `\n${hits.join('\n')}`);
});

test('the decision guide’s tree, which is data in TypeScript, states no figure either', () => {
  const tree = 'src/lib/guide/tree.ts';
  const hits = findRestatements(readFileSync(join(process.cwd(), tree), 'utf8'), figures).map(
    (r) => `${tree}:${r.line}: "${r.literal}" (figure ${r.figure})`,
  );
  assert.deepEqual(hits, []);
});

test('every <Figure id> on a page names a figure in content/figures/', () => {
  const ids = new Set(figures.map((f) => f.id));
  const unknown = listPages(DOCS).flatMap((page) =>
    [...readFileSync(join(DOCS, page), 'utf8').matchAll(/<Figure\s+id="([^"]+)"|figures:\s*\[([^\]]*)\]/g)]
      .flatMap((m) => (m[1] ? [m[1]] : [...m[2].matchAll(/'([^']+)'|"([^"]+)"/g)].map((q) => q[1] ?? q[2])))
      .filter((id) => id !== 'null' && !ids.has(id))
      .map((id) => `content/docs/${page}: ${id}`),
  );
  assert.deepEqual(unknown, []);
});
