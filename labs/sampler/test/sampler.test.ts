import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { loadLab } from '../../build/load-node.mjs';
import type { Root as Sampler, SpanBatch } from '../../out/sampler/sampler.js';
import { idGenerator } from './ids.ts';

let sampler: Sampler;
before(async () => {
  sampler = await loadLab<Sampler>('sampler');
});

const NOW = Date.UTC(2026, 0, 1);

function batchOf(bytes: Uint8Array, fill: Partial<{ parent: number; status: number; error: number; route: number }> = {}, routes = ['/products']): SpanBatch {
  const n = bytes.length / 16;
  return {
    traceIds: bytes,
    parents: new Uint8Array(n).fill(fill.parent ?? 0),
    routeIndexes: new Uint16Array(n).fill(fill.route ?? 0),
    routes,
    statusCodes: new Uint16Array(n).fill(fill.status ?? 200),
    errors: new Uint8Array(n).fill(fill.error ?? 0),
  };
}

const kept = (decisions: Uint8Array) => decisions.reduce((sum, d) => sum + (d & 1), 0);
const reasonOf = (d: number) => ['ratio', 'parent', 'force-keep', 'route-rule', 'boost', 'invalid-trace-id'][d >> 1];

describe('ratio sampling', () => {
  for (const ratio of [0.01, 0.25, 0.5]) {
    test(`keeps ${ratio * 100}% of 100,000 random trace ids, within 1 percentage point`, () => {
      sampler.configure(JSON.stringify({ ratio }));
      const { bytes } = idGenerator(ratio * 1000 + 1).batch(100_000);
      const observed = kept(sampler.decideBatch(batchOf(bytes), NOW)) / 100_000;
      assert.ok(Math.abs(observed - ratio) <= 0.01, `observed ${observed} for ratio ${ratio}`);
    });
  }

  for (const ratio of [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.999, 1]) {
    test(`decides exactly as OpenTelemetry JS's TraceIdRatioBasedSampler at ratio ${ratio} (100,000 ids, batch and single)`, () => {
      sampler.configure(JSON.stringify({ ratio }));
      const otel = new TraceIdRatioBasedSampler(ratio);
      const { bytes, hex } = idGenerator(Math.round(ratio * 1e6) + 7).batch(100_000);
      const batch = sampler.decideBatch(batchOf(bytes), NOW);
      let mismatches = 0;
      for (let i = 0; i < hex.length; i++) {
        const expected = otel.shouldSample(ROOT_CONTEXT, hex[i]!).decision === SamplingDecision.RECORD_AND_SAMPLED;
        if (((batch[i]! & 1) === 1) !== expected) mismatches++;
        // The single-span API must agree too; checking every 10th keeps the test quick.
        if (i % 10 === 0) {
          const single = sampler.decide({ traceId: hex[i]!, parent: 'none', route: '/products', statusCode: 200, isError: false }, NOW);
          if (single.keep !== expected) mismatches++;
        }
      }
      assert.equal(mismatches, 0);
    });
  }

  test('treats uppercase hex like OpenTelemetry and drops invalid or all-zero ids', () => {
    sampler.configure('{"ratio": 1}');
    const otel = new TraceIdRatioBasedSampler(1);
    const ids = ['4BF92F3577B34DA6A3CE929D0E0E4736', '0'.repeat(32), 'xyz', '4bf92f3577b34da6a3ce929d0e0e473', 'g'.repeat(32)];
    for (const traceId of ids) {
      const expected = otel.shouldSample(ROOT_CONTEXT, traceId).decision === SamplingDecision.RECORD_AND_SAMPLED;
      const d = sampler.decide({ traceId, parent: 'none', route: '/', statusCode: 200, isError: false }, NOW);
      assert.equal(d.keep, expected, traceId);
      if (!expected) assert.equal(d.reason, 'invalid-trace-id');
    }
    const zero = sampler.decideBatch(batchOf(new Uint8Array(16)), NOW);
    assert.equal(reasonOf(zero[0]!), 'invalid-trace-id');
  });
});

