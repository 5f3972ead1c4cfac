import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  MAX_NOTICES,
  MAX_QUOTED_CHARS,
  booleanField,
  choiceField,
  noticeText,
  numberField,
  quoteShort,
  readShareLink,
  replaceInQuery,
  writeShareLink,
  type ShareLinkSpec,
} from './share-link.ts';

// A small lab of its own, so these tests pin the helper and not one lab's choices.
const schema = {
  mode: z.enum(['fast', 'slow'], 'mode must be fast or slow'),
  level: z.number('level must be a number').check(z.gte(0, 'level must be at least 0'), z.lte(5000, 'level must be at most 5000')),
  on: z.boolean('on must be true or false'),
};
interface Demo {
  mode: 'fast' | 'slow';
  level: number;
  on: boolean;
}
const spec: ShareLinkSpec<Demo> = {
  fields: {
    mode: choiceField(schema.mode),
    // The schema allows up to 5000; the slider on the page stops at 2000, in steps of 10.
    level: numberField(schema.level, { min: 10, max: 2000, step: 10, message: 'the slider shows 10 to 2000 in steps of 10' }),
    on: booleanField(schema.on),
  },
  defaults: { mode: 'fast', level: 200, on: true },
  version: 1,
};

const read = (q: string, s: ShareLinkSpec<Demo> = spec) => readShareLink(new URLSearchParams(q), s);

test('reads valid settings and leaves other page parameters alone', () => {
  const r = read('v=1&mode=slow&level=1500&on=0&tab=spans');
  assert.deepEqual(r.settings, { mode: 'slow', level: 1500, on: false });
  assert.deepEqual(r.notices, []);
  assert.equal(r.version, 1);
});

test('keys that exist only on Object.prototype are not settings, and nothing is taken from them', () => {
  for (const key of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
    const r = read(`${key}=1&level=300`);
    assert.deepEqual(r.notices, [], key);
    assert.deepEqual(r.settings, { mode: 'fast', level: 300, on: true }, key);
    assert.equal(Object.getPrototypeOf(r.settings), Object.prototype, key);
    assert.ok(!Object.hasOwn(r.settings, key), key);
  }
});

test('a value the schema accepts but the control cannot show is refused with a notice, not moved', () => {
  const over = read('level=3000');
  assert.equal(over.settings.level, 200);
  assert.deepEqual(over.notices, [{ key: 'level', quoted: '"3000"', message: 'the slider shows 10 to 2000 in steps of 10' }]);
  // Exact edges: both ends are shown, one step beyond is not, and a value between steps is not.
  assert.equal(read('level=10').settings.level, 10);
  assert.equal(read('level=2000').settings.level, 2000);
  assert.equal(read('level=2010').notices.length, 1);
  assert.equal(read('level=0').notices.length, 1);
  assert.equal(read('level=15').notices.length, 1);
  // The schema's own limit is reported with the schema's message.
  assert.equal(read('level=6000').notices[0].message, 'level must be at most 5000');
});

test('bad values keep their defaults and each gets the schema message', () => {
  const r = read('mode=turbo&level=&on=maybe');
  assert.deepEqual(r.settings, spec.defaults);
  assert.deepEqual(r.notices.map((n) => n.message), ['mode must be fast or slow', 'level must be a number', 'on must be true or false']);
  assert.equal(noticeText(r.notices[0]), 'mode="turbo": mode must be fast or slow');
});

test('a notice quotes at most a short part of a huge value, and the number of notices is bounded', () => {
  const huge = 'x'.repeat(1_000_000);
  const r = read(`mode=${huge}`);
  assert.equal(r.notices.length, 1);
  assert.equal(r.notices[0].quoted, `"${'x'.repeat(MAX_QUOTED_CHARS)}…" (1,000,000 characters)`);
  assert.ok(noticeText(r.notices[0]).length < 200);

  assert.equal(quoteShort('x'.repeat(MAX_QUOTED_CHARS)), `"${'x'.repeat(MAX_QUOTED_CHARS)}"`);
  assert.match(quoteShort('x'.repeat(MAX_QUOTED_CHARS + 1)), /…" \(41 characters\)$/);
  // Cut on a code point, never inside a surrogate pair.
  const emoji = quoteShort('\u{1F600}'.repeat(50));
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji), 'no lone high surrogate');

  // A lab with many settings, every one of them bad in the link: the list stops at MAX_NOTICES.
  const wide: ShareLinkSpec<Record<string, boolean>> = {
    fields: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, booleanField(schema.on)])),
    defaults: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, true])),
    version: 1,
  };
  const many = readShareLink(new URLSearchParams(Array.from({ length: 30 }, (_, i) => `f${i}=maybe`).join('&')), wide);
  assert.equal(many.notices.length, MAX_NOTICES + 1);
  assert.equal(many.notices.at(-1)!.message, `${30 - MAX_NOTICES} more values were not valid and were ignored too`);
});

