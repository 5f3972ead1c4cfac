// Each attack of the lab module, run in Node under the sandbox: with its defence on, the run ends
// with that defence's outcome, at the exact limit, within a stated bound; with the defence off,
// the lab's outer limit ends it instead (or the watchdog, for attacks no ceiling can see).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAttack, testPolicy } from './harness.ts';
import { runWatched } from './watchdog.ts';
import { OUTER_LIMITS } from '../../../src/lib/labs/sandbox/policy.ts';
import type { SandboxResult } from '../../../src/lib/labs/sandbox/SandboxRun.ts';

/** Every run with a defence on must end within this much wall-clock time (a shared 2-core machine). */
const BOUND_MS = 5_000;

async function timed(attack: string, variant: string, policy = testPolicy()): Promise<SandboxResult & { ms: number }> {
  const t0 = performance.now();
  const r = await runAttack(attack, variant, policy);
  const ms = performance.now() - t0;
  assert.ok(ms < BOUND_MS, `${attack} ${variant} took ${Math.round(ms)} ms, over the ${BOUND_MS} ms bound`);
  return { ...r, ms };
}

function stoppedWithin(r: SandboxResult, ms: number) {
  assert.ok(r.violation, 'a violation was recorded');
  const fromBreach = r.stoppedAtMs - r.violation.atMs;
  assert.ok(fromBreach >= 0 && fromBreach < ms, `the guest stopped ${fromBreach} ms after the breach`);
}

test('cpu loop: fuel on ends it out of fuel, having used exactly the budget', async () => {
  const r = await timed('cpu', 'loop', testPolicy({ fuel: 20_000_000 }));
  assert.equal(r.outcome, 'out-of-fuel');
  assert.equal(r.usage.fuel, 20_000_000);
  assert.deepEqual([r.violation?.limit, r.violation?.max, r.violation?.outer], ['fuel', 20_000_000, false]);
  assert.match(r.error ?? '', /unreachable/);
});

test('cpu loop: fuel off, only the watchdog ends it, and terminating the worker stops the loop', async () => {
  const r = await runWatched('cpu', 'loop', testPolicy({ fuel: null }), 800);
  assert.equal(r.ended, 'deadline');
  // A generous bound that only a terminate() which cannot interrupt Wasm would miss; the time
  // itself is measured by labs/attacks/bench.mjs, not asserted here.
  if (r.ended === 'deadline') assert.ok(r.terminateMs < 1_000, `terminate took ${r.terminateMs} ms`);
});

test('cpu bursts: sleeping between bursts does not escape fuel', async () => {
  const r = await timed('cpu', 'bursts', testPolicy({ fuel: 30_000_000 }));
  assert.equal(r.outcome, 'out-of-fuel');
  assert.ok(r.usage.hostCalls > 0, 'the module slept through the host at least once');
});

test('cpu bursts: fuel off, the watchdog still ends it', async () => {
  const r = await runWatched('cpu', 'bursts', testPolicy({ fuel: null }), 800);
  assert.equal(r.ended, 'deadline');
});

test('memory grow: the cap refuses memory.grow at exactly the cap, cleanly', async () => {
  const r = await timed('memory', 'grow', testPolicy({ memoryPages: 40 }));
  assert.equal(r.outcome, 'memory-cap');
  assert.equal(r.usage.pages, 40);
  assert.equal(r.error, null, 'a failed grow is not a trap');
  assert.match(r.output, /memory\.grow refused at 40 pages/);
  assert.deepEqual([r.violation?.value, r.violation?.max, r.violation?.outer], [40, 40, false]);
});

test('memory grow: cap off, the outer ceiling holds', async () => {
  // Not timed: growing to 256 MiB takes as long as the machine takes to find the memory.
  const r = await runAttack('memory', 'grow', testPolicy({ memoryPages: null }));
  assert.equal(r.outcome, 'memory-cap');
  assert.equal(r.usage.pages, OUTER_LIMITS.memoryPages);
  assert.equal(r.violation?.outer, true);
});

test('memory alloc: the allocator traps at the cap; the run reports the cap', async () => {
  const r = await timed('memory', 'alloc', testPolicy({ memoryPages: 48 }));
  assert.equal(r.outcome, 'memory-cap');
  assert.equal(r.usage.pages, 48);
});

test('files inodes: the file quota stops creation at exactly max files', async () => {
  const r = await timed('files', 'inodes', testPolicy({ fs: { maxFiles: 25, maxBytes: null, access: 'read-write' } }));
  assert.equal(r.outcome, 'file-quota');
  assert.equal(r.usage.files, 25);
  assert.match(r.output, /creating file 25 refused with WASI errno 19/); // 19: EDQUOT
  stoppedWithin(r, 1_000);
});

test('files inodes: quota off, the outer file-count ceiling holds', async () => {
  const r = await runAttack('files', 'inodes', testPolicy({ fs: { maxFiles: null, maxBytes: null, access: 'read-write' }, hostWork: null }));
  assert.equal(r.outcome, 'file-quota');
  assert.equal(r.usage.files, OUTER_LIMITS.files);
  assert.equal(r.violation?.outer, true);
});

