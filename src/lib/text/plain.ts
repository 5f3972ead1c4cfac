// Numbers and clock times as text, without Intl. The first Intl call in a page (toLocaleString,
// toLocaleTimeString, Intl.NumberFormat) loads the locale data: 44–68 ms on the main thread in
// Chromium, measured with performance.now() around a first (1234).toLocaleString('en'). On a lab
// page that was one long task as the page opened and another as a run started.

/**
 * A number with its digits grouped in threes by commas, as (n).toLocaleString('en') writes it:
 * at most three decimals, rounded half away from zero, trailing zeros dropped ("12,345.5").
 */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return n !== n ? 'NaN' : n > 0 ? '∞' : '-∞';
  const negative = n < 0 || Object.is(n, -0);
  // The digits are those of the number's shortest decimal text, as Intl uses them (so 1e300 is a 1
  // and zeros, and 1.0005 rounds up, as its text says, though the double is a little under it).
  const text = String(Math.abs(n));
  let whole: string;
  let fraction = '';
  const exponent = text.indexOf('e');
  if (exponent >= 0) {
    const power = Number(text.slice(exponent + 1));
    const mantissa = text.slice(0, exponent).replace('.', '');
    // Above 1e21 a double is a whole number; below 1e-6 it rounds to 0.
    whole = power > 0 ? mantissa.padEnd(power + 1, '0') : '0';
  } else {
    const [w, f = ''] = text.split('.') as [string, string?];
    if (!f) return group(w, negative, '');
    const digits = f.padEnd(4, '0');
    // Three decimals, rounded half away from zero on the fourth.
    let kept = BigInt(w + digits.slice(0, 3));
    if (digits[3]! >= '5') kept += 1n;
    const all = kept.toString().padStart(4, '0');
    whole = all.slice(0, -3);
    fraction = all.slice(-3).replace(/0+$/, '');
  }
  return group(whole, negative, fraction);
}

function group(whole: string, negative: boolean, fraction: string): string {
  // The first group takes what is left over from threes; a comma before each three after it.
  let grouped = whole.slice(0, ((whole.length - 1) % 3) + 1);
  for (let i = grouped.length; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A time of day in the page's time zone as 24-hour "HH:MM:SS". */
export function clockTime(date: Date): string {
  const two = (v: number) => String(v).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
