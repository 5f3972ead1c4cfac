import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figureSchema } from '../../schemas/figure.ts';
import { sourceSchema } from '../../schemas/source.ts';
import {
  figureDisplay,
  figureProblems,
  findRestatements,
  formatValue,
  leadingNumber,
  listPages,
  literalForms,
  loadFigures,
  loadSources,
  numbersIn,
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

const vmStartup: Figure = {
  id: 'vm-startup',
  value: { min: 5, max: 60 },
  unit: 's',
  measures: 'start-up time of a virtual machine, a rule of thumb',
  baseline: 'the other columns',
  source: 'scenario',
  at: 'feature table',
  status: 'illustrative',
};
const wasmStartup: Figure = { ...vmStartup, id: 'wasm-startup', value: { min: 1, max: 10 }, unit: 'ms', context: ['start', 'startup', 'Wasm'] };
const vmMemory: Figure = { ...vmStartup, id: 'vm-memory', value: { min: 512, minUnit: 'MB', max: 8 }, unit: 'GB' };
const scenarioSources = new Map<string, SourceRecord>([['scenario', { id: 'scenario', status: 'illustrative' }], ...fixtureSources]);

test('a range renders as its two ends and the unit once, with an en dash; both units when they differ', () => {
  assert.equal(formatValue(vmStartup.value, 's'), '5–60 s');
  assert.equal(formatValue({ min: 0.5, max: 5 }, 'MB'), '0.5–5 MB');
  assert.equal(formatValue(vmMemory.value, 'GB'), '512 MB–8 GB');
  assert.equal(formatValue({ min: 100, minUnit: 'ms', max: 1000 }, 'ms'), '100–1000 ms', 'a minUnit equal to unit is not repeated');
  assert.equal(formatValue({ min: 2, max: 3 }, '×'), '2–3×');
  assert.equal(formatValue(55, '×'), '55×');
  // What <Figure> and <FigureTable> show: the range when the file gives no display, else the
  // display; a number stays on one line with its unit (no-break spaces), the dash may break.
  const nbsp = '\u00a0';
  assert.equal(figureDisplay(vmStartup), `5–60${nbsp}s`);
  assert.equal(figureDisplay(vmMemory), `512${nbsp}MB–8${nbsp}GB`);
  assert.equal(figureDisplay({ ...vmStartup, display: '5–60 s (cold start)' }), `5–60${nbsp}s (cold start)`);
  assert.equal(figureDisplay(base), 'up to 55× higher');
});

test('the schema takes a range as { min, max } and rejects one that is empty, reversed or a point without display', () => {
  const file = { value: { min: 5, max: 60 }, unit: 's', measures: 'start-up of a VM', baseline: 'the other columns', source: 'seeds-scenario', at: 'feature table', status: 'illustrative' };
  assert.equal(figureSchema.safeParse(file).success, true);
  const messages = (data: unknown) => {
    const parsed = figureSchema.safeParse(data);
    return parsed.success ? '' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
  };
  assert.match(messages({ ...file, value: { min: 60, max: 5 } }), /a range gives min below max/);
  assert.match(messages({ ...file, value: { min: 5, max: 5 } }), /a range gives min below max/);
  assert.match(messages({ ...file, value: { min: 5 } }), /^value: .*or a range, e\.g\. \{ min: 5, max: 60 \}/);
  assert.match(messages({ ...file, value: { min: 5, max: 60, step: 1 } }), /^value: Unrecognized key: "step"/);
  assert.match(messages({ ...file, value: 5 }), /display: .*only a range may leave it out/);
  assert.equal(figureSchema.safeParse({ ...file, value: { min: 512, minUnit: 'MB', max: 8 }, unit: 'GB' }).success, true);
});

test('a range’s display must carry the range as rendered, and a verified range must read as both ends', () => {
  assert.deepEqual(figureProblems(vmStartup, scenarioSources), []);
  assert.deepEqual(figureProblems({ ...vmStartup, display: 'about 5–60 s' }, scenarioSources), []);
  assert.match(figureProblems({ ...vmStartup, display: '5–50 s' }, scenarioSources).join('\n'), /does not contain the range 5–60 s/);
  assert.match(figureProblems({ ...vmMemory, display: '512–8 GB' }, scenarioSources).join('\n'), /does not contain the range 512 MB–8 GB/);
  const quote = { at: 'Table 1', text: 'Start-up takes 5-60s for a VM.' };
  const quoted = new Map<string, SourceRecord>([['paper', { id: 'paper', status: 'verified', quotes: [quote] }]]);
  const verified: Figure = { ...vmStartup, source: 'paper', at: 'Table 1', status: 'verified', quotedAs: '5-60s' };
  assert.deepEqual(figureProblems(verified, quoted), []);
  const drifted: Figure = { ...verified, value: { min: 5, max: 90 } };
  assert.match(figureProblems(drifted, quoted).join('\n'), /quotedAs "5-60s" reads as 5–60, not the range 5–90 s/);
  assert.deepEqual(numbersIn('5-60s'), [5, 60]);
  assert.deepEqual(numbersIn('$6,073'), [6073]);
});

test('findRestatements finds a range retyped with either dash, "to", unit words or the unit twice, naming the line', () => {
  const page = [
    'A VM takes 5–60 s to start.', // 1
    'A VM takes 5-60 s to start.', // 2
    'A VM takes 5 to 60 s to start.', // 3
    'A VM takes 5 – 60 seconds.', // 4
    'A VM takes 5 s–60 s.', // 5
    'A VM takes 5&ndash;60s.', // 6
    'Not these: 15–60 s, 5–600 s, 5–60 ms, 5–60 sheep, 2.5–60 s, 5–60.5 s, `5–60 s`.', // 7
    'Memory: 512 MB–8 GB, or 512MB-8GB, or 512 MB to 8 gigabytes.', // 8
    'Not this: 512–8 GB is another claim.', // 9
  ].join('\n');
  assert.deepEqual(
    findRestatements(page, [vmStartup, vmMemory]).map((r) => [r.line, r.figure, r.literal]),
    [
      [1, 'vm-startup', '5–60 s'],
      [2, 'vm-startup', '5–60 s'],
      [3, 'vm-startup', '5–60 s'],
      [4, 'vm-startup', '5–60 s'],
      [5, 'vm-startup', '5–60 s'],
      [6, 'vm-startup', '5–60 s'],
      [8, 'vm-memory', '512 MB–8 GB'],
    ],
  );
});

test('a range common in other text counts only beside one of its context words', () => {
  const page = [
    '| Start-up | 5–60 s | 100–1000 ms | 1–10 ms |', // 1: the seed table's row retyped
    'Wasm instances start in 1-10ms.', // 2
    'Batch 1–10 ms of spans per export.', // 3: the same numbers, no context word
    'Retries back off between 1 and 10 ms.', // 4: "and" is not a range separator here
    '<Figure id="wasm-startup" /> is the Wasm start-up range.', // 5: the component itself
    '```text', // 6
    'startup: 1-10ms', // 7: code
    '```', // 8
  ].join('\n');
  assert.deepEqual(
    findRestatements(page, [vmStartup, wasmStartup]).map((r) => [r.line, r.figure]),
    [
      [1, 'vm-startup'],
      [1, 'wasm-startup'],
      [2, 'wasm-startup'],
    ],
  );
});

test('the orders-of-magnitude table is illustrative data, and the Lumos warm-latency pairs are unverified data', () => {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const ranges = ['startup', 'memory', 'size'].flatMap((row) => ['vm', 'container', 'wasm'].map((col) => `seed-range-${row}-${col}`));
  assert.deepEqual(ranges.filter((id) => byId.get(id)?.source !== 'seeds-scenario' || byId.get(id)?.status !== 'illustrative'), []);
  assert.deepEqual(ranges.filter((id) => typeof byId.get(id)?.value === 'number'), [], 'every cell of that table is a range');
  assert.equal(figureDisplay(byId.get('seed-range-startup-vm')!), '5–60\u00a0s');
  assert.equal(figureDisplay(byId.get('seed-range-size-wasm')!), '0.5–5\u00a0MB (AoT)');
  const lumos = ['p50', 'p99'].flatMap((q) => ['wasm', 'container'].map((k) => `seed-lumos-warm-${q}-${k}`));
  assert.deepEqual(
    lumos.map((id) => [id, byId.get(id)?.value, byId.get(id)?.source, byId.get(id)?.status]),
    [
      ['seed-lumos-warm-p50-wasm', 5.5, 'seeds', 'unverified'],
      ['seed-lumos-warm-p50-container', 5, 'seeds', 'unverified'],
      ['seed-lumos-warm-p99-wasm', 18, 'seeds', 'unverified'],
      ['seed-lumos-warm-p99-container', 15, 'seeds', 'unverified'],
    ],
    'the values as the seed documents give them (001, Lumos section)',
  );
});

test('every verified source quotes the sentences it was checked against, and the schema refuses one that does not', () => {
  const unquoted = [...sources.values()].filter((s) => s.status === 'verified' && !(s.quotes?.length)).map((s) => s.id);
  assert.deepEqual(unquoted, [], `verified sources without quotes: ${unquoted.join(', ')}`);
  const bare = { label: 'A spec', title: 'A specification', url: 'https://example.org/spec', status: 'verified' };
  const refused = sourceSchema.safeParse(bare);
  assert.equal(refused.success, false);
  assert.match(JSON.stringify(refused.error?.issues), /quotes: a verified source holds the exact sentences/);
  assert.equal(sourceSchema.safeParse({ ...bare, quotes: [{ at: 'section 2', text: 'The exact sentence the claim rests on.' }] }).success, true);
  assert.equal(sourceSchema.safeParse({ ...bare, status: 'secondary' }).success, true);
});
