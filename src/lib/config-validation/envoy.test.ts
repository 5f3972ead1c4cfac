import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateEnvoy } from './envoy.ts';
import { assertProblems, brokenFixtures, filesIn, goodFixtures } from './fixture-folders.ts';

for (const path of filesIn(goodFixtures, 'envoy')) {
  test(`good fixture ${path} passes`, () => assert.deepEqual(goodFixtures.validate(path), []));
}

test('a Wasm filter without vm_config fails', () => {
  assertProblems(brokenFixtures.validate('envoy/wasm-missing-vm-config.yaml'), [[22, /^The Wasm filter config has no vm_config/]]);
});

test('a router that is not the last HTTP filter, and a route to an undefined cluster, fail', () => {
  assertProblems(brokenFixtures.validate('envoy/router-not-last.yaml'), [
    [17, /^Cluster "payments" is referenced here but not defined/],
    [19, /^envoy\.filters\.http\.router must be the last HTTP filter/],
    [22, /^The last HTTP filter must be envoy\.filters\.http\.router/],
  ]);
});

test('a bootstrap without listeners fails', () => {
  assertProblems(validateEnvoy({ path: 'envoy/x.yaml', text: 'static_resources:\n  clusters: []\n' }), [[1, /static_resources\.listeners is missing or empty/]]);
});

test('a Wasm filter with the wrong @type, an unknown runtime and remote code without sha256 fails', () => {
  const text = [
    'static_resources:',
    '  listeners:',
    '    - filter_chains:',
    '        - filters:',
    '            - name: envoy.filters.network.http_connection_manager',
    '              typed_config:',
    '                http_filters:',
    '                  - name: envoy.filters.http.wasm',
    '                    typed_config:',
    '                      "@type": type.googleapis.com/envoy.extensions.wasm.v3.Wasm',
    '                      config:',
    '                        vm_config:',
    '                          runtime: envoy.wasm.runtime.wavm',
    '                          code: {remote: {http_uri: {uri: "https://x/p.wasm", cluster: plugins, timeout: 5s}}}',
    '                  - name: envoy.filters.http.router',
    '  clusters: [{name: plugins}]',
  ].join('\n');
  assertProblems(validateEnvoy({ path: 'envoy/x.yaml', text }), [
    [10, /"@type" must be type\.googleapis\.com\/envoy\.extensions\.filters\.http\.wasm\.v3\.Wasm/],
    [13, /vm_config\.runtime "envoy\.wasm\.runtime\.wavm" is not one of/],
    [14, /vm_config\.code\.remote needs sha256/],
  ]);
});