describe('force-keep', () => {
  test('keeps every 5xx and every error span at ratio 0, and only those', () => {
    sampler.configure('{"ratio": 0, "forceKeep": {"errors": true, "http5xx": true}}');
    const { bytes } = idGenerator(42).batch(1000);
    for (const status of [500, 502, 503, 599]) {
      const d = sampler.decideBatch(batchOf(bytes, { status }), NOW);
      assert.equal(kept(d), 1000, `status ${status}`);
      assert.ok([...d].every((x) => reasonOf(x) === 'force-keep'));
    }
    assert.equal(kept(sampler.decideBatch(batchOf(bytes, { status: 200, error: 1 }), NOW)), 1000);
    assert.equal(kept(sampler.decideBatch(batchOf(bytes, { status: 404 }), NOW)), 0);
    assert.equal(kept(sampler.decideBatch(batchOf(bytes, { status: 600 }), NOW)), 0);
  });

  test('each switch works on its own', () => {
    sampler.configure('{"ratio": 0, "forceKeep": {"errors": true}}');
    const { bytes } = idGenerator(43).batch(100);
    assert.equal(kept(sampler.decideBatch(batchOf(bytes, { status: 503 }), NOW)), 0);
    assert.equal(kept(sampler.decideBatch(batchOf(bytes, { error: 1 }), NOW)), 100);
    sampler.configure('{"ratio": 0, "forceKeep": {"http5xx": true}}');
    assert.equal(kept(sampler.decideBatch(batchOf(bytes, { status: 503 }), NOW)), 100);
    assert.equal(kept(sampler.decideBatch(batchOf(bytes, { error: 1 }), NOW)), 0);
  });
});

describe('parent-based', () => {
  test('follows the upstream sampled flag and falls back to the ratio for roots', () => {
    sampler.configure('{"ratio": 0.5, "parentBased": true}');
    const { bytes } = idGenerator(7).batch(10_000);
    const sampled = sampler.decideBatch(batchOf(bytes, { parent: 1 }), NOW);
    const notSampled = sampler.decideBatch(batchOf(bytes, { parent: 2 }), NOW);
    const roots = sampler.decideBatch(batchOf(bytes, { parent: 0 }), NOW);
    assert.equal(kept(sampled), 10_000);
    assert.equal(kept(notSampled), 0);
    assert.ok([...sampled, ...notSampled].every((d) => reasonOf(d) === 'parent'));
    assert.ok(Math.abs(kept(roots) / 10_000 - 0.5) < 0.03);
  });

  test('is off unless configured: the flag is ignored', () => {
    sampler.configure('{"ratio": 0}');
    const { bytes } = idGenerator(8).batch(100);
    assert.equal(kept(sampler.decideBatch(batchOf(bytes, { parent: 1 }), NOW)), 0);
  });
});

describe('per-route rules', () => {
  test('/checkout at 100%, everything else at 1%', () => {
    sampler.configure('{"ratio": 0.01, "routes": [{"route": "/checkout", "ratio": 1}]}');
    const { bytes } = idGenerator(9).batch(50_000);
    const routes = ['/checkout', '/products', '/checkout/confirm'];
    const checkout = sampler.decideBatch(batchOf(bytes, { route: 0 }, routes), NOW);
    const products = sampler.decideBatch(batchOf(bytes, { route: 1 }, routes), NOW);
    const sub = sampler.decideBatch(batchOf(bytes, { route: 2 }, routes), NOW);
    assert.equal(kept(checkout), 50_000);
    assert.ok([...checkout].every((d) => reasonOf(d) === 'route-rule'));
    assert.ok(Math.abs(kept(products) / 50_000 - 0.01) < 0.003);
    assert.ok(Math.abs(kept(sub) / 50_000 - 0.01) < 0.003, 'an exact rule does not match sub-paths');
  });

  test('a trailing * matches a prefix, and the first matching rule wins', () => {
    sampler.configure('{"ratio": 0, "routes": [{"route": "/api/admin", "ratio": 0}, {"route": "/api/*", "ratio": 1}]}');
    const d = (route: string) => sampler.decide({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parent: 'none', route, statusCode: 200, isError: false }, NOW);
    assert.equal(d('/api/users').keep, true);
    assert.equal(d('/api/admin').keep, false);
    assert.equal(d('/apix').keep, false);
  });
});

describe('promotion and incident boosts', () => {
  test('an incident raises the ratio to 50% inside its window and not after it', () => {
    sampler.configure(JSON.stringify({ ratio: 0.01, boost: { mode: 'incident', untilMs: NOW + 60_000 } }));
    const { bytes } = idGenerator(11).batch(20_000);
    const during = sampler.decideBatch(batchOf(bytes), NOW);
    const after = sampler.decideBatch(batchOf(bytes), NOW + 60_000);
    assert.ok(Math.abs(kept(during) / 20_000 - 0.5) < 0.02);
    assert.ok(Math.abs(kept(after) / 20_000 - 0.01) < 0.005);
    assert.equal(sampler.decide({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parent: 'none', route: '/', statusCode: 200, isError: false }, NOW).ratio, 0.5);
  });

  test('a promotion raises 1% to 5%, but never lowers a higher rule', () => {
    sampler.configure(JSON.stringify({ ratio: 0.01, routes: [{ route: '/checkout', ratio: 1 }], boost: { mode: 'promotion', untilMs: NOW + 1 } }));
    const one = (route: string) => sampler.decide({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parent: 'none', route, statusCode: 200, isError: false }, NOW);
    assert.deepEqual(one('/products'), { keep: one('/products').keep, reason: 'boost', ratio: 0.05 });
    assert.deepEqual(one('/checkout'), { keep: true, reason: 'route-rule', ratio: 1 });
  });
});

