// Property tests (fast-check) of the masker with its default configuration.
import { before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadLab } from '../../build/load-node.mjs';
import type { Root as Masker } from '../../out/masker/masker.js';
import { maskText, maskTextEdits, maskTextUnits } from '../../../src/lib/labs/masker/units.ts';
import { restoreLoneSurrogates } from '../../../src/lib/labs/masker/surrogates.ts';
import { BRANDS, grouped, luhnDigit } from './cards.ts';

let masker: Masker;
before(async () => {
  masker = await loadLab<Masker>('masker');
});
beforeEach(() => masker.configure('{}'));

const RUNS = 500;

/** Any code unit sequence, lone surrogates included, leaning towards the characters rules trigger on. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(...'0123456789 -+@.ab_张😀\uD800\uDC00'.split(''), '\uFFFD', 'x', '1', '4'),
    maxLength: 60,
  }),
);

/** A Luhn-valid number of a listed brand and length, contiguous or grouped. */
const card = fc
  .record({
    brand: fc.constantFrom(...BRANDS),
    pick: fc.nat(),
    body: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
    sep: fc.constantFrom('', ' ', '-'),
  })
  .map(({ brand, pick, body, sep }) => {
    const prefix = brand.prefixes[pick % brand.prefixes.length]!;
    const length = brand.lengths[Math.floor(pick / 7) % brand.lengths.length]!;
    const start = prefix + body.join('').slice(0, length - 1 - prefix.length);
    const digits = start + luhnDigit(start);
    return { digits, text: sep ? grouped(digits, sep) : digits };
  });

/**
 * Neighbour text that cannot join the card's digit run: no digit next to it, and no digit behind a
 * single space or dash either, since a grouped run continues across one ("4 4472 3775 2901 8" is
 * one run of 14 digits, in which another 13-digit card can be found).
 */
const notDigit = (s: string, at: 'start' | 'end') => {
  const joins = at === 'start' ? /\d[ -]?$/.test(s) : /^[ -]?\d/.test(s);
  if (!joins) return s;
  return at === 'start' ? s + 'x' : 'x' + s;
};

describe('properties', () => {
  test('a Luhn-valid card of a listed brand, anywhere in random Unicode text with non-digit neighbours, is masked', () => {
    fc.assert(
      fc.property(anyText, card, anyText, (pre, c, post) => {
        const before = notDigit(pre, 'start');
        const after = notDigit(post, 'end');
        const out = masker.mask(before + c.text + after);
        const at = before.length;
        // At most the last four of its digits stay visible (an e-mail local part keeps one).
        let visible = 0;
        for (let i = 0; i < c.text.length; i++) {
          if (/\d/.test(c.text[i]!) && out.text[at + i] === c.text[i]) visible++;
        }
        assert.ok(visible <= 4, `${visible} digits visible in ${JSON.stringify(out.text)}`);
        const covered = out.findings.some((f) => f.start <= at + c.text.length - 5 && f.end > at + c.text.length - 5);
        assert.ok(covered, 'a finding covers the card');
      }),
      { numRuns: RUNS },
    );
  });

  test('text outside every finding comes out unchanged; with no finding the text is unchanged', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const text = a + b;
        const out = masker.mask(text);
        // Lone surrogates come back from the component as U+FFFD; the host restores them.
        const result = restoreLoneSurrogates(text, out.text);
        const inside = new Uint8Array(text.length);
        for (const f of out.findings) inside.fill(1, f.start, f.end);
        for (let i = 0; i < text.length; i++) {
          if (!inside[i]) assert.equal(result.charCodeAt(i), text.charCodeAt(i), `code unit ${i} changed outside a match`);
        }
        if (out.findings.length === 0) assert.equal(result, text);
      }),
      { numRuns: RUNS },
    );
  });

  test('masking twice equals masking once', () => {
    fc.assert(
      fc.property(anyText, fc.option(card), anyText, (a, c, b) => {
        const once = masker.mask(a + (c?.text ?? '') + b).text;
        assert.equal(masker.mask(once).text, once);
      }),
      { numRuns: RUNS },
    );
  });

  test('the output has the input\'s length, and the findings lie inside it, in order, without overlap', () => {
    fc.assert(
      fc.property(anyText, fc.option(card), anyText, (a, c, b) => {
        const text = a + (c?.text ?? '') + b;
        const out = masker.mask(text);
        assert.equal(out.text.length, text.length);
        let last = 0;
        for (const f of out.findings) {
          assert.ok(f.start >= last && f.start < f.end && f.end <= text.length, JSON.stringify(out.findings));
          last = f.end;
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('mask-edits (through maskText) and mask-units give what mask gives, with lone surrogates kept as they were', () => {
    masker.configure('{"custom": [{"name": "acct", "pattern": "#-@", "style": "slots"}]}');
    fc.assert(
      fc.property(anyText, fc.option(card), anyText, (a, c, b) => {
        const text = a + (c?.text ?? '') + b;
        const viaString = masker.mask(text);
        const viaUnits = maskText(masker, text);
        assert.equal(viaUnits.text, restoreLoneSurrogates(text, viaString.text));
        assert.deepEqual(viaUnits.findings, viaString.findings);
        assert.deepEqual(maskTextUnits(masker, text), viaUnits);
      }),
      { numRuns: RUNS },
    );
  });

  test('mask-utf8 (maskText) gives what mask-edits gives, with and without custom rules on non-ASCII literals', () => {
    const configs = [
      '{}',
      '{"card": {"keep": "first6last4"}}',
      JSON.stringify({
        custom: [
          { name: 'a', pattern: '#-@', style: 'slots' },
          { name: 'b', literal: '张😀', style: 'all' },
          { name: 'c', pattern: '😀##@', style: 'last4' },
          { name: 'd', pattern: 'é#', style: 'all' },
        ],
      }),
    ];
    const text = fc.oneof(
      anyText,
      fc.string({ unit: fc.constantFrom(...'0123456789 -+@.ab_é张😀'.split(''), '\uD800', 'x', '4111 1111 1111 1111', '13812345678', '张😀', '😀12a', 'é3'), maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...configs), text, fc.option(card), text, (config, a, c, b) => {
        masker.configure(config);
        const input = a + (c?.text ?? '') + b;
        const viaUtf8 = maskText(masker, input);
        assert.deepEqual(viaUtf8, maskTextEdits(masker, input));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
