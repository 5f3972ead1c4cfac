// The host side of the lab network (labs/attacks/wit/attacks.wit, `lab:sandbox/net`): simulated
// peers that accept connections and data, under a policy of deny-all or allow-with-caps. Browser
// WASI has no sockets a guest could open (preview2-shim's browser `wasi:sockets` refuses every
// call), so this small interface stands in for them; a refusal reaches the guest as a `net-error`.
import type { HostBudget } from './HostBudget.ts';
import { effectiveLimit, OUTER_LIMITS, type NetworkPolicy } from './policy.ts';
import type { ViolationLog } from './ViolationLog.ts';

export type NetError = 'denied' | 'connection-limit' | 'rate-limit' | 'closed';

export class NetHost {
  readonly policy: NetworkPolicy;
  /** Connections open now, and bytes accepted in the run. */
  readonly usage = { connections: 0, bytes: 0, connectionsOpened: 0 };
  readonly connections: { max: number; outer: boolean };
  readonly totalBytes = { max: OUTER_LIMITS.netBytes, outer: true };
  #open = new Set<number>();
  #next = 1;
  #tokens: number;
  #refilledAt: number;
  #log: ViolationLog;
  #budget: HostBudget;
  #now: () => number;

  constructor(policy: NetworkPolicy, log: ViolationLog, budget: HostBudget, now: () => number = () => performance.now()) {
    this.policy = policy;
    this.connections = effectiveLimit(policy.mode === 'allow' ? policy.maxConnections : null, OUTER_LIMITS.connections);
    this.#log = log;
    this.#budget = budget;
    this.#now = now;
    // A full bucket at the start: one second's worth of burst.
    this.#tokens = policy.mode === 'allow' && policy.bytesPerSecond !== null ? policy.bytesPerSecond : 0;
    this.#refilledAt = now();
  }

  connect(_port: number): number {
    if (!this.#budget.charge('calls', 0)) throw 'denied' satisfies NetError;
    if (this.policy.mode === 'deny') {
      this.#log.record('net.denied', 1, 0, false);
      throw 'denied' satisfies NetError;
    }
    const want = this.usage.connections + 1;
    if (want > this.connections.max) {
      this.#log.record('net.connections', want, this.connections.max, this.connections.outer);
      throw 'connection-limit' satisfies NetError;
    }
    const id = this.#next++;
    this.#open.add(id);
    this.usage.connections = want;
    this.usage.connectionsOpened++;
    return id;
  }

  send(conn: number, data: Uint8Array): number {
    if (!this.#budget.charge('calls', 0)) throw 'rate-limit' satisfies NetError;
    if (!this.#open.has(conn)) throw 'closed' satisfies NetError;
    const n = data.byteLength;
    if (this.policy.mode === 'allow' && this.policy.bytesPerSecond !== null) {
      const rate = this.policy.bytesPerSecond;
      const now = this.#now();
      this.#tokens = Math.min(rate, this.#tokens + ((now - this.#refilledAt) / 1000) * rate);
      this.#refilledAt = now;
      if (n > this.#tokens) {
        this.#log.record('net.bytes-per-second', this.usage.bytes + n, rate, false);
        throw 'rate-limit' satisfies NetError;
      }
      this.#tokens -= n;
    }
    if (this.usage.bytes + n > this.totalBytes.max) {
      this.#log.record('net.bytes', this.usage.bytes + n, this.totalBytes.max, true);
      throw 'rate-limit' satisfies NetError;
    }
    this.usage.bytes += n;
    return n;
  }

  close(conn: number): void {
    if (this.#open.delete(conn)) this.usage.connections--;
  }

  /** The `lab:sandbox/net` import object for the component. */
  imports() {
    return {
      connect: (port: number) => this.connect(port),
      send: (conn: number, data: Uint8Array) => this.send(conn, data),
      close: (conn: number) => this.close(conn),
    };
  }
}
