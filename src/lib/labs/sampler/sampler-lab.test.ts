import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BOOST_WINDOW_MS,
  CONTROLS,
  DEFAULT_SETTINGS,
  MAX_PLUGIN_CONFIG_BYTES,
  pluginConfig,
  pluginConfigSizeError,
  samplerSettingsSchema,
  settingsFromQuery,
  settingsToQuery,
} from './settings.ts';
import { generateBatch, hexOf, reasonOf, toWorkerSpans } from './traffic.ts';

/** A small deterministic random source (mulberry32). */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sampler lab settings', () => {
  test('read from a link, with a notice for each value that does not fit', () => {
    const { settings, notices } = settingsFromQuery(new URLSearchParams('ratio=0.05&rate=abc&policy=route-rules&forceKeep=0&boost=panic&duration=3&other=1'));
    assert.equal(settings.ratio, 0.05);
    assert.equal(settings.policy, 'route-rules');
    assert.equal(settings.forceKeep, false);
    assert.equal(settings.rate, DEFAULT_SETTINGS.rate);
    assert.equal(settings.boost, 'off');
    assert.equal(settings.duration, DEFAULT_SETTINGS.duration);
    assert.deepEqual(notices.map((n) => n.key), ['rate', 'boost', 'duration']);
    assert.match(notices[2]!.message, /at least 5/);
  });

  test('written to a link without the defaults, and read back the same', () => {
    const settings = { ...DEFAULT_SETTINGS, ratio: 0.5, forceKeep: false };
    const query = settingsToQuery(settings);
    assert.equal(query.toString(), 'v=1&ratio=0.5&forceKeep=0');
    assert.deepEqual(settingsFromQuery(query).settings, settings);
  });

  test('names of Object.prototype members in a link are not settings and do not throw', () => {
    for (const key of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const { settings, notices } = settingsFromQuery(new URLSearchParams(`${key}=1&ratio=0.5`));
      assert.deepEqual(notices, [], key);
      assert.deepEqual(settings, { ...DEFAULT_SETTINGS, ratio: 0.5 }, key);
    }
  });

  test('a value the schema allows but a control cannot show gets a notice, not a silent change', () => {
    assert.equal(samplerSettingsSchema.safeParse({ rate: 3000 }).success, true, 'the schema allows 3000 for scripts');
    const { settings, notices } = settingsFromQuery(new URLSearchParams('rate=3000&errorRate=0.8&ratio=0.1234'));
    assert.equal(settings.rate, DEFAULT_SETTINGS.rate);
    assert.equal(settings.errorRate, DEFAULT_SETTINGS.errorRate);
    assert.equal(settings.ratio, DEFAULT_SETTINGS.ratio);
    assert.deepEqual(notices.map((n) => [n.key, n.quoted, n.message]), [
      ['rate', '"3000"', 'the traffic slider shows 10 to 2000 requests/s in steps of 10'],
      ['errorRate', '"0.8"', 'the error-rate slider shows 0% to 50% in steps of 1%'],
      ['ratio', '"0.1234"', 'the ratio slider shows 0% to 100% in steps of 0.5%'],
    ]);
    // The controls' own ends are accepted exactly.
    const edges = settingsFromQuery(new URLSearchParams(`rate=${CONTROLS.rate.max}&errorRate=${CONTROLS.errorRate.max}&ratio=0.005&duration=${CONTROLS.duration.min}`));
    assert.deepEqual(edges.notices, []);
    assert.equal(edges.settings.rate, 2000);
  });

  test('the schema keeps its messages', () => {
    const messages = (input: unknown) => {
      const r = samplerSettingsSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    assert.deepEqual(messages({ rate: 1.5 }), ['rate must be a whole number']);
    assert.deepEqual(messages({ rate: 'x' }), ['rate must be a number']);
    assert.deepEqual(messages({ ratio: 2 }), ['ratio must be at most 1']);
    assert.deepEqual(messages({ policy: 'p' }), ['policy must be ratio, parent-based or route-rules']);
    assert.deepEqual(messages({ duration: 4 }), ['duration must be at least 5 s']);
    assert.deepEqual(messages({ forceKeep: 'yes' }), ['forceKeep must be true or false']);
  });

  test('a plugin configuration over the size limit is refused with the limit and its size', () => {
    assert.equal(pluginConfigSizeError('x'.repeat(MAX_PLUGIN_CONFIG_BYTES)), null);
    assert.equal(pluginConfigSizeError('x'.repeat(MAX_PLUGIN_CONFIG_BYTES + 1)), '65,537 characters, over the limit of 64 KiB (65,536 bytes)');
    // Bytes, not characters: 'é' is two bytes of UTF-8.
    assert.equal(pluginConfigSizeError('é'.repeat(MAX_PLUGIN_CONFIG_BYTES / 2)), null);
    assert.equal(pluginConfigSizeError('é'.repeat(MAX_PLUGIN_CONFIG_BYTES / 2) + 'x'), '65,537 bytes, over the limit of 64 KiB (65,536 bytes)');
    assert.match(pluginConfigSizeError('x'.repeat(10 * 1024 * 1024))!, /^10,485,760 characters, over the limit of 64 KiB/);
  });

  test('map onto the plugin configuration', () => {
    const config = JSON.parse(pluginConfig({ ...DEFAULT_SETTINGS, policy: 'route-rules', boost: 'incident' }, 1000));
    assert.deepEqual(config.routes, [{ route: '/checkout', ratio: 1 }, { route: '/health', ratio: 0 }]);
    assert.deepEqual(config.boost, { mode: 'incident', untilMs: 1000 + BOOST_WINDOW_MS });
    assert.equal(JSON.parse(pluginConfig({ ...DEFAULT_SETTINGS, policy: 'parent-based' }, null)).parentBased, true);
    assert.equal(JSON.parse(pluginConfig({ ...DEFAULT_SETTINGS, boost: 'promotion' }, null)).boost, null);
  });
});

