// The masking engine. It works in place on a UTF-16 buffer (the argument buffer the host handed
// over, which then goes back as the result), so a text is read once and never copied; or, compiled
// a second time for T = u8, on a UTF-8 buffer (mask-utf8). Every rule triggers on and matches
// ASCII, which UTF-8 keeps as single bytes and never uses inside a longer sequence, so the same
// code finds the same matches in both; only a custom rule's non-ASCII literal characters need
// their UTF-8 bytes (CustomRule.kinds8/chars8), and masking a non-ASCII character needs a marker
// (maskWide). Positions are in T units; utf8Edits turns UTF-8 ones into UTF-16 ones.
//
// Every rule is a bounded scan from a trigger: a digit run's first digit (cards, Chinese mobile
// numbers, `#` patterns), a `+` (E.164), an `@` (e-mail), or the first code unit of a custom rule.
// No scan goes back further than 64 code units or forward further than a match's bounded length,
// so the time is linear in the input whatever it holds; there is no backtracking to explode.
//
// Priority where matches would overlap: e-mail (found in a first pass), then at each position the
// card (also right behind a `+`), Chinese mobile, E.164 and custom rules in that order. Matches
// never overlap.
import {
  CardKeep, Config, CustomRule, MAX_FINDINGS, RULE_CARD, RULE_CN_MOBILE, RULE_E164, RULE_EMAIL,
  SLOT_DIGIT, SLOT_LETTER, SLOT_LITERAL, Style,
} from './rules';

const STAR: u16 = 0x2a;
const CLS_DIGIT: u8 = 1;
const CLS_PLUS: u8 = 2;
const CLS_CUSTOM: u8 = 4;

/** One byte per UTF-16 code unit: which triggers it can be. Rebuilt when the configuration changes. */
let table: usize = 0;
/** The same per UTF-8 byte; a custom rule's first byte may be the lead byte of a longer character. */
let table8: usize = 0;

/** The unit at index i of a text of T units (u16: UTF-16 code units, u8: UTF-8 bytes). */
@inline function cu<T>(p: usize, i: u32): u32 {
  return <u32>load<T>(p + (<usize>i << alignof<T>()));
}
@inline function star<T>(p: usize, i: u32): void {
  store<T>(p + (<usize>i << alignof<T>()), <T>STAR);
}

/** Never a byte of UTF-8: marks the bytes of a masked non-ASCII character after its `*`s. */
export const GONE: u32 = 0xff;

/**
 * Masks the UTF-8 character whose lead byte c is at i (c >= 0x80): as many `*` as it has UTF-16
 * code units (two for four bytes, else one), the rest of its bytes GONE. The length in bytes stays,
 * so positions after it hold; utf8Edits counts a GONE byte as no code unit. Its length in bytes.
 */
function maskWide(p: usize, i: u32, end: u32, c: u32): u32 {
  const n: u32 = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
  if (n == 1 || i + n > end) {
    // Not a lead byte (text that was not UTF-8): one code unit, as TextDecoder's U+FFFD would be.
    store<u8>(p + i, <u8>STAR);
    return 1;
  }
  store<u8>(p + i, <u8>STAR);
  store<u8>(p + i + 1, <u8>(n == 4 ? STAR : GONE));
  for (let k: u32 = 2; k < n; k++) store<u8>(p + i + k, <u8>GONE);
  return n;
}
@inline function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}
@inline function isLetter(c: u32): bool {
  return (c | 0x20) - 0x61 < 26;
}
@inline function isAlnum(c: u32): bool {
  return isDigit(c) || isLetter(c);
}
/** Kept by the `all` and `last4` styles: space and ASCII punctuation, so the value keeps its shape. */
@inline function isShape(c: u32): bool {
  return c == 0x20 || (c >= 0x21 && c <= 0x7e && !isAlnum(c));
}
/** 0 none, 1 digit, 2 ASCII letter: what a custom rule's edge must not run into. */
@inline function edgeClass(c: u32): u8 {
  return isDigit(c) ? SLOT_DIGIT : isLetter(c) ? SLOT_LETTER : 0;
}
/** RFC 5322's atext, less the rarely used `'{|}~^`!#$&/=?`; `*` so a masked address still reads as one. */
function isLocal(c: u32): bool {
  return isAlnum(c) || c == 0x2e || c == 0x5f || c == 0x25 || c == 0x2b || c == 0x2d || c == 0x2a;
}
@inline function isLabel(c: u32): bool {
  return isAlnum(c) || c == 0x2d;
}

