import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { pathStepLinks } from './data-link-check.ts';
import { decisionTree, treeLinks } from '../lib/guide/tree.ts';

// The site's planned pages. Links in paths and the guide may point at pages that are written in
// parallel, so the build's check can only pass once they exist; this catches a typo today.
const PLANNED = new Set([
  '/', '/start/',
  '/research/', '/research/edera/', '/research/wasm-isolation-attacks/', '/research/lumos/',
  '/containers/', '/containers/dockerfile/', '/containers/otlp-pipeline/', '/containers/compose-stack/', '/containers/kubernetes/',
  '/containers/basics/', '/containers/production/', '/containers/logs-pipeline/', '/containers/collector-deployment/',
  '/webassembly/basics/', '/plugins/sampling-consistency/', '/plugins/rust-sampling-plugin/', '/plugins/rate-limiting/', '/plugins/ab-routing/',
  '/webassembly/', '/webassembly/targets-and-components/', '/webassembly/docker-and-kubernetes/', '/webassembly/tracing/',
  '/webassembly/size-and-startup/', '/webassembly/security-hardening/',
  '/comparison/', '/comparison/hybrid-deployment/', '/comparison/decision-guide/', '/comparison/cost-calculator/',
  '/plugins/', '/plugins/envoy/', '/plugins/istio/', '/plugins/collector/', '/plugins/performance/', '/plugins/production/',
  '/plugins/case-studies/',
  '/labs/', '/labs/sampler/',
  '/paths/', '/paths/web-developer/', '/paths/devops-engineer/', '/paths/architect/', '/paths/researcher/',
  '/paths/docker-in-a-week/', '/paths/wasm-in-a-week/', '/paths/cloud-native-architect-in-a-month/',
]);

test('pathStepLinks reads every step of every path file, naming file and step', () => {
  const links = pathStepLinks();
  const files = readdirSync('content/paths').filter((n) => n.endsWith('.yaml'));
  for (const file of files) assert.ok(links.some((l) => l.where.startsWith(`content/paths/${file}, step `)), file);
  assert.ok(links.every((l) => /^content\/paths\/[a-z0-9-]+\.yaml, step [a-z0-9-]+$/.test(l.where)));
});

test('every learning-path step and guide outcome links to a planned page', () => {
  const hrefs = [...pathStepLinks().map((l) => l.href), ...treeLinks(decisionTree).map((l) => l.href)];
  const unplanned = [...new Set(hrefs.filter((href) => !PLANNED.has(href)))];
  assert.deepEqual(unplanned, []);
});
