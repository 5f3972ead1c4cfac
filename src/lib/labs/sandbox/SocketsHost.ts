// `wasi:sockets` for a learner's component, under the lab's network policy. preview2-shim's browser
// sockets refuse every call with `not-supported`: a page has no socket a guest could open. So a
// component's TCP connections go where the lab's own network attack goes, to the simulated peers of
// NetHost, and the same policy answers: with the network denied, creating a socket or resolving a
// name is a `net.denied` violation refused with `access-denied`; with it allowed, each connection
// counts against the connection cap (`new-socket-limit` past it) and every byte written against the
// byte rate and the outer byte ceiling (the write fails with `last-operation-failed`). Every call is
// host work, charged to the host-work budget first. The peers accept what they are sent and send
// nothing back; name lookups answer with one documentation address (192.0.2.1, RFC 5737). UDP is not
// modelled: with the network allowed it is refused with `not-supported`.
import type { HostBudget } from './HostBudget.ts';
import type { NetError, NetHost } from './NetHost.ts';
import type { ViolationLog } from './ViolationLog.ts';
import { io, sockets } from './wasi-browser.ts';

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

/** The address every name resolves to: TEST-NET-1, reserved for documentation. */
export const LOOKUP_ADDRESS = { tag: 'ipv4', val: [192, 0, 2, 1] } as const;

type Family = 'ipv4' | 'ipv6';
type IpSocketAddress =
  | { tag: 'ipv4'; val: { port: number; address: [number, number, number, number] } }
  | { tag: 'ipv6'; val: { port: number; flowInfo: number; address: number[]; scopeId: number } };
type IpAddress = { tag: 'ipv4'; val: readonly number[] } | { tag: 'ipv6'; val: readonly number[] };

/** A lab network refusal as the wasi:sockets `error-code` a real host would give. */
const SOCKET_ERROR: Record<NetError, string> = {
  denied: 'access-denied',
  'connection-limit': 'new-socket-limit',
  'rate-limit': 'would-block',
  closed: 'invalid-state',
};

const symbolDispose: typeof Symbol.dispose = Symbol.dispose ?? (Symbol.for('dispose') as typeof Symbol.dispose);

