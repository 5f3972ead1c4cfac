// The masking engine. It works in place on a UTF-16 buffer (the argument buffer the host handed
// over, which then goes back as the result), so a text is read once and never copied.
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

@inline function cu(p: usize, i: u32): u32 {
  return <u32>load<u16>(p + (<usize>i << 1));
}
@inline function star(p: usize, i: u32): void {
  store<u16>(p + (<usize>i << 1), STAR);
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

export function prepare(cfg: Config): void {
  if (table == 0) table = heap.alloc(65536);
  memory.fill(table, 0, 65536);
  if (cfg.card || cfg.cnMobile) for (let c = 0x30; c <= 0x39; c++) store<u8>(table + c, CLS_DIGIT);
  if (cfg.e164) store<u8>(table + 0x2b, CLS_PLUS);
  for (let r = 0; r < cfg.custom.length; r++) {
    const rule = cfg.custom[r];
    const kind = rule.kinds[0];
    if (kind == SLOT_DIGIT) {
      for (let c = 0x30; c <= 0x39; c++) store<u8>(table + c, load<u8>(table + c) | CLS_CUSTOM);
    } else if (kind == SLOT_LETTER) {
      for (let c = 0x41; c <= 0x5a; c++) store<u8>(table + c, load<u8>(table + c) | CLS_CUSTOM);
      for (let c = 0x61; c <= 0x7a; c++) store<u8>(table + c, load<u8>(table + c) | CLS_CUSTOM);
    } else {
      const c = <usize>rule.chars[0];
      store<u8>(table + c, load<u8>(table + c) | CLS_CUSTOM);
    }
  }
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

function addFinding(rule: string, start: u32, end: u32): void {
  if (findingCount == findingCap) {
    findingCap = findingCap == 0 ? 16 : findingCap << 1;
    findings = findings == 0 ? heap.alloc(<usize>findingCap << 4) : heap.realloc(findings, <usize>findingCap << 4);
  }
  const at = findings + (<usize>findingCount << 4);
  store<u32>(at, <u32>changetype<usize>(rule));
  store<u32>(at, <u32>rule.length, 4);
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

function findEmails(p: usize, len: u32): void {
  emailCount = 0;
  let bound: u32 = 0;
  for (let a: u32 = 0; a < len; a++) {
    // Four code units at a time while none is `@` (a zero 16-bit lane of w ^ @@@@, found without
    // branching per unit): the pass costs about a quarter of a unit-by-unit loop on text without one.
    while (a + 4 <= len) {
      const w = load<u64>(p + (<usize>a << 1)) ^ 0x0040004000400040;
      if (((w - 0x0001000100010001) & ~w & 0x8000800080008000) != 0) break;
      a += 4;
    }
    if (a >= len) break;
    if (cu(p, a) != 0x40) continue;
    let s = a;
    while (s > bound && a - s < MAX_LOCAL && isLocal(cu(p, s - 1))) s--;
    // A local part longer than RFC 5321 allows is not an address: leave the text alone.
    if (s > bound && isLocal(cu(p, s - 1))) continue;
    while (s < a && cu(p, s) == 0x2e) s++;
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
        const c = cu(p, pos);
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
      if (pos + 1 < len && cu(p, pos) == 0x2e && isLabel(cu(p, pos + 1))) {
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

function maskEmail(p: usize, start: u32, end: u32): void {
  for (let k = start + 1; k < end; k++) {
    if (cu(p, k) == 0x40) break;
    star(p, k);
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
function matchCard(p: usize, len: u32, i: u32, limit: u32, keep: CardKeep): u32 {
  // Every listed issuer's prefix starts with 2 to 6 (issuerOk): most digit runs stop here.
  if (cu(p, i) - 0x32 > 4) return 0;
  let pos = i;
  let n: u32 = 0;
  let sep: u32 = 0;
  let groups: u32 = 0;
  while (true) {
    while (pos < limit) {
      const c = cu(p, pos);
      if (!isDigit(c)) break;
      if (n < 20) {
        unchecked(digitAt[n] = pos);
        unchecked(digitVal[n] = <u8>(c - 0x30));
      }
      n++;
      pos++;
    }
    if (n > 19) break;
    if (pos < len && isDigit(cu(p, pos))) break; // runs on into the next match: not bounded
    unchecked(groupEnd[groups] = pos);
    unchecked(groupDigits[groups] = n);
    groups++;
    if (pos + 1 < limit) {
      const c = cu(p, pos);
      if ((c == 0x20 || c == 0x2d) && (sep == 0 || c == sep) && isDigit(cu(p, pos + 1))) {
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
    for (let k = from; k < m - 4; k++) star(p, unchecked(digitAt[k]));
    return unchecked(groupEnd[g]);
  }
  return 0;
}

/** A Chinese mobile number (11 digits, 13–19) at run start i: its end, or 0. */
function matchCnMobile(p: usize, len: u32, i: u32, limit: u32): u32 {
  const end = i + 11;
  if (end > limit) return 0;
  if (cu(p, i) != 0x31) return 0;
  const second = cu(p, i + 1);
  if (second < 0x33 || second > 0x39) return 0;
  for (let k = i + 2; k < end; k++) if (!isDigit(cu(p, k))) return 0;
  if (end < len && isDigit(cu(p, end))) return 0;
  for (let k = i + 3; k < i + 7; k++) star(p, k);
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
function matchE164(p: usize, len: u32, i: u32, limit: u32): u32 {
  if (i > 0 && isAlnum(cu(p, i - 1))) return 0;
  let pos = i + 1;
  if (pos >= limit || !isDigit(cu(p, pos))) return 0;
  let n: u32 = 0;
  while (true) {
    while (pos < limit) {
      const c = cu(p, pos);
      if (!isDigit(c)) break;
      if (n < 16) {
        unchecked(digitAt[n] = pos);
        unchecked(digitVal[n] = <u8>(c - 0x30));
      }
      n++;
      pos++;
    }
    if (n > 15) return 0;
    if (pos < len && isDigit(cu(p, pos))) return 0;
    if (pos + 1 < limit) {
      const c = cu(p, pos);
      if ((c == 0x20 || c == 0x2d) && isDigit(cu(p, pos + 1))) {
        pos++;
        continue;
      }
    }
    break;
  }
  if (n < 8) return 0;
  const cc = countryCodeLength();
  for (let k = cc; k < n - 4; k++) star(p, unchecked(digitAt[k]));
  return pos;
}

// ---- custom rules ----

function matchCustom(p: usize, len: u32, i: u32, limit: u32, rule: CustomRule): u32 {
  const m = <u32>rule.kinds.length;
  if (i + m > limit) return 0;
  if (rule.startClass != 0 && i > 0 && edgeClass(cu(p, i - 1)) == rule.startClass) return 0;
  for (let k: u32 = 0; k < m; k++) {
    const c = cu(p, i + k);
    const kind = unchecked(rule.kinds[k]);
    if (kind == SLOT_LITERAL) {
      if (c != <u32>unchecked(rule.chars[k])) return 0;
    } else if (kind == SLOT_DIGIT) {
      if (!isDigit(c)) return 0;
    } else if (!isLetter(c)) return 0;
  }
  const end = i + m;
  if (rule.endClass != 0 && end < len && edgeClass(cu(p, end)) == rule.endClass) return 0;
  if (rule.style == Style.Slots) {
    for (let k: u32 = 0; k < m; k++) if (unchecked(rule.kinds[k]) != SLOT_LITERAL) star(p, i + k);
    return end;
  }
  // Last4 keeps the last four letters or digits; All keeps none.
  let keepFrom = end;
  if (rule.style == Style.Last4) {
    let seen = 0;
    for (let k = end; k > i && seen < 4; k--) {
      if (isAlnum(cu(p, k - 1))) {
        seen++;
        keepFrom = k - 1;
      }
    }
  }
  for (let k = i; k < keepFrom; k++) if (!isShape(cu(p, k))) star(p, k);
  return end;
}

// ---- the scan ----

const LANES: u64 = 0x0001000100010001;

/**
 * Whether any of the four UTF-16 code units in w is a digit or a `+`, with no branch per unit:
 * Bit Twiddling Hacks' hasbetween and haszero on 16-bit lanes, neither carrying across a lane
 * (a lane with its top bit set, a CJK character say, is excluded by the ~w term).
 */
@inline function mayTrigger(w: u64): bool {
  const low = w & (LANES * 0x7fff);
  const digit = ((LANES * (0x7fff + 0x3a)) - low) & ~w & (low + LANES * (0x7fff - 0x2f)) & (LANES * 0x8000);
  const x = w ^ (LANES * 0x2b);
  const plus = (x - LANES) & ~x & (LANES * 0x8000);
  return (digit | plus) != 0;
}

/** Masks p[0, len) in place and appends its findings. Stops early only on overflow. */
export function scan(p: usize, len: u32, cfg: Config): void {
  if (cfg.email) findEmails(p, len);
  else emailCount = 0;
  let e: u32 = 0;
  let nextEmail = emailCount > 0 ? load<u32>(emails) : len;
  const custom = cfg.custom;
  const customCount = custom.length;
  const t = table;
  let i: u32 = 0;
  while (i < len) {
    if (i == nextEmail) {
      const end = load<u32>(emails + (<usize>e << 3), 4);
      maskEmail(p, i, end);
      addFinding(RULE_EMAIL, i, end);
      if (overflow) return;
      i = end;
      e++;
      nextEmail = e < emailCount ? load<u32>(emails + (<usize>e << 3)) : len;
      continue;
    }
    if (customCount == 0) {
      // Without custom rules only a digit or a `+` can start a match: skip four code units at a
      // time while none of them is one. The test is a superset; the unit-by-unit check below decides.
      while (i + 4 <= nextEmail && !mayTrigger(load<u64>(p + (<usize>i << 1)))) i += 4;
      if (i == nextEmail) continue;
    }
    const c = cu(p, i);
    const cls = load<u8>(t + c);
    if (cls == 0) {
      i++;
      continue;
    }
    let end: u32 = 0;
    let rule = '';
    if (cls & CLS_DIGIT) {
      if (i > 0 && isDigit(cu(p, i - 1))) {
        // Inside a digit run no rule can start (each needs a non-digit before it): skip the run.
        i++;
        while (i < len && i != nextEmail && isDigit(cu(p, i))) i++;
        continue;
      }
      if (cfg.card) {
        end = matchCard(p, len, i, nextEmail, cfg.cardKeep);
        rule = RULE_CARD;
      }
      if (end == 0 && cfg.cnMobile) {
        end = matchCnMobile(p, len, i, nextEmail);
        rule = RULE_CN_MOBILE;
      }
    } else if (cls & CLS_PLUS) {
      // A card number behind a `+` is still a card: it would otherwise keep its country code.
      if (cfg.card && i + 1 < len && isDigit(cu(p, i + 1)) && (end = matchCard(p, len, i + 1, nextEmail, cfg.cardKeep)) != 0) {
        addFinding(RULE_CARD, i + 1, end);
        if (overflow) return;
        i = end;
        continue;
      }
      end = matchE164(p, len, i, nextEmail);
      rule = RULE_E164;
    }
    if (end == 0 && (cls & CLS_CUSTOM)) {
      for (let r = 0; r < customCount && end == 0; r++) {
        const cr = unchecked(custom[r]);
        end = matchCustom(p, len, i, nextEmail, cr);
        rule = cr.name;
      }
    }
    if (end != 0) {
      addFinding(rule, i, end);
      if (overflow) return;
      i = end;
    } else i++;
  }
}
