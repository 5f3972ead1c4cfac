// Reading the file a learner brings: an oversized file is refused from its size without a byte
// read; a good one comes back with its SHA-256, the breaker's key; a component is taken as one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { MAX_MODULE_BYTES } from './ModuleCheck.ts';
import { readOwnModuleFile, type ModuleFile } from './OwnModuleFile.ts';

/** A file that counts how often its bytes were read. */
function file(name: string, bytes: Uint8Array, size = bytes.length): ModuleFile & { reads: number } {
  const f: ModuleFile & { reads: number } = { name, size, reads: 0, arrayBuffer: async () => (f.reads++, bytes.slice().buffer as ArrayBuffer) };
  return f;
}

// The smallest WASI command: exports _start and memory, imports nothing.
const COMMAND = Uint8Array.from([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
  1, 4, 1, 0x60, 0, 0, // type () -> ()
  3, 2, 1, 0, // one function
  5, 3, 1, 0, 1, // memory, 1 page
  7, 0x13, 2, 6, ...new TextEncoder().encode('_start'), 0, 0, 6, ...new TextEncoder().encode('memory'), 2, 0,
  10, 4, 1, 2, 0, 0x0b,
]);

test('own file: one byte over the cap is refused from its size, without reading it; at the cap it is read', async () => {
  const over = file('big.wasm', new Uint8Array(0), MAX_MODULE_BYTES + 1);
  const stages: string[] = [];
  const r = await readOwnModuleFile(over, 16, (s) => stages.push(s));
  assert.ok(!r.ok && /^big\.wasm is 8\.0 MiB \(8,388,609 bytes\); the sandbox takes modules of at most 8\.0 MiB/.test(r.message), JSON.stringify(r));
  assert.deepEqual([over.reads, stages], [0, []]);
  const at = file('at.wasm', new Uint8Array(MAX_MODULE_BYTES));
  const r2 = await readOwnModuleFile(at, 16);
  assert.equal(at.reads, 1);
  assert.ok(!r2.ok && /^at\.wasm is not WebAssembly/.test(r2.message));
});

test('own file: a good command comes back with its summary and SHA-256', async () => {
  const stages: string[] = [];
  const r = await readOwnModuleFile(file('ok.wasm', COMMAND), 16, (s) => stages.push(s));
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(stages, ['reading', 'checking']);
  assert.deepEqual(r.summary, {
    kind: 'core',
    name: 'ok.wasm',
    bytes: COMMAND.length,
    sha256: createHash('sha256').update(COMMAND).digest('hex'),
    imports: [],
    initialPages: 1,
  });
});

test('own file: a component is taken as a component; a file that cannot be read says so', async () => {
  const component = Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]);
  const r = await readOwnModuleFile(file('c.wasm', component), 16);
  assert.ok(r.ok && r.summary.kind === 'component');
  const unreadable = { name: 'gone.wasm', size: 10, arrayBuffer: async (): Promise<ArrayBuffer> => { throw new Error('the file changed on disk'); } };
  const r2 = await readOwnModuleFile(unreadable, 16);
  assert.deepEqual(r2, { ok: false, message: 'gone.wasm could not be read: the file changed on disk' });
});
