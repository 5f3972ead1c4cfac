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

/** WASI 0.2.12, the version of jco's preview1 command adapter, so the component imports one wasi:io. */
const WASI = '0.2.12';
const SOCKETS = `wasi:sockets/tcp@${WASI}`;
/** How many connections the connector opens at most, and how many 1 KiB writes it makes on the first. */
export const CONNECTOR = { connections: 32, writes: 128, chunk: 1024 } as const;

/**
 * A learner's component that uses `wasi:sockets` the way the lab's network attack uses
 * `lab:sandbox/net`: it opens up to CONNECTOR.connections TCP connections to 192.0.2.1:80 (a
 * documentation address, RFC 5737), stopping at the first refusal, then writes CONNECTOR.writes
 * chunks of CONNECTOR.chunk bytes on the first connection, stopping at the first error.
 * The core module is built here with binaryen; the WIT is jco's own copy of WASI 0.2.12.
 * Memory: 1024 the return area, 2048 the chunk (zeros).
 */
export async function connectorComponent(): Promise<Uint8Array> {
  const { componentEmbed, componentNew, preview1AdapterCommandPath } = await import('@bytecodealliance/jco');
  const { readFile } = await import('node:fs/promises');
  const ret = 1024;
  const core = module((m) => {
    const n = binaryen.none;
    m.addFunctionImport('instance_network', `wasi:sockets/instance-network@${WASI}`, 'instance-network', n, i32);
    m.addFunctionImport('create_tcp_socket', `wasi:sockets/tcp-create-socket@${WASI}`, 'create-tcp-socket', binaryen.createType([i32, i32]), n);
    m.addFunctionImport('start_connect', SOCKETS, '[method]tcp-socket.start-connect', binaryen.createType(Array(15).fill(i32)), n);
    m.addFunctionImport('finish_connect', SOCKETS, '[method]tcp-socket.finish-connect', binaryen.createType([i32, i32]), n);
    m.addFunctionImport('write_flush', `wasi:io/streams@${WASI}`, '[method]output-stream.blocking-write-and-flush', binaryen.createType([i32, i32, i32, i32]), n);
    m.setMemory(1, 16, 'memory');
    const [NET, SOCK, OUT, I] = [0, 1, 2, 3];
    const get = (l: number) => m.local.get(l, i32);
    const failed = () => m.i32.load8_u(0, 1, m.i32.const(ret));
    const c = (v: number) => m.i32.const(v);
    m.addFunction('_start', n, n, [i32, i32, i32, i32], m.block(null, [
      m.local.set(NET, m.call('instance_network', [], i32)),
      m.block('connected', [m.loop('connect', m.block(null, [
        m.br('connected', m.i32.ge_u(get(I), c(CONNECTOR.connections))),
        m.call('create_tcp_socket', [c(0), c(ret)], n),
        m.br('connected', failed()),
        m.local.set(SOCK, m.i32.load(4, 4, c(ret))),
        // ip-socket-address flattened: the ipv4 case (0), port, four octets, then six unused slots.
        m.call('start_connect', [get(SOCK), get(NET), c(0), c(80), c(192), c(0), c(2), c(1), c(0), c(0), c(0), c(0), c(0), c(0), c(ret)], n),
        m.br('connected', failed()),
        m.call('finish_connect', [get(SOCK), c(ret)], n),
        m.br('connected', failed()),
        m.if(m.i32.eqz(get(I)), m.local.set(OUT, m.i32.load(8, 4, c(ret)))),
        m.local.set(I, m.i32.add(get(I), c(1))),
        m.br('connect'),
      ]))]),
      m.if(m.i32.eqz(get(I)), m.return()),
      m.local.set(I, c(0)),
      m.block('written', [m.loop('write', m.block(null, [
        m.br('written', m.i32.ge_u(get(I), c(CONNECTOR.writes))),
        m.call('write_flush', [get(OUT), c(2048), c(CONNECTOR.chunk), c(ret)], n),
        m.br('written', failed()),
        m.local.set(I, m.i32.add(get(I), c(1))),
        m.br('write'),
      ]))]),
    ]));
    m.addFunctionExport('_start', '_start');
  });
  // jco ships WASI's WIT beside its adapter (lib/wit/builtin/<version>/<package>/package.wit).
  const builtin = (pkg: string) => readFile(new URL(`wit/builtin/${WASI}/${pkg}/package.wit`, preview1AdapterCommandPath()), 'utf8');
  // One WIT source: the world, then each WASI package it needs as a nested `package … { }` block.
  const nested = async (pkg: string) => (await builtin(pkg)).replace(/^package ([^;]+);/m, 'package $1 {') + '\n}\n';
  const witSource = [
    'package learner:connector;',
    `world connector {\n  import wasi:sockets/instance-network@${WASI};\n  import wasi:sockets/tcp-create-socket@${WASI};\n  import ${SOCKETS};\n  import wasi:io/streams@${WASI};\n}`,
    ...(await Promise.all(['wasi-io', 'wasi-clocks', 'wasi-sockets'].map(nested))),
  ].join('\n');
  const embedded = await componentEmbed({ binary: core, witSource, world: 'connector', stringEncoding: 'utf8' });
  return componentNew(embedded, [['wasi_snapshot_preview1', await readFile(preview1AdapterCommandPath())]]);
}
