// Edge cases of the sandbox's parts, without a guest: exactly at each limit, one over, read-only
// writes, no preopens, the breaker's window and reset, the memory-cap rewrite, the fuel meter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CircuitBreaker } from './CircuitBreaker.ts';
import { FuelMeter } from './FuelMeter.ts';
import { HostBudget } from './HostBudget.ts';
import { capMemory, MemoryCapError, readMemoryDeclaration } from './MemoryCap.ts';
import { NetHost } from './NetHost.ts';
import { OUTER_LIMITS, type FilesystemPolicy } from './policy.ts';
import { createQuotaFilesystem } from './QuotaFilesystem.ts';
import { ViolationLog } from './ViolationLog.ts';
import { meterModule, START_ALLOWANCE } from '../../../../labs/build/meter.mjs';

const NOFOLLOW = { symlinkFollow: false };
const CREATE = { create: true };
const WRITE = { write: true };

function sandboxFs(policy: Partial<FilesystemPolicy>, budget = null as HostBudget | null) {
  const log = new ViolationLog();
  const b = budget ?? new HostBudget(null, log);
  const fs = createQuotaFilesystem({ maxFiles: null, maxBytes: null, access: 'read-write', ...policy }, log, b);
  const dirs = fs.preopens.getDirectories();
  return { fs, log, root: dirs[0]?.[0] as any, dirs };
}

/** What the component would receive for an error thrown by a filesystem call. */
function codeOf(fn: () => unknown, types: any): string {
  try {
    fn();
  } catch (e: any) {
    if (typeof e === 'string') return e;
    if (e?.tag === 'last-operation-failed') return types.filesystemErrorCode(e.val);
    throw e;
  }
  return 'ok';
}

test('file quota: creating exactly maxFiles files succeeds, the next is refused with quota', () => {
  const { fs, root, log } = sandboxFs({ maxFiles: 3 });
  for (const name of ['a', 'b', 'c']) root.openAt(NOFOLLOW, name, CREATE, WRITE);
  assert.equal(fs.quota.usage.files, 3);
  assert.equal(codeOf(() => root.openAt(NOFOLLOW, 'd', CREATE, WRITE), fs.types), 'quota');
  assert.equal(codeOf(() => root.createDirectoryAt('dir'), fs.types), 'quota');
  assert.equal(fs.quota.usage.files, 3);
  assert.deepEqual(log.all.map((v) => [v.limit, v.value, v.max, v.outer]), [['fs.files', 4, 3, false]]);
  // Reopening an existing file creates nothing and is not refused.
  assert.doesNotThrow(() => root.openAt(NOFOLLOW, 'a', CREATE, WRITE));
  // Deleting a file frees its slot.
  root.unlinkFileAt('a');
  assert.doesNotThrow(() => root.openAt(NOFOLLOW, 'd', CREATE, WRITE));
});

test('byte quota: a write that lands exactly on maxBytes passes, one byte more is refused as EDQUOT', () => {
  const { fs, root } = sandboxFs({ maxBytes: 10 });
  const file = root.openAt(NOFOLLOW, 'f', CREATE, WRITE);
  const stream = file.writeViaStream(0n);
  stream.checkWrite();
  stream.write(new Uint8Array(10));
  assert.equal(fs.quota.usage.bytes, 10);
  stream.checkWrite();
  assert.equal(codeOf(() => stream.write(new Uint8Array(1)), fs.types), 'quota');
  assert.equal(Number(file.stat().size), 10, 'the refused write stored nothing');
  // Overwriting within the file's size adds no bytes, so it passes at the limit.
  const again = file.writeViaStream(0n);
  again.checkWrite();
  assert.doesNotThrow(() => again.write(new Uint8Array(10)));
  // A positional write past the end is checked the same way.
  assert.equal(codeOf(() => file.write(new Uint8Array(1), 10n), fs.types), 'quota');
  assert.equal(codeOf(() => file.setSize(11n), fs.types), 'quota');
});

test('read-only preopen: every mutation is refused with read-only, reads still work', () => {
  const { fs, root, log } = sandboxFs({ access: 'read-only' });
  assert.equal(codeOf(() => root.openAt(NOFOLLOW, 'x', CREATE, WRITE), fs.types), 'read-only');
  assert.equal(codeOf(() => root.createDirectoryAt('d'), fs.types), 'read-only');
  assert.equal(codeOf(() => root.openAt(NOFOLLOW, 'x', {}, WRITE), fs.types), 'read-only');
  assert.equal(root.getFlags().write, false);
  assert.equal(root.stat().type, 'directory');
  assert.equal(log.all[0]?.limit, 'fs.read-only');
  assert.equal(fs.quota.usage.files, 0);
});

