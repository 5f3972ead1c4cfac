// A learner's own core module: a good WASI command comes out metered and capped; a bad file gets
// ModuleCheck's message and never loads the meter (binaryen); a module the meter refuses says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { meterModule } from '../../../../labs/build/meter.mjs';
import { readMemoryDeclaration } from './MemoryCap.ts';
import { MAX_MODULE_BYTES } from './ModuleCheck.ts';
import { prepareOwnModule, type MeterModule } from './OwnModule.ts';

/** A WASI command whose _start loops n times and writes through fd_write; 2 pages, maximum 1,000. */
function command(importModule = 'wasi_snapshot_preview1'): Uint8Array {
  const m = new binaryen.Module();
  try {
    const i32 = binaryen.i32;
    m.addFunctionImport('fd_write', importModule, 'fd_write', binaryen.createType([i32, i32, i32, i32]), i32);
    m.setMemory(2, 1000, 'memory');
    m.addFunction('_start', binaryen.none, binaryen.none, [i32], m.block(null, [
      m.local.set(0, m.i32.const(5)),
      m.loop('l', m.block(null, [
        m.local.set(0, m.i32.sub(m.local.get(0, i32), m.i32.const(1))),
        m.br('l', m.local.get(0, i32)),
      ])),
      m.drop(m.call('fd_write', [m.i32.const(1), m.i32.const(0), m.i32.const(0), m.i32.const(0)], i32)),
    ]));
    m.addFunctionExport('_start', '_start');
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/** The build's meter, counting how often it was loaded. */
function countingLoader() {
  const loader = async (): Promise<MeterModule> => {
    loader.loads++;
    return meterModule;
  };
  loader.loads = 0;
  return loader;
}

test('own module: a WASI command comes out metered, capped, and runs on its budget', async () => {
  const load = countingLoader();
  const r = await prepareOwnModule(command(), 'loop.wasm', 64, load);
  assert.equal(load.loads, 1);
  assert.ok(r.ok && r.kind === 'core', JSON.stringify(r));
  assert.deepEqual(r.imports, ['wasi_snapshot_preview1.fd_write']);
  assert.deepEqual(readMemoryDeclaration(r.bytes), { initialPages: 2, maximumPages: 64 });
  const writes: number[] = [];
  const instance = new WebAssembly.Instance(new WebAssembly.Module(r.bytes as BufferSource), {
    wasi_snapshot_preview1: { fd_write: (fd: number) => (writes.push(fd), 0) },
  });
  const fuel = instance.exports.lab_fuel as WebAssembly.Global;
  fuel.value = 6n; // _start's entry and five iterations
  (instance.exports._start as () => void)();
  assert.deepEqual([writes, fuel.value], [[1], 0n]);
  fuel.value = 5n;
  assert.throws(() => (instance.exports._start as () => void)(), WebAssembly.RuntimeError);
  assert.equal(fuel.value, -1n);
});

test('own module: bad files get the check\'s message and never load the meter', async () => {
  const load = countingLoader();
  const cases: [Uint8Array, string, RegExp][] = [
    [new TextEncoder().encode('not wasm'), 'not-wasm', /is not WebAssembly/],
    [new Uint8Array(MAX_MODULE_BYTES + 1), 'too-large', /at most 8\.0 MiB/],
    [command('env'), 'imports', /env\.fd_write \(function\)/],
  ];
  for (const [bytes, problem, message] of cases) {
    const r = await prepareOwnModule(bytes, 'bad.wasm', 64, load);
    assert.ok(!r.ok && r.problem === problem && message.test(r.message), JSON.stringify(r));
  }
  assert.equal(load.loads, 0);
});

test('own module: a module the meter refuses gets a sentence that says so', async () => {
  const r = await prepareOwnModule(meterModule(command()), 'twice.wasm', 64);
  assert.ok(!r.ok && r.problem === 'meter', JSON.stringify(r));
  assert.match(r.message, /^twice\.wasm could not be metered: the module is already metered/);
});
