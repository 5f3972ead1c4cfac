import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROGRESS_FORMAT,
  PROGRESS_VERSION,
  countDone,
  emptyProgress,
  exportFileName,
  isStepDone,
  markLabComplete,
  parseProgress,
  percentDone,
  progressSize,
  serializeProgress,
  setStepDone,
  impossibleDate,
  mergeProgress,
  reviewImport,
  type ProgressCatalog,
} from './progress.ts';

const steps = [{ id: 'read-overview' }, { id: 'run-stack' }, { id: 'try-sampler', lab: 'sampler' }];

test('a ticked step counts as done in its own path only', () => {
  const p = setStepDone(emptyProgress(), 'web-developer', 'read-overview', true);
  assert.equal(isStepDone(p, 'web-developer', steps[0]!), true);
  assert.equal(isStepDone(p, 'architect', steps[0]!), false);
  assert.equal(countDone(p, 'web-developer', steps), 1);
});

test('unticking removes the step and drops an empty path', () => {
  const ticked = setStepDone(emptyProgress(), 'architect', 'read-overview', true);
  const unticked = setStepDone(ticked, 'architect', 'read-overview', false);
  assert.deepEqual(unticked.steps, {});
});

test('setStepDone does not mutate its argument and keeps ids sorted and unique', () => {
  const start = emptyProgress();
  const a = setStepDone(start, 'p', 'b', true);
  const b = setStepDone(setStepDone(a, 'p', 'a', true), 'p', 'b', true);
  assert.deepEqual(start.steps, {});
  assert.deepEqual(a.steps, { p: ['b'] });
  assert.deepEqual(b.steps, { p: ['a', 'b'] });
});

test('setStepDone rejects ids that could not be stored', () => {
  assert.throws(() => setStepDone(emptyProgress(), 'Web Developer', 'x', true), TypeError);
  assert.throws(() => setStepDone(emptyProgress(), 'p', '', true), TypeError);
});

test('a lab step is done once its lab has a completed run, in every path', () => {
  const p = markLabComplete(emptyProgress(), 'sampler', new Date('2026-11-22T10:00:00Z'));
  assert.equal(isStepDone(p, 'web-developer', steps[2]!), true);
  assert.equal(isStepDone(p, 'researcher', steps[2]!), true);
  assert.equal(isStepDone(p, 'web-developer', steps[0]!), false);
  assert.equal(p.labs.sampler, '2026-11-22T10:00:00.000Z');
});

test('a lab step can also be ticked by hand', () => {
  const p = setStepDone(emptyProgress(), 'web-developer', 'try-sampler', true);
  assert.equal(countDone(p, 'web-developer', steps), 1);
});

test('percentDone rounds and handles an empty path', () => {
  assert.equal(percentDone(1, 3), 33);
  assert.equal(percentDone(3, 3), 100);
  assert.equal(percentDone(0, 0), 0);
});

test('serialize then parse gives back the same progress', () => {
  let p = setStepDone(emptyProgress(), 'web-developer', 'read-overview', true);
  p = setStepDone(p, 'docker-in-a-week', 'day-1-dockerfile', true);
  p = markLabComplete(p, 'sampler', new Date('2026-11-22T10:00:00Z'));
  const text = serializeProgress(p, new Date('2026-11-23T08:00:00Z'));
  assert.match(text, /"exportedAt": "2026-11-23T08:00:00.000Z"/);
  const parsed = parseProgress(text);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.progress, p);
});

test('parse: corrupt JSON is reported as such', () => {
  const r = parseProgress('{"format": "wasm-observability-labs/progress", ');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /not valid JSON/);
});

test('parse: a JSON file from elsewhere is reported as foreign', () => {
  for (const text of ['{"name": "my-app", "version": "1.0.0"}', '[1, 2, 3]', '"hello"', 'null', '42']) {
    const r = parseProgress(text);
    assert.equal(r.ok, false, text);
    assert.match(!r.ok ? r.error : '', /not a progress file from Wasm Observability Labs/, text);
  }
});

test('parse: a newer or missing version is refused with the version named', () => {
  const newer = parseProgress(JSON.stringify({ format: PROGRESS_FORMAT, version: 2, steps: {}, labs: {} }));
  assert.equal(newer.ok, false);
  assert.match(!newer.ok ? newer.error : '', /version 2, which is newer .*version 1/);
  for (const version of [undefined, 0, 1.5, '1']) {
    const r = parseProgress(JSON.stringify({ format: PROGRESS_FORMAT, version, steps: {}, labs: {} }));
    assert.equal(r.ok, false, String(version));
    assert.match(!r.ok ? r.error : '', /no valid format version/);
  }
});

