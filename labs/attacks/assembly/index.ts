// The attack module: one WASI preview1 command, adapted to a component by the lab build. The first
// argument names the attack, the second its variant:
//
//   cpu loop | cpu bursts           memory grow | memory alloc
//   files inodes | files space      network connect | network flood
//   host-work random | host-work sync | host-work writes
//
// Every attack runs until the sandbox refuses it something; the module then reports what it was
// refused on stderr and exits with a code naming the refusal (see EXIT_* below), so a run's end is
// decided by the host's defences, never by the attack giving up on its own.
import {
  errno,
  fd_close,
  fd_sync,
  fd_write,
  iovec,
  oflags,
  path_open,
  poll_oneoff,
  random_get,
  rights,
} from '@assemblyscript/wasi-shim/assembly/bindings/wasi_snapshot_preview1';
import * as net from './net';

/** Exit codes: which refusal ended the attack. The host maps them to outcomes. */
const EXIT_REFUSED_MEMORY: u32 = 10;
const EXIT_REFUSED_FS: u32 = 11;
const EXIT_REFUSED_NET: u32 = 12;
const EXIT_REFUSED_HOST: u32 = 13;
const EXIT_BAD_ARGS: u32 = 2;

/** The first preopened directory: the adapter numbers preopens after stdin, stdout and stderr. */
const PREOPEN_FD: u32 = 3;

/** The adapter allocates its own state through this; without it, AssemblyScript's allocator would overwrite it. */
export function cabi_realloc(oldPtr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  if (oldPtr == 0) return heap.alloc(newSize);
  return heap.realloc(oldPtr, newSize);
}

// Keeps the optimiser from deleting loops whose results are otherwise unused.
let sink: u64 = 0;

function say(message: string): void {
  const bytes = String.UTF8.encode(message + '\n');
  const iov = memory.data(8);
  store<u32>(iov, changetype<usize>(bytes));
  store<u32>(iov, bytes.byteLength, 4);
  const written = memory.data(4);
  fd_write(2, iov, 1, written);
}

function burn(iterations: i32): void {
  let x = sink;
  for (let i = 0; i < iterations; i++) x = x * 6364136223846793005 + 1442695040888963407;
  sink = x;
}

/** Sleeps through WASI `poll_oneoff` on a relative monotonic-clock subscription. */
function sleepMs(ms: u64): void {
  const sub = memory.data(48);
  memory.fill(sub, 0, 48);
  store<u8>(sub, 0, 8); // tag: clock
  store<u32>(sub, 1, 16); // clock id: monotonic
  store<u64>(sub, ms * 1_000_000, 24); // relative timeout in ns
  const event = memory.data(32);
  const count = memory.data(4);
  poll_oneoff(sub, event, 1, count);
}

function cpu(variant: string): u32 {
  if (variant == 'loop') {
    for (;;) burn(1_000_000);
  }
  // Bursts of ~20 ms of work, then a 30 ms sleep: a watchdog that only looks for one long busy
  // stretch never fires, yet the module holds the CPU most of the time, forever.
  for (;;) {
    burn(4_000_000);
    sleepMs(30);
  }
  return 0; // never reached: asc does not treat an endless loop as the end of a function
}

function mem(variant: string): u32 {
  if (variant == 'grow') {
    let pages: i32 = memory.size();
    for (;;) {
      if (memory.grow(1) < 0) {
        say('memory.grow refused at ' + pages.toString() + ' pages');
        return EXIT_REFUSED_MEMORY;
      }
      pages++;
    }
  }
  // Allocations kept reachable, so the collector can free nothing; when the allocator cannot grow
  // memory any more it traps. A linked chain of 1 KiB chunks, not an array: an array's backing
  // store would ask for a large block at once and fail well short of the cap.
  let last: Chunk | null = null;
  for (;;) last = new Chunk(last);
  return 0;
}

class Chunk {
  payload: StaticArray<u8> = new StaticArray<u8>(1024);
  constructor(public prev: Chunk | null) {}
}

