// Checks a module a learner brings before anything runs it: is it WebAssembly at all, is it within
// the size cap, is it a core module or a component, does it import only what the sandbox provides
// (each missing import listed by name), and does its memory start within the cap. Every failure
// is a sentence that says what is wrong. Pure: the page calls it on the bytes of a dropped file.
import { MemoryCapError, readMemoryDeclaration } from './MemoryCap.ts';
import { groupDigits } from '../../text/plain.ts';

/** prepareOwnModule takes core modules only: a component goes through OwnComponent.ts. */
export const COMPONENT_REFUSAL = 'this step prepares core modules; a component is transpiled and metered by prepareOwnComponent.';

/** The largest module accepted, in bytes. */
export const MAX_MODULE_BYTES = 8 * 1024 * 1024;

/**
 * The WASI preview1 functions the sandbox serves through the preview1 adapter (its
 * `wasi_snapshot_preview1` exports, as in jco's bundled command adapter).
 */
export const PREVIEW1_FUNCTIONS = new Set([
  'args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get', 'clock_time_get',
  'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get', 'fd_fdstat_set_flags',
  'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread',
  'fd_prestat_get', 'fd_prestat_dir_name', 'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek',
  'fd_sync', 'fd_tell', 'fd_write', 'path_create_directory', 'path_filestat_get', 'path_filestat_set_times',
  'path_link', 'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
  'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'sched_yield', 'random_get', 'sock_accept',
  'sock_recv', 'sock_send', 'sock_shutdown',
]);

export type ModuleCheck =
  | {
      ok: true;
      kind: 'core';
      bytes: number;
      initialPages: number | null;
      imports: string[];
      /** It exports `cabi_realloc`, which the preview1 adapter then uses to allocate its state. */
      realloc: boolean;
    }
  | { ok: true; kind: 'component'; bytes: number }
  | { ok: false; problem: 'not-wasm' | 'too-large' | 'invalid' | 'imports' | 'memory' | 'no-start' | 'no-memory'; message: string };

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

function sizeText(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The size check alone, on a file's size before its bytes are read. */
export function checkModuleSize(size: number, name: string): Extract<ModuleCheck, { ok: false }> | null {
  if (size <= MAX_MODULE_BYTES) return null;
  const exact = `${groupDigits(size)} bytes`;
  return { ok: false, problem: 'too-large', message: `${name} is ${sizeText(size)} (${exact}); the sandbox takes modules of at most ${sizeText(MAX_MODULE_BYTES)} (${groupDigits(MAX_MODULE_BYTES)} bytes).` };
}

export function checkModule(bytes: Uint8Array, name: string, capPages: number): ModuleCheck {
  const tooLarge = checkModuleSize(bytes.length, name);
  if (tooLarge) return tooLarge;
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
    return { ok: false, problem: 'not-wasm', message: `${name} is not WebAssembly: a module starts with the bytes 00 61 73 6d ("\\0asm").` };
  }
  // A component has the same magic with layer 1 in bytes 6 and 7; a core module has layer 0.
  if (bytes[6] === 0x01 && bytes[7] === 0x00) return { ok: true, kind: 'component', bytes: bytes.length };
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(bytes as BufferSource);
  } catch (e) {
    return { ok: false, problem: 'invalid', message: `${name} starts like WebAssembly but is not a valid module: ${(e as Error).message}` };
  }
  const imports = WebAssembly.Module.imports(module);
  const missing = imports
    .filter((i) => !(i.module === 'wasi_snapshot_preview1' && i.kind === 'function' && PREVIEW1_FUNCTIONS.has(i.name)))
    .map((i) => `${i.module}.${i.name} (${i.kind})`);
  if (missing.length) {
    return {
      ok: false,
      problem: 'imports',
      message: `${name} imports what the sandbox does not provide: ${missing.join(', ')}. The sandbox gives a core module WASI preview1 (wasi_snapshot_preview1) and nothing else.`,
    };
  }
  const exports = WebAssembly.Module.exports(module);
  if (!exports.some((e) => e.name === '_start' && e.kind === 'function')) {
    return { ok: false, problem: 'no-start', message: `${name} exports no _start function, so it is not a WASI command the sandbox can run.` };
  }
  // The preview1 adapter reads and writes the guest's buffers through the memory it exports.
  if (!exports.some((e) => e.name === 'memory' && e.kind === 'memory')) {
    return { ok: false, problem: 'no-memory', message: `${name} exports no memory named "memory", which WASI preview1 needs to pass data to and from the module.` };
  }
  let initialPages: number | null = null;
  try {
    const memory = readMemoryDeclaration(bytes);
    initialPages = memory?.initialPages ?? null;
    if (memory && memory.initialPages > capPages) {
      return {
        ok: false,
        problem: 'memory',
        message: `${name} declares ${memory.initialPages} pages (${sizeText(memory.initialPages * 65536)}) of memory at start, more than the cap of ${capPages} pages (${sizeText(capPages * 65536)}).`,
      };
    }
  } catch (e) {
    if (e instanceof MemoryCapError) return { ok: false, problem: 'memory', message: `${name}: ${e.message}.` };
    throw e;
  }
  return {
    ok: true,
    kind: 'core',
    bytes: bytes.length,
    initialPages,
    imports: imports.map((i) => `${i.module}.${i.name}`),
    realloc: exports.some((e) => e.name === 'cabi_realloc' && e.kind === 'function'),
  };
}