test('no preopens: the guest is given no directory at all', () => {
  const { dirs } = sandboxFs({ access: 'none' });
  assert.deepEqual(dirs, []);
});

test('quota off: the outer ceilings still apply, marked as outer', () => {
  const { fs } = sandboxFs({});
  assert.deepEqual(fs.quota.files, { max: OUTER_LIMITS.files, outer: true });
  assert.deepEqual(fs.quota.bytes, { max: OUTER_LIMITS.bytes, outer: true });
});

test('host budget: exactly at each limit passes, one over is refused and charges nothing', () => {
  const log = new ViolationLog();
  const budget = new HostBudget({ bytes: 100, syncs: 2, calls: 5 }, log);
  assert.equal(budget.charge('bytes', 100), true);
  assert.equal(budget.charge('bytes', 1), false);
  assert.equal(budget.used.bytes, 100);
  assert.equal(budget.charge('syncs', 1), true);
  assert.equal(budget.charge('syncs', 1), true);
  assert.equal(budget.charge('syncs', 1), false);
  assert.deepEqual(budget.used, { bytes: 100, syncs: 2, calls: 3 });
  assert.equal(budget.charge('calls', 0), true);
  assert.equal(budget.charge('calls', 0), true);
  assert.equal(budget.charge('calls', 0), false);
  assert.equal(budget.used.calls, 5);
  assert.deepEqual(log.all.map((v) => [v.limit, v.value, v.max]), [['host.bytes', 101, 100], ['host.syncs', 3, 2], ['host.calls', 6, 5]]);
});

test('host budget: the shims charge it, so a sync storm on the quota filesystem is refused', () => {
  const log = new ViolationLog();
  const budget = new HostBudget({ bytes: 1000, syncs: 2, calls: 1000 }, log);
  const { fs, root } = sandboxFs({}, budget);
  const file = root.openAt(NOFOLLOW, 'j', CREATE, WRITE);
  file.sync();
  file.syncData();
  assert.equal(codeOf(() => file.sync(), fs.types), 'quota');
  assert.equal(budget.used.syncs, 2);
});

test('network: deny-all refuses every connect', () => {
  const log = new ViolationLog();
  const net = new NetHost({ mode: 'deny' }, log, new HostBudget(null, log));
  assert.throws(() => net.connect(80), (e) => e === 'denied');
  assert.equal(log.first?.limit, 'net.denied');
});

test('network: exactly maxConnections connect, the next is refused; closing frees a slot', () => {
  const log = new ViolationLog();
  const net = new NetHost({ mode: 'allow', maxConnections: 2, bytesPerSecond: null }, log, new HostBudget(null, log));
  const a = net.connect(80);
  net.connect(80);
  assert.throws(() => net.connect(80), (e) => e === 'connection-limit');
  assert.deepEqual([log.first?.value, log.first?.max], [3, 2]);
  net.close(a);
  assert.doesNotThrow(() => net.connect(80));
  assert.equal(net.usage.connections, 2);
});

test('network: the byte rate allows one second of burst, refuses the next byte, and refills with time', () => {
  let t = 0;
  const log = new ViolationLog(() => t);
  const net = new NetHost({ mode: 'allow', maxConnections: null, bytesPerSecond: 1000 }, log, new HostBudget(null, log), () => t);
  const c = net.connect(80);
  assert.equal(net.send(c, new Uint8Array(1000)), 1000);
  assert.throws(() => net.send(c, new Uint8Array(1)), (e) => e === 'rate-limit');
  t = 500; // half a second refills half the bucket
  assert.equal(net.send(c, new Uint8Array(500)), 500);
  assert.throws(() => net.send(c, new Uint8Array(1)), (e) => e === 'rate-limit');
  assert.equal(net.usage.bytes, 1500);
  assert.throws(() => net.send(999, new Uint8Array(1)), (e) => e === 'closed');
});