function openFile(name: string, create: bool): i32 {
  const path = String.UTF8.encode(name);
  const fd = memory.data(4);
  const err = path_open(
    PREOPEN_FD,
    0,
    changetype<usize>(path),
    path.byteLength,
    create ? oflags.CREAT : 0,
    rights.FD_WRITE | rights.FD_SYNC | rights.FD_DATASYNC,
    0,
    0,
    fd,
  );
  if (err != errno.SUCCESS) return -(err as i32);
  return load<u32>(fd) as i32;
}

/** Writes `len` bytes of `buf` to fd; returns the errno. */
function writeBytes(fd: u32, buf: usize, len: usize): u16 {
  const iov = memory.data(8);
  store<u32>(iov, buf);
  store<u32>(iov, len, 4);
  const written = memory.data(4);
  return fd_write(fd, iov, 1, written);
}

function refusedFs(what: string, err: i32): u32 {
  say(what + ' refused with WASI errno ' + err.toString());
  return EXIT_REFUSED_FS;
}

function files(variant: string): u32 {
  const chunk = new ArrayBuffer(4096);
  if (variant == 'inodes') {
    for (let i = 0; ; i++) {
      const fd = openFile('f' + i.toString(), true);
      if (fd < 0) return refusedFs('creating file ' + i.toString(), -fd);
      const err = writeBytes(fd as u32, changetype<usize>(chunk), 16);
      fd_close(fd as u32);
      if (err != errno.SUCCESS) return refusedFs('writing file ' + i.toString(), err);
    }
  }
  const fd = openFile('big', true);
  if (fd < 0) return refusedFs('creating the file', -fd);
  for (;;) {
    const err = writeBytes(fd as u32, changetype<usize>(chunk), 4096);
    if (err != errno.SUCCESS) return refusedFs('appending 4096 bytes', err);
  }
  return 0;
}

function network(variant: string): u32 {
  if (variant == 'connect') {
    for (let i = 0; ; i++) {
      const r = net.connect(8080);
      if (r < 0) {
        say('connection ' + i.toString() + ' refused: ' + net.errorName(r));
        return EXIT_REFUSED_NET;
      }
    }
  }
  const conn = net.connect(8080);
  if (conn < 0) {
    say('connect refused: ' + net.errorName(conn));
    return EXIT_REFUSED_NET;
  }
  const data = new ArrayBuffer(1024);
  for (;;) {
    const r = net.send(conn as u32, changetype<usize>(data), 1024);
    if (r < 0) {
      say('send refused: ' + net.errorName(r));
      return EXIT_REFUSED_NET;
    }
  }
  return 0;
}

function hostWork(variant: string): u32 {
  if (variant == 'random') {
    // One cheap call asks the host for 1 MiB of cryptographic randomness, over and over.
    const buf = heap.alloc(1 << 20);
    for (;;) {
      const err = random_get(buf, 1 << 20);
      if (err != errno.SUCCESS) {
        say('random_get refused with WASI errno ' + err.toString());
        return EXIT_REFUSED_HOST;
      }
    }
  }
  const fd = openFile(variant == 'sync' ? 'journal' : 'log', true);
  if (fd < 0) return refusedFs('creating the file', -fd);
  const one = memory.data(1);
  store<u8>(one, 0x2a);
  for (;;) {
    const err = variant == 'sync' ? fd_sync(fd as u32) : writeBytes(fd as u32, one, 1);
    if (err != errno.SUCCESS) {
      say((variant == 'sync' ? 'fd_sync' : 'a 1-byte write') + ' refused with WASI errno ' + err.toString());
      return EXIT_REFUSED_HOST;
    }
  }
  return 0;
}

function run(attack: string, variant: string): u32 {
  if (attack == 'cpu') return cpu(variant);
  if (attack == 'memory') return mem(variant);
  if (attack == 'files') return files(variant);
  if (attack == 'network') return network(variant);
  if (attack == 'host-work') return hostWork(variant);
  say('unknown attack "' + attack + '"');
  return EXIT_BAD_ARGS;
}

const args = process.argv;
const code = args.length >= 3 ? run(args[1], args[2]) : EXIT_BAD_ARGS;
if (code != 0) process.exit(code);
