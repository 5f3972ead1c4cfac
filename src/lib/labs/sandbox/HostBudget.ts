// A per-run budget of work the host does on the guest's behalf. Guest fuel does not see it: one
// cheap `random_get` can make the host produce a megabyte, one `fd_sync` can cost a disk flush.
// The shims charge it themselves, before doing the work, and refuse the call once it is spent.
import type { HostWorkLimits } from './policy.ts';
import type { LimitName, ViolationLog } from './ViolationLog.ts';

export type HostWorkKind = keyof HostWorkLimits;

const LIMIT_NAMES: Record<HostWorkKind, LimitName> = { bytes: 'host.bytes', syncs: 'host.syncs', calls: 'host.calls' };

export class HostBudget {
  readonly limits: HostWorkLimits | null;
  readonly used: HostWorkLimits = { bytes: 0, syncs: 0, calls: 0 };
  #log: ViolationLog;
  /** Called on every charge, refused or not: the run samples its gauges here, between guest calls. */
  onCharge: (() => void) | null = null;

  constructor(limits: HostWorkLimits | null, log: ViolationLog) {
    this.limits = limits;
    this.#log = log;
  }

  /**
   * Charges `amount` of `kind`, plus one call. Returns false, charging nothing, when that would go
   * past the budget: a call that exactly reaches the limit is allowed, the next one is refused.
   */
  charge(kind: HostWorkKind, amount: number): boolean {
    this.onCharge?.();
    const calls = this.used.calls + 1;
    const total = kind === 'calls' ? calls : this.used[kind] + amount;
    if (this.limits) {
      if (calls > this.limits.calls) {
        this.#log.record('host.calls', calls, this.limits.calls, false);
        return false;
      }
      if (kind !== 'calls' && total > this.limits[kind]) {
        this.#log.record(LIMIT_NAMES[kind], total, this.limits[kind], false);
        return false;
      }
    }
    this.used.calls = calls;
    if (kind !== 'calls') this.used[kind] = total;
    return true;
  }
}

/** Thrown by a shim whose WASI function has no error result, so the refusal can only trap the guest. */
export class HostBudgetExceeded extends Error {
  constructor(what: string) {
    super(`host-work budget spent: ${what} refused`);
    this.name = 'HostBudgetExceeded';
  }
}