function fillTable(t: usize, size: usize, cfg: Config, utf8: bool): void {
  memory.fill(t, 0, size);
  if (cfg.card || cfg.cnMobile) for (let c = 0x30; c <= 0x39; c++) store<u8>(t + c, CLS_DIGIT);
  if (cfg.e164) store<u8>(t + 0x2b, CLS_PLUS);
  for (let r = 0; r < cfg.custom.length; r++) {
    const rule = cfg.custom[r];
    const kind = rule.kinds[0];
    if (kind == SLOT_DIGIT) {
      for (let c = 0x30; c <= 0x39; c++) store<u8>(t + c, load<u8>(t + c) | CLS_CUSTOM);
    } else if (kind == SLOT_LETTER) {
      for (let c = 0x41; c <= 0x5a; c++) store<u8>(t + c, load<u8>(t + c) | CLS_CUSTOM);
      for (let c = 0x61; c <= 0x7a; c++) store<u8>(t + c, load<u8>(t + c) | CLS_CUSTOM);
    } else {
      const c = utf8 ? <usize>rule.chars8[0] : <usize>rule.chars[0];
      store<u8>(t + c, load<u8>(t + c) | CLS_CUSTOM);
    }
  }
}

export function prepare(cfg: Config): void {
  if (table == 0) table = heap.alloc(65536);
  if (table8 == 0) table8 = heap.alloc(256);
  fillTable(table, 65536, cfg, false);
  fillTable(table8, 256, cfg, true);
}

// ---- findings: 16 bytes each in the canonical ABI's layout of `finding` ----

export let findings: usize = 0;
export let findingCount: u32 = 0;
let findingCap: u32 = 0;
export let overflow = false;

/** Starts a fresh findings list; the previous one now belongs to the caller. */
export function resetFindings(): void {
  findings = 0;
  findingCount = 0;
  findingCap = 0;
  overflow = false;
}

/**
 * Appends a finding. For a UTF-8 scan the second word is the rule's index (BUILT_IN_RULES, then
 * the custom rules in order) instead of its name's length: mask-utf8 returns indexes, and finding
 * one by the name's pointer cost 5 % of a call. `mask` (UTF-16) keeps the canonical ABI's layout.
 */
function addFinding<T>(rule: string, index: u32, start: u32, end: u32): void {
  if (findingCount == findingCap) {
    findingCap = findingCap == 0 ? 16 : findingCap << 1;
    findings = findings == 0 ? heap.alloc(<usize>findingCap << 4) : heap.realloc(findings, <usize>findingCap << 4);
  }
  const at = findings + (<usize>findingCount << 4);
  store<u32>(at, <u32>changetype<usize>(rule));
  store<u32>(at, sizeof<T>() == 1 ? index : <u32>rule.length, 4);
  store<u32>(at, start, 8);
  store<u32>(at, end, 12);
  findingCount++;
  if (findingCount >= MAX_FINDINGS) overflow = true;
}

// ---- e-mail addresses, found in a pass of their own so that digits in a local part stay theirs ----

let emails: usize = 0; // (start, end) pairs
let emailCount: u32 = 0;
let emailCap: u32 = 0;

function addEmail(start: u32, end: u32): void {
  if (emailCount == emailCap) {
    emailCap = emailCap == 0 ? 64 : emailCap << 1;
    emails = emails == 0 ? heap.alloc(<usize>emailCap << 3) : heap.realloc(emails, <usize>emailCap << 3);
  }
  store<u32>(emails + (<usize>emailCount << 3), start);
  store<u32>(emails + (<usize>emailCount << 3), end, 4);
  emailCount++;
}

const MAX_LOCAL: u32 = 64;

