import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIELDS, OPTIONS, barPercents, computeRows, initialText, initialValues, totalText, validateField } from './calculator.ts';

test('the initial values give the scenario’s totals', () => {
  const rows = computeRows(initialValues());
  assert.deepEqual(
    rows.map((r) => [r.key, totalText(r)]),
    [
      ['vm', '$6,073.60'],
      ['containers', '$677.44'],
      ['wasmHosts', '$67.74'],
      ['wasmRequests', '$186.67'],
    ],
  );
  assert.equal(rows[0]!.formula, '200 × $0.0416 × 730 h');
  assert.equal(rows[3]!.formula, '10,000,000 GB-s × $0.0000166667 + 100 million requests × $0.20');
  assert.deepEqual(rows.map((r) => r.comparison), ['', '89% less', '99% less', '97% less']);
});

test('every option has fields, and every field belongs to an option', () => {
  for (const option of OPTIONS) assert.ok(FIELDS.some((f) => f.option === option.key), option.key);
  for (const field of FIELDS) assert.ok(OPTIONS.some((o) => o.key === field.option), field.key);
});

test('every initial value passes its own field’s validation', () => {
  for (const field of FIELDS) {
    const r = validateField(field.key, initialText(field));
    assert.ok(r.ok, field.key);
    assert.equal(r.ok && r.value, field.initial);
  }
});

test('an invalid field blanks only its own row, names the field, and never yields NaN', () => {
  const values = initialValues();
  delete values['containers.hourlyPrice'];
  const rows = computeRows(values);
  const containers = rows.find((r) => r.key === 'containers')!;
  assert.equal(containers.total, null);
  assert.equal(totalText(containers), '–');
  assert.match(containers.formula, /Fix “Price per host-hour” above/);
  assert.equal(containers.comparison, '');
  assert.equal(rows.find((r) => r.key === 'vm')!.total! > 0, true);
  for (const row of rows) {
    assert.ok(!/NaN|Infinity/.test(totalText(row) + row.formula + row.comparison), row.key);
  }
});

test('without a VM total there is nothing to compare against', () => {
  const values = initialValues();
  delete values['vm.instances'];
  assert.ok(computeRows(values).every((r) => r.comparison === ''));
});

test('zero VMs: no division by zero', () => {
  const rows = computeRows({ ...initialValues(), 'vm.instances': 0 });
  assert.deepEqual(rows.map((r) => r.comparison), ['', 'n/a', 'n/a', 'n/a']);
});

test('bars are relative to the largest total, and all zero when everything is free', () => {
  const bars = barPercents(computeRows(initialValues()));
  assert.equal(bars.vm, 100);
  assert.ok(bars.containers > 11 && bars.containers < 12);
  const free = barPercents(
    computeRows({ ...initialValues(), 'vm.hourlyPrice': 0, 'containers.hourlyPrice': 0, 'wasmHosts.hourlyPrice': 0, 'wasmRequests.pricePerGbSecond': 0, 'wasmRequests.pricePerMillionRequests': 0 }),
  );
  assert.deepEqual(Object.values(free), [0, 0, 0, 0]);
});

test('validateField applies the field’s rule', () => {
  assert.equal(validateField('vm.instances', '12.5').ok, false);
  assert.equal(validateField('vm.hourlyPrice', '0.05').ok, true);
  assert.equal(validateField('wasmRequests.requestsPerMonth', '100,000,000').ok, true);
});
