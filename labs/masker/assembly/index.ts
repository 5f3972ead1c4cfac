// The component's exports. The canonical ABI's glue is labs/lib/cabi.ts; the masking is scan.ts.
//
// A text is masked in the very buffer the host lowered it into: that buffer is the argument, and
// then, handed to the post-return to free, the result. A finding's rule name points at a string
// the configuration holds, so nothing is copied per finding.
import './abort'; // referenced by asc --use abort=...
import {
  RET_AREA, allocResult, freeArg, freeResults, own, putKeptString, putList, returnErr, returnOk, returnString,
  takeString,
} from '../../lib/cabi';
import { configToJson, parseConfig } from './config';
import { BUILT_IN_RULES, Config, MAX_FINDINGS } from './rules';
import { GONE, findingCount, findings, overflow, prepare, resetFindings, scan } from './scan';

export { cabi_realloc } from '../../lib/cabi';

let config = new Config();
prepare(config);

/** Why a text of `units` UTF-16 code units at p is refused, or '' if it is within the cap. */
function sizeError(p: usize, units: u32, what: string): string {
  const cap = config.maxInputBytes;
  // UTF-8 needs at least one byte per code unit and at most three, so most texts need no count.
  if (units > cap) {
    return what + ' is at least ' + units.toString() + ' bytes (UTF-8), over the limit of ' + cap.toString() + ' bytes; nothing was masked';
  }
  if (<u64>units * 3 <= <u64>cap) return '';
  let bytes: u64 = 0;
  for (let i: u32 = 0; i < units; i++) {
    const c = <u32>load<u16>(p + (<usize>i << 1));
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < units && (<u32>load<u16>(p + (<usize>(i + 1) << 1)) & 0xfc00) == 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  if (bytes <= <u64>cap) return '';
  return what + ' is ' + bytes.toString() + ' bytes (UTF-8), over the limit of ' + cap.toString() + ' bytes; nothing was masked';
}

const OVERFLOW = 'more than ' + MAX_FINDINGS.toString() + ' matches in one text; nothing was masked';

// configure: func(config: string) -> result<_, string>
export function configure(ptr: usize, len: usize): usize {
  const result = parseConfig(takeString(ptr, len));
  if (result.config === null) return returnErr(result.error);
  config = result.config!;
  prepare(config);
  indexRules();
  return returnOk();
}

export function cabi_post_configure(ret: usize): void {
  freeResults();
}

// current-config: func() -> string
export function current_config(): usize {
  return returnString(configToJson(config));
}

export function cabi_post_current_config(ret: usize): void {
  freeResults();
}

/** Masks one text in place and writes its `masked` record at `at`; false on too many matches. */
function maskInto(p: usize, len: u32, at: usize): bool {
  resetFindings();
  scan<u16>(p, len, config);
  if (overflow) {
    if (findings != 0) heap.free(findings);
    resetFindings();
    return false;
  }
  putList(at, p == 0 ? 0 : own(p), len);
  putList(at + 8, findings == 0 ? 0 : own(findings), findingCount);
  resetFindings();
  return true;
}

// mask: func(text: string) -> result<masked, string>
export function mask(ptr: usize, len: usize): usize {
  const err = sizeError(ptr, <u32>len, 'the text');
  if (err.length) {
    freeArg(ptr);
    return returnErr(err);
  }
  if (!maskInto(ptr, <u32>len, RET_AREA + 4)) {
    freeArg(ptr);
    return returnErr(OVERFLOW);
  }
  return returnOk();
}

export function cabi_post_mask(ret: usize): void {
  freeResults();
}

// Rule names by index, for mask-units: the built-in ones, then the custom ones in order. Rebuilt
// with the configuration; a finding's rule name is one of these strings (scan.ts stores its pointer).
let ruleNames: string[] = [];
let ruleNamesList: usize = 0;

function indexRules(): void {
  ruleNames = BUILT_IN_RULES.slice(0);
  for (let i = 0; i < config.custom.length; i++) ruleNames.push(config.custom[i].name);
  if (ruleNamesList != 0) heap.free(ruleNamesList);
  ruleNamesList = heap.alloc(<usize>ruleNames.length << 3);
  for (let i = 0; i < ruleNames.length; i++) putKeptString(ruleNamesList + (<usize>i << 3), ruleNames[i]);
}
indexRules();

function ruleIndex(namePtr: u32): u32 {
  for (let i = 0; i < ruleNames.length; i++) if (changetype<usize>(unchecked(ruleNames[i])) == <usize>namePtr) return <u32>i;
  return 0;
}

/**
 * Masks the text at ptr in place and turns its findings into (rule index, start, end) triples;
 * the number of findings, or -1 after writing the error result (the argument is then freed).
 */
function maskTriples(ptr: usize, len: usize): i32 {
  const err = sizeError(ptr, <u32>len, 'the text');
  if (err.length) {
    freeArg(ptr);
    returnErr(err);
    return -1;
  }
  resetFindings();
  scan<u16>(ptr, <u32>len, config);
  if (overflow) {
    if (findings != 0) heap.free(findings);
    resetFindings();
    freeArg(ptr);
    returnErr(OVERFLOW);
    return -1;
  }
  // The 16-byte findings become 12-byte triples, in place: each is written at or below where it was read.
  const n = findingCount;
  for (let i: u32 = 0; i < n; i++) {
    const from = findings + (<usize>i << 4);
    const to = findings + <usize>i * 12;
    const rule = ruleIndex(load<u32>(from));
    const start = load<u32>(from, 8);
    const end = load<u32>(from, 12);
    store<u32>(to, rule);
    store<u32>(to, start, 4);
    store<u32>(to, end, 8);
  }
  return <i32>n;
}

// mask-units: func(text: list<u16>) -> result<masked-units, string>
// masked-units is (text ptr, len, rules ptr, len, findings ptr, len): 24 bytes after the tag.
export function mask_units(ptr: usize, len: usize): usize {
  const n = maskTriples(ptr, len);
  if (n < 0) return RET_AREA;
  putList(RET_AREA + 4, ptr == 0 ? 0 : own(ptr), len);
  putList(RET_AREA + 12, ruleNamesList, ruleNames.length);
  putList(RET_AREA + 20, findings == 0 ? 0 : own(findings), <usize>n * 3);
  resetFindings();
  return returnOk();
}

export function cabi_post_mask_units(ret: usize): void {
  freeResults();
}

// mask-edits: func(text: list<u16>) -> result<masked-edits, string>
// masked-edits is (rules ptr, len, findings ptr, len, masked ptr, len): 24 bytes after the tag.
// The masked code units are gathered at the front of the argument buffer itself, which then goes
// back as the result: each finding's units move to or below where they were (the gathered total
// up to a finding never exceeds its start), so the copies never overwrite what is still to be read.
export function mask_edits(ptr: usize, len: usize): usize {
  const n = maskTriples(ptr, len);
  if (n < 0) return RET_AREA;
  let out: usize = 0;
  for (let i = 0; i < n; i++) {
    const at = findings + <usize>i * 12;
    const start = load<u32>(at, 4);
    const units = <usize>(load<u32>(at, 8) - start);
    memory.copy(ptr + (out << 1), ptr + (<usize>start << 1), units << 1);
    out += units;
  }
  putList(RET_AREA + 4, ruleNamesList, ruleNames.length);
  putList(RET_AREA + 12, findings == 0 ? 0 : own(findings), <usize>n * 3);
  putList(RET_AREA + 20, ptr == 0 ? 0 : own(ptr), out);
  resetFindings();
  return returnOk();
}

export function cabi_post_mask_edits(ret: usize): void {
  freeResults();
}

function freeTexts(ptr: usize, count: usize, from: usize): void {
  for (let i = from; i < count; i++) freeArg(load<u32>(ptr + (i << 3)));
  freeArg(ptr);
}

// mask-batch: func(texts: list<string>) -> result<list<masked>, string>
export function mask_batch(ptr: usize, count: usize): usize {
  for (let i: usize = 0; i < count; i++) {
    const at = ptr + (i << 3);
    const err = sizeError(load<u32>(at), load<u32>(at, 4), 'texts[' + i.toString() + ']');
    if (err.length) {
      freeTexts(ptr, count, 0);
      return returnErr(err);
    }
  }
  const out = count == 0 ? 0 : allocResult(count << 4);
  for (let i: usize = 0; i < count; i++) {
    const at = ptr + (i << 3);
    if (!maskInto(load<u32>(at), load<u32>(at, 4), out + (i << 4))) {
      // The texts already masked are owned by the results and freed with them.
      freeTexts(ptr, count, i);
      freeResults();
      return returnErr('texts[' + i.toString() + ']: ' + OVERFLOW);
    }
  }
  freeArg(ptr);
  putList(RET_AREA + 4, out, count);
  return returnOk();
}

export function cabi_post_mask_batch(ret: usize): void {
  freeResults();
}

// ---- mask-utf8: the text as UTF-8 bytes, findings and masked code units in UTF-16 ----

/** UTF-16 code units of the UTF-8 bytes p[from, to); a byte of a masked character (GONE) is none. */
function utf16Count(p: usize, from: u32, to: u32): u32 {
  const H: u64 = 0x8080808080808080;
  let n: u32 = 0;
  let i = from;
  while (i + 8 <= to) {
    const w = load<u64>(p + <usize>i);
    if ((w & H) == 0) {
      n += 8;
    } else {
      // Each byte but a continuation byte (10xxxxxx) is a character's first code unit; a lead byte
      // of four (11110xxx) starts a surrogate pair, one unit more. In each lane, w << k moves bit
      // 7 - k to bit 7; no lane's bit 7 is touched by its neighbour.
      const cont = w & ~(w << 1) & H;
      const four = w & (w << 1) & (w << 2) & (w << 3) & H;
      n += 8 - <u32>popcnt(cont) + <u32>popcnt(four);
    }
    i += 8;
  }
  for (; i < to; i++) {
    const b = <u32>load<u8>(p + <usize>i);
    if (b < 0x80) n++;
    else if (b >= 0xc0) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

/** p[from, to) as UTF-16 code units at out (GONE bytes dropped); the number written. */
function utf8ToUnits(p: usize, from: u32, to: u32, out: usize): u32 {
  let n: u32 = 0;
  let i = from;
  while (i < to) {
    const b = <u32>load<u8>(p + <usize>i);
    let c: u32 = 0xfffd;
    let size: u32 = 1;
    if (b < 0x80) c = b;
    else if (b == GONE) {
      i++;
      continue;
    } else if (b >= 0xc0 && b < 0xe0 && i + 2 <= to) {
      c = ((b & 0x1f) << 6) | (<u32>load<u8>(p + i + 1) & 0x3f);
      size = 2;
    } else if (b >= 0xe0 && b < 0xf0 && i + 3 <= to) {
      c = ((b & 0x0f) << 12) | ((<u32>load<u8>(p + i + 1) & 0x3f) << 6) | (<u32>load<u8>(p + i + 2) & 0x3f);
      size = 3;
    } else if (b >= 0xf0 && b < 0xf8 && i + 4 <= to) {
      c = ((b & 0x07) << 18) | ((<u32>load<u8>(p + i + 1) & 0x3f) << 12) | ((<u32>load<u8>(p + i + 2) & 0x3f) << 6) |
        (<u32>load<u8>(p + i + 3) & 0x3f);
      size = 4;
    }
    if (size == 4) {
      c -= 0x10000;
      store<u16>(out + (<usize>n << 1), <u16>(0xd800 + (c >> 10)));
      store<u16>(out + (<usize>(n + 1) << 1), <u16>(0xdc00 + (c & 0x3ff)));
      n += 2;
    } else {
      store<u16>(out + (<usize>n << 1), <u16>c);
      n++;
    }
    i += size;
  }
  return n;
}

/** UTF-16 code units in the UTF-8 bytes at p, counted only when a size error needs them. */
function sizeErrorUtf8(p: usize, bytes: u32): string {
  const cap = config.maxInputBytes;
  if (bytes <= cap) return '';
  // The same message as mask's for the same text: the code units when they alone are over the cap.
  const units = utf16Count(p, 0, bytes);
  if (units > cap) {
    return 'the text is at least ' + units.toString() + ' bytes (UTF-8), over the limit of ' + cap.toString() + ' bytes; nothing was masked';
  }
  return 'the text is ' + bytes.toString() + ' bytes (UTF-8), over the limit of ' + cap.toString() + ' bytes; nothing was masked';
}

// mask-utf8: func(text: list<u8>) -> result<option<masked-edits>, string>
// The option's tag is at RET_AREA + 4 and masked-edits at RET_AREA + 8 (24 bytes, to RET_AREA + 32).
// The text is masked in place as UTF-8 (scan<u8>); each finding's bytes, masked, then become UTF-16
// code units in a result buffer, and its positions UTF-16 ones, counted from the previous finding's.
export function mask_utf8(ptr: usize, len: usize): usize {
  const err = sizeErrorUtf8(ptr, <u32>len);
  if (err.length) {
    freeArg(ptr);
    return returnErr(err);
  }
  if (!config.utf8Safe) {
    freeArg(ptr);
    store<u8>(RET_AREA + 4, 0); // none: the host masks the text as code units instead
    return returnOk();
  }
  resetFindings();
  scan<u8>(ptr, <u32>len, config);
  if (overflow) {
    if (findings != 0) heap.free(findings);
    resetFindings();
    freeArg(ptr);
    return returnErr(OVERFLOW);
  }
  const n = findingCount;
  // A finding of b bytes is at most b code units.
  let bytes: usize = 0;
  for (let i: u32 = 0; i < n; i++) {
    const from = findings + (<usize>i << 4);
    bytes += <usize>(load<u32>(from, 12) - load<u32>(from, 8));
  }
  const masked = bytes == 0 ? 0 : allocResult(bytes << 1);
  let out: u32 = 0;
  let at: u32 = 0; // bytes before `at` are counted into `units`
  let units: u32 = 0;
  // The 16-byte findings become 12-byte triples, in place, as in maskTriples.
  for (let i: u32 = 0; i < n; i++) {
    const from = findings + (<usize>i << 4);
    const to = findings + <usize>i * 12;
    const rule = load<u32>(from, 4); // the rule's index (scan.ts, addFinding)
    const start8 = load<u32>(from, 8);
    const end8 = load<u32>(from, 12);
    units += utf16Count(ptr, at, start8);
    const wrote = utf8ToUnits(ptr, start8, end8, masked + (<usize>out << 1));
    store<u32>(to, rule);
    store<u32>(to, units, 4);
    store<u32>(to, units + wrote, 8);
    // A masked character's length in code units is its original's, so counting on from end8 holds.
    units += wrote;
    out += wrote;
    at = end8;
  }
  freeArg(ptr);
  store<u8>(RET_AREA + 4, 1);
  putList(RET_AREA + 8, ruleNamesList, ruleNames.length);
  putList(RET_AREA + 16, findings == 0 ? 0 : own(findings), <usize>n * 3);
  putList(RET_AREA + 24, masked, out);
  resetFindings();
  return returnOk();
}

export function cabi_post_mask_utf8(ret: usize): void {
  freeResults();
}
