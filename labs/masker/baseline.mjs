// The benchmark's baseline: the masker's built-in rules as a JavaScript programmer would write them,
// with regular expressions and a callback for the Luhn and issuer checks. It masks the benchmark's
// payload exactly as the component does (bench.mjs checks that), so the two are timed on the same work.

const EMAIL = String.raw`[A-Za-z0-9._%+*-]{1,64}@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}`;
const CARD = String.raw`(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)`;
const CN_MOBILE = String.raw`(?<!\d)1[3-9]\d{9}(?!\d)`;
const E164 = String.raw`(?<![A-Za-z0-9])\+\d(?:[ -]?\d){7,14}(?!\d)`;
const ALL = new RegExp(`(${EMAIL})|(${CARD})|(${CN_MOBILE})|(${E164})`, 'g');

function luhn(d) {
  let sum = 0;
  for (let i = d.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    let v = d.charCodeAt(i) - 48;
    if (dbl && (v *= 2) > 9) v -= 9;
    sum += v;
  }
  return sum % 10 === 0;
}

function issuer(d) {
  const n = d.length;
  const p2 = +d.slice(0, 2), p3 = +d.slice(0, 3), p4 = +d.slice(0, 4);
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || p2 === 62) return n >= 16;
  return false;
}

const TWO_DIGIT_CC = new Set([20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98]);

/** Replaces the digits of `s` whose index among its digits is in [from, to) with '*'. */
function starDigits(s, from, to) {
  let k = 0;
  return s.replace(/\d/g, (c) => (k++ >= from && k <= to ? '*' : c));
}

/** Masks `text`; returns the masked text and the number of matches. */
export function maskWithRegExps(text) {
  let count = 0;
  const out = text.replace(ALL, (m, email, card, cn) => {
    if (email) {
      count++;
      const at = m.indexOf('@');
      return m[0] + '*'.repeat(at - 1) + m.slice(at);
    }
    if (card) {
      const seps = m.replace(/\d/g, '');
      const d = m.replace(/\D/g, '');
      if ((seps.includes(' ') && seps.includes('-')) || !issuer(d) || !luhn(d)) {
        // Not a card; it may still be a Chinese mobile number on its own.
        if (/^1[3-9]\d{9}$/.test(m)) {
          count++;
          return m.slice(0, 3) + '****' + m.slice(7);
        }
        return m;
      }
      count++;
      return starDigits(m, 0, d.length - 4);
    }
    if (cn) {
      count++;
      return m.slice(0, 3) + '****' + m.slice(7);
    }
    count++;
    const d = m.replace(/\D/g, '');
    const cc = d[0] === '1' || d[0] === '7' ? 1 : TWO_DIGIT_CC.has(+d.slice(0, 2)) ? 2 : 3;
    return starDigits(m, cc, d.length - 4);
  });
  return { text: out, count };
}
