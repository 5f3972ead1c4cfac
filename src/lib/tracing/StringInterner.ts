// Equal strings arriving in many worker messages, kept as one copy.
//
// Structured clone gives every message its own copy of every string: at 2,000 requests a second
// the same few route names, methods and decisions arrive thousands of times a second, and each copy
// the viewer holds survives into the old generation. The garbage collector's pauses grow with what
// survives, so a copy that is replaced by the shared one at once dies young and costs almost
// nothing, while a copy that is kept costs a pause later.

import { NO_ATTRIBUTES, type Attributes } from '../spans/model.ts';

/** Attribute sets with more keys than this are not shared: they are rarely repeated exactly. */
const MAX_SHARED_KEYS = 12;

export class StringInterner {
  readonly #table = new Map<string, string>();
  readonly #sets = new Map<string, Attributes>();
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

  /**
   * One shared, frozen object for each distinct small set of plain attributes (same keys in the
   * same order, same values and types), or `attributes` itself when it cannot be shared: a value
   * that is not a string, number or boolean, a long string, -0, too many keys, or a full table.
   *
   * A live run's spans repeat a few hundred attribute sets (route, status, decision, reason), and
   * each copy the viewer keeps is two or three objects the garbage collector walks until the span
   * is let go. A copy replaced by the shared set dies young. Callers must not change the result.
   */
  attributeSet<T extends Attributes>(attributes: T): T {
    // Length-prefixed fields, so no key or value can make two different sets read the same.
    let key = '';
    let n = 0;
    for (const k in attributes) {
      if (++n > MAX_SHARED_KEYS) return attributes;
      const v: unknown = attributes[k];
      key += `${k.length}:${k}`;
      if (typeof v === 'string') {
        if (v.length > this.#maxLength) return attributes;
        key += `s${v.length}:${v}`;
      } else if (typeof v === 'number') {
        if (Object.is(v, -0)) return attributes;
        key += `n${v};`;
      } else if (typeof v === 'boolean') key += v ? 't' : 'f';
      else return attributes;
    }
    if (n === 0) return NO_ATTRIBUTES as T;
    const shared = this.#sets.get(key);
    if (shared !== undefined) return shared as T;
    if (this.#sets.size >= this.#maxEntries) return attributes;
    const own = this.attributes({ ...attributes });
    this.#sets.set(key, Object.freeze(own));
    return own;
  }
}