test('a repeated key uses the first value and says so once', () => {
  const r = read('level=300&level=400');
  assert.equal(r.settings.level, 300);
  assert.deepEqual(r.notices, [{ key: '', quoted: '', message: 'level is given 2 times in the link; only the first was read' }]);
  const many = read('mode=slow' + '&mode=fast'.repeat(5000));
  assert.equal(many.settings.mode, 'slow');
  assert.deepEqual(many.notices.map((n) => n.message), ['mode is given 5,001 times in the link; only the first was read']);
});

test('a link without v is read as the unversioned version; a newer one gets a plain message and defaults', () => {
  assert.deepEqual(read('level=300').settings.level, 300);
  assert.equal(read('level=300').version, 1);

  const newer = read('v=2&level=300&mode=slow');
  assert.deepEqual(newer.settings, spec.defaults);
  assert.equal(newer.version, null);
  assert.equal(newer.notices.length, 1);
  assert.match(newer.notices[0].message, /newer version of this lab \(link version 2; this page reads version 1 and older\)/);

  const garbage = read('v=abc&level=300');
  assert.deepEqual(garbage.settings, spec.defaults);
  assert.match(garbage.notices[0].message, /not a link version/);
});

test('an older link is migrated, or opens with the defaults and says it cannot be migrated', () => {
  const v2: ShareLinkSpec<Demo> = {
    ...spec,
    version: 2,
    // Version 1 called the level "speed".
    migrations: {
      1: (q) => {
        const out = new URLSearchParams(q);
        const speed = out.get('speed');
        out.delete('speed');
        if (speed !== null) out.set('level', speed);
        return out;
      },
    },
  };
  const migrated = read('v=1&speed=700', v2);
  assert.equal(migrated.settings.level, 700);
  assert.equal(migrated.migrated, true);
  assert.deepEqual(migrated.notices, []);
  // Unversioned links are version 1, and are migrated the same way.
  assert.equal(read('speed=800', v2).settings.level, 800);

  const v3: ShareLinkSpec<Demo> = { ...v2, version: 3 };
  const stuck = read('v=1&speed=700', v3);
  assert.deepEqual(stuck.settings, spec.defaults);
  assert.match(stuck.notices[0].message, /cannot be migrated to this page's version 3: there is no way to bring version 2 settings up to version 3/);

  const refusing: ShareLinkSpec<Demo> = { ...spec, version: 2, migrations: { 1: () => ({ error: 'the old "turbo" mode has no equivalent' }) } };
  assert.match(read('v=1', refusing).notices[0].message, /the old "turbo" mode has no equivalent/);
});

test('round trip: written settings read back the same, with v=1 and nothing at its default', () => {
  const settings: Demo = { mode: 'slow', level: 1230, on: false };
  const q = writeShareLink(settings, spec);
  assert.equal(q.toString(), 'v=1&mode=slow&level=1230&on=0');
  assert.deepEqual(readShareLink(q, spec), { settings, notices: [], version: 1, migrated: false });
  assert.equal(writeShareLink(spec.defaults, spec).toString(), '');
});

test('replaceInQuery keeps other parameters and replaces only the lab own keys', () => {
  const page = new URLSearchParams('tab=spans&level=300&v=1&toString=1');
  const next = replaceInQuery(page, { mode: 'fast', level: 500, on: true }, spec);
  assert.equal(next.toString(), 'tab=spans&toString=1&v=1&level=500');
});
