// Equal strings arriving in many worker messages, kept as one copy.
//
// Structured clone gives every message its own copy of every string: at 2,000 requests a second
// the same few route names, methods and decisions arrive thousands of times a second, and each copy
// the viewer holds survives into the old generation. The garbage collector's pauses grow with what
// survives, so a copy that is replaced by the shared one at once dies young and costs almost
// nothing, while a copy that is kept costs a pause later.

import type { Attributes } from '../spans/model.ts';

export class StringInterner {
  readonly #table = new Map<string, string>();
  readonly #maxEntries: number;
  readonly #maxLength: number;

  /**
   * `maxEntries` bounds the table, since values such as masked bodies are unique and would only
   * fill it; `maxLength` leaves long text alone, where a repeat is unlikely and hashing costs most.
   */
  constructor(maxEntries = 4096, maxLength = 96) {
    this.#maxEntries = maxEntries;
    this.#maxLength = maxLength;
  }

  /** The shared copy of `s`, or `s` itself when it is new (it becomes the shared copy while there is room). */
  intern(s: string): string {
    if (s.length > this.#maxLength) return s;
    const shared = this.#table.get(s);
    if (shared !== undefined) return shared;
    if (this.#table.size < this.#maxEntries) this.#table.set(s, s);
    return s;
  }

  /** Replaces each string value of `attributes` with its shared copy, in place, and returns it. */
  attributes<T extends Attributes>(attributes: T): T {
    for (const key in attributes) {
      const value = attributes[key];
      if (typeof value === 'string') (attributes as Attributes)[key] = this.intern(value);
    }
    return attributes;
  }
}
