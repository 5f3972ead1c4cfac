// A benign, loop-heavy module for the metering benchmark (labs/attacks/bench.mjs; not part of the lab build): a prime sieve,
// an FNV-1a hash over a buffer and a small matrix product, the kind of inner loops fuel metering
// costs most on. Built without WASI: it imports nothing.

export function sieve(limit: i32): i32 {
  const composite = new StaticArray<u8>(limit + 1);
  let count = 0;
  for (let i = 2; i <= limit; i++) {
    if (unchecked(composite[i])) continue;
    count++;
    if (i > limit / i) continue; // i * i would pass the limit (and overflow i32)
    for (let j = i * i; j <= limit; j += i) unchecked((composite[j] = 1));
  }
  return count;
}

export function fnv(bytes: i32, rounds: i32): u32 {
  const data = new StaticArray<u8>(bytes);
  for (let i = 0; i < bytes; i++) unchecked((data[i] = <u8>(i * 31)));
  let h: u32 = 2166136261;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < bytes; i++) h = (h ^ unchecked(data[i])) * 16777619;
  }
  return h;
}

export function matmul(n: i32): f64 {
  const a = new StaticArray<f64>(n * n);
  const b = new StaticArray<f64>(n * n);
  const c = new StaticArray<f64>(n * n);
  for (let i = 0; i < n * n; i++) {
    unchecked((a[i] = <f64>(i % 7)));
    unchecked((b[i] = <f64>(i % 5)));
  }
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = unchecked(a[i * n + k]);
      for (let j = 0; j < n; j++) unchecked((c[i * n + j] += aik * unchecked(b[k * n + j])));
    }
  let sum = 0.0;
  for (let i = 0; i < n * n; i++) sum += unchecked(c[i]);
  return sum;
}
