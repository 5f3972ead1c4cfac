import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_ATTRIBUTES } from '../spans/model.ts';
import { StringInterner } from './StringInterner.ts';

test('equal attribute sets from different messages become one frozen object with the same contents', () => {
  const strings = new StringInterner();
  const fromMessage = () => JSON.parse('{"http.route":"/cart","http.response.status_code":200,"sampler.decision":"keep","retry":false}');
  const a = strings.attributeSet(fromMessage());
  const b = strings.attributeSet(fromMessage());
  assert.equal(a, b);
  assert.ok(Object.isFrozen(a));
  assert.deepEqual(a, fromMessage());
  assert.deepEqual(Object.keys(a), ['http.route', 'http.response.status_code', 'sampler.decision', 'retry']);
  assert.equal(strings.attributeSet({}), NO_ATTRIBUTES);
});

test('sets that differ in a value, its type, key order or the sign of zero are not merged', () => {
  const strings = new StringInterner();
  const base = strings.attributeSet({ code: 200, ok: true });
  const variants: Record<string, string | number | boolean>[] = [
    { code: '200', ok: true },
    { code: 201, ok: true },
    { code: 200, ok: false },
    { code: 200, ok: 'true' },
    { ok: true, code: 200 },
    { code: 200 },
    { code: 200, ok: true, extra: '' },
  ];
  for (const v of variants) {
    const shared = strings.attributeSet({ ...v });
    assert.notEqual(shared, base, JSON.stringify(v));
    assert.deepEqual(shared, v);
  }
  // Keys and values that would run together without length prefixes stay apart.
  const x = strings.attributeSet({ a: 'bs1:c' });
  const y = strings.attributeSet({ 'a1:bs1': 'c' } as Record<string, string>);
  assert.notEqual(x, y);
  assert.deepEqual(y, { 'a1:bs1': 'c' });
  // -0 is kept as the caller's own object, never turned into 0 or handed to a set holding 0.
  const zero = strings.attributeSet({ n: 0 });
  const minusZero = { n: -0 };
  assert.equal(strings.attributeSet(minusZero), minusZero);
  assert.ok(Object.is(strings.attributeSet({ n: 0 }).n, 0));
  assert.equal(strings.attributeSet({ n: 0 }), zero);
});

test('sets that cannot be shared are returned as they are, unfrozen', () => {
  const strings = new StringInterner(2, 8);
  const long = { body: 'x'.repeat(9) };
  assert.equal(strings.attributeSet(long), long);
  const nested = { list: [1, 2] } as unknown as Record<string, string>;
  assert.equal(strings.attributeSet(nested), nested);
  const many = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, i]));
  assert.equal(strings.attributeSet(many), many);
  assert.ok(!Object.isFrozen(many));
  // The table is bounded: past two sets, new ones stay the caller's.
  strings.attributeSet({ a: 1 });
  strings.attributeSet({ a: 2 });
  const third = { a: 3 };
  assert.equal(strings.attributeSet(third), third);
  assert.equal(strings.attributeSet({ a: 1 }), strings.attributeSet({ a: 1 }));
});
