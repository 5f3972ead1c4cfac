// Core modules a learner might bring, assembled with binaryen's IR builder (no WAT, no committed
// .wasm): the unit tests run them in Node and the end-to-end tests upload them to the lab page.
import binaryen from 'binaryen';

const P1 = 'wasi_snapshot_preview1';
const i32 = binaryen.i32;
const i64 = binaryen.i64;

/** The text the writer puts on stdout and into its file. */
export const WRITER_TEXT = 'hello from my own module\n';
/** The file the writer creates in the sandbox directory. */
export const WRITER_FILE = 'hello.txt';

type Build = (m: binaryen.Module) => void;

function module(build: Build, { pages = 1, maxPages = 1000, memory = true }: { pages?: number; maxPages?: number; memory?: boolean } = {}): Uint8Array {
  const m = new binaryen.Module();
  try {
    m.setFeatures(binaryen.Features.MVP | binaryen.Features.MutableGlobals);
    build(m);
    if (memory && !m.hasMemory()) m.setMemory(pages, maxPages, 'memory');
    if (!m.validate()) throw new Error('fixture module does not validate');
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

const text = (s: string) => new TextEncoder().encode(s);

/**
 * A WASI command that writes WRITER_TEXT to stdout, then creates WRITER_FILE in the first
 * preopened directory (fd 3) and writes the same text into it. It exits with status 2 when
 * path_open fails (no filesystem, or a read-only one) and 3 when the file write fails.
 * Memory: 0 iovec {16, len}, 8 bytes written, 12 the opened fd, 16 the text, 64 the path.
 */
export function writerModule(): Uint8Array {
  const message = text(WRITER_TEXT);
  const path = text(WRITER_FILE);
  return module((m) => {
    m.addFunctionImport('fd_write', P1, 'fd_write', binaryen.createType([i32, i32, i32, i32]), i32);
    m.addFunctionImport('path_open', P1, 'path_open', binaryen.createType([i32, i32, i32, i32, i32, i64, i64, i32, i32]), i32);
    m.addFunctionImport('proc_exit', P1, 'proc_exit', i32, binaryen.none);
    m.setMemory(1, 16, 'memory', [
      { offset: m.i32.const(16), data: message, passive: false },
      { offset: m.i32.const(64), data: path, passive: false },
    ]);
    const write = (fd: binaryen.ExpressionRef) => m.call('fd_write', [fd, m.i32.const(0), m.i32.const(1), m.i32.const(8)], i32);
    m.addFunction('_start', binaryen.none, binaryen.none, [], m.block(null, [
      m.i32.store(0, 4, m.i32.const(0), m.i32.const(16)),
      m.i32.store(4, 4, m.i32.const(0), m.i32.const(message.length)),
      m.drop(write(m.i32.const(1))),
      // path_open(dirfd 3, follow symlinks, path, O_CREAT, every right, every right, no flags, &fd)
      m.if(
        m.call('path_open', [m.i32.const(3), m.i32.const(1), m.i32.const(64), m.i32.const(path.length), m.i32.const(1), m.i64.const(0x1fffffffn), m.i64.const(0x1fffffffn), m.i32.const(0), m.i32.const(12)], i32),
        m.call('proc_exit', [m.i32.const(2)], binaryen.none),
      ),
      m.if(write(m.i32.load(12, 4, m.i32.const(0))), m.call('proc_exit', [m.i32.const(3)], binaryen.none)),
    ]));
    m.addFunctionExport('_start', '_start');
  });
}

/** A WASI command whose _start loops for ever without calling the host. */
export function endlessModule(): Uint8Array {
  return module((m) => {
    m.addFunctionImport('sched_yield', P1, 'sched_yield', binaryen.none, i32);
    m.addFunction('_start', binaryen.none, binaryen.none, [], m.loop('forever', m.br('forever')));
    m.addFunctionExport('_start', '_start');
  });
}

/** A WASI command that grows its memory a page at a time until growth fails, then exits with status 1. */
export function memoryHogModule(): Uint8Array {
  return module(
    (m) => {
      m.addFunctionImport('proc_exit', P1, 'proc_exit', i32, binaryen.none);
      m.setMemory(1, 16384, 'memory');
      m.addFunction('_start', binaryen.none, binaryen.none, [], m.block(null, [
        m.loop('grow', m.br('grow', m.i32.ne(m.memory.grow(m.i32.const(1)), m.i32.const(-1)))),
        m.call('proc_exit', [m.i32.const(1)], binaryen.none),
      ]));
      m.addFunctionExport('_start', '_start');
    },
  );
}

/** A module whose memory starts at `pages` pages. */
export function fatMemoryModule(pages: number): Uint8Array {
  return module((m) => {
    m.addFunction('_start', binaryen.none, binaryen.none, [], m.nop());
    m.addFunctionExport('_start', '_start');
  }, { pages, maxPages: 16384 });
}

/** A module that imports what the sandbox does not give: a function from `env` and one from WASI preview2's names. */
export function foreignImportsModule(): Uint8Array {
  return module((m) => {
    m.addFunctionImport('emscripten_notify_memory_growth', 'env', 'emscripten_notify_memory_growth', i32, binaryen.none);
    m.addFunctionImport('fd_write', P1, 'fd_write', binaryen.createType([i32, i32, i32, i32]), i32);
    m.addFunctionImport('thread_spawn', 'wasi', 'thread-spawn', i32, i32);
    m.addFunction('_start', binaryen.none, binaryen.none, [], m.block(null, [
      m.call('emscripten_notify_memory_growth', [m.i32.const(0)], binaryen.none),
      m.drop(m.call('fd_write', [m.i32.const(1), m.i32.const(0), m.i32.const(0), m.i32.const(0)], i32)),
      m.drop(m.call('thread_spawn', [m.i32.const(0)], i32)),
    ]));
    m.addFunctionExport('_start', '_start');
  });
}

/** A library module: it exports a function, but no _start. */
export function libraryModule(): Uint8Array {
  return module((m) => {
    m.addFunction('add', binaryen.createType([i32, i32]), i32, [], m.i32.add(m.local.get(0, i32), m.local.get(1, i32)));
    m.addFunctionExport('add', 'add');
  });
}
