import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createComposeValidator } from './compose.ts';
import { assertProblems, brokenFixtures, filesIn, goodFixtures } from './fixture-folders.ts';

for (const path of filesIn(goodFixtures, 'compose')) {
  test(`good fixture ${path} passes, with its mounts found in the fixture tree`, () => assert.deepEqual(goodFixtures.validate(path), []));
}

test('an unknown top-level key fails the Compose schema', () => {
  assertProblems(brokenFixtures.validate('compose/unknown-top-level-key.yaml'), [[2, /^The top level has an unknown key "servics"/]]);
});

test('a value of the wrong type fails the Compose schema', () => {
  assertProblems(brokenFixtures.validate('compose/wrong-type.yaml'), [[5, /^services\.web\.ports must be a list/]]);
});

test('inside a oneOf, the error of the branch that fits is the one reported', () => {
  assertProblems(brokenFixtures.validate('compose/unknown-port-key.yaml'), [[7, /^services\.web\.ports\[0\] has an unknown key "publish"/]]);
});

test('untagged, latest and unresolvable image tags fail', () => {
  assertProblems(brokenFixtures.validate('compose/unpinned-images.yaml'), [
    [4, /^Service "cache" image "redis" has no tag/],
    [6, /^Service "web" image "nginx:latest" uses the "latest" tag/],
    [8, /^Service "app" image "example\/app:\$\{APP_TAG\}" uses \$\{APP_TAG\} with no default/],
  ]);
});

test('a missing bind-mount source and one outside content/configs/ fail', () => {
  assertProblems(brokenFixtures.validate('compose/missing-mount.yaml'), [
    [6, /"\.\/missing-collector\.yaml" does not exist \(looked for content\/configs\/compose\/missing-collector\.yaml\)/],
    [7, /"\.\.\/\.\.\/outside\.yaml" points outside content\/configs\//],
  ]);
});

test('a YAML syntax error is reported with its line', () => {
  assertProblems(brokenFixtures.validate('compose/yaml-syntax-error.yaml'), [[6, /^YAML syntax error: Flow sequence/]]);
});

test('mounts are resolved relative to the compose file, through the injected fileExists', () => {
  const asked: string[] = [];
  const validate = createComposeValidator({ fileExists: (path) => (asked.push(path), true) });
  const text = [
    'services:',
    '  app:',
    '    image: example/app:1.0.0',
    '    env_file: [./app.env, {path: ./optional.env, required: false}]',
    '    volumes:',
    '      - ../prometheus/prometheus.yaml:/etc/prometheus/prometheus.yml:ro',
    '      - data:/data',
    '      - /var/run/docker.sock:/var/run/docker.sock',
    '      - ${CONFIG_DIR:-./conf}:/conf',
    'volumes:',
    '  data: {}',
    'configs:',
    '  settings:',
    '    file: ./settings.json',
  ].join('\n');
  assert.deepEqual(validate({ path: 'compose/stack.yaml', text }), []);
  assert.deepEqual(asked.sort(), ['compose/app.env', 'compose/conf', 'compose/settings.json', 'prometheus/prometheus.yaml']);
});

test('the obsolete version key fails', () => {
  const validate = createComposeValidator({ fileExists: () => true });
  const problems = validate({ path: 'compose/x.yaml', text: 'version: "3.8"\nservices:\n  a:\n    image: alpine:3.21\n' });
  assertProblems(problems, [[1, /"version" key is obsolete/]]);
});