function findEmails<T>(p: usize, len: u32): void {
  emailCount = 0;
  let bound: u32 = 0;
  for (let a: u32 = 0; a < len; a++) {
    // Four code units at a time while none is `@` (a zero 16-bit lane of w ^ @@@@, found without
    // branching per unit): the pass costs about a quarter of a unit-by-unit loop on text without one.
    if (sizeof<T>() == 2) {
      while (a + 4 <= len) {
        const w = load<u64>(p + (<usize>a << 1)) ^ 0x0040004000400040;
        if (((w - 0x0001000100010001) & ~w & 0x8000800080008000) != 0) break;
        a += 4;
      }
    } else {
      // Eight bytes at a time, the same test on 8-bit lanes.
      while (a + 8 <= len) {
        const w = load<u64>(p + <usize>a) ^ 0x4040404040404040;
        if (((w - 0x0101010101010101) & ~w & 0x8080808080808080) != 0) break;
        a += 8;
      }
    }
    if (a >= len) break;
    if (cu<T>(p, a) != 0x40) continue;
    let s = a;
    while (s > bound && a - s < MAX_LOCAL && isLocal(cu<T>(p, s - 1))) s--;
    // A local part longer than RFC 5321 allows is not an address: leave the text alone.
    if (s > bound && isLocal(cu<T>(p, s - 1))) continue;
    while (s < a && cu<T>(p, s) == 0x2e) s++;
    if (s == a) continue;
    let pos = a + 1;
    let labels = 0;
    let end: u32 = 0;
    let tldOk = false;
    let numeric = false;
    while (true) {
      const ls = pos;
      let letters = true;
      let digitRun: u32 = 0;
      while (pos < len) {
        const c = cu<T>(p, pos);
        if (!isLabel(c)) break;
        if (isDigit(c)) {
          digitRun++;
          if (digitRun >= 8) numeric = true;
        } else digitRun = 0;
        if (!isLetter(c)) letters = false;
        pos++;
      }
      if (pos == ls) break;
      labels++;
      end = pos;
      tldOk = letters && pos - ls >= 2;
      if (pos + 1 < len && cu<T>(p, pos) == 0x2e && isLabel(cu<T>(p, pos + 1))) {
        pos++;
        continue;
      }
      break;
    }
    // Eight digits in a row are a number, not a host name: the number rules get to see them.
    if (labels < 2 || !tldOk || numeric) continue;
    addEmail(s, end);
    bound = end;
    a = end - 1;
  }
}

function maskEmail<T>(p: usize, start: u32, end: u32): void {
  for (let k = start + 1; k < end; k++) {
    if (cu<T>(p, k) == 0x40) break;
    star<T>(p, k);
  }
}

// ---- digit rules ----

const digitAt = new StaticArray<u32>(24); // positions of a candidate's digits
const digitVal = new StaticArray<u8>(24);
const groupEnd = new StaticArray<u32>(24);
const groupDigits = new StaticArray<u32>(24);

/** The digits' issuer prefix is a listed brand's, and the length is one that brand issues. */
function issuerOk(n: u32): bool {
  const p1 = <u32>unchecked(digitVal[0]);
  const p2 = p1 * 10 + <u32>unchecked(digitVal[1]);
  const p3 = p2 * 10 + <u32>unchecked(digitVal[2]);
  const p4 = p3 * 10 + <u32>unchecked(digitVal[3]);
  if (p1 == 4) return n == 13 || n == 16 || n == 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n == 16; // Mastercard
  if (p2 == 34 || p2 == 37) return n == 15; // American Express
  if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) return n >= 14 && n <= 19; // Diners Club
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19; // JCB
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) return n >= 16 && n <= 19; // Discover
  if (p2 == 62) return n >= 16 && n <= 19; // UnionPay (Discover's co-branded 622126–622925 included)
  return false;
}

