import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, BOOST_WINDOW_MS, pluginConfig, settingsFromQuery, settingsToQuery } from './settings.ts';
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
    assert.equal(query.toString(), 'ratio=0.5&forceKeep=0');
    assert.deepEqual(settingsFromQuery(query).settings, settings);
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
