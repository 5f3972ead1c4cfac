import { before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLab } from '../../build/load-node.mjs';
import type { Masked, Root as Masker } from '../../out/masker/masker.js';
import { restoreLoneSurrogates } from '../../../src/lib/labs/masker/surrogates.ts';
import { maskText, maskTextEdits, maskTextUnits, toUnits } from '../../../src/lib/labs/masker/units.ts';
import { BRANDS, KNOWN_TEST_CARDS, grouped, luhnValid, makeCard } from './cards.ts';

let masker: Masker;
before(async () => {
  masker = await loadLab<Masker>('masker');
});
beforeEach(() => masker.configure('{}'));

const masked = (text: string) => masker.mask(text).text;
const rules = (m: Masked) => m.findings.map((f) => `${f.rule}@${f.start}-${f.end}`);
const payload = (e: unknown) => String((e as { payload?: unknown }).payload);
/** Every digit but the last `keep` replaced by `*`. */
const starDigits = (s: string, keep = 4) => {
  let seen = 0;
  return [...s].reverse().map((c) => (/\d/.test(c) && seen++ >= keep ? '*' : c)).reverse().join('');
};

describe('payment cards', () => {
  test('the issue\'s example: 4111-1111-1111-1111 → ****-****-****-1111', () => {
    const m = masker.mask('4111-1111-1111-1111');
    assert.equal(m.text, '****-****-****-1111');
    assert.deepEqual(rules(m), ['card@0-19']);
  });

  for (const card of KNOWN_TEST_CARDS) {
    test(`published test number ${card} is masked contiguous, in groups of spaces and of dashes`, () => {
      assert.ok(luhnValid(card));
      assert.equal(masked(card), '*'.repeat(card.length - 4) + card.slice(-4));
      const spaced = grouped(card, ' ');
      assert.equal(masked(`pay ${spaced} now`), `pay ${starDigits(spaced)} now`);
      const dashed = grouped(card, '-');
      assert.equal(masked(`[${dashed}]`), `[${starDigits(dashed)}]`);
    });
  }

  for (const { brand, prefixes, lengths } of BRANDS) {
    test(`${brand}: every listed prefix at every issued length, grouped and ungrouped`, () => {
      for (const prefix of prefixes) {
        for (const length of lengths) {
          const card = makeCard(prefix, length);
          const m = masker.mask(`card=${card};`);
          assert.deepEqual(rules(m), [`card@5-${5 + length}`], `${brand} ${card}`);
          assert.equal(m.text, `card=${'*'.repeat(length - 4)}${card.slice(-4)};`);
          const spaced = grouped(card, ' ');
          assert.equal(masked(spaced).replace(/\*/g, '').replace(/ /g, ''), card.slice(-4), `${brand} ${spaced}`);
        }
      }
    });
  }

  test('American Express in its own 4-6-5 grouping', () => {
    assert.equal(masked('Amex 3782 822463 10005.'), 'Amex **** ****** *0005.');
  });

  test('a brand at a length it does not issue is left alone', () => {
    for (const [prefix, length] of [['4', 15], ['51', 15], ['37', 16], ['2221', 19], ['6011', 15]] as const) {
      const card = makeCard(prefix, length);
      assert.equal(masked(card), card, `${prefix}… at ${length} digits`);
    }
  });

  test('the prefixes just outside the listed ranges are left alone', () => {
    for (const prefix of ['2220', '2721', '50', '56', '33', '306', '3527', '3590', '6010', '643', '66', '1', '0', '7', '8', '9']) {
      const card = makeCard(prefix, 16);
      assert.equal(masked(card), card, `${prefix}…`);
    }
  });

  test('a Luhn-invalid 16-digit number is left alone, whatever its prefix', () => {
    for (const card of KNOWN_TEST_CARDS.filter((c) => c.length === 16)) {
      const broken = card.slice(0, -1) + ((Number(card.at(-1)) + 1) % 10);
      assert.equal(masked(broken), broken);
      assert.equal(masked(grouped(broken, '-')), grouped(broken, '-'));
    }
  });

  test('13-digit epoch-millisecond timestamps stay, even Luhn-valid ones', () => {
    const luhnValidTimestamp = makeCard('176722560', 13);
    assert.ok(luhnValid(luhnValidTimestamp));
    for (const ts of ['1767225600000', '1700000000000', luhnValidTimestamp]) {
      const text = `{"ts":${ts},"at":"${ts}"}`;
      assert.equal(masked(text), text);
    }
  });

  test('Luhn-valid order ids without an issuer prefix stay', () => {
    for (const id of [makeCard('9', 16), makeCard('10', 16), makeCard('8', 19), makeCard('00', 13)]) {
      assert.ok(luhnValid(id));
      assert.equal(masked(`order ${id}`), `order ${id}`);
    }
  });

  test('a card inside a longer digit run, or with a digit on either side, is left alone', () => {
    for (const text of ['04111111111111111', '41111111111111110', '9 4111111111111111x'.replace(' ', '')]) {
      assert.equal(masked(text), text);
    }
  });

  test('a card in a grouped run longer than 19 digits is found at its own groups', () => {
    // 2026 and 4111… share a dash, but the card still ends at a group's end and is bounded.
    assert.equal(masked('ref 2026-4111-1111-1111-1111'), 'ref 2026-****-****-****-1111');
    assert.equal(masked('4111 1111 1111 1111 2031'), '**** **** **** 1111 2031');
  });

  test('separators must be single and of one kind', () => {
    for (const text of ['4111  1111  1111  1111', '4111-1111 1111-1111', '4111--1111--1111--1111']) {
      assert.equal(masked(text), text);
    }
  });

  test('first six and last four, as PCI DSS allows', () => {
    masker.configure('{"card": {"keep": "first6last4"}}');
    assert.equal(masked('4111-1111-1111-1111'), '4111-11**-****-1111');
    assert.equal(masked('378282246310005'), '378282*****0005');
  });

  test('behind a + a card is still a card, not a phone number', () => {
    // 15 digits would also make an E.164 number, which would keep "37" as a country code.
    const m = masker.mask('+378282246310005');
    assert.equal(m.text, '+***********0005');
    assert.deepEqual(rules(m), ['card@1-16']);
    assert.equal(masked('+4222222222222'), '+*********2222');
  });

  test('switched off, cards pass', () => {
    masker.configure('{"card": {"enabled": false}}');
    assert.equal(masked('4111-1111-1111-1111'), '4111-1111-1111-1111');
  });
});

