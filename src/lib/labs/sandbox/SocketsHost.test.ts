// wasi:sockets for a learner's component: the lab network's policy answers every call, as it does
// for the lab's own network attack. The calls are made the way jco's glue makes them: resources are
// the host's objects, and a thrown string is the `error-code` the guest receives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostBudget } from './HostBudget.ts';
import { NetHost } from './NetHost.ts';
import { LOOKUP_ADDRESS, socketsImports, SOCKETS_INTERFACES } from './SocketsHost.ts';
import { ViolationLog } from './ViolationLog.ts';
import type { NetworkPolicy } from './policy.ts';

type Fn = (...a: unknown[]) => unknown;
type Socket = Record<string, Fn> & { [Symbol.dispose](): void };
type Out = { checkWrite(): bigint; write(b: Uint8Array): void; blockingWriteAndFlush(b: Uint8Array): void };

const ADDR = { tag: 'ipv4', val: { port: 80, address: [192, 0, 2, 1] } };

function host(policy: NetworkPolicy, { calls = 100, clock = { t: 0 } } = {}) {
  const log = new ViolationLog(() => clock.t);
  const budget = new HostBudget({ bytes: 1024, syncs: 10, calls }, log);
  const net = new NetHost(policy, log, budget, () => clock.t);
  const imports = socketsImports(net, log, budget) as Record<string, Record<string, Fn>>;
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return 'returned';
  };
  const socket = (family = 'ipv4') => imports['wasi:sockets/tcp-create-socket']!.createTcpSocket!(family) as Socket;
  /** A connected socket and its output stream. */
  const connect = () => {
    const s = socket();
    s.startConnect!({}, ADDR);
    const [, out] = s.finishConnect!() as [unknown, Out];
    return { s, out };
  };
  return { log, budget, net, imports, thrown, socket, connect, clock };
}

test('sockets: with the network denied, creating a socket or resolving a name is a net.denied violation refused with access-denied', () => {
  const { log, imports, thrown } = host({ mode: 'deny' });
  assert.equal(thrown(() => imports['wasi:sockets/tcp-create-socket']!.createTcpSocket!('ipv4')), 'access-denied');
  assert.equal(thrown(() => imports['wasi:sockets/udp-create-socket']!.createUdpSocket!('ipv6')), 'access-denied');
  assert.equal(thrown(() => imports['wasi:sockets/ip-name-lookup']!.resolveAddresses!({}, 'example.org')), 'access-denied');
  // The log keeps a limit's first breach: the run ended on it.
  assert.deepEqual(log.all.map((v) => [v.limit, v.value, v.max]), [['net.denied', 1, 0]]);
});

test('sockets: the connection cap admits exactly the cap, refuses one more with new-socket-limit, and a dropped socket frees its place', () => {
  const { log, net, connect, socket, thrown } = host({ mode: 'allow', maxConnections: 2, bytesPerSecond: null });
  const first = connect();
  connect();
  assert.equal(net.usage.connections, 2);
  assert.equal(log.all.length, 0);
  const third = socket();
  assert.equal(thrown(() => third.startConnect!({}, ADDR)), 'new-socket-limit');
  assert.deepEqual(log.all.map((v) => [v.limit, v.value, v.max]), [['net.connections', 3, 2]]);
  // The refused socket can try again once a connection is dropped (jco disposes a dropped resource).
  first.s[Symbol.dispose]();
  assert.equal(net.usage.connections, 1);
  third.startConnect!({}, ADDR);
  assert.equal(net.usage.connections, 2);
  assert.equal(net.usage.connectionsOpened, 3);
});

test('sockets: writes are charged to the byte rate; the refused write fails with last-operation-failed and counts nothing', () => {
  const clock = { t: 0 };
  const { log, net, connect } = host({ mode: 'allow', maxConnections: null, bytesPerSecond: 100 }, { clock });
  const { out } = connect();
  out.checkWrite();
  out.write(new Uint8Array(100)); // the full bucket, exactly
  assert.equal(net.usage.bytes, 100);
  out.checkWrite();
  let err: unknown;
  try {
    out.write(new Uint8Array(1));
  } catch (e) {
    err = e;
  }
  assert.equal((err as { tag: string }).tag, 'last-operation-failed');
  assert.match((err as { val: Error }).val.message, /would-block \(rate-limit\)/);
  assert.equal(net.usage.bytes, 100);
  assert.deepEqual(log.all.map((v) => v.limit), ['net.bytes-per-second']);
  // A tenth of a second refills ten bytes.
  clock.t = 100;
  out.blockingWriteAndFlush(new Uint8Array(10));
  assert.equal(net.usage.bytes, 110);
});

test('sockets: a write after shutdown finds the stream closed', () => {
  const { connect, thrown } = host({ mode: 'allow', maxConnections: null, bytesPerSecond: null });
  const { s, out } = connect();
  s.shutdown!('both');
  out.checkWrite();
  assert.deepEqual(thrown(() => out.write(new Uint8Array(1))), { tag: 'closed' });
});

test('sockets: the state machine: connect twice is invalid-state, finish without start is not-in-progress, a wrong family is invalid-argument', () => {
  const { socket, thrown, connect } = host({ mode: 'allow', maxConnections: null, bytesPerSecond: null });
  assert.equal(thrown(() => socket().finishConnect!()), 'not-in-progress');
  assert.equal(thrown(() => socket('ipv6').startConnect!({}, ADDR)), 'invalid-argument');
  assert.equal(thrown(() => socket().startConnect!({}, { tag: 'ipv4', val: { port: 0, address: [192, 0, 2, 1] } })), 'invalid-argument');
  const { s } = connect();
  assert.equal(thrown(() => s.startConnect!({}, ADDR)), 'invalid-state');
  assert.deepEqual(s.remoteAddress!(), ADDR);
  assert.equal(thrown(() => s.startListen!()), 'not-supported');
});

test('sockets: a name resolves to the one documentation address, then the stream ends', () => {
  const { imports } = host({ mode: 'allow', maxConnections: null, bytesPerSecond: null });
  const stream = imports['wasi:sockets/ip-name-lookup']!.resolveAddresses!({}, 'collector.example') as Record<string, Fn>;
  assert.deepEqual(stream.resolveNextAddress!(), { tag: 'ipv4', val: [...LOOKUP_ADDRESS.val] });
  assert.equal(stream.resolveNextAddress!(), undefined);
});

test('sockets: UDP is not modelled (not-supported), and an exhausted host budget refuses before the policy', () => {
  const allowed = host({ mode: 'allow', maxConnections: 4, bytesPerSecond: 1024 });
  assert.equal(allowed.thrown(() => allowed.imports['wasi:sockets/udp-create-socket']!.createUdpSocket!('ipv4')), 'not-supported');
  assert.deepEqual(allowed.log.all, []);
  assert.equal(allowed.budget.used.calls, 1, 'each attempt is host work');
  const { imports, thrown, log } = host({ mode: 'allow', maxConnections: null, bytesPerSecond: null }, { calls: 0 });
  assert.deepEqual(Object.keys(imports).sort(), [...SOCKETS_INTERFACES].sort());
  assert.equal(thrown(() => imports['wasi:sockets/tcp-create-socket']!.createTcpSocket!('ipv4')), 'access-denied');
  assert.deepEqual(log.all.map((v) => v.limit), ['host.calls']);
});
