// `wasi:sockets` for a learner's component, under the lab's network policy. preview2-shim's browser
// sockets refuse every call with `not-supported`: a page has no socket a guest could open. This
// wraps them so the policy is still the one that answers first: with the network denied, creating a
// socket is recorded as a `net.denied` violation and refused with `access-denied`, as a host that
// denies the network would; with it allowed, the call is counted against the host-work budget and
// then refused with `not-supported`, because the browser has nothing to connect with (the lab's own
// attacks use `lab:sandbox/net` for that reason; see labs/attacks/README.md).
import type { HostBudget } from './HostBudget.ts';
import type { NetworkPolicy } from './policy.ts';
import type { ViolationLog } from './ViolationLog.ts';
import { sockets } from './wasi-browser.ts';

/** The wasi:sockets interfaces, unversioned, as the transpiled glue looks them up. */
export const SOCKETS_INTERFACES = [
  'wasi:sockets/network',
  'wasi:sockets/instance-network',
  'wasi:sockets/ip-name-lookup',
  'wasi:sockets/tcp',
  'wasi:sockets/tcp-create-socket',
  'wasi:sockets/udp',
  'wasi:sockets/udp-create-socket',
] as const;

export function socketsImports(policy: NetworkPolicy, log: ViolationLog, budget: HostBudget): Record<(typeof SOCKETS_INTERFACES)[number], unknown> {
  // Thrown strings are wasi:sockets `error-code` values: jco's glue returns them to the guest as `err`.
  const refuse = (): never => {
    if (!budget.charge('calls', 0)) throw 'access-denied';
    if (policy.mode === 'deny') {
      log.record('net.denied', 1, 0, false);
      throw 'access-denied';
    }
    throw 'not-supported';
  };
  return {
    'wasi:sockets/network': sockets.network,
    'wasi:sockets/instance-network': sockets.instanceNetwork,
    'wasi:sockets/ip-name-lookup': { ...sockets.ipNameLookup, resolveAddresses: refuse },
    'wasi:sockets/tcp': sockets.tcp,
    'wasi:sockets/tcp-create-socket': { createTcpSocket: refuse },
    'wasi:sockets/udp': sockets.udp,
    'wasi:sockets/udp-create-socket': { createUdpSocket: refuse },
  };
}