describe('phone numbers', () => {
  test('a `+`, a digit, an `@` at every position within a block of four code units is seen', () => {
    // The scan skips four code units at a time where none can start a match: a trigger in any lane,
    // with what follows it in the next block, must still be found, after Chinese text too.
    for (const before of ['', '电话', 'tel']) {
      for (let k = 0; k < 8; k++) {
        const pad = 'x'.repeat(k) + before + ' ';
        assert.equal(masked(pad + '+442079460958'), pad + '+44******0958', `+ after ${JSON.stringify(pad)}`);
        assert.equal(masked(pad + '13812345678'), pad + '138****5678', `digit after ${JSON.stringify(pad)}`);
        assert.equal(masked(pad + 'ab@example.com'), pad + 'a*@example.com', `@ after ${JSON.stringify(pad)}`);
        const m = maskText(masker, pad + '+442079460958, 4111111111111111');
        assert.deepEqual(rules(m), [`e164@${pad.length}-${pad.length + 13}`, `card@${pad.length + 15}-${pad.length + 31}`]);
      }
    }
  });

  test('the issue\'s example: 13812345678 → 138****5678', () => {
    const m = masker.mask('13812345678');
    assert.equal(m.text, '138****5678');
    assert.deepEqual(rules(m), ['cn-mobile@0-11']);
  });

  test('Chinese mobile numbers 13x to 19x, inside Chinese text', () => {
    for (let second = 3; second <= 9; second++) {
      const n = `1${second}912345678`;
      assert.equal(masked(`联系电话：${n}，请回电`), `联系电话：1${second}9****5678，请回电`);
    }
  });

  test('11-digit runs that are not mobile numbers stay: 10x, 11x, 12x and 2x…', () => {
    for (const n of ['10812345678', '11812345678', '12812345678', '23812345678']) assert.equal(masked(n), n);
  });

  test('a mobile number inside a longer digit run stays', () => {
    for (const text of ['013812345678', '138123456789', 'id=2013812345678901']) assert.equal(masked(text), text);
  });

  test('E.164 with and without grouping keeps the country code and the last four digits', () => {
    const cases: [string, string][] = [
      ['+8613812345678', '+86*******5678'],
      ['+86 138 1234 5678', '+86 *** **** 5678'],
      ['+44 20 7946 0958', '+44 ** **** 0958'],
      ['+1-415-555-2671', '+1-***-***-2671'],
      ['+14155552671', '+1******2671'],
      ['+353 1 234 5678', '+353 * *** 5678'],
      ['+7 495 123-45-67', '+7 *** ***-45-67'],
    ];
    for (const [input, output] of cases) {
      const m = masker.mask(`tel: ${input}.`);
      assert.equal(m.text, `tel: ${output}.`, input);
      assert.deepEqual(rules(m), [`e164@5-${5 + input.length}`]);
    }
  });

  test('E.164 bounds: 8 and 15 digits are numbers, 7 and 16 are not', () => {
    assert.equal(masked('+12345678'), '+1***5678');
    assert.equal(masked('+123456789012345'), '+1**********2345');
    for (const text of ['+1234567', '+1234567890123456', 'a+12345678', '+ 12345678']) assert.equal(masked(text), text);
  });

  test('versions, prices, dates and ids stay', () => {
    const text = 'v1.2.3 build 20260101 ¥138.00 2026-01-01 12:00:00 order 12345678901 pid 4821 127.0.0.1:8080';
    assert.equal(masked(text), text);
  });
});

