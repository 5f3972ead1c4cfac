// Calls the masker's `mask-edits` with a JavaScript string. The text crosses the component boundary
// once, as one block of UTF-16 code units (jco's string glue converts code unit by code unit and
// counts code points, most of the time on a large text); what comes back is only the findings and
// their masked code units, and the output is the input with those ranges replaced, so the masked
// text is neither copied out of the component's memory nor decoded as a whole.
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

/** The component's `mask-edits` as jco exposes it. */
export interface MaskEdits {
  maskEdits(text: Uint16Array): { rules: string[]; findings: Uint32Array; masked: Uint16Array };
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

/** Masks `text`; throws the component's error (a ComponentError whose payload is the message). */
export function maskText(masker: MaskEdits, text: string): MaskedText {
  const out = masker.maskEdits(toUnits(text));
  const f = out.findings;
  const findings: Finding[] = [];
  if (f.length === 0) return { text, findings };
  // The masked units are the input's own wherever a rule kept one, so the exact conversion keeps a
  // lone surrogate inside a finding as it was; outside the findings the text is the input itself.
  const masked = exactString(out.masked);
  let result = '';
  let from = 0; // in text
  let at = 0; // in masked
  for (let i = 0; i + 2 < f.length; i += 3) {
    const start = f[i + 1]!;
    const end = f[i + 2]!;
    findings.push({ rule: out.rules[f[i]!]!, start, end });
    result += text.slice(from, start) + masked.slice(at, at + end - start);
    at += end - start;
    from = end;
  }
  result += text.slice(from);
  return { text: result, findings };
}
