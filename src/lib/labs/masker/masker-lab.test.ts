import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab } from '../../../../labs/build/load-node.mjs';
import type { Root as Masker } from '../../../../labs/out/masker/masker.js';
import { random } from '../../../../labs/masker/payload.mjs';
import { DEFAULT_SETTINGS, MASKER_LINK, payloadSizeError, pluginConfig, settingsFromQuery, settingsToQuery } from './settings.ts';
import { generateRequest, lineChunks, maskedRequestSpan, utf8Length } from './traffic.ts';
import { maskText } from './units.ts';
import { SAMPLES } from './samples.ts';

let masker: Masker;
before(async () => {
  masker = await loadLab<Masker>('masker');
});

describe('masker lab settings', () => {
  test('every setting the page can produce is a configuration the component accepts, and round-trips through a link', () => {
    const s = {
      ...DEFAULT_SETTINGS,
      source: 'traffic' as const,
      card: false,
      cardKeep: 'first6last4' as const,
      rules: [
        { name: 'account', kind: 'pattern' as const, text: 'ACCT-######', style: 'slots' as const },
        { name: 'name', kind: 'literal' as const, text: '张三', style: 'all' as const },
      ],
    };
    masker.configure(pluginConfig(s));
    const config = JSON.parse(masker.currentConfig());
    assert.deepEqual(config.card, { enabled: false, keep: 'first6last4' });
    assert.deepEqual(config.custom, [
      { name: 'account', pattern: 'ACCT-######', style: 'slots' },
      { name: 'name', literal: '张三', style: 'all' },
    ]);
    const back = settingsFromQuery(settingsToQuery(s));
    assert.deepEqual(back.settings, s);
    assert.deepEqual(back.notices, []);
    assert.ok(!settingsToQuery(DEFAULT_SETTINGS).has('rules'), 'defaults stay out of links');
  });

  test('a link with a bad rule keeps the default rules and says which value was ignored', () => {
    const { settings, notices } = settingsFromQuery(new URLSearchParams('v=1&rules=' + encodeURIComponent('[{"name":"Bad Name","kind":"pattern","text":"#","style":"all"}]')));
    assert.deepEqual(settings.rules, []);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.key, 'rules');
    assert.match(notices[0]!.message, /rule name is 1 to 32 lowercase letters/);
    assert.ok(Object.hasOwn(MASKER_LINK.fields, 'rules'));
  });

  test('the payload cap is the component\'s, exactly', () => {
    assert.equal(payloadSizeError('x'.repeat(16 * 1024 * 1024)), null);
    assert.match(payloadSizeError('x'.repeat(16 * 1024 * 1024 + 1))!, /over the masker's limit of 16 MiB/);
    assert.match(payloadSizeError('一'.repeat(5_592_406))!, /16,777,218 bytes/);
    assert.equal(payloadSizeError('一'.repeat(5_592_405)), null);
  });
});

describe('masker lab traffic', () => {
  test('every attribute and the log event of a request are masked; the originals kept are exactly the values that changed', () => {
    masker.configure('{}');
    const rand = random(3);
    let withOriginals = 0;
    for (let i = 0; i < 200; i++) {
      const req = generateRequest(i, 0, rand);
      const { span, originals } = maskedRequestSpan(req, i, (t) => maskText(masker, t));
      for (const [key, value] of Object.entries(req.attributes)) {
        const masked = span.attributes[key] as string;
        assert.equal(masked.length, value.length);
        assert.equal(masked !== value, key in originals, `${key}: ${value}`);
        if (key in originals) {
          assert.equal(originals[key]!.value, value);
          assert.ok(span.annotations!.some((a) => typeof a.target === 'object' && 'attribute' in a.target && a.target.attribute === key));
        }
      }
      assert.equal(span.attributes['enduser.id'] !== req.attributes['enduser.id'], true, 'every user id is an e-mail address');
      assert.notEqual(span.events![0]!.attributes['log.message'], req.log.includes('@') ? req.log : undefined);
      if (Object.keys(originals).length) withOriginals++;
    }
    assert.equal(withOriginals, 200);
  });

  test('payload pieces end at line breaks and cover the text exactly', () => {
    const text = SAMPLES.map((s) => s.text).join('\n').repeat(50);
    const chunks = lineChunks(text, 1000);
    assert.ok(chunks.length > 5);
    assert.equal(chunks[0]![0], 0);
    assert.equal(chunks.at(-1)![1], text.length);
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0) assert.equal(chunks[i]![0], chunks[i - 1]![1]);
      if (i < chunks.length - 1) assert.equal(text[chunks[i]![1] - 1], '\n');
    }
    // Masking piece by piece gives what masking the whole gives.
    masker.configure('{}');
    const whole = maskText(masker, text).text;
    assert.equal(chunks.map(([a, b]) => maskText(masker, text.slice(a, b)).text).join(''), whole);
    assert.deepEqual(lineChunks('', 10), []);
    assert.deepEqual(lineChunks('no line break at all', 4), [[0, 20]]);
  });

  test('utf8Length counts as TextEncoder does, lone surrogates as three bytes', () => {
    for (const s of ['', 'abc', '张三', '😀', 'a\uD800b', '\uDC00', SAMPLES[0]!.text]) {
      assert.equal(utf8Length(s), new TextEncoder().encode(s).length, JSON.stringify(s));
    }
  });

  test('the sample without sensitive data has no match, and each other sample has some', () => {
    masker.configure('{}');
    for (const s of SAMPLES) {
      const n = maskText(masker, s.text).findings.length;
      if (s.id === 'not-sensitive') assert.equal(n, 0);
      else assert.ok(n > 0, s.id);
    }
  });
});
