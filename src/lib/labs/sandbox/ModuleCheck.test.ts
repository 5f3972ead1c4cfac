// The checks on a module a learner brings: each kind of bad file gets the message that names its
// problem, and a good WASI command passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkModule, MAX_MODULE_BYTES } from './ModuleCheck.ts';

const leb = (n: number) => (n < 128 ? [n] : [(n & 0x7f) | 0x80, n >> 7]);
const str = (s: string) => [s.length, ...new TextEncoder().encode(s)];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];

/** A core module: imports (module, name) functions of type () -> (), an exported memory and _start, and optionally cabi_realloc (any function will do for the check). */
function core({ imports = [] as [string, string][], pages = 1, start = true, memory = true, realloc = false } = {}): Uint8Array {
  const typeSec = section(1, [1, 0x60, 0, 0]);
  const importSec = section(2, [imports.length, ...imports.flatMap(([m, n]) => [...str(m), ...str(n), 0, 0])]);
  const funcSec = section(3, [1, 0]);
  const memSec = section(5, [1, 0, ...leb(pages)]);
  const exports = [
    ...(start ? [[...str('_start'), 0, imports.length]] : []),
    ...(memory ? [[...str('memory'), 2, 0]] : []),
    ...(realloc ? [[...str('cabi_realloc'), 0, imports.length]] : []),
  ];
  const exportSec = section(7, [exports.length, ...exports.flat()]);
  const codeSec = section(10, [1, 2, 0, 0x0b]);
  return Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...typeSec, ...(imports.length ? importSec : []), ...funcSec, ...memSec, ...exportSec, ...codeSec]);
}

test('a WASI command within the caps passes, with its imports listed', () => {
  const r = checkModule(core({ imports: [['wasi_snapshot_preview1', 'fd_write'], ['wasi_snapshot_preview1', 'proc_exit']] }), 'ok.wasm', 16);
  assert.deepEqual(r, { ok: true, kind: 'core', bytes: r.ok ? r.bytes : 0, initialPages: 1, imports: ['wasi_snapshot_preview1.fd_write', 'wasi_snapshot_preview1.proc_exit'], realloc: false });
  // The adapter allocates through the module's cabi_realloc when it exports one.
  assert.equal((checkModule(core({ realloc: true }), 'as.wasm', 16) as { realloc: boolean }).realloc, true);
});

test('a file that is not WebAssembly says so', () => {
  const r = checkModule(new TextEncoder().encode('<html>not a module</html>'), 'page.html', 16);
  assert.deepEqual([r.ok, !r.ok && r.problem], [false, 'not-wasm']);
  assert.match(!r.ok ? r.message : '', /^page\.html is not WebAssembly/);
});

test('a file over the size cap is refused before it is parsed, exactly past the cap', () => {
  const over = new Uint8Array(MAX_MODULE_BYTES + 1);
  const r = checkModule(over, 'big.wasm', 16);
  assert.deepEqual([r.ok, !r.ok && r.problem], [false, 'too-large']);
  assert.match(!r.ok ? r.message : '', /big\.wasm is 8\.0 MiB \(8,388,609 bytes\); the sandbox takes modules of at most 8\.0 MiB \(8,388,608 bytes\)/);
  // Exactly at the cap, the file gets past the size check (and is then refused as not WebAssembly).
  assert.equal((checkModule(new Uint8Array(MAX_MODULE_BYTES), 'at.wasm', 16) as { problem: string }).problem, 'not-wasm');
});

test('imports the sandbox does not provide are listed by name', () => {
  const r = checkModule(core({ imports: [['wasi_snapshot_preview1', 'fd_write'], ['env', 'emscripten_memcpy_big'], ['wasi_snapshot_preview1', 'thread_spawn']] }), 'em.wasm', 16);
  assert.equal(!r.ok && r.problem, 'imports');
  assert.match(!r.ok ? r.message : '', /imports what the sandbox does not provide: env\.emscripten_memcpy_big \(function\), wasi_snapshot_preview1\.thread_spawn \(function\)\./);
});

test('a memory declared larger than the cap is refused; exactly at the cap passes', () => {
  const r = checkModule(core({ pages: 17 }), 'fat.wasm', 16);
  assert.equal(!r.ok && r.problem, 'memory');
  assert.match(!r.ok ? r.message : '', /declares 17 pages \(1\.1 MiB\) of memory at start, more than the cap of 16 pages \(1\.0 MiB\)/);
  assert.equal(checkModule(core({ pages: 16 }), 'fits.wasm', 16).ok, true);
});

test('a corrupt module and a module without _start get their own messages', () => {
  const broken = core();
  broken[broken.length - 1] = 0xff;
  assert.equal((checkModule(broken, 'broken.wasm', 16) as { problem: string }).problem, 'invalid');
  assert.equal((checkModule(core({ start: false }), 'lib.wasm', 16) as { problem: string }).problem, 'no-start');
  const noMemory = checkModule(core({ memory: false }), 'nomem.wasm', 16);
  assert.equal(!noMemory.ok && noMemory.problem, 'no-memory');
  assert.match(!noMemory.ok ? noMemory.message : '', /^nomem\.wasm exports no memory named "memory"/);
});

test('a component is recognised as one; the lab\'s own built component is one', () => {
  const built = join(import.meta.dirname, '..', '..', '..', '..', 'labs', 'out', 'attacks', 'component', 'attacks.component.wasm');
  const r = checkModule(new Uint8Array(readFileSync(built)), 'attacks.component.wasm', 16);
  assert.equal(r.ok && r.kind, 'component');
  // The lab's own core module imports the lab network, which an uploaded core module does not get.
  const mainCore = new Uint8Array(readFileSync(join(built, '..', '..', 'attacks.core.wasm')));
  const own = checkModule(mainCore, 'attacks.core.wasm', 256);
  assert.equal(!own.ok && own.problem, 'imports');
});
