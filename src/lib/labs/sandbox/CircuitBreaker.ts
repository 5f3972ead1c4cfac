// Quarantines a module after repeated violations: N violations within a sliding window trip it,
// and every further run of that module is refused until the learner resets it. Lives on the main
// thread, across runs (each run has a fresh Worker and forgets everything).

export interface BreakerPolicy {
  /** Violations that trip the breaker. */
  violations: number;
  /** The window they must fall in. */
  windowMs: number;
}

export type BreakerState = { state: 'closed'; recent: number } | { state: 'open'; since: number; reason: string };

export class CircuitBreaker {
  #policy: BreakerPolicy;
  #now: () => number;
  #times = new Map<string, number[]>();
  #open = new Map<string, { since: number; reason: string }>();

  constructor(policy: BreakerPolicy, now: () => number = () => Date.now()) {
    if (!(policy.violations >= 1) || !(policy.windowMs > 0)) throw new RangeError('a breaker needs at least 1 violation and a positive window');
    this.#policy = policy;
    this.#now = now;
  }

  get policy(): BreakerPolicy {
    return this.#policy;
  }

  /** May this module run now? */
  allows(module: string): boolean {
    return !this.#open.has(module);
  }

  /** Records a run's violations (0 records nothing); returns the state after them. */
  record(module: string, violations: number, reason: string): BreakerState {
    const now = this.#now();
    const times = (this.#times.get(module) ?? []).filter((t) => now - t < this.#policy.windowMs);
    for (let i = 0; i < violations; i++) times.push(now);
    this.#times.set(module, times);
    if (!this.#open.has(module) && times.length >= this.#policy.violations) this.#open.set(module, { since: now, reason });
    return this.state(module);
  }

  state(module: string): BreakerState {
    const open = this.#open.get(module);
    if (open) return { state: 'open', ...open };
    const now = this.#now();
    return { state: 'closed', recent: (this.#times.get(module) ?? []).filter((t) => now - t < this.#policy.windowMs).length };
  }

  /** The learner's reset: the module may run again, with a clean count. */
  reset(module: string): void {
    this.#open.delete(module);
    this.#times.delete(module);
  }
}
