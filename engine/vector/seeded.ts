/**
 * Deterministic pseudo-random vectors (xorshift32) for tests and benchmarks:
 * the same seed always gives the same data, so no test depends on luck.
 *
 * @example
 *   const m = seededFloats(10 * 384, 42); // values in [-1, 1)
 */
export function seededFloats(n: number, seed: number): Float32Array {
  let x = seed | 1;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    a[i] = ((x >>> 0) / 0x1_0000_0000) * 2 - 1;
  }
  return a;
}
