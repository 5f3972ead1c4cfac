// The run's fuel: the metered core module (labs/build/meter.mjs) exports its counter as a
// mutable i64 global; the host fills it before the run and reads it afterwards. The counter
// traps (`unreachable`) when it goes below zero, which is how "out of fuel" is told apart from
// any other trap.

export const FUEL_EXPORT = 'lab_fuel';

/** Fuel for a run with the fuel defence off: the meter still counts, but never runs dry in practice. */
export const UNMETERED_FUEL = 2n ** 62n;

export class FuelMeter {
  readonly budget: number | null;
  #global: WebAssembly.Global | null = null;
  #start = 0n;

  constructor(budget: number | null) {
    this.budget = budget;
  }

  /** True once a metered instance was attached. */
  get attached(): boolean {
    return this.#global !== null;
  }

  /** Takes the fuel global of a freshly instantiated core instance, if it has one, and fills it. */
  attach(instance: WebAssembly.Instance): boolean {
    const g = instance.exports[FUEL_EXPORT];
    if (!(g instanceof WebAssembly.Global)) return false;
    this.#global = g;
    this.#start = this.budget === null ? UNMETERED_FUEL : BigInt(this.budget);
    g.value = this.#start;
    return true;
  }

  /** Fuel used so far (units), or null when no metered module is attached. */
  used(): number | null {
    if (!this.#global) return null;
    const left = this.#global.value as bigint;
    // A trap leaves the counter at -1: the whole budget was used.
    return Number(this.#start - (left < 0n ? 0n : left));
  }

  exhausted(): boolean {
    return this.#global !== null && (this.#global.value as bigint) < 0n;
  }
}
