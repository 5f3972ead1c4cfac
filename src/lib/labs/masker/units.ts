// Calls the masker's `mask-units` with a JavaScript string: the text crosses the component boundary
// as one block of UTF-16 code units both ways, instead of through jco's string glue, which converts
// code unit by code unit and counts code points (most of the time on a large text).
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

/** Masks `text`; throws the component's error (a ComponentError whose payload is the message). */
export function maskText(masker: MaskUnits, text: string): MaskedText {
  const out = masker.maskUnits(toUnits(text));
  const masked = fromUnits(out.text, text);
  const findings: Finding[] = [];
  const f = out.findings;
  for (let i = 0; i + 2 < f.length; i += 3) findings.push({ rule: out.rules[f[i]!]!, start: f[i + 1]!, end: f[i + 2]! });
  return { text: masked, findings };
}