describe('e-mail addresses', () => {
  test('keep the first character and the domain, one * per masked character', () => {
    assert.equal(masked('user@example.com'), 'u***@example.com');
    assert.equal(masked('user+tag@mail.example.com'), 'u*******@mail.example.com');
    assert.equal(masked('mail first.last@sub.example.co.uk, please'), 'mail f*********@sub.example.co.uk, please');
    assert.equal(masked('邮箱：张三zhang.san@example.cn。'), '邮箱：张三z********@example.cn。');
  });

  test('the finding covers the whole address; a trailing dot is not part of it', () => {
    const m = masker.mask('to: a.b@example.com.');
    assert.equal(m.text, 'to: a**@example.com.');
    assert.deepEqual(rules(m), ['email@4-19']);
  });

  test('not addresses: no dot in the domain, a one-letter or numeric TLD, nothing before @', () => {
    for (const text of ['user@localhost', 'user@example.c', 'user@example.123', '@example.com', 'a @ b.com', 'user@']) {
      assert.equal(masked(text), text);
    }
  });

  test('digits in a local part belong to the address, not to a phone rule', () => {
    const m = masker.mask('13812345678@163.com');
    assert.equal(m.text, '1**********@163.com');
    assert.deepEqual(rules(m), ['email@0-19']);
  });

  test('a "domain" of eight digits or more is a number, and the number rules see it', () => {
    assert.equal(masked('ab@4111111111111111.com'), 'ab@************1111.com');
  });
});

describe('custom rules', () => {
  test('a pattern: # a digit, @ a letter, the rest literal', () => {
    masker.configure('{"custom": [{"name": "account", "pattern": "ACCT-######"}, {"name": "ticket", "pattern": "@@-###", "style": "slots"}]}');
    const m = masker.mask('ACCT-123456 and XY-042, not ACCT-12345 nor ACCT-1234567 nor XACCT-123456');
    assert.equal(m.text, '****-****** and **-***, not ACCT-12345 nor ACCT-1234567 nor XACCT-123456');
    assert.deepEqual(rules(m), ['account@0-11', 'ticket@16-22']);
  });

  test('a literal, masked in every style', () => {
    masker.configure('{"custom": [{"name": "name", "literal": "张三"}, {"name": "key", "literal": "sk_live_ABCDEFGH", "style": "last4"}]}');
    assert.equal(masked('客户张三的 key 是 sk_live_ABCDEFGH。'), '客户**的 key 是 **_****_****EFGH。');
  });

  test('the learner\'s rules come after the built-in ones', () => {
    masker.configure('{"custom": [{"name": "digits", "pattern": "################"}]}');
    assert.deepEqual(rules(masker.mask('4111111111111111 1234567890123456')), ['card@0-16', 'digits@17-33']);
  });

  test('a pathological pattern runs in linear time', () => {
    masker.configure('{"custom": [{"name": "long", "pattern": "' + '#'.repeat(63) + 'x"}]}');
    const text = '1'.repeat(2_000_000);
    const t0 = performance.now();
    assert.equal(masked(text), text);
    // The point is that this finishes at all: a backtracking matcher would take hours.
    assert.ok(performance.now() - t0 < 20_000);
  });
});

