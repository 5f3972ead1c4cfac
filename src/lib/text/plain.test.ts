import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockTime, groupDigits } from './plain.ts';

test('groupDigits writes what toLocaleString("en") writes, at the edges of grouping and rounding', () => {
  const edges = [
    0, -0, 1, 9, 10, 999, 1000, 1001, 9999, 10_000, 99_999, 100_000, 999_999, 1_000_000, 123_456_789, -1, -999, -1000, -1_234_567,
    2 ** 53, 2 ** 53 + 2, 1e21, 1e300, -1e21, 0.5, 1.5, 2.5, 0.0005, 0.0004, 0.00049999, -0.0004, -0.0005, 1.0005, 2.0005, 1.005,
    999.9995, 999.9994, 1234.5678, 12_345.5, 0.1 + 0.2, 1e-7, -1e-7, 5e-324, 123_456_789.123, Number.MAX_VALUE, NaN, Infinity, -Infinity,
  ];
  for (const n of edges) assert.equal(groupDigits(n), n.toLocaleString('en'), String(n));
});

test('groupDigits agrees with toLocaleString("en") on 20,000 random counts and decimals', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 20_000; i++) {
    const digits = Math.floor(random() * 16);
    const whole = Math.floor(random() * 10 ** digits);
    const places = Math.floor(random() * 6);
    const n = (random() < 0.2 ? -1 : 1) * (places ? Number((whole + random()).toFixed(places)) : whole);
    assert.equal(groupDigits(n), n.toLocaleString('en'), String(n));
  }
});

test('clockTime is the 24-hour time of day, each part two digits', () => {
  for (const [h, m, s] of [[0, 0, 0], [9, 5, 7], [12, 0, 59], [23, 59, 59], [13, 30, 0]] as const) {
    const d = new Date(2026, 0, 15, h, m, s, 999);
    assert.equal(clockTime(d), d.toLocaleTimeString('en-GB', { hour12: false }));
  }
  assert.equal(clockTime(new Date(2026, 0, 15, 7, 3, 9)), '07:03:09');
});
