// The component model's strings are sequences of Unicode scalar values, so a lone surrogate cannot
// cross the component boundary: jco's glue lowers it as it is, but lifts it back (through
// TextDecoder) as U+FFFD. The masker itself never touches a code unit outside a match and keeps the
// length in UTF-16 code units, so the host can put every lone surrogate of the input back where the
// output shows U+FFFD, and a text comes out of the masker with its lone surrogates untouched.

const REPLACEMENT = 0xfffd;

function isLone(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

/** True if `s` holds a surrogate code unit without its partner. */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff && isLone(s, i)) return true;
  }
  return false;
}

/**
 * `output` with each U+FFFD that stands where `input` has a lone surrogate replaced by that
 * surrogate. `output` must be the masker's result for `input` (same length); otherwise it is
 * returned as it is.
 */
export function restoreLoneSurrogates(input: string, output: string): string {
  if (input.length !== output.length || !hasLoneSurrogate(input)) return output;
  let out = '';
  let from = 0;
  for (let i = 0; i < input.length; i++) {
    if (output.charCodeAt(i) === REPLACEMENT && isLone(input, i)) {
      out += output.slice(from, i) + input[i];
      from = i + 1;
    }
  }
  return out + output.slice(from);
}
