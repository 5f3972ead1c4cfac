// The specification's threshold method (tracestate-probability-sampling.md): its reference `th`
// values, and every decision checked against an independent BigInt implementation.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab } from '../../build/load-node.mjs';
import type { Root as Sampler, SpanBatch } from '../../out/sampler/sampler.js';
import { idGenerator } from './ids.ts';

let sampler: Sampler;
before(async () => {
  sampler = await loadLab<Sampler>('sampler');
});

const NOW = Date.UTC(2026, 0, 1);
const TWO_56 = 1n << 56n;

function batchOf(bytes: Uint8Array, parent = 0): SpanBatch {
  const n = bytes.length / 16;
  return {
    traceIds: bytes,
    parents: new Uint8Array(n).fill(parent),
    routeIndexes: new Uint16Array(n),
    routes: ['/products'],
    statusCodes: new Uint16Array(n).fill(200),
    errors: new Uint8Array(n),
  };
}

/** T from a `th` value: the hex digits, padded with zeros to 14. */
const thToThreshold = (th: string) => BigInt(`0x${th.padEnd(14, '0')}`);

/**
 * The threshold computed exactly, with BigInt on the double's exact value, rather than by the
 * reference's floating-point steps: digits = round-half-up((1 - ratio) x 16^p), where p grows by
 * one per factor of 16 below 1/2 (p = 4 + floor(-e / 4), e the binary exponent of frexp).
 */
function exactThreshold(ratio: number): bigint {
  if (ratio >= 1) return 0n;
  if (ratio <= 0) return TWO_56;
  const e = Math.floor(Math.log2(ratio)) + 1; // frexp's exponent: ratio = m x 2^e, m in [0.5, 1)
  const p = Math.max(1, Math.min(12, 4 + Math.floor(e / -4)));
  // ratio = num / 2^1074 exactly, for any double
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, ratio);
  const bits = buf.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = (bits & ((1n << 52n) - 1n)) | (exp ? 1n << 52n : 0n);
  const shift = BigInt(Math.max(exp, 1) - 1075 + 1074); // ratio = mant x 2^(exp - 1075)
  const num = mant << shift;
  const den = 1n << 1074n;
  const scale = 1n << BigInt(4 * p);
  // (1 - ratio) x 16^p + 1/2, floored
  let digits = ((den - num) * scale * 2n + den) / (den * 2n);
  if (digits >= scale) digits = scale - 1n;
  return digits << BigInt(56 - 4 * p);
}

describe('threshold encoding (th)', () => {
  // The specification's table "1-in-N probability sampling", precision 4 (its recommended
  // default for SDKs), and its worked example: 1% at 5 digits is fd70a4, here 5 digits come from
  // the small-ratio adjustment of precision 4 (0.01 < 1/16).
  const table: [number, string][] = [
    [1, '0'], [0.5, '8'], [1 / 3, 'aaab'], [0.25, 'c'], [0.2, 'cccd'], [0.125, 'e'], [0.1, 'e666'],
    [0.0625, 'f'], [0.01, 'fd70a'], [0.001, 'ffbe77'], [0.0001, 'fff9724'], [0.00001, 'ffff583a'],
    [0.000001, 'ffffef39'],
  ];
  for (const [ratio, th] of table) {
    test(`ratio ${ratio} gives th:${th}, as in the specification's table`, () => {
      assert.equal(sampler.threshold(ratio), th);
      assert.equal(thToThreshold(th), exactThreshold(ratio));
    });
  }

  test('ratio 0 has no threshold (the specification defines none for "never")', () => {
    assert.equal(sampler.threshold(0), '');
  });

  test('the encoding never ends in a zero and never exceeds 14 digits', () => {
    for (let i = 1; i < 2000; i++) {
      const th = sampler.threshold(i / 2000);
      assert.match(th, /^(0|[0-9a-f]{0,13}[1-9a-f])$/, `ratio ${i / 2000}`);
      assert.equal(thToThreshold(th), exactThreshold(i / 2000), `ratio ${i / 2000}`);
    }
  });
});

describe('threshold decisions', () => {
  for (const ratio of [0, 0.001, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.999, 1]) {
    test(`keeps exactly the ids whose last 56 bits are at least T, at ratio ${ratio} (100,000 ids, batch and single)`, () => {
      sampler.configure(JSON.stringify({ ratio, algorithm: 'threshold' }));
      const t = exactThreshold(ratio);
      const { bytes, hex } = idGenerator(Math.round(ratio * 1e6) + 31).batch(100_000);
      const batch = sampler.decideBatch(batchOf(bytes), NOW);
      let mismatches = 0;
      let keptCount = 0;
      for (let i = 0; i < hex.length; i++) {
        const expected = BigInt(`0x${hex[i]!.slice(18)}`) >= t;
        if (((batch[i]! & 1) === 1) !== expected) mismatches++;
        keptCount += batch[i]! & 1;
        if (i % 10 === 0) {
          const single = sampler.decide({ traceId: hex[i]!, parent: 'none', route: '/products', statusCode: 200, isError: false }, NOW);
          if (single.keep !== expected) mismatches++;
        }
      }
      assert.equal(mismatches, 0);
      assert.ok(Math.abs(keptCount / 100_000 - ratio) <= 0.01, `kept ${keptCount}`);
    });
  }

  test('the boundary: R = T is kept, R = T - 1 is dropped; the first nine hex digits play no part', () => {
    sampler.configure('{"ratio": 0.25, "algorithm": "threshold"}');
    const d = (traceId: string) => sampler.decide({ traceId, parent: 'none', route: '/', statusCode: 200, isError: false }, NOW).keep;
    // T for 25% is 0xc0000000000000
    assert.equal(d('ffffffffffffffffffc0000000000000'), true);
    assert.equal(d('000000000000000000c0000000000000'.replace(/^0/, '1')), true);
    assert.equal(d('ffffffffffffffffffbfffffffffffff'), false);
    assert.equal(d('000000000000000000ffffffffffffff'.replace(/^0/, '1')), true);
  });

  test('differs from the XOR method on the page\'s example id', () => {
    // 4bf92f3577b34da6a3ce929d0e0e4736: the last 56 bits are 0xce929d0e0e4736, 0.807 of 2^56;
    // the XOR of the four words is 0x918ab738, 0.569 of 2^32.
    const decide = (algorithm: string) => {
      sampler.configure(JSON.stringify({ ratio: 0.25, algorithm }));
      return sampler.decide({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parent: 'none', route: '/', statusCode: 200, isError: false }, NOW).keep;
    };
    assert.equal(decide('threshold'), true);
    assert.equal(decide('xor'), false);
  });

  test('an unknown algorithm is refused and the previous configuration stays', () => {
    sampler.configure('{"ratio": 0.5, "algorithm": "threshold"}');
    const before = sampler.currentConfig();
    assert.throws(() => sampler.configure('{"ratio": 0.5, "algorithm": "hash"}'), (e: { payload?: unknown }) => /^algorithm: must be "xor"/.test(String(e.payload)));
    assert.equal(sampler.currentConfig(), before);
    assert.equal(JSON.parse(before).algorithm, 'threshold');
  });

  test('the default is the XOR method, so configurations written before the setting decide as before', () => {
    sampler.configure('{"ratio": 0.5}');
    assert.equal(JSON.parse(sampler.currentConfig()).algorithm, 'xor');
  });
});
