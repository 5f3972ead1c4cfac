import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertProblems, brokenFixtures, filesIn, goodFixtures } from './fixture-folders.ts';
import { validateIstio } from './istio.ts';

for (const path of filesIn(goodFixtures, 'istio')) {
  test(`good fixture ${path} passes`, () => assert.deepEqual(goodFixtures.validate(path), []));
}

test('a phase outside the WasmPlugin enum fails', () => {
  assertProblems(brokenFixtures.validate('istio/bad-phase.yaml'), [[8, /^spec\.phase "STATISTICS" must be one of UNSPECIFIED_PHASE, AUTHN, AUTHZ, STATS/]]);
});

test('an https module without sha256 and a misspelled failStrategy fail', () => {
  assertProblems(brokenFixtures.validate('istio/https-without-sha256.yaml'), [
    [7, /https:\/\/ needs spec\.sha256/],
    [8, /^spec\.failStrategy "FAIL_CLOSED" must be one of FAIL_CLOSE, FAIL_OPEN/],
  ]);
});

test('the wrong apiVersion or kind, a missing url and a malformed sha256 fail', () => {
  const text = ['apiVersion: networking.istio.io/v1', 'kind: EnvoyFilter', 'metadata: {name: x}', 'spec:', '  sha256: "sha256:abc"'].join('\n');
  assertProblems(validateIstio({ path: 'istio/x.yaml', text }), [
    [1, /^apiVersion must be extensions\.istio\.io\/v1alpha1/],
    [2, /^kind must be WasmPlugin/],
    [4, /^spec\.url is required/],
    [5, /^spec\.sha256 must be 64 lowercase hex characters/],
  ]);
});

test('url schemes other than oci, https and file fail', () => {
  const text = 'apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: x}\nspec: {url: "http://example.com/p.wasm"}\n';
  assertProblems(validateIstio({ path: 'istio/x.yaml', text }), [[4, /must start with oci:\/\/, https:\/\/, file:\/\//]]);
});
