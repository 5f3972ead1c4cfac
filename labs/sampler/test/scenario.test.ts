// The three-service scenario with the real component: one instance per service, as each service
// loads its own plugin. Broken traces are counted by the lab's pure functions and checked against
// decisions computed here independently (OpenTelemetry JS for XOR, BigInt for the threshold).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { loadLab } from '../../build/load-node.mjs';
import type { Root as Sampler } from '../../out/sampler/sampler.js';
import { countTraces, decideThroughServices, isBroken, scenarioSpans } from '../../../src/lib/labs/sampler/scenario.ts';
import { DEFAULT_SETTINGS } from '../../../src/lib/labs/sampler/settings.ts';
import { PRESETS, SERVICES, serviceConfig, serviceSamplers, type ServiceSampler } from '../../../src/lib/labs/sampler/presets.ts';
import type { RequestBatch } from '../../../src/lib/labs/sampler/traffic.ts';
import { idGenerator } from './ids.ts';

const NOW = Date.UTC(2026, 0, 1);
const N = 20_000;
let instances: Sampler[];
before(async () => {
  instances = await Promise.all([0, 1, 2].map(() => loadLab<Sampler>('sampler')));
});

function requests(seed: number, n: number): { batch: RequestBatch; hex: string[] } {
  const { bytes, hex } = idGenerator(seed).batch(n);
  return {
    hex,
    batch: {
      traceIds: bytes,
      parents: new Uint8Array(n),
      routeIndexes: new Uint16Array(n),
      routes: ['/checkout'],
      statusCodes: new Uint16Array(n).fill(201),
      errors: new Uint8Array(n),
      startMs: new Float64Array(n).fill(NOW),
      durationMs: new Float64Array(n).fill(20),
    },
  };
}

function run(services: readonly ServiceSampler[], batch: RequestBatch) {
  services.forEach((s, i) => instances[i]!.configure(serviceConfig(s, false)));
  return decideThroughServices(batch, instances.map((inst) => (b: RequestBatch) => inst.decideBatch(b, NOW)));
}

/** The service's own decision on an id, computed here: OpenTelemetry JS for XOR, R >= T for the threshold. */
function ownDecision(s: ServiceSampler, hex: string, th: string): boolean {
  if (s.algorithm === 'xor') return new TraceIdRatioBasedSampler(s.ratio).shouldSample(ROOT_CONTEXT, hex).decision === SamplingDecision.RECORD_AND_SAMPLED;
  if (th === '') return false;
  return BigInt(`0x${hex.slice(18)}`) >= BigInt(`0x${th.padEnd(14, '0')}`);
}

describe('counting broken traces', () => {
  test('the per-service defaults are the mixed preset, so a link may leave a preset\'s services out', () => {
    assert.deepEqual(serviceSamplers({ ...DEFAULT_SETTINGS, scenario: 'custom' }), Object.values(PRESETS.mixed));
  });

  test('a trace is broken exactly when the services disagree', () => {
    const d = [new Uint8Array([1, 0, 1, 0, 1]), new Uint8Array([1, 0, 0, 0, 1]), new Uint8Array([1, 0, 1, 1, 3])];
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => isBroken(d, i)), [false, false, true, true, false]);
    // bits 1-3 are the reason, not the decision: 3 is "kept, by the parent"
    assert.deepEqual(countTraces(d), { broken: 2, complete: 2, total: 5 });
  });

  test('each service after the first receives its caller\'s decision as the sampled flag', () => {
    const seen: number[][] = [];
    const decide = (keep: number[]) => (b: RequestBatch) => {
      seen.push([...b.parents]);
      return new Uint8Array(keep);
    };
    const { batch } = requests(1, 3);
    batch.parents.set([1, 2, 1]); // an upstream flag on the input is not the gateway's caller
    decideThroughServices(batch, [decide([1, 0, 1]), decide([0, 0, 1]), decide([1, 1, 1])]);
    assert.deepEqual(seen, [[0, 0, 0], [1, 2, 1], [2, 2, 1]]);
  });
});