test('circuit breaker: trips at exactly N violations in the window, refuses runs, and resets', () => {
  let t = 0;
  const breaker = new CircuitBreaker({ violations: 3, windowMs: 10_000 }, () => t);
  assert.equal(breaker.record('m', 2, 'fuel').state, 'closed');
  assert.equal(breaker.allows('m'), true);
  t = 9_999;
  assert.equal(breaker.record('m', 1, 'fuel').state, 'open');
  assert.equal(breaker.allows('m'), false);
  assert.equal(breaker.allows('other'), true, 'quarantine is per module');
  breaker.reset('m');
  assert.equal(breaker.allows('m'), true);
  assert.deepEqual(breaker.state('m'), { state: 'closed', recent: 0 });
});

test('circuit breaker: violations older than the window do not count', () => {
  let t = 0;
  const breaker = new CircuitBreaker({ violations: 2, windowMs: 1_000 }, () => t);
  breaker.record('m', 1, 'x');
  t = 1_000;
  assert.deepEqual(breaker.record('m', 1, 'x'), { state: 'closed', recent: 1 });
  assert.throws(() => new CircuitBreaker({ violations: 0, windowMs: 1 }), RangeError);
});

/** A module with one memory of `initial` pages (< 128) and an optional maximum, exported as "m". */
function moduleWithMemory(initial: number, max?: number): Uint8Array {
  const leb = (n: number) => (n < 128 ? [n] : [(n & 0x7f) | 0x80, n >> 7]);
  const limits = max === undefined ? [0, ...leb(initial)] : [1, ...leb(initial), ...leb(max)];
  return Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, limits.length + 1, 1, ...limits, 7, 5, 1, 1, 0x6d, 2, 0]);
}

test('memory cap: rewrites the declared maximum; a lower maximum of the module is kept', () => {
  assert.deepEqual(readMemoryDeclaration(capMemory(moduleWithMemory(1), 16)), { initialPages: 1, maximumPages: 16 });
  assert.deepEqual(readMemoryDeclaration(capMemory(moduleWithMemory(1, 100), 16)), { initialPages: 1, maximumPages: 16 });
  assert.deepEqual(readMemoryDeclaration(capMemory(moduleWithMemory(1, 8), 16)), { initialPages: 1, maximumPages: 8 });
  // Exactly at the cap is allowed; one page over is refused with the figures in the message.
  assert.doesNotThrow(() => capMemory(moduleWithMemory(16), 16));
  assert.throws(() => capMemory(moduleWithMemory(17), 16), (e) => e instanceof MemoryCapError && /17 pages/.test(e.message) && /16 pages/.test(e.message));
  // The engine enforces the rewritten maximum: growth to the cap succeeds, one page more fails.
  const instance = new WebAssembly.Instance(new WebAssembly.Module(capMemory(moduleWithMemory(1, 300), 20) as BufferSource));
  const memory = instance.exports.m as WebAssembly.Memory;
  assert.equal(memory.grow(19), 1);
  assert.throws(() => memory.grow(1), RangeError);
  assert.throws(() => capMemory(new TextEncoder().encode('not wasm at all'), 16), /not a WebAssembly module/);
});

test('fuel meter: the metered module traps when its budget runs out and reports what it used', () => {
  // (func (export "spin") (param i32) (loop ... br_if while --n)) as a hand-assembled module.
  const spin = Uint8Array.from([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 5, 1, 0x60, 1, 0x7f, 0, // type: (i32) -> ()
    3, 2, 1, 0, // one function of type 0
    7, 8, 1, 4, 0x73, 0x70, 0x69, 0x6e, 0, 0, // export "spin"
    10, 16, 1, 14, 0, // code: one body, no locals
    0x03, 0x40, // loop
    0x20, 0, 0x41, 1, 0x6b, 0x22, 0, // local.get 0, i32.const 1, i32.sub, local.tee 0
    0x0d, 0, // br_if 0
    0x0b, 0x0b, // end loop, end func
  ]);
  const metered = meterModule(spin);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(metered as BufferSource));
  // Before the host sets a budget, a start function runs on the meter's fixed allowance.
  assert.equal((instance.exports.lab_fuel as WebAssembly.Global).value, START_ALLOWANCE);
  const meter = new FuelMeter(1_000);
  assert.equal(meter.attach(instance), true);
  (instance.exports.spin as (n: number) => void)(100);
  const used = meter.used()!;
  assert.ok(used >= 100 && used < 110, `a 100-iteration loop used ${used} units`);
  assert.equal(meter.exhausted(), false);
  assert.throws(() => (instance.exports.spin as (n: number) => void)(10_000), WebAssembly.RuntimeError);
  assert.equal(meter.exhausted(), true);
  assert.equal(meter.used(), 1_000);
});
