// Calls the masker with a JavaScript string. The text crosses the component boundary once, as one
// block of UTF-8 bytes written by TextEncoder.encodeInto (`mask-utf8`), or of UTF-16 code units
// (`mask-edits`): jco's string glue converts code unit by code unit and counts code points, most of
// the time on a large text. What comes back is only the findings and their masked code units, and
// the output is the input's own string with those ranges replaced, so the masked text is neither
// copied out of the component's memory nor decoded as a whole.
import { restoreLoneSurrogates } from './surrogates.ts';

export interface Finding {
  rule: string;
  start: number;
  end: number;
}

export interface MaskedText {
  text: string;
  findings: Finding[];
}

/** The component's `mask-units` as jco exposes it. */
export interface MaskUnits {
  maskUnits(text: Uint16Array): { text: Uint16Array; rules: string[]; findings: Uint32Array };
}

/** What `mask-edits` and `mask-utf8` return. */
export interface MaskedEdits {
  rules: string[];
  findings: Uint32Array;
  masked: Uint16Array;
}

/** The component's `mask-edits` as jco exposes it. */
export interface MaskEdits {
  maskEdits(text: Uint16Array): MaskedEdits;
}

/** The component's `mask-utf8` and `mask-edits`, as jco exposes them. */
export interface MaskUtf8 extends MaskEdits {
  maskUtf8(text: Uint8Array): MaskedEdits | undefined;
}

// Fatal: a lone surrogate makes it throw, which is the one case that needs the slow path below.
const strict = new TextDecoder('utf-16le', { fatal: true });
const lenient = new TextDecoder('utf-16le');

/** The text's code units. */
export function toUnits(text: string): Uint16Array {
  const n = text.length;
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  return units;
}

// One buffer for the code units of every call up to this size (the worker masks pieces of about
// 256 KB): jco copies the argument into the component's memory at once, so it can be reused, and
// neither its allocation nor its zeroing recurs. A larger text gets a buffer of its own.
const SCRATCH_UNITS = 1 << 20;
let scratch: Uint16Array | null = null;

/** The text's code units in a buffer that is valid until the next call. */
function scratchUnits(text: string): Uint16Array {
  const n = text.length;
  if (n > SCRATCH_UNITS) return toUnits(text);
  scratch ??= new Uint16Array(SCRATCH_UNITS);
  const units = scratch.subarray(0, n);
  for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** Code units back to a string, each lone surrogate as it was in `input` (TextDecoder would give U+FFFD). */
function fromUnits(units: Uint16Array, input: string): string {
  try {
    return strict.decode(units);
  } catch {
    return restoreLoneSurrogates(input, lenient.decode(units));
  }
}

/** Masks `text` through `mask-units`, the whole masked text coming back (the slower path, kept for comparison). */
export function maskTextUnits(masker: MaskUnits, text: string): MaskedText {
  const out = masker.maskUnits(toUnits(text));
  const masked = fromUnits(out.text, text);
  const findings: Finding[] = [];
  const f = out.findings;
  for (let i = 0; i + 2 < f.length; i += 3) findings.push({ rule: out.rules[f[i]!]!, start: f[i + 1]!, end: f[i + 2]! });
  return { text: masked, findings };
}

/** Code units to a string exactly, lone surrogates included, in pieces small enough for `apply`. */
function exactString(units: Uint16Array): string {
  try {
    return strict.decode(units);
  } catch {
    let s = '';
    for (let i = 0; i < units.length; i += 8192) s += String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]);
    return s;
  }
}

const encoder = new TextEncoder();
// Reused like `scratch`: TextEncoder writes at most three bytes per code unit, so a text up to a
// third of this size always fits; jco copies the bytes into the component's memory at once.
const SCRATCH_BYTES = 3 << 20;
let scratch8: Uint8Array | null = null;

/** The text as UTF-8 in a buffer that is valid until the next call (a lone surrogate as U+FFFD). */
function utf8Bytes(text: string): Uint8Array {
  scratch8 ??= new Uint8Array(SCRATCH_BYTES);
  let buf = scratch8;
  if (text.length * 3 > buf.length) {
    const { read, written } = encoder.encodeInto(text, buf);
    if (read === text.length) return buf.subarray(0, written);
    buf = new Uint8Array(text.length * 3);
  }
  return buf.subarray(0, encoder.encodeInto(text, buf).written);
}

// The masked code units of all findings come from well-formed UTF-8, so they hold no lone surrogate.
const maskedDecoder = new TextDecoder('utf-16le');

/**
 * Masks `text` through `mask-utf8`; throws the component's error (a ComponentError whose payload
 * is the message). With a configuration `mask-utf8` declines (a custom rule holding a lone
 * surrogate or U+FFFD), through `mask-edits`, as maskTextEdits.
 */
export function maskText(masker: MaskUtf8, text: string): MaskedText {
  const out = masker.maskUtf8(utf8Bytes(text));
  if (out === undefined) return maskTextEdits(masker, text);
  const f = out.findings;
  const findings: Finding[] = [];
  if (f.length === 0) return { text, findings };
  // The output is the input's own slices between findings and each finding's masked units. The
  // masked units of all findings are decoded at once and sliced: one native call, not one a finding.
  const masked = maskedDecoder.decode(out.masked);
  const rules = out.rules;
  let s = '';
  let prev = 0;
  let at = 0;
  for (let i = 0; i + 2 < f.length; i += 3) {
    const start = f[i + 1]!;
    const end = f[i + 2]!;
    findings.push({ rule: rules[f[i]!]!, start, end });
    s += text.slice(prev, start) + masked.slice(at, at + end - start);
    at += end - start;
    prev = end;
  }
  s += text.slice(prev);
  // Concatenation built a rope of two pieces per finding; V8 flattens a string when a character of
  // it is read. Done here, it is paid in this call rather than by whoever first reads the text.
  s.charCodeAt(0);
  return { text: s, findings };
}

/** Masks `text` through `mask-edits` (the text as UTF-16 code units); throws as maskText does. */
export function maskTextEdits(masker: MaskEdits, text: string): MaskedText {
  const units = scratchUnits(text);
  const out = masker.maskEdits(units);
  const f = out.findings;
  const findings: Finding[] = [];
  if (f.length === 0) return { text, findings };
  // The host still holds the text's code units: the masked ones go back in place and the whole is
  // decoded once, natively, into a flat string. The masked units are the input's own wherever a
  // rule kept one, so a lone surrogate comes out as it went in (exactString).
  const masked = out.masked;
  let at = 0;
  for (let i = 0; i + 2 < f.length; i += 3) {
    const start = f[i + 1]!;
    const end = f[i + 2]!;
    findings.push({ rule: out.rules[f[i]!]!, start, end });
    units.set(masked.subarray(at, at + end - start), start);
    at += end - start;
  }
  return { text: exactString(units), findings };
}