test('parse: the wrong shape is reported as damage, naming the field', () => {
  const base = { format: PROGRESS_FORMAT, version: PROGRESS_VERSION };
  const cases: [unknown, RegExp][] = [
    [{ ...base, labs: {} }, /"steps" must be an object/],
    [{ ...base, steps: [], labs: {} }, /"steps" must be an object/],
    [{ ...base, steps: { 'web-developer': 'read-overview' }, labs: {} }, /"steps.web-developer" must be a list/],
    [{ ...base, steps: { 'web-developer': [1] }, labs: {} }, /"steps.web-developer" must be a list/],
    [{ ...base, steps: { 'Bad Id': [] }, labs: {} }, /not a valid path id/],
    [{ ...base, steps: {} }, /"labs" must be an object/],
    [{ ...base, steps: {}, labs: { sampler: true } }, /"labs.sampler" must be the date/],
    [{ ...base, steps: {}, labs: { sampler: 'yesterday' } }, /"labs.sampler" must be the date/],
  ];
  for (const [data, message] of cases) {
    const r = parseProgress(JSON.stringify(data));
    assert.equal(r.ok, false, JSON.stringify(data));
    assert.match(!r.ok ? r.error : '', /^The file is damaged: /);
    assert.match(!r.ok ? r.error : '', message);
  }
});

test('parse: a huge file is refused before parsing', () => {
  const r = parseProgress(' '.repeat(300 * 1024));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /too large/);
});

test('parse: duplicates are removed and empty paths dropped', () => {
  const r = parseProgress(
    JSON.stringify({ format: PROGRESS_FORMAT, version: 1, steps: { a: ['y', 'x', 'y'], b: [] }, labs: {} }),
  );
  assert.ok(r.ok);
  assert.deepEqual(r.progress.steps, { a: ['x', 'y'] });
});

test('progressSize counts steps, paths and labs', () => {
  let p = setStepDone(emptyProgress(), 'a', 'x', true);
  p = setStepDone(p, 'a', 'y', true);
  p = setStepDone(p, 'b', 'x', true);
  p = markLabComplete(p, 'sampler', new Date());
  assert.deepEqual(progressSize(p), { steps: 3, paths: 2, labs: 1 });
});

test('exportFileName carries the date', () => {
  assert.equal(exportFileName(new Date('2026-11-22T23:59:00Z')), 'wol-progress-2026-11-22.json');
});

test('impossible completion dates: no such day, the future, before the site', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  assert.equal(impossibleDate('2026-11-30T09:00:00.000Z', now), null);
  assert.equal(impossibleDate('2026-02-30T09:00:00.000Z', now), 'no such day');
  assert.equal(impossibleDate('2026-02-28T24:00:00.000Z', now), 'no such day');
  assert.equal(impossibleDate('2024-02-29T09:00:00.000Z', now), null, 'a leap day');
  assert.equal(impossibleDate('2026-12-02T11:59:00.000Z', now), null, 'within a day of clock slack');
  assert.equal(impossibleDate('2026-12-02T12:01:00.000Z', now), 'in the future');
  assert.equal(impossibleDate('2019-05-01T09:00:00.000Z', now), 'before this site existed');
});

test('merge keeps the union of steps and the later lab completion', () => {
  const mine = { ...emptyProgress(), steps: { a: ['x', 'y'] }, labs: { sampler: '2026-11-01T00:00:00.000Z' } };
  const theirs = { ...emptyProgress(), steps: { a: ['y', 'z'], b: ['q'] }, labs: { sampler: '2026-11-05T00:00:00.000Z', masker: '2026-11-02T00:00:00.000Z' } };
  const merged = mergeProgress(mine, theirs);
  assert.deepEqual(merged.steps, { a: ['x', 'y', 'z'], b: ['q'] });
  assert.deepEqual(merged.labs, { sampler: '2026-11-05T00:00:00.000Z', masker: '2026-11-02T00:00:00.000Z' });
  assert.deepEqual(mergeProgress(theirs, mine).labs.sampler, '2026-11-05T00:00:00.000Z');
});

test('an import review counts each side per path and reports unknown ids and impossible dates', () => {
  const catalog: ProgressCatalog = {
    paths: {
      web: { title: 'Web developer', steps: [{ id: 's1' }, { id: 's2' }, { id: 's3', lab: 'sampler' }, { id: 's4' }, { id: 's5' }, { id: 's6' }, { id: 's7' }] },
      ops: { title: 'Operator', steps: [{ id: 'o1' }] },
    },
    labs: ['sampler'],
  };
  const mine = { ...emptyProgress(), steps: { web: ['s1', 's2', 's4', 's5', 's6'] } };
  const file = {
    ...emptyProgress(),
    steps: { web: ['s1', 's7', 'gone'], constructor: ['x'] },
    labs: { sampler: '2026-02-30T10:00:00.000Z', 'old-lab': '2026-11-01T10:00:00.000Z' },
  };
  const review = reviewImport(mine, file, catalog, new Date('2026-12-01T00:00:00Z'));
  assert.deepEqual(review.paths, [{ id: 'web', title: 'Web developer', total: 7, mine: 5, theirs: 2, merged: 6 }]);
  assert.deepEqual(review.unknownPaths, ['constructor']);
  assert.deepEqual(review.unknownSteps, ['web/gone']);
  assert.deepEqual(review.unknownLabs, ['old-lab']);
  assert.deepEqual(review.impossibleDates, [{ lab: 'sampler', at: '2026-02-30T10:00:00.000Z', why: 'no such day' }]);
});

test('ids that name Object.prototype members count only when present', () => {
  const p = emptyProgress();
  assert.equal(isStepDone(p, 'constructor', { id: 'a', lab: 'constructor' }), false);
  assert.deepEqual(setStepDone(p, 'constructor', 'a', true).steps, { constructor: ['a'] });
});
