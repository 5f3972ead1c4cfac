import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HOURS_PER_MONTH,
  SCENARIO,
  SCENARIO_PRINTED_TOTALS,
  formatPrice,
  formatSaving,
  formatUsd,
  instanceMonthlyCost,
  parseField,
  requestMonthlyCost,
  savingAgainst,
} from './cost.ts';

const cents = (n: number) => Math.round(n * 100) / 100;

test('a month is 730 hours', () => {
  assert.equal(HOURS_PER_MONTH, (365 * 24) / 12);
});

test('VM: the scenario gives $6,073.60; the material prints $6,073 (cut off, not rounded)', () => {
  const vm = instanceMonthlyCost(SCENARIO.vm);
  assert.equal(cents(vm), 6073.6);
  assert.equal(Math.floor(vm), SCENARIO_PRINTED_TOTALS.vm);
  assert.equal(Math.round(vm), 6074);
});

test('containers: the scenario reproduces the printed $677', () => {
  const containers = instanceMonthlyCost(SCENARIO.containers);
  assert.equal(cents(containers), 677.44);
  assert.equal(Math.round(containers), SCENARIO_PRINTED_TOTALS.containers);
});

test('the printed savings follow from the printed totals', () => {
  const { vm, containers, wasmRequests } = SCENARIO_PRINTED_TOTALS;
  assert.equal(Math.round(savingAgainst(containers, vm)! * 100), 89);
  assert.equal(Math.round(savingAgainst(wasmRequests, containers)! * 100), 70);
  assert.equal(Math.round(savingAgainst(wasmRequests, vm)! * 100), 97);
});

test('Wasm per request: the printed "about $200" is not derivable without a memory size', () => {
  const at1024 = requestMonthlyCost(SCENARIO.wasmRequests);
  assert.equal(at1024.gbSeconds, 10_000_000);
  assert.equal(cents(at1024.compute), 166.67);
  assert.equal(cents(at1024.requests), 20);
  assert.equal(cents(at1024.total), 186.67);
  // At the smallest Lambda size the same traffic costs a fifth of that.
  const at128 = requestMonthlyCost({ ...SCENARIO.wasmRequests, memoryMb: 128 });
  assert.equal(cents(at128.total), 40.83);
});

test('Wasm on hosts: two hosts at the container price', () => {
  assert.equal(cents(instanceMonthlyCost(SCENARIO.wasmHosts)), 67.74);
});

test('zero instances cost nothing; a zero baseline has no saving', () => {
  assert.equal(instanceMonthlyCost({ instances: 0, hourlyPrice: 1 }), 0);
  assert.equal(savingAgainst(10, 0), null);
});

test('parseField accepts plain and grouped numbers, and a leading $', () => {
  assert.deepEqual(parseField('200', { integer: true }), { ok: true, value: 200 });
  assert.deepEqual(parseField(' 0.0416 '), { ok: true, value: 0.0416 });
  assert.deepEqual(parseField('.5'), { ok: true, value: 0.5 });
  assert.deepEqual(parseField('$0.0464'), { ok: true, value: 0.0464 });
  assert.deepEqual(parseField('100,000,000', { integer: true }), { ok: true, value: 100_000_000 });
  assert.deepEqual(parseField('0'), { ok: true, value: 0 });
});

test('parseField refuses bad input with a message, never NaN', () => {
  const cases: [string, object, RegExp][] = [
    ['', {}, /Enter a number/],
    ['   ', {}, /Enter a number/],
    ['-5', {}, /cannot be negative/],
    ['abc', {}, /digits/],
    ['12abc', {}, /digits/],
    ['1e3', {}, /digits/],
    ['NaN', {}, /digits/],
    ['Infinity', {}, /digits/],
    ['0,0416', {}, /decimal point, not a comma/],
    ['1.5', { integer: true }, /whole number/],
    ['5', { min: 128 }, /at least 128/],
    ['20000', { max: 10240 }, /at most 10,240/],
    ['9'.repeat(400), {}, /smaller number/],
  ];
  for (const [raw, rule, message] of cases) {
    const r = parseField(raw, rule);
    assert.equal(r.ok, false, raw);
    assert.match(!r.ok ? r.error : '', message, raw);
  }
});

test('formatting', () => {
  assert.equal(formatUsd(6073.6), '$6,073.60');
  assert.equal(formatUsd(0), '$0.00');
  assert.equal(formatPrice(0.0000166667), '$0.0000166667');
  assert.equal(formatPrice(0.2), '$0.20');
  assert.equal(formatSaving(0.8885), '89% less');
  assert.equal(formatSaving(-0.5), '50% more');
  assert.equal(formatSaving(0.001), 'about the same');
  assert.equal(formatSaving(null), 'n/a');
});
