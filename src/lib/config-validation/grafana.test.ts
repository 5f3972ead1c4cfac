import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblems, brokenFixtures, filesIn, goodFixtures } from './fixture-folders.ts';
import { validateGrafana } from './grafana.ts';

for (const path of filesIn(goodFixtures, 'grafana')) {
  test(`good fixture ${path} passes`, () => assert.deepEqual(goodFixtures.validate(path), []));
}

test('a datasource without url fails', () => {
  assertProblems(brokenFixtures.validate('grafana/datasource-without-url.yaml'), [[7, /^Datasource 2 needs a "url"/]]);
});

test('apiVersion and a datasources or providers list are required', () => {
  assertProblems(validateGrafana({ path: 'grafana/x.yaml', text: 'datasource: []\n' }), [
    [1, /^apiVersion is required/],
    [1, /needs a datasources list \(data sources\) or a providers list \(dashboards\)/],
  ]);
});

test('dashboard providers need a name and options.path; two default datasources fail', () => {
  const providers = 'apiVersion: 1\nproviders:\n  - name: default\n    options: {path: /var/lib/grafana/dashboards}\n  - options: {}\n';
  assertProblems(validateGrafana({ path: 'grafana/dashboards.yaml', text: providers }), [
    [5, /Dashboard provider 2 needs a name/],
    [5, /Dashboard provider 2 needs options\.path/],
  ]);
  const defaults = 'apiVersion: 1\ndatasources:\n  - {name: a, type: prometheus, url: "http://a", isDefault: true}\n  - {name: b, type: loki, url: "http://b", isDefault: true}\n';
  assertProblems(validateGrafana({ path: 'grafana/x.yaml', text: defaults }), [[4, /Only one datasource can be the default/]]);
});

test('dashboard JSON needs a title and panels, and must be strict JSON', () => {
  assert.deepEqual(validateGrafana({ path: 'grafana/dashboards/a.json', text: '{"title": "A", "panels": []}' }), []);
  assertProblems(validateGrafana({ path: 'grafana/dashboards/a.json', text: '{"panels": []}' }), [[1, /needs a title/]]);
  assertProblems(validateGrafana({ path: 'grafana/dashboards/a.json', text: '{\n  "title": "A",\n  "panels": [],\n}\n' }), [[4, /^JSON syntax error/]]);
});