test('files space: the byte quota refuses the append that would pass it', async () => {
  const r = await timed('files', 'space', testPolicy({ fs: { maxFiles: null, maxBytes: 40_960, access: 'read-write' } }));
  assert.equal(r.outcome, 'file-quota');
  assert.equal(r.usage.bytes, 40_960);
  assert.deepEqual([r.violation?.limit, r.violation?.value], ['fs.bytes', 45_056]);
});

test('files space: quota off, the outer byte ceiling holds', async () => {
  const r = await runAttack('files', 'space', testPolicy({ fs: { maxFiles: null, maxBytes: null, access: 'read-write' }, hostWork: null }));
  assert.equal(r.outcome, 'file-quota');
  assert.equal(r.usage.bytes, OUTER_LIMITS.bytes);
  assert.equal(r.violation?.outer, true);
});

test('files: a read-only preopen refuses the first create with EROFS', async () => {
  const r = await timed('files', 'inodes', testPolicy({ fs: { maxFiles: null, maxBytes: null, access: 'read-only' } }));
  assert.equal(r.outcome, 'read-only');
  assert.equal(r.usage.files, 0);
  assert.match(r.output, /errno 69/); // 69: EROFS
});

test('files: with no preopen the module has no directory to write to', async () => {
  const r = await timed('files', 'inodes', testPolicy({ fs: { maxFiles: null, maxBytes: null, access: 'none' } }));
  assert.equal(r.outcome, 'no-filesystem');
  assert.match(r.output, /errno 8/); // 8: EBADF, fd 3 is not open
});

test('network connect: the connection cap refuses connection max + 1', async () => {
  const r = await timed('network', 'connect', testPolicy({ net: { mode: 'allow', maxConnections: 5, bytesPerSecond: null } }));
  assert.equal(r.outcome, 'connection-cap');
  assert.equal(r.usage.connections, 5);
  assert.match(r.output, /connection 5 refused: connection-limit/);
});

test('network connect: cap off, the outer connection ceiling holds', async () => {
  const r = await runAttack('network', 'connect', testPolicy({ net: { mode: 'allow', maxConnections: null, bytesPerSecond: null } }));
  assert.equal(r.outcome, 'connection-cap');
  assert.equal(r.usage.connections, OUTER_LIMITS.connections);
  assert.equal(r.violation?.outer, true);
});

test('network: deny-all refuses the first connection', async () => {
  const r = await timed('network', 'connect', testPolicy({ net: { mode: 'deny' } }));
  assert.equal(r.outcome, 'network-denied');
  assert.equal(r.usage.connections, 0);
});

test('network flood: the byte rate refuses the flood after one second of burst', async () => {
  const r = await timed('network', 'flood', testPolicy({ net: { mode: 'allow', maxConnections: 4, bytesPerSecond: 8192 } }));
  assert.equal(r.outcome, 'rate-limit');
  // The bucket starts full (8192 bytes) and refills slowly during a fast flood: 8 or 9 sends pass.
  assert.ok(r.usage.netBytes >= 8192 && r.usage.netBytes <= 9216, `sent ${r.usage.netBytes} bytes`);
});

test('network flood: rate off, the outer byte ceiling holds', async () => {
  const r = await runAttack('network', 'flood', testPolicy({ net: { mode: 'allow', maxConnections: null, bytesPerSecond: null }, hostWork: null }));
  assert.equal(r.outcome, 'rate-limit');
  assert.equal(r.usage.netBytes, OUTER_LIMITS.netBytes);
  assert.equal(r.violation?.outer, true);
});

test('host work random: the budget refuses the read that would pass the byte budget; guest fuel barely moves', async () => {
  const r = await timed('host-work', 'random', testPolicy({ hostWork: { bytes: 4 << 20, syncs: 10, calls: 1000 } }));
  assert.equal(r.outcome, 'host-budget');
  assert.equal(r.usage.hostBytes, 4 << 20);
  assert.equal(r.violation?.limit, 'host.bytes');
  // Four 1 MiB reads cost the guest a few hundred units of fuel at most: the work was the host's.
  assert.ok((r.usage.fuel ?? Infinity) < 5_000, `fuel used ${r.usage.fuel}`);
});

test('host work random: budget off, only the watchdog ends it', async () => {
  const r = await runWatched('host-work', 'random', testPolicy({ hostWork: null }), 800);
  assert.equal(r.ended, 'deadline');
});

test('host work sync: an fd_sync storm is refused at exactly the sync budget', async () => {
  const r = await timed('host-work', 'sync', testPolicy({ hostWork: { bytes: 1 << 20, syncs: 300, calls: 100_000 } }));
  assert.equal(r.outcome, 'host-budget');
  assert.equal(r.usage.hostSyncs, 300);
  assert.deepEqual([r.violation?.limit, r.violation?.value], ['host.syncs', 301]);
});

test('host work writes: one-byte writes are refused at the call budget', async () => {
  const r = await timed('host-work', 'writes', testPolicy({ hostWork: { bytes: 1 << 20, syncs: 10, calls: 2_000 } }));
  assert.equal(r.outcome, 'host-budget');
  assert.equal(r.usage.hostCalls, 2_000);
  assert.equal(r.violation?.limit, 'host.calls');
});

test('host work sync: budget off, only the watchdog ends it', async () => {
  const r = await runWatched('host-work', 'sync', testPolicy({ hostWork: null }), 800);
  assert.equal(r.ended, 'deadline');
});
