// The fuel meter's contract, on modules built here with binaryen's own IR builder: one unit per
// function entry and per loop iteration, exactly; the counter the host reads is current whenever
// the guest calls out; a callee's charges are not lost when the caller resumes; running out traps
// at the exact budget and leaves the global below zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { meterModule, START_ALLOWANCE, FUEL_EXPORT } from './meter.mjs';

/**
 * A module with:
 * - `tick() -> i32`: returns 7 with an explicit `return`, so a return with a value is metered;
 * - `spin(n)`: a loop of n iterations that calls `tick` and the import `env.peek` every iteration;
 * - `flat(n)`: a loop of n iterations that calls nothing.
 */
function buildModule(): Uint8Array {
  const m = new binaryen.Module();
  try {
    m.addFunctionImport('peek', 'env', 'peek', binaryen.none, binaryen.none);
    m.addFunction('tick', binaryen.none, binaryen.i32, [], m.return(m.i32.const(7)));
    const countdown = (body: number[]) =>
      m.loop('l', m.block(null, [...body, m.local.set(0, m.i32.sub(m.local.get(0, binaryen.i32), m.i32.const(1))), m.br('l', m.local.get(0, binaryen.i32))]));
    m.addFunction('spin', binaryen.i32, binaryen.i32, [binaryen.i32], m.block(null, [
      countdown([m.local.set(1, m.i32.add(m.local.get(1, binaryen.i32), m.call('tick', [], binaryen.i32))), m.call('peek', [], binaryen.none)]),
      m.local.get(1, binaryen.i32),
    ], binaryen.i32));
    m.addFunction('flat', binaryen.i32, binaryen.none, [], countdown([]));
    m.addFunctionExport('spin', 'spin');
    m.addFunctionExport('flat', 'flat');
    if (!m.validate()) throw new Error('test module does not validate');
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

function instantiate(peek: () => void = () => {}) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(meterModule(buildModule()) as BufferSource), { env: { peek } });
  const fuel = instance.exports[FUEL_EXPORT] as WebAssembly.Global;
  const exports = instance.exports as unknown as { spin(n: number): number; flat(n: number): void };
  return { fuel, ...exports };
}

test('meter: the counter starts at the start allowance and is exported', () => {
  assert.equal(instantiate().fuel.value, START_ALLOWANCE);
});

test('meter: one unit per function entry and per loop iteration, callee charges kept', () => {
  const { fuel, spin, flat } = instantiate();
  fuel.value = 1_000_000n;
  assert.equal(spin(10), 70, 'metering changed the result');
  // spin's entry, 10 iterations, 10 entries of tick: a reload that lost tick's charges gives 11.
  assert.equal(fuel.value, 1_000_000n - 21n);
  fuel.value = 1_000n;
  flat(100);
  assert.equal(fuel.value, 1_000n - 101n);
});

test('meter: the host sees the current counter during every call out of the guest', () => {
  const seen: bigint[] = [];
  const { fuel, spin } = instantiate(() => seen.push(fuel.value as bigint));
  fuel.value = 100n;
  spin(3);
  // At each peek: spin's entry, i iterations and i ticks have been charged.
  assert.deepEqual(seen, [97n, 95n, 93n]);
});

test('meter: a budget of exactly the cost completes; one unit less traps with the counter below zero', () => {
  const { fuel, flat } = instantiate();
  fuel.value = 101n;
  flat(100);
  assert.equal(fuel.value, 0n);
  fuel.value = 100n;
  assert.throws(() => flat(100), (e) => e instanceof WebAssembly.RuntimeError && /unreachable/.test(e.message));
  assert.equal(fuel.value, -1n);
});

test('meter: a module that already carries the meter is refused', () => {
  assert.throws(() => meterModule(meterModule(buildModule())), /already metered|lab_fuel/);
});