describe('the presets with the real component', () => {
  test('mixed algorithms, independent decisions: broken traces, exactly as the services\' own decisions predict', () => {
    const services = Object.values(PRESETS.mixed);
    const { batch, hex } = requests(101, N);
    const decisions = run(services, batch);
    const th = services.map((s, i) => instances[i]!.threshold(s.ratio));
    let expectedBroken = 0;
    for (let i = 0; i < N; i++) {
      const own = services.map((s, k) => ownDecision(s, hex[i]!, th[k]!));
      services.forEach((_, k) => assert.equal((decisions[k]![i]! & 1) === 1, own[k], `service ${k}, id ${hex[i]}`));
      if (own.some((x) => x !== own[0])) expectedBroken++;
    }
    const counts = countTraces(decisions);
    assert.equal(counts.broken, expectedBroken);
    // The two XOR services are consistent with each other (payments keeps the ids whose XOR is in
    // the lowest 10%, a subset of the gateway's 25%); the threshold method at checkout is
    // independent of both. All three agree when the XOR is below 10% and checkout keeps, or the
    // XOR is at or above 25% and checkout drops.
    const agree = 0.1 * 0.25 + 0.75 * 0.75;
    assert.ok(Math.abs(counts.broken / N - (1 - agree)) < 0.02, `broken share ${counts.broken / N}`);
  });

  test('parent-based downstream repairs them: no broken trace, and the gateway\'s ratio decides', () => {
    const { batch } = requests(102, N);
    const counts = countTraces(run(Object.values(PRESETS['parent-based']), batch));
    assert.equal(counts.broken, 0);
    assert.ok(Math.abs(counts.complete / N - 0.25) < 0.015, `complete share ${counts.complete / N}`);
  });

  test('one algorithm everywhere at one ratio repairs them too', () => {
    const { batch } = requests(103, N);
    const counts = countTraces(run(Object.values(PRESETS['one-algorithm']), batch));
    assert.equal(counts.broken, 0);
    assert.ok(Math.abs(counts.complete / N - 0.25) < 0.015);
  });

  test('the threshold method at falling ratios is consistent: whatever payments keeps, its callers kept', () => {
    const services: ServiceSampler[] = [
      { algorithm: 'threshold', ratio: 0.5, parentBased: false },
      { algorithm: 'threshold', ratio: 0.25, parentBased: false },
      { algorithm: 'threshold', ratio: 0.1, parentBased: false },
    ];
    const { batch } = requests(104, N);
    const d = run(services, batch);
    let keptByPayments = 0;
    for (let i = 0; i < N; i++) {
      if (d[2]![i]! & 1) {
        keptByPayments++;
        assert.equal(d[0]![i]! & d[1]![i]! & 1, 1);
      }
    }
    assert.ok(keptByPayments > 0.08 * N);
    // The XOR method at the same ratios is not consistent with the threshold method: mixing them
    // keeps payments' spans whose callers were dropped.
    const mixed = run([services[0]!, services[1]!, { ...services[2]!, algorithm: 'xor' }], batch);
    let orphans = 0;
    for (let i = 0; i < N; i++) if ((mixed[2]![i]! & 1) && !(mixed[1]![i]! & 1)) orphans++;
    assert.ok(orphans > 0.05 * N, `orphans ${orphans}`);
  });
});

describe('scenario spans', () => {
  test('one span per service, each the child of its caller, with the algorithm, th and why', () => {
    const services = Object.values(PRESETS.mixed);
    const { batch } = requests(105, 200);
    const decisions = run(services, batch);
    const th = services.map((s, i) => (s.algorithm === 'threshold' ? instances[i]!.threshold(s.ratio) : undefined));
    const spans = scenarioSpans(batch, decisions, services, th);
    assert.equal(spans.length, 600);
    const brokenAt = [...Array(200).keys()].find((i) => isBroken(decisions, i))!;
    const [gw, co, pay] = spans.slice(brokenAt * 3, brokenAt * 3 + 3);
    assert.equal(gw!.parentLocalId, undefined);
    assert.equal(co!.parentLocalId, gw!.localId);
    assert.equal(pay!.parentLocalId, co!.localId);
    assert.deepEqual([gw, co, pay].map((s) => s!.attributes['service.name']), [...SERVICES]);
    assert.equal(co!.attributes['sampler.algorithm'], 'threshold');
    assert.equal(co!.attributes['tracestate'], 'ot=th:c');
    assert.equal(gw!.attributes['tracestate'], undefined);
    assert.equal(gw!.attributes['sampler.trace_complete'], false);
    assert.match(co!.annotations![0]!.text, co!.keep ? /^kept: .*at or above the rejection threshold T = 0xc0000000000000/ : /^dropped: .*below the rejection threshold T = 0xc0000000000000/);
    assert.match(gw!.annotations![0]!.text, /This trace is broken: gateway (kept|dropped), checkout (kept|dropped), payments (kept|dropped)\.$/);
  });
});