describe('text handling', () => {
  test('empty input is fine', () => {
    assert.deepEqual(masker.mask(''), { text: '', findings: [] });
    assert.deepEqual(masker.maskBatch([]), []);
  });

  test('Chinese, emoji and lone surrogates around matches pass through untouched', () => {
    const text = '\uD800卡号😀4111 1111 1111 1111\uDC00 和 \uDBFF13812345678\uDFFF';
    const out = masked(text);
    // A component-model string cannot hold a lone surrogate: jco lifts each as U+FFFD, in place.
    assert.equal(out, '\uFFFD卡号😀**** **** **** 1111\uFFFD 和 \uFFFD138****5678\uFFFD');
    // The masker kept them; the host puts them back.
    assert.equal(restoreLoneSurrogates(text, out), '\uD800卡号😀**** **** **** 1111\uDC00 和 \uDBFF138****5678\uDFFF');
    assert.equal(restoreLoneSurrogates('a\uFFFDb\uD800', 'a\uFFFDb\uFFFD'), 'a\uFFFDb\uD800', 'a real U+FFFD stays');
  });

  test('the size cap, exactly at its boundary, counted in UTF-8 bytes', () => {
    masker.configure('{"maxInputBytes": 12}');
    assert.equal(masked('a'.repeat(12)), 'a'.repeat(12));
    assert.equal(masked('一二三四'), '一二三四'); // 12 bytes
    assert.equal(masked('😀😀😀'), '😀😀😀'); // 12 bytes in 6 code units
    assert.throws(() => masker.mask('a'.repeat(13)), (e) => payload(e) === 'the text is at least 13 bytes (UTF-8), over the limit of 12 bytes; nothing was masked');
    assert.throws(() => masker.mask('一二三四a'), (e) => payload(e) === 'the text is 13 bytes (UTF-8), over the limit of 12 bytes; nothing was masked');
  });

  test('the default cap is 16 MiB; a batch with one text over it returns nothing', () => {
    assert.match(masker.currentConfig(), /"maxInputBytes":16777216/);
    masker.configure('{"maxInputBytes": 20}');
    assert.throws(() => masker.maskBatch(['4111111111111111', 'x'.repeat(21)]), (e) => payload(e).startsWith('texts[1] is at least 21 bytes'));
    const ok = masker.maskBatch(['4111111111111111', 'user@example.com']);
    assert.deepEqual(ok.map((m) => m.text), ['************1111', 'u***@example.com']);
  });
});

