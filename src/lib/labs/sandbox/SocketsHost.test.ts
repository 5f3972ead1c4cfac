// wasi:sockets for a learner's component: the network policy answers before the browser's refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostBudget } from './HostBudget.ts';
import { socketsImports, SOCKETS_INTERFACES } from './SocketsHost.ts';
import { ViolationLog } from './ViolationLog.ts';
import type { NetworkPolicy } from './policy.ts';

function host(policy: NetworkPolicy, calls = 100) {
  const log = new ViolationLog(() => 0);
  const budget = new HostBudget({ bytes: 1024, syncs: 10, calls }, log);
  const imports = socketsImports(policy, log, budget) as Record<string, Record<string, (...a: unknown[]) => unknown>>;
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return 'returned';
  };
  return { log, budget, imports, thrown };
}

test('sockets: with the network denied, creating a socket is a net.denied violation refused with access-denied', () => {
  const { log, imports, thrown } = host({ mode: 'deny' });
  assert.equal(thrown(() => imports['wasi:sockets/tcp-create-socket']!.createTcpSocket!('ipv4')), 'access-denied');
  assert.equal(thrown(() => imports['wasi:sockets/udp-create-socket']!.createUdpSocket!('ipv6')), 'access-denied');
  assert.equal(thrown(() => imports['wasi:sockets/ip-name-lookup']!.resolveAddresses!({}, 'example.org')), 'access-denied');
  // The log keeps a limit's first breach: the run ended on it.
  assert.deepEqual(log.all.map((v) => [v.limit, v.value, v.max]), [['net.denied', 1, 0]]);
});

test('sockets: with the network allowed, the browser has no socket to give: not-supported, no violation', () => {
  const { log, budget, imports, thrown } = host({ mode: 'allow', maxConnections: 4, bytesPerSecond: 1024 });
  assert.equal(thrown(() => imports['wasi:sockets/tcp-create-socket']!.createTcpSocket!('ipv4')), 'not-supported');
  assert.deepEqual(log.all, []);
  assert.equal(budget.used.calls, 1, 'each attempt is host work');
});

test('sockets: every interface is given, and an exhausted host budget refuses before the policy', () => {
  const { imports, thrown, log } = host({ mode: 'allow', maxConnections: null, bytesPerSecond: null }, 0);
  assert.deepEqual(Object.keys(imports).sort(), [...SOCKETS_INTERFACES].sort());
  assert.equal(thrown(() => imports['wasi:sockets/tcp-create-socket']!.createTcpSocket!('ipv4')), 'access-denied');
  assert.deepEqual(log.all.map((v) => v.limit), ['host.calls']);
});
