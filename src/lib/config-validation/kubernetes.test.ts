import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblems, brokenFixtures, filesIn, goodFixtures } from './fixture-folders.ts';
import { KUBERNETES_VERSION, SUPPORTED_KINDS, validateKubernetes } from './kubernetes.ts';

for (const path of filesIn(goodFixtures, 'kubernetes')) {
  test(`good fixture ${path} passes`, () => assert.deepEqual(goodFixtures.validate(path), []));
}

test(`the schema is for Kubernetes ${KUBERNETES_VERSION} and covers the kinds the site uses`, () => {
  assert.equal(KUBERNETES_VERSION, '1.31');
  for (const kind of [
    'apps/v1/Deployment',
    'v1/Service',
    'autoscaling/v2/HorizontalPodAutoscaler',
    'v1/ResourceQuota',
    'networking.k8s.io/v1/NetworkPolicy',
    'node.k8s.io/v1/RuntimeClass',
    'v1/Namespace',
    'v1/ConfigMap',
  ]) {
    assert.ok(SUPPORTED_KINDS.includes(kind), kind);
  }
});

test('a Deployment without spec.selector fails', () => {
  assertProblems(brokenFixtures.validate('kubernetes/deployment-missing-selector.yaml'), [
    [6, /^Deployment \(apps\/v1\): spec is missing the required key "selector"/],
  ]);
});

test('containers written as a map fail, in the second document of the file', () => {
  assertProblems(brokenFixtures.validate('kubernetes/containers-as-map.yaml'), [
    [20, /^Deployment \(apps\/v1\): spec\.template\.spec\.containers must be a list/],
  ]);
});

test('an unknown field fails (the schemas are strict)', () => {
  assertProblems(brokenFixtures.validate('kubernetes/unknown-field.yaml'), [[7, /spec has an unknown key "replica"/]]);
});

test('an unknown kind fails with the list of known kinds', () => {
  assertProblems(brokenFixtures.validate('kubernetes/unknown-kind.yaml'), [
    [3, /^Gateway \(gateway\.networking\.k8s\.io\/v1\) is not a kind this validator knows for Kubernetes 1\.31\. Known kinds: .*apps\/v1\/Deployment/],
  ]);
});

test('an untagged image and a selector that misses its pods fail', () => {
  assertProblems(brokenFixtures.validate('kubernetes/unpinned-image-and-selector.yaml'), [
    [9, /spec\.selector\.matchLabels app=api does not match spec\.template\.metadata\.labels/],
    [17, /container "app" image "nginx" has no tag/],
  ]);
});

test('images in CronJob pod templates and init containers are checked too', () => {
  const text = [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata: {name: nightly}',
    'spec:',
    '  schedule: "0 3 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          restartPolicy: OnFailure',
    '          initContainers: [{name: init, image: "busybox:latest"}]',
    '          containers: [{name: job, image: "example/job:2.0.1"}]',
  ].join('\n');
  assertProblems(validateKubernetes({ path: 'kubernetes/x.yaml', text }), [[11, /container "init" image "busybox:latest" uses the "latest" tag/]]);
});

test('a document without apiVersion or kind, and a nameless object, fail', () => {
  assertProblems(validateKubernetes({ path: 'kubernetes/x.yaml', text: 'metadata: {name: x}\n' }), [[1, /no apiVersion or kind/]]);
  assertProblems(validateKubernetes({ path: 'kubernetes/x.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {labels: {a: b}}\n' }), [
    [3, /metadata\.name is required/],
  ]);
});

test('int-or-string and quantity fields accept both forms', () => {
  const text = [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: s}',
    'spec:',
    '  ports: [{port: 80, targetPort: 8080}, {name: b, port: 81, targetPort: http}]',
    '---',
    'apiVersion: v1',
    'kind: ResourceQuota',
    'metadata: {name: q}',
    'spec: {hard: {cpu: 2, memory: 1Gi}}',
  ].join('\n');
  assert.deepEqual(validateKubernetes({ path: 'kubernetes/x.yaml', text }), []);
});