export function socketsImports(net: NetHost, log: ViolationLog, budget: HostBudget): Record<(typeof SOCKETS_INTERFACES)[number], unknown> {
  // Thrown strings are wasi:sockets `error-code` values: jco's glue returns them to the guest as `err`.
  /** Charges one call of host work and applies a deny-all policy; throws the error code to return. */
  const admit = (): void => {
    if (!budget.charge('calls', 0)) throw 'access-denied';
    if (net.policy.mode === 'deny') {
      log.record('net.denied', 1, 0, false);
      throw 'access-denied';
    }
  };
  const unsupported = (): never => {
    throw 'not-supported';
  };

  class TcpSocket {
    #family: Family;
    #state: 'unbound' | 'connecting' | 'connected' | 'closed' = 'unbound';
    #conn = 0;
    #remote: IpSocketAddress | null = null;
    constructor(family: Family) {
      this.#family = family;
    }
    startConnect(_network: unknown, remote: IpSocketAddress): void {
      if (this.#state !== 'unbound') throw 'invalid-state';
      if (remote.tag !== this.#family || remote.val.port === 0) throw 'invalid-argument';
      try {
        this.#conn = net.connect(remote.val.port);
      } catch (e) {
        throw SOCKET_ERROR[e as NetError] ?? 'unknown';
      }
      this.#remote = remote;
      this.#state = 'connecting';
    }
    finishConnect(): [unknown, unknown] {
      if (this.#state !== 'connecting') throw 'not-in-progress';
      this.#state = 'connected';
      const conn = this.#conn;
      const input = io.inputStreamCreate({
        // The peer sends nothing: a read finds no data yet, and a blocking read finds the stream closed.
        read: () => new Uint8Array(0),
        blockingRead: () => {
          throw { tag: 'closed' };
        },
      });
      const output = io.outputStreamCreate({
        checkWrite: () => 65_536n,
        write: (buf: Uint8Array) => {
          try {
            net.send(conn, buf);
          } catch (e) {
            if (e === 'closed') throw { tag: 'closed' };
            throw { tag: 'last-operation-failed', val: io.ioErrorCreate(`lab network: ${SOCKET_ERROR[e as NetError] ?? 'unknown'} (${String(e)})`) };
          }
        },
      });
      return [input, output];
    }
    remoteAddress(): IpSocketAddress {
      if (!this.#remote || this.#state !== 'connected') throw 'invalid-state';
      return this.#remote;
    }
    localAddress(): IpSocketAddress {
      if (this.#state !== 'connected') throw 'invalid-state';
      return this.#family === 'ipv4'
        ? { tag: 'ipv4', val: { port: 49_152 + (this.#conn % 16_384), address: [10, 0, 0, 2] } }
        : { tag: 'ipv6', val: { port: 49_152 + (this.#conn % 16_384), flowInfo: 0, address: [0xfd00, 0, 0, 0, 0, 0, 0, 2], scopeId: 0 } };
    }
    addressFamily(): Family {
      return this.#family;
    }
    isListening(): boolean {
      return false;
    }
    subscribe() {
      return io.pollableCreate();
    }
    shutdown(): void {
      if (this.#state !== 'connected') throw 'invalid-state';
      this.#close();
    }
    #close(): void {
      if (this.#state === 'connecting' || this.#state === 'connected') net.close(this.#conn);
      this.#state = 'closed';
    }
    [symbolDispose](): void {
      this.#close();
    }
    // Binding, listening and the socket options are not part of the lab network.
    startBind = unsupported;
    finishBind = unsupported;
    startListen = unsupported;
    finishListen = unsupported;
    accept = unsupported;
    setListenBacklogSize = unsupported;
    keepAliveEnabled = unsupported;
    setKeepAliveEnabled = unsupported;
    keepAliveIdleTime = unsupported;
    setKeepAliveIdleTime = unsupported;
    keepAliveInterval = unsupported;
    setKeepAliveInterval = unsupported;
    keepAliveCount = unsupported;
    setKeepAliveCount = unsupported;
    hopLimit = unsupported;
    setHopLimit = unsupported;
    receiveBufferSize = unsupported;
    setReceiveBufferSize = unsupported;
    sendBufferSize = unsupported;
    setSendBufferSize = unsupported;
  }

  class ResolveAddressStream {
    #pending: IpAddress[];
    constructor(addresses: IpAddress[]) {
      this.#pending = addresses;
    }
    resolveNextAddress(): IpAddress | undefined {
      return this.#pending.shift();
    }
    subscribe() {
      return io.pollableCreate();
    }
  }

  return {
    'wasi:sockets/network': sockets.network,
    'wasi:sockets/instance-network': sockets.instanceNetwork,
    'wasi:sockets/ip-name-lookup': {
      ResolveAddressStream,
      resolveAddresses: (_network: unknown, name: string) => {
        admit();
        if (name.length === 0 || name.length > 253) throw 'invalid-argument';
        return new ResolveAddressStream([{ tag: LOOKUP_ADDRESS.tag, val: [...LOOKUP_ADDRESS.val] }]);
      },
    },
    'wasi:sockets/tcp': { TcpSocket },
    'wasi:sockets/tcp-create-socket': {
      createTcpSocket: (family: Family) => {
        admit();
        if (family !== 'ipv4' && family !== 'ipv6') throw 'not-supported';
        return new TcpSocket(family);
      },
    },
    'wasi:sockets/udp': sockets.udp,
    'wasi:sockets/udp-create-socket': {
      createUdpSocket: () => {
        admit();
        throw 'not-supported';
      },
    },
  };
}
