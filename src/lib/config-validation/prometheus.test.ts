import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblems, brokenFixtures, filesIn, goodFixtures } from './fixture-folders.ts';
import { validatePrometheus } from './prometheus.ts';

for (const path of filesIn(goodFixtures, 'prometheus')) {
  test(`good fixture ${path} passes`, () => assert.deepEqual(goodFixtures.validate(path), []));
}

test('a scrape config without job_name and a URL as a target fail', () => {
  assertProblems(brokenFixtures.validate('prometheus/missing-job-name.yaml'), [
    [3, /^Every scrape config needs a job_name/],
    [7, /^Target "http:\/\/app:8080\/metrics" must be host:port/],
  ]);
});

test('missing scrape_configs, unknown top-level keys and duplicate job names fail', () => {
  assertProblems(validatePrometheus({ path: 'prometheus/x.yaml', text: 'global: {}\nscrape_config: []\n' }), [
    [1, /scrape_configs is missing or empty/],
    [2, /Unknown top-level key "scrape_config"/],
  ]);
  const twice = 'scrape_configs:\n  - job_name: a\n  - job_name: a\n';
  assertProblems(validatePrometheus({ path: 'prometheus/x.yaml', text: twice }), [[3, /job_name "a" is used twice/]]);
});
