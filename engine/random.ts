/**
 * Deterministic pseudo-random numbers (xorshift32) for tests and benchmarks:
 * the same seed always gives the same sequence, so a failure reproduces.
 *
 * @example
 *   const next = seededRandom(42);
 *   next(); // a number in [0, 1)
 *   seededFloats(384, 7); // Float32Array of values in [-1, 1)
 */
export function seededRandom(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

/** `n` floats in [-1, 1) from `seed`. */
export function seededFloats(n: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = next() * 2 - 1;
  return a;
}