describe('bad configuration', () => {
  const cases: [string, RegExp][] = [
    ['{"ratio": 1.5}', /^ratio: must be a number from 0 to 1, got 1\.5$/],
    ['{"ratio": -0.1}', /^ratio: must be a number from 0 to 1/],
    ['{"ratio": "0.5"}', /^ratio: must be a number from 0 to 1, got a string$/],
    ['{}', /^ratio: is required/],
    ['{"ratio": 0.5, "rate": 1}', /^unknown field "rate" \(known fields: ratio, parentBased, forceKeep, routes, boost, algorithm\)$/],
    ['{"ratio": 0.5,}', /^malformed JSON at position 14: expected a field name/],
    ['{"ratio": 0.5', /^malformed JSON at position 13: expected ',' or '}', found the end of the text$/],
    ['[1, 2]', /^the configuration must be a JSON object, got an array$/],
    ['{"ratio": 0.5, "routes": [{"route": "/a", "ratio": 2}]}', /^routes\[0\]\.ratio: must be a number from 0 to 1, got 2$/],
    ['{"ratio": 0.5, "routes": [{"route": "checkout", "ratio": 1}]}', /^routes\[0\]\.route: must be a path starting with "\/"/],
    ['{"ratio": 0.5, "forceKeep": {"errors": "yes"}}', /^forceKeep\.errors: must be true or false, got a string$/],
    ['{"ratio": 0.5, "forceKeep": {"timeouts": true}}', /^forceKeep: unknown field "timeouts"/],
    ['{"ratio": 0.5, "boost": {"mode": "sale", "untilMs": 1}}', /^boost\.mode: must be "promotion" or "incident"$/],
    ['{"ratio": 0.5, "ratio": 0.1}', /^duplicate field "ratio"$/],
    ['', /^malformed JSON at position 0: expected a value, found the end of the text$/],
  ];
  for (const [config, message] of cases) {
    test(`rejects ${config || '(empty)'} with a message naming the problem, and keeps the previous configuration`, () => {
      sampler.configure('{"ratio": 0.25, "routes": [{"route": "/checkout", "ratio": 1}]}');
      const before = sampler.currentConfig();
      assert.throws(() => sampler.configure(config), (err: { payload?: unknown }) => {
        assert.match(String(err.payload), message);
        return true;
      });
      assert.equal(sampler.currentConfig(), before);
      const d = sampler.decide({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parent: 'none', route: '/checkout', statusCode: 200, isError: false }, NOW);
      assert.equal(d.reason, 'route-rule');
    });
  }

  test('a batch whose columns disagree is rejected with a message', () => {
    sampler.configure('{"ratio": 1}');
    const b = batchOf(new Uint8Array(32));
    assert.throws(() => sampler.decideBatch({ ...b, errors: new Uint8Array(1) }, NOW), (e: { payload?: unknown }) => /different lengths/.test(String(e.payload)));
    assert.throws(() => sampler.decideBatch({ ...b, routeIndexes: new Uint16Array([0, 5]) }, NOW), (e: { payload?: unknown }) => /route-indexes\[1\] is 5 but there are 1 routes/.test(String(e.payload)));
    // The instance is still usable afterwards.
    assert.equal(kept(sampler.decideBatch(batchOf(idGenerator(3).batch(10).bytes), NOW)), 10);
  });

  test('normalises the configuration it reports', () => {
    sampler.configure('{ "ratio": 0.1, "forceKeep": {"errors": true} }');
    assert.deepEqual(JSON.parse(sampler.currentConfig()), {
      ratio: 0.1, parentBased: false, forceKeep: { errors: true, http5xx: false }, routes: [], boost: null, algorithm: 'xor',
    });
  });
});

describe('memory', () => {
  test('100 batches of 50,000 spans do not grow memory without bound', () => {
    sampler.configure('{"ratio": 0.5}');
    const { bytes } = idGenerator(5).batch(50_000);
    // A leak of the 800 KB input per call would exhaust the 16 MiB cap within 20 calls.
    for (let i = 0; i < 100; i++) sampler.decideBatch(batchOf(bytes), NOW);
  });
});
