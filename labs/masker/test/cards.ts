// Test card numbers: the networks' published test numbers, and numbers made Luhn-valid for a given
// issuer prefix and length, so every brand and length the masker accepts can be tried.

/** The Luhn check digit that completes `body`. */
export function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Counting from the right of the finished number, the check digit is position 0, so the
    // body's last digit is doubled.
    let v = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(digits: string): boolean {
  return luhnDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** A Luhn-valid number of `length` digits starting with `prefix`; the middle comes from `fill`. */
export function makeCard(prefix: string, length: number, fill = '0123456789'): string {
  let body = prefix;
  for (let i = 0; body.length < length - 1; i++) body += fill[i % fill.length];
  return body + luhnDigit(body);
}

/** Groups of four (the last group takes the rest), joined by `sep`. */
export function grouped(digits: string, sep: string, sizes?: number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes ?? []) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  while (at < digits.length) {
    parts.push(digits.slice(at, at + 4));
    at += 4;
  }
  return parts.join(sep);
}

/** Brand, an issuer prefix, and the lengths that brand issues. */
export const BRANDS: { brand: string; prefixes: string[]; lengths: number[] }[] = [
  { brand: 'Visa', prefixes: ['4'], lengths: [13, 16, 19] },
  { brand: 'Mastercard', prefixes: ['51', '55', '2221', '2720'], lengths: [16] },
  { brand: 'American Express', prefixes: ['34', '37'], lengths: [15] },
  { brand: 'Discover', prefixes: ['6011', '644', '649', '65'], lengths: [16, 19] },
  { brand: 'JCB', prefixes: ['3528', '3589'], lengths: [16, 19] },
  { brand: 'UnionPay', prefixes: ['62'], lengths: [16, 17, 18, 19] },
  { brand: 'Diners Club', prefixes: ['300', '305', '3095', '36', '38', '39'], lengths: [14, 16, 19] },
];

/** Published test numbers (Stripe's and the networks' documentation). */
export const KNOWN_TEST_CARDS = [
  '4111111111111111',
  '4242424242424242',
  '5555555555554444',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3566002020360505',
  '6200000000000005',
  '30569309025904',
  '38520000023237',
];
