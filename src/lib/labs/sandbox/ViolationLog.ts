// Every limit the guest ran into during a run, in order, with the moment it happened, so the run
// span can carry one `lab.violation` event per limit with the time from the breach to the stop.

export type LimitName =
  | 'fuel'
  | 'deadline'
  | 'memory.pages'
  | 'fs.files'
  | 'fs.bytes'
  | 'fs.read-only'
  | 'net.denied'
  | 'net.connections'
  | 'net.bytes-per-second'
  | 'net.bytes'
  | 'host.bytes'
  | 'host.syncs'
  | 'host.calls';

export interface Violation {
  limit: LimitName;
  /** The value the guest reached or asked for when it was refused. */
  value: number;
  /** The limit in force. */
  max: number;
  /** True when the defence was off and an outer limit of the lab held instead. */
  outer: boolean;
  /** performance.now() of the breach. */
  atMs: number;
}

export class ViolationLog {
  #list: Violation[] = [];
  #seen = new Set<LimitName>();
  #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /**
   * Records a breach. A guest that hammers a limit in a loop breaches it thousands of times; only
   * the first breach of each limit is kept, since it is the one the stop is measured from.
   */
  record(limit: LimitName, value: number, max: number, outer: boolean): void {
    if (this.#seen.has(limit)) return;
    this.#seen.add(limit);
    this.#list.push({ limit, value, max, outer, atMs: this.#now() });
  }

  get all(): readonly Violation[] {
    return this.#list;
  }

  get first(): Violation | undefined {
    return this.#list[0];
  }

  has(limit: LimitName): boolean {
    return this.#seen.has(limit);
  }
}