function luhnOk(n: u32): bool {
  let sum: u32 = 0;
  let double = false;
  for (let k = <i32>n - 1; k >= 0; k--) {
    let v = <u32>unchecked(digitVal[k]);
    if (double) {
      v <<= 1;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return sum % 10 == 0;
}

/** A card starting at run start i, ending before limit: its end, or 0. */
function matchCard<T>(p: usize, len: u32, i: u32, limit: u32, keep: CardKeep): u32 {
  // Every listed issuer's prefix starts with 2 to 6 (issuerOk): most digit runs stop here.
  if (cu<T>(p, i) - 0x32 > 4) return 0;
  let pos = i;
  let n: u32 = 0;
  let sep: u32 = 0;
  let groups: u32 = 0;
  while (true) {
    while (pos < limit) {
      const c = cu<T>(p, pos);
      if (!isDigit(c)) break;
      if (n < 20) {
        unchecked(digitAt[n] = pos);
        unchecked(digitVal[n] = <u8>(c - 0x30));
      }
      n++;
      pos++;
    }
    if (n > 19) break;
    if (pos < len && isDigit(cu<T>(p, pos))) break; // runs on into the next match: not bounded
    unchecked(groupEnd[groups] = pos);
    unchecked(groupDigits[groups] = n);
    groups++;
    if (pos + 1 < limit) {
      const c = cu<T>(p, pos);
      if ((c == 0x20 || c == 0x2d) && (sep == 0 || c == sep) && isDigit(cu<T>(p, pos + 1))) {
        sep = c;
        pos++;
        continue;
      }
    }
    break;
  }
  // The longest candidate that ends at a group's end and passes both checks.
  for (let g = <i32>groups - 1; g >= 0; g--) {
    const m = unchecked(groupDigits[g]);
    if (m < 13) break;
    if (m > 19 || !issuerOk(m) || !luhnOk(m)) continue;
    const from: u32 = keep == CardKeep.First6Last4 ? 6 : 0;
    for (let k = from; k < m - 4; k++) star<T>(p, unchecked(digitAt[k]));
    return unchecked(groupEnd[g]);
  }
  return 0;
}

/** A Chinese mobile number (11 digits, 13–19) at run start i: its end, or 0. */
function matchCnMobile<T>(p: usize, len: u32, i: u32, limit: u32): u32 {
  const end = i + 11;
  if (end > limit) return 0;
  if (cu<T>(p, i) != 0x31) return 0;
  const second = cu<T>(p, i + 1);
  if (second < 0x33 || second > 0x39) return 0;
  for (let k = i + 2; k < end; k++) if (!isDigit(cu<T>(p, k))) return 0;
  if (end < len && isDigit(cu<T>(p, end))) return 0;
  for (let k = i + 3; k < i + 7; k++) star<T>(p, k);
  return end;
}

/** E.164 calling codes of one or two digits; every other code has three (ITU-T E.164 assignments). */
function countryCodeLength(): u32 {
  const d1 = <u32>unchecked(digitVal[0]);
  if (d1 == 1 || d1 == 7) return 1;
  const d2 = d1 * 10 + <u32>unchecked(digitVal[1]);
  switch (d2) {
    case 20: case 27: case 30: case 31: case 32: case 33: case 34: case 36: case 39:
    case 40: case 41: case 43: case 44: case 45: case 46: case 47: case 48: case 49:
    case 51: case 52: case 53: case 54: case 55: case 56: case 57: case 58:
    case 60: case 61: case 62: case 63: case 64: case 65: case 66:
    case 81: case 82: case 84: case 86: case 90: case 91: case 92: case 93: case 94: case 95: case 98:
      return 2;
  }
  return 3;
}

/** `+` and 8–15 digits, optionally grouped by single spaces or dashes, at the `+` i: its end, or 0. */
function matchE164<T>(p: usize, len: u32, i: u32, limit: u32): u32 {
  if (i > 0 && isAlnum(cu<T>(p, i - 1))) return 0;
  let pos = i + 1;
  if (pos >= limit || !isDigit(cu<T>(p, pos))) return 0;
  let n: u32 = 0;
  while (true) {
    while (pos < limit) {
      const c = cu<T>(p, pos);
      if (!isDigit(c)) break;
      if (n < 16) {
        unchecked(digitAt[n] = pos);
        unchecked(digitVal[n] = <u8>(c - 0x30));
      }
      n++;
      pos++;
    }
    if (n > 15) return 0;
    if (pos < len && isDigit(cu<T>(p, pos))) return 0;
    if (pos + 1 < limit) {
      const c = cu<T>(p, pos);
      if ((c == 0x20 || c == 0x2d) && isDigit(cu<T>(p, pos + 1))) {
        pos++;
        continue;
      }
    }
    break;
  }
  if (n < 8) return 0;
  const cc = countryCodeLength();
  for (let k = cc; k < n - 4; k++) star<T>(p, unchecked(digitAt[k]));
  return pos;
}

// ---- custom rules ----

function matchCustom<T>(p: usize, len: u32, i: u32, limit: u32, rule: CustomRule): u32 {
  const utf8 = sizeof<T>() == 1;
  const kinds = utf8 ? rule.kinds8 : rule.kinds;
  const m = <u32>kinds.length;
  if (i + m > limit) return 0;
  if (rule.startClass != 0 && i > 0 && edgeClass(cu<T>(p, i - 1)) == rule.startClass) return 0;
  for (let k: u32 = 0; k < m; k++) {
    const c = cu<T>(p, i + k);
    const kind = unchecked(kinds[k]);
    if (kind == SLOT_LITERAL) {
      if (c != (utf8 ? <u32>unchecked(rule.chars8[k]) : <u32>unchecked(rule.chars[k]))) return 0;
    } else if (kind == SLOT_DIGIT) {
      if (!isDigit(c)) return 0;
    } else if (!isLetter(c)) return 0;
  }
  const end = i + m;
  if (rule.endClass != 0 && end < len && edgeClass(cu<T>(p, end)) == rule.endClass) return 0;
  if (rule.style == Style.Slots) {
    for (let k: u32 = 0; k < m; k++) if (unchecked(kinds[k]) != SLOT_LITERAL) star<T>(p, i + k);
    return end;
  }
  // Last4 keeps the last four letters or digits; All keeps none.
  let keepFrom = end;
  if (rule.style == Style.Last4) {
    let seen = 0;
    for (let k = end; k > i && seen < 4; k--) {
      if (isAlnum(cu<T>(p, k - 1))) {
        seen++;
        keepFrom = k - 1;
      }
    }
  }
  for (let k = i; k < keepFrom; k++) {
    const c = cu<T>(p, k);
    if (utf8 && c >= 0x80) k += maskWide(p, k, keepFrom, c) - 1;
    else if (!isShape(c)) star<T>(p, k);
  }
  return end;
}

// ---- the scan ----

const LANES: u64 = 0x0001000100010001;

/**
 * The top bit of each of the four UTF-16 code units in w that is a digit or a `+`, with no branch
 * per unit: Bit Twiddling Hacks' hasbetween and haszero on 16-bit lanes (a lane with its top bit
 * set, a CJK character say, is excluded by the ~w term). hasbetween is exact in every lane;
 * haszero can also flag a lane above a true `+` (a borrow), never one below, so the lowest flagged
 * lane is always a trigger.
 */
@inline function triggers(w: u64): u64 {
  const low = w & (LANES * 0x7fff);
  const digit = ((LANES * (0x7fff + 0x3a)) - low) & ~w & (low + LANES * (0x7fff - 0x2f)) & (LANES * 0x8000);
  const x = w ^ (LANES * 0x2b);
  const plus = (x - LANES) & ~x & (LANES * 0x8000);
  return digit | plus;
}

const LANES8: u64 = 0x0101010101010101;

/** triggers for eight UTF-8 bytes (8-bit lanes; every byte of a non-ASCII character has its top bit set). */
@inline function triggers8(w: u64): u64 {
  const low = w & (LANES8 * 0x7f);
  const digit = ((LANES8 * (0x7f + 0x3a)) - low) & ~w & (low + LANES8 * (0x7f - 0x2f)) & (LANES8 * 0x80);
  const x = w ^ (LANES8 * 0x2b);
  const plus = (x - LANES8) & ~x & (LANES8 * 0x80);
  return digit | plus;
}

/** The top bit of each lane of w that is a digit: hasbetween alone (exact in every lane). */
@inline function digitLanes(w: u64): u64 {
  const low = w & (LANES * 0x7fff);
  return ((LANES * (0x7fff + 0x3a)) - low) & ~w & (low + LANES * (0x7fff - 0x2f)) & (LANES * 0x8000);
}
@inline function digitLanes8(w: u64): u64 {
  const low = w & (LANES8 * 0x7f);
  return ((LANES8 * (0x7f + 0x3a)) - low) & ~w & (low + LANES8 * (0x7f - 0x2f)) & (LANES8 * 0x80);
}

/** The first position at or after i that is not a digit, or len: a block of units at a time. */
function runEnd<T>(p: usize, i: u32, len: u32): u32 {
  if (sizeof<T>() == 2) {
    while (i + 4 <= len) {
      const other = ~digitLanes(load<u64>(p + (<usize>i << 1))) & (LANES * 0x8000);
      if (other != 0) return i + <u32>(ctz(other) >> 4);
      i += 4;
    }
  } else {
    while (i + 8 <= len) {
      const other = ~digitLanes8(load<u64>(p + <usize>i)) & (LANES8 * 0x80);
      if (other != 0) return i + <u32>(ctz(other) >> 3);
      i += 8;
    }
  }
  while (i < len && isDigit(cu<T>(p, i))) i++;
  return i;
}

/** Masks p[0, len) in place and appends its findings. Stops early only on overflow. */
export function scan<T>(p: usize, len: u32, cfg: Config): void {
  if (cfg.email) findEmails<T>(p, len);
  else emailCount = 0;
  let e: u32 = 0;
  let nextEmail = emailCount > 0 ? load<u32>(emails) : len;
  const custom = cfg.custom;
  const customCount = custom.length;
  const t = sizeof<T>() == 1 ? table8 : table;
  let i: u32 = 0;
  while (i < len) {
    if (i == nextEmail) {
      const end = load<u32>(emails + (<usize>e << 3), 4);
      maskEmail<T>(p, i, end);
      addFinding<T>(RULE_EMAIL, 3, i, end);
      if (overflow) return;
      i = end;
      e++;
      nextEmail = e < emailCount ? load<u32>(emails + (<usize>e << 3)) : len;
      continue;
    }
    if (customCount == 0) {
      // Without custom rules only a digit or a `+` can start a match: go to the next one, four
      // code units (or eight bytes) at a time, landing on the first trigger in a block.
      if (sizeof<T>() == 2) {
        while (i + 4 <= nextEmail) {
          const m = triggers(load<u64>(p + (<usize>i << 1)));
          if (m != 0) {
            i += <u32>(ctz(m) >> 4);
            break;
          }
          i += 4;
        }
      } else {
        while (i + 8 <= nextEmail) {
          const m = triggers8(load<u64>(p + <usize>i));
          if (m != 0) {
            i += <u32>(ctz(m) >> 3);
            break;
          }
          i += 8;
        }
      }
      if (i == nextEmail) continue;
    }
    const c = cu<T>(p, i);
    const cls = load<u8>(t + c);
    if (cls == 0) {
      i++;
      continue;
    }
    let end: u32 = 0;
    let rule = '';
    let index: u32 = 0;
    let run: u32 = 0; // where a digit run that starts at i ends
    if (cls & CLS_DIGIT) {
      // Inside a digit run no rule can start (each needs a non-digit before a leading digit).
      run = runEnd<T>(p, i + 1, len);
      if (i > 0 && isDigit(cu<T>(p, i - 1))) {
        i = run < nextEmail ? run : nextEmail;
        continue;
      }
      // Most runs are neither a card (13 to 19 digits, or a group followed by a separator and a
      // digit) nor a mobile number (11 digits), which the run's length alone tells.
      const n = run - i;
      if (cfg.card && n <= 19) {
        if (n >= 13 || (run + 1 < len && (cu<T>(p, run) == 0x20 || cu<T>(p, run) == 0x2d) && isDigit(cu<T>(p, run + 1)))) {
          end = matchCard<T>(p, len, i, nextEmail, cfg.cardKeep);
          rule = RULE_CARD;
          index = 0;
        }
      }
      if (end == 0 && cfg.cnMobile && n == 11) {
        end = matchCnMobile<T>(p, len, i, nextEmail);
        rule = RULE_CN_MOBILE;
        index = 1;
      }
    } else if (cls & CLS_PLUS) {
      // A card number behind a `+` is still a card: it would otherwise keep its country code.
      if (cfg.card && i + 1 < len && isDigit(cu<T>(p, i + 1)) && (end = matchCard<T>(p, len, i + 1, nextEmail, cfg.cardKeep)) != 0) {
        addFinding<T>(RULE_CARD, 0, i + 1, end);
        if (overflow) return;
        i = end;
        continue;
      }
      end = matchE164<T>(p, len, i, nextEmail);
      rule = RULE_E164;
      index = 2;
    }
    if (end == 0 && (cls & CLS_CUSTOM)) {
      for (let r = 0; r < customCount && end == 0; r++) {
        const cr = unchecked(custom[r]);
        end = matchCustom<T>(p, len, i, nextEmail, cr);
        rule = cr.name;
        index = 4 + <u32>r;
      }
    }
    if (end != 0) {
      addFinding<T>(rule, index, i, end);
      if (overflow) return;
      i = end;
    } else if (cls & CLS_DIGIT) {
      i = run < nextEmail ? run : nextEmail;
    } else i++;
  }
}
