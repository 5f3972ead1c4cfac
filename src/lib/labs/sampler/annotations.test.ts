import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdAnnotations } from './scenario.ts';
import { annotationsFromSpan, decisionAnnotations, explainDecision, traceIdXor } from './annotations.ts';
import { explainThreshold } from './threshold-notes.ts';
import { generateBatch, toWorkerSpans } from './traffic.ts';

test('traceIdXor folds the four big-endian words the way the plugin does', () => {
  assert.equal(traceIdXor('00000001000000020000000400000008'), 0xf);
  assert.equal(traceIdXor('ffffffff000000000000000000000000'), 0xffffffff);
  assert.equal(traceIdXor('ffffffffffffffff0000000000000000'), 0);
});

test('a ratio drop names the XOR and where it lies against 0xffffffff', () => {
  const text = explainDecision(false, 'ratio', 'ffffffff000000000000000000000000', '/cart');
  assert.match(text, /^dropped: /);
  assert.match(text, /0xffffffff, 1\.000 of 0xffffffff, not below/);
  assert.match(explainDecision(true, 'ratio', '00000000000000000000000000000010', '/cart'), /^kept: .*0x00000010, 0\.000 of/);
});

test('each reason gets its own words, on the span and on sampler.reason', () => {
  assert.match(explainDecision(false, 'parent', '0'.repeat(31) + '1', '/'), /sampled flag is off/);
  assert.match(explainDecision(true, 'force-keep', '0'.repeat(31) + '1', '/'), /force-keep/);
  assert.match(explainDecision(false, 'route-rule', '0'.repeat(31) + '1', '/health'), /rule for \/health/);
  const a = decisionAnnotations(false, 'ratio', 'f'.repeat(32), '/x');
  assert.deepEqual(a.map((x) => x.target), ['span', { attribute: 'sampler.reason' }]);
});

test('XOR request spans are explained from their own attributes on the page; no sentence travels with them', () => {
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const batch = generateBatch(20, 0, 100, { errorRate: 0 }, rand);
  const decisions = new Uint8Array(20).map((_, i) => (i % 2 ? 1 : 0));
  const spans = toWorkerSpans(batch, decisions);
  const roots = spans.filter((s) => s.parentLocalId === undefined);
  assert.equal(roots.length, 20);
  assert.ok(spans.every((s) => s.annotations === undefined), 'the XOR method sends no annotations');
  for (const r of roots) {
    const notes = annotationsFromSpan(r)!;
    assert.deepEqual(notes.map((n) => n.target), ['span', { attribute: 'sampler.reason' }]);
    // The same words the worker used to send: the decision, the XOR and the route all from the span.
    const route = String(r.attributes['http.route']);
    assert.equal(notes[0]!.text, explainDecision(r.keep, String(r.attributes['sampler.reason']), r.traceId, route));
    assert.match(notes[0]!.text, r.keep ? /^kept: / : /^dropped: /);
  }
  // Children, threshold-method spans and spans without a decision get nothing from this path.
  for (const child of spans.filter((s) => s.parentLocalId !== undefined)) assert.equal(annotationsFromSpan(child), undefined);
  assert.equal(annotationsFromSpan({ traceId: roots[0]!.traceId, attributes: { ...roots[0]!.attributes, 'sampler.algorithm': 'threshold' } }), undefined);
  assert.equal(annotationsFromSpan({ traceId: roots[0]!.traceId, attributes: { ...roots[0]!.attributes, 'sampler.decision': 'maybe' } }), undefined);
});

test('the threshold method names R, T and th, and the boundary R = T is "at or above"', () => {
  const kept = explainThreshold(true, 'ratio', 'ffffffffffffffffffc0000000000000', '/cart', 'c');
  assert.match(kept, /^kept: this trace id's last 56 bits are 0xc0000000000000, 0\.750 of 2\^56, at or above the rejection threshold T = 0xc0000000000000 \(0\.750 of 2\^56, tracestate ot=th:c\)\.$/);
  assert.match(explainThreshold(false, 'ratio', '0'.repeat(31) + '1', '/', ''), /ratio is 0/);
  assert.match(explainThreshold(false, 'route-rule', 'f'.repeat(18) + '0'.repeat(14), '/health', 'c'), /^dropped: the per-route rule for \/health set the ratio; .* below the rejection threshold/);
  // a request span carries the threshold explanation only when the method decided it
  const batch = generateBatch(50, 0, 100, { errorRate: 0 }, () => 0.5);
  const spans = toWorkerSpans(batch, new Uint8Array(50).fill(1), { algorithm: 'threshold', thByRoute: ['c', 'c', 'c', 'c', 'c', 'c'], explainThreshold, annotate: thresholdAnnotations });
  const root = spans.find((x) => x.parentLocalId === undefined)!;
  assert.equal(root.attributes['tracestate'], 'ot=th:c');
  assert.equal(root.attributes['sampler.algorithm'], 'threshold');
  assert.match(root.annotations![0]!.text, /rejection threshold T = 0xc0000000000000/);
  const forced = toWorkerSpans(batch, new Uint8Array(50).fill(1 | (2 << 1)), { algorithm: 'threshold', thByRoute: ['c', 'c', 'c', 'c', 'c', 'c'], explainThreshold });
  assert.equal(forced[0]!.attributes['tracestate'], undefined, 'force-keep is not a probability decision');
});