describe('configuration', () => {
  const bad: [string, RegExp][] = [
    ['', /malformed JSON at position 0/],
    ['[]', /must be a JSON object, got an array/],
    ['{"cards": {}}', /unknown field "cards" \(known fields: card, cn-mobile, e164, email, custom, maxInputBytes\)/],
    ['{"card": true}', /^card: must be an object/],
    ['{"email": {"enabled": "yes"}}', /^email\.enabled: must be true or false, got a string/],
    ['{"card": {"keep": "last6"}}', /^card\.keep: must be "last4" or "first6last4"/],
    ['{"maxInputBytes": 0}', /^maxInputBytes: must be a whole number from 1 to 16777216/],
    ['{"maxInputBytes": 16777217}', /^maxInputBytes: must be a whole number/],
    ['{"maxInputBytes": 1.5}', /^maxInputBytes: must be a whole number/],
    ['{"custom": {}}', /^custom: must be an array/],
    ['{"custom": [{"pattern": "#"}]}', /^custom\[0\]\.name: is required/],
    ['{"custom": [{"name": "Card No", "pattern": "#"}]}', /^custom\[0\]\.name: "Card No" may hold only/],
    ['{"custom": [{"name": "card", "pattern": "#"}]}', /^custom\[0\]\.name: "card" is a built-in rule's name/],
    ['{"custom": [{"name": "a", "pattern": "#"}, {"name": "a", "literal": "x"}]}', /^custom\[1\]\.name: "a" is used by an earlier rule/],
    ['{"custom": [{"name": "a"}]}', /^custom\[0\]: needs exactly one of "pattern" and "literal"/],
    ['{"custom": [{"name": "a", "pattern": "#", "literal": "x"}]}', /needs exactly one/],
    ['{"custom": [{"name": "a", "pattern": ""}]}', /^custom\[0\]\.pattern: must be 1 to 64 characters/],
    ['{"custom": [{"name": "a", "literal": "' + 'x'.repeat(65) + '"}]}', /^custom\[0\]\.literal: must be 1 to 64 characters \(UTF-16 code units\), got 65/],
    ['{"custom": [{"name": "a", "literal": "x", "style": "slots"}]}', /^custom\[0\]\.style: "slots" masks what a pattern's # and @ match/],
    ['{"custom": [{"name": "a", "literal": "- -"}]}', /would mask nothing/],
    ['{"custom": [{"name": "a", "pattern": "#", "style": "half"}]}', /^custom\[0\]\.style: must be "all", "last4" or "slots"/],
    ['{"custom": [' + Array.from({ length: 17 }, (_, i) => `{"name": "r${i}", "pattern": "#"}`).join(',') + ']}', /^custom: at most 16 rules, got 17/],
  ];
  for (const [config, message] of bad) {
    test(`rejects ${config.length > 60 ? config.slice(0, 60) + '…' : config || '(empty)'} and keeps the previous configuration`, () => {
      masker.configure('{"email": {"enabled": false}}');
      const before = masker.currentConfig();
      assert.throws(() => masker.configure(config), (e) => message.test(payload(e)));
      assert.equal(masker.currentConfig(), before);
      assert.equal(masked('user@example.com'), 'user@example.com');
    });
  }

  test('reports the configuration in force, normalised, and takes it back unchanged', () => {
    masker.configure('{"e164": {"enabled": false}, "custom": [{"name": "acct", "pattern": "AC-####", "style": "last4"}]}');
    const json = masker.currentConfig();
    assert.deepEqual(JSON.parse(json), {
      card: { enabled: true, keep: 'last4' },
      'cn-mobile': { enabled: true },
      e164: { enabled: false },
      email: { enabled: true },
      custom: [{ name: 'acct', pattern: 'AC-####', style: 'last4' }],
      maxInputBytes: 16777216,
    });
    masker.configure(json);
    assert.equal(masker.currentConfig(), json);
  });

  test('each built-in rule switches off on its own', () => {
    const text = '4111111111111111 13812345678 +44 20 7946 0958 user@example.com';
    for (const rule of ['card', 'cn-mobile', 'e164', 'email']) {
      masker.configure(JSON.stringify({ [rule]: { enabled: false } }));
      const fired = masker.mask(text).findings.map((f) => f.rule);
      assert.deepEqual(fired, ['card', 'cn-mobile', 'e164', 'email'].filter((r) => r !== rule));
    }
  });
});

describe('memory', () => {
  test('masking 64 MB in 1 MB texts and in batches does not grow memory without bound', () => {
    const chunk = ('pay 4111-1111-1111-1111 call 13812345678 mail user@example.com ' + '汉字😀 '.repeat(8)).repeat(8000).slice(0, 500_000);
    for (let i = 0; i < 64; i++) {
      const m = masker.mask(chunk);
      assert.equal(m.text.length, chunk.length);
      if (i % 8 === 0) masker.maskBatch([chunk, chunk]);
    }
  });

  test('a 10 MB text within the cap is masked whole', () => {
    const text = 'x'.repeat(10_000_000 - 19) + '4111-1111-1111-1111';
    const m = masker.mask(text);
    assert.equal(m.text.length, text.length);
    assert.ok(m.text.endsWith('****-****-****-1111'));
  });
});

describe('mask-units and mask-edits', () => {
  test('a text with lone surrogates and every rule, code units in and out', () => {
    masker.configure('{"custom": [{"name": "acct", "pattern": "ACCT-####"}]}');
    const text = '\uDC00ACCT-1234 4111-1111-1111-1111 13812345678 +44 20 7946 0958 user@example.com\uD83D';
    const m = maskText(masker, text);
    assert.equal(m.text, '\uDC00****-**** ****-****-****-1111 138****5678 +44 ** **** 0958 u***@example.com\uD83D');
    assert.deepEqual(m.findings.map((f) => f.rule), ['acct', 'card', 'cn-mobile', 'e164', 'email']);
    assert.deepEqual(m.findings[0], { rule: 'acct', start: 1, end: 10 });
  });

  test('refuses a text over the cap with the same message as mask', () => {
    masker.configure('{"maxInputBytes": 4}');
    assert.throws(() => maskText(masker, '12345'), (e) => payload(e) === 'the text is at least 5 bytes (UTF-8), over the limit of 4 bytes; nothing was masked');
    assert.deepEqual(maskText(masker, ''), { text: '', findings: [] });
  });

  test('mask-edits returns only the masked code units of each finding, a lone surrogate kept inside one', () => {
    // A literal lone surrogate in a custom pattern puts it inside a finding, where `slots` keeps it:
    // the host must turn the returned units into a string exactly, not through a lenient decoder.
    masker.configure('{"custom": [{"name": "tag", "pattern": "#\\ud800#", "style": "slots"}]}');
    const text = 'a 1\uD8002 b 4111111111111111 c\uDC00';
    const raw = masker.maskEdits(toUnits(text));
    assert.deepEqual([...raw.findings], [0 + raw.rules.indexOf('tag'), 2, 5, raw.rules.indexOf('card'), 8, 24]);
    assert.deepEqual([...raw.masked], [0x2a, 0xd800, 0x2a, ...'************1111'].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)));
    const m = maskText(masker, text);
    assert.equal(m.text, 'a *\uD800* b ************1111 c\uDC00');
    assert.deepEqual(m, maskTextUnits(masker, text));
    assert.deepEqual(maskText(masker, 'nothing here'), { text: 'nothing here', findings: [] });
  });
});