describe('synthetic traffic', () => {
  test('fills every column for each request and spreads starts over the tick', () => {
    const b = generateBatch(1000, 5000, 100, { errorRate: 0.2 }, seeded(1));
    assert.equal(b.traceIds.length, 16_000);
    assert.equal(b.startMs[0], 5000);
    assert.ok(b.startMs[999]! < 5100);
    const errors = b.errors.reduce((a, x) => a + x, 0);
    assert.ok(errors > 150 && errors < 250, `about 20% 5xx, got ${errors}`);
    for (let i = 0; i < 1000; i++) assert.equal(b.errors[i] === 1, b.statusCodes[i]! >= 500);
    assert.ok([...b.parents].every((p) => p <= 2));
    assert.ok([...b.routeIndexes].every((r) => r < b.routes.length));
  });

  test('a trace keeps or drops its child spans with its entry span', () => {
    const b = generateBatch(200, 0, 100, { errorRate: 0.1 }, seeded(2));
    const decisions = new Uint8Array(200).map((_, i) => (i % 2) | (i % 3 === 0 ? 2 << 1 : 0));
    const spans = toWorkerSpans(b, decisions);
    const entries = spans.filter((s) => s.parentLocalId === undefined);
    assert.equal(entries.length, 200);
    for (const child of spans.filter((s) => s.parentLocalId !== undefined)) {
      const parent = spans.find((s) => s.localId === child.parentLocalId)!;
      assert.equal(child.keep, parent.keep);
      assert.equal(child.traceId, parent.traceId);
      assert.ok(child.startMs >= parent.startMs && child.endMs <= parent.endMs);
    }
    assert.equal(entries[0]!.traceId, hexOf(b.traceIds, 0, 16));
    assert.equal(entries[3]!.attributes['sampler.reason'], 'force-keep');
    assert.equal(entries[1]!.attributes['sampler.decision'], 'keep');
    assert.equal(reasonOf(0b1001), 'boost');
  });
});

describe('algorithm and three-service scenario settings', () => {
  test('a link written before these settings opens the same lab: XOR, scenario off', () => {
    const { settings, notices } = settingsFromQuery(new URLSearchParams('v=1&ratio=0.05&policy=parent-based'));
    assert.deepEqual(notices, []);
    assert.equal(settings.algorithm, 'xor');
    assert.equal(settings.scenario, 'off');
    assert.equal(JSON.parse(pluginConfig(settings, null)).algorithm, 'xor');
    assert.equal(settingsToQuery(DEFAULT_SETTINGS).toString(), '', 'defaults leave the link empty');
  });

  test('a preset stands for its per-service settings, in the settings and in the link', () => {
    const { settings } = settingsFromQuery(new URLSearchParams('scenario=parent-based&checkoutParentBased=0'));
    assert.equal(settings.checkoutParentBased, true, 'the preset wins over a stray per-service key');
    assert.equal(settings.paymentsParentBased, true);
    assert.equal(settingsToQuery(settings).toString(), 'v=1&scenario=parent-based');
    const custom = { ...settings, scenario: 'custom' as const, paymentsRatio: 0.5 };
    const back = settingsFromQuery(settingsToQuery(custom)).settings;
    assert.deepEqual(back, custom);
  });

  test('a bad algorithm in a link is refused with a notice', () => {
    const { settings, notices } = settingsFromQuery(new URLSearchParams('algorithm=hash&scenario=chaos'));
    assert.equal(settings.algorithm, 'xor');
    assert.equal(settings.scenario, 'off');
    assert.equal(notices.length, 2);
  });
});
