// Reproducible random trace ids (xorshift128+), so a statistical test gives the same answer on every run.

export function idGenerator(seed: number) {
  let s0 = BigInt(seed) | 1n;
  let s1 = BigInt(seed * 7919 + 17) | 1n;
  const mask = (1n << 64n) - 1n;
  const next64 = (): bigint => {
    let x = s0;
    const y = s1;
    s0 = y;
    x = (x ^ (x << 23n)) & mask;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (s1 + y) & mask;
  };
  return {
    /** `n` trace ids as 16 bytes each, and as 32-digit lowercase hex strings. */
    batch(n: number): { bytes: Uint8Array; hex: string[] } {
      const bytes = new Uint8Array(n * 16);
      const view = new DataView(bytes.buffer);
      const hex: string[] = [];
      for (let i = 0; i < n; i++) {
        const hi = next64();
        const lo = next64();
        view.setBigUint64(i * 16, hi);
        view.setBigUint64(i * 16 + 8, lo);
        hex.push(hi.toString(16).padStart(16, '0') + lo.toString(16).padStart(16, '0'));
      }
      return { bytes, hex };
    },
  };
}