describe('mask-utf8 (maskText)', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  test('a `+`, a digit, an `@` in each lane of two eight-byte blocks, after ASCII, Chinese and emoji', () => {
    // The UTF-8 scan goes eight bytes at a time to the first trigger of a block and measures digit
    // runs the same way; a Chinese character is three bytes, an emoji four, so the lanes shift.
    for (const before of ['', '电话', 'tel', '😀', 'é']) {
      for (let k = 0; k < 16; k++) {
        const pad = 'x'.repeat(k) + before + ' ';
        const at = pad.length;
        const cases: [string, string, string][] = [
          ['+442079460958', '+44******0958', `e164@${at}-${at + 13}`],
          ['13812345678', '138****5678', `cn-mobile@${at}-${at + 11}`],
          ['4111 1111 1111 1111', '**** **** **** 1111', `card@${at}-${at + 19}`],
          ['ab@example.com', 'a*@example.com', `email@${at}-${at + 14}`],
        ];
        for (const [input, output, finding] of cases) {
          const m = maskText(masker, pad + input + ' ' + before);
          assert.equal(m.text, pad + output + ' ' + before, `${input} after ${JSON.stringify(pad)}`);
          assert.deepEqual(rules(m), [finding]);
        }
      }
    }
  });

  test('findings are in UTF-16 code units, whatever the UTF-8 lengths of the text before them', () => {
    // 张 is 3 bytes and 1 unit, 😀 4 bytes and 2 units, é 2 bytes and 1 unit.
    const text = '张三😀é 13812345678 😀😀 user@example.com 号 4111111111111111';
    const raw = masker.maskUtf8(utf8(text))!;
    const at = (s: string) => text.indexOf(s);
    assert.deepEqual([...raw.findings], [
      raw.rules.indexOf('cn-mobile'), at('138'), at('138') + 11,
      raw.rules.indexOf('email'), at('user'), at('user') + 16,
      raw.rules.indexOf('card'), at('4111'), at('4111') + 16,
    ]);
    assert.equal(String.fromCharCode(...raw.masked), '138****5678u***@example.com************1111');
    assert.equal(maskText(masker, text).text, '张三😀é 138****5678 😀😀 u***@example.com 号 ************1111');
  });

  test('custom rules with Chinese, emoji and accented literals, in each style', () => {
    masker.configure(JSON.stringify({
      custom: [
        { name: 'acct', pattern: '账号####', style: 'all' },
        { name: 'tag', pattern: '卡😀-@@##', style: 'last4' },
        { name: 'ref', pattern: '编号#😀@', style: 'slots' },
        { name: 'e', literal: 'é12', style: 'all' },
      ],
    }));
    const text = 'x 账号1234 y 卡😀-AB12 z 编号7😀Q, é12 账号123';
    // `all` masks a character as many `*` as it has code units: 😀 gives two.
    const expected = 'x ****** y ***-AB12 z 编号*😀*, *** 账号123';
    const m = maskText(masker, text);
    assert.equal(m.text, expected);
    assert.deepEqual(rules(m), ['acct@2-8', 'tag@11-19', 'ref@22-28', 'e@30-33']);
    assert.deepEqual(m, maskTextEdits(masker, text));
    assert.equal(m.text.length, text.length);
  });

  test('declines a configuration with U+FFFD or a lone surrogate in a rule, and maskText falls back to code units', () => {
    // In UTF-8 a lone surrogate of the text is U+FFFD, so such a rule would match it too.
    masker.configure('{"custom": [{"name": "r", "literal": "\\ufffd12"}]}');
    assert.equal(masker.maskUtf8(utf8('a\uFFFD12')), undefined);
    const text = 'a\uFFFD12 b\uD80012';
    assert.equal(maskText(masker, text).text, 'a*** b\uD80012');
    masker.configure('{"custom": [{"name": "r", "literal": "\\ud83d"}]}');
    assert.equal(masker.maskUtf8(utf8('x')), undefined);
    masker.configure('{"custom": [{"name": "r", "literal": "😀12"}]}');
    assert.notEqual(masker.maskUtf8(utf8('x')), undefined, 'a surrogate pair is a character, not a lone surrogate');
  });

  test('a lone surrogate next to a match stays the host\'s', () => {
    const text = '\uDC004111111111111111\uD800 \uD83D13812345678\uDE00';
    const m = maskText(masker, text);
    assert.equal(m.text, '\uDC00************1111\uD800 \uD83D138****5678\uDE00');
    assert.deepEqual(rules(m), ['card@1-17', 'cn-mobile@20-31']);
  });

  test('the size cap at its boundary in ASCII, Chinese and emoji, with mask\'s messages', () => {
    masker.configure('{"maxInputBytes": 12}');
    for (const ok of ['a'.repeat(12), '一二三四', '😀😀😀', '😀😀1234']) assert.equal(maskText(masker, ok).text, ok);
    for (const over of ['a'.repeat(13), '一二三四a', '😀😀😀a', 'a'.repeat(20), '\uD800'.repeat(5)]) {
      let want = '';
      try {
        masker.mask(over);
      } catch (e) {
        want = payload(e);
      }
      assert.ok(want.startsWith('the text is'), want);
      assert.throws(() => maskText(masker, over), (e) => payload(e) === want);
    }
  });

  test('bytes that are not UTF-8 are masked without a trap, a finding as long as its masked units', () => {
    // Positions before a stray byte are not defined (no host sends one), but they stay consistent.
    const card = [...'4111111111111111'].map((c) => c.charCodeAt(0));
    const junk = new Uint8Array([0xff, 0xbf, ...card, 0xbf, 0xf0, 0x9f, 0x31, 0xe5]);
    const raw = masker.maskUtf8(junk)!;
    assert.equal(raw.findings.length, 3);
    assert.equal(raw.findings[0], raw.rules.indexOf('card'));
    assert.equal(raw.findings[2]! - raw.findings[1]!, 16);
    assert.equal(String.fromCharCode(...raw.masked), '************1111');
  });
});
