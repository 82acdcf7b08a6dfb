/**
 * Similarity kernels over flat `n × dim` Float32Array batches, from the native
 * addon (SIMD) when it is built, else from the pure-TypeScript fallback. Both
 * implement `Kernels` and give the same results (within float rounding).
 *
 * @example
 *   const k = loadKernels({ logger });
 *   const scores = k.cosineBatch(query, matrix, 384); // Float32Array(n)
 */
import { type AddonOptions, loadAddon, resetAddonWarningForTests } from "../native.ts";

/** Similarity kernels. `matrix` is row-major `n × dim`; results have length n. */
export interface Kernels {
  /** "native" (the Rust addon) or "js" (the fallback). */
  readonly impl: "native" | "js";
  /** The instruction set the kernels run on, e.g. "avx2+fma", "scalar" or "js". */
  readonly simd: string;
  /** Version of the addon, or "none". */
  readonly version: string;
  dotBatch(query: Float32Array, matrix: Float32Array, dim: number): Float32Array;
  cosineBatch(query: Float32Array, matrix: Float32Array, dim: number): Float32Array;
  dotBatchInto(query: Float32Array, matrix: Float32Array, dim: number, out: Float32Array): void;
  cosineBatchInto(query: Float32Array, matrix: Float32Array, dim: number, out: Float32Array): void;
}

/** Shape of the native addon's exports that the engine uses. */
interface NativeAddon {
  version(): string;
  simdLevel(): string;
  dotBatch(query: Float32Array, matrix: Float32Array, dim: number): Float32Array;
  cosineBatch(query: Float32Array, matrix: Float32Array, dim: number): Float32Array;
  dotBatchInto(query: Float32Array, matrix: Float32Array, dim: number, out: Float32Array): void;
  cosineBatchInto(query: Float32Array, matrix: Float32Array, dim: number, out: Float32Array): void;
}

function rows(query: Float32Array, matrix: Float32Array, dim: number, out?: Float32Array): number {
  if (!Number.isInteger(dim) || dim <= 0) throw new TypeError(`dim must be a positive integer, got ${dim}`);
  if (query.length !== dim) throw new TypeError(`query length ${query.length} does not match dim ${dim}`);
  if (matrix.length % dim !== 0) throw new TypeError(`matrix length ${matrix.length} is not a multiple of dim ${dim}`);
  const n = matrix.length / dim;
  if (out && out.length !== n) throw new TypeError(`out length ${out.length} does not match the ${n} rows`);
  return n;
}

function dotInto(query: Float32Array, matrix: Float32Array, dim: number, out: Float32Array): void {
  const n = rows(query, matrix, dim, out);
  for (let r = 0; r < n; r++) {
    const base = r * dim;
    // Four accumulators let the JIT keep independent dependency chains in flight.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < dim; i += 4) {
      s0 += (query[i] as number) * (matrix[base + i] as number);
      s1 += (query[i + 1] as number) * (matrix[base + i + 1] as number);
      s2 += (query[i + 2] as number) * (matrix[base + i + 2] as number);
      s3 += (query[i + 3] as number) * (matrix[base + i + 3] as number);
    }
    for (; i < dim; i++) s0 += (query[i] as number) * (matrix[base + i] as number);
    out[r] = s0 + s1 + s2 + s3;
  }
}

function cosineInto(query: Float32Array, matrix: Float32Array, dim: number, out: Float32Array): void {
  const n = rows(query, matrix, dim, out);
  let qq = 0;
  for (let i = 0; i < dim; i++) qq += (query[i] as number) ** 2;
  const qn = Math.sqrt(qq);
  for (let r = 0; r < n; r++) {
    const base = r * dim;
    let dot = 0;
    let mm = 0;
    for (let i = 0; i < dim; i++) {
      const m = matrix[base + i] as number;
      dot += (query[i] as number) * m;
      mm += m * m;
    }
    const denom = qn * Math.sqrt(mm);
    out[r] = denom === 0 ? 0 : dot / denom;
  }
}

/** The pure-TypeScript kernels: always available, used when the addon is absent. */
export const jsKernels: Kernels = {
  impl: "js",
  simd: "js",
  version: "none",
  dotBatch(q, m, dim) {
    const out = new Float32Array(rows(q, m, dim));
    dotInto(q, m, dim, out);
    return out;
  },
  cosineBatch(q, m, dim) {
    const out = new Float32Array(rows(q, m, dim));
    cosineInto(q, m, dim, out);
    return out;
  },
  dotBatchInto: dotInto,
  cosineBatchInto: cosineInto,
};

export { defaultAddonPath } from "../native.ts";

const FEATURE = "similarity kernels";

/** Options of `loadKernels`. */
export type LoadKernelsOptions = AddonOptions;

/**
 * Loads the native kernels, or the TypeScript fallback when the addon is not built.
 * The fallback is announced with one warning per process.
 */
export function loadKernels(opts: LoadKernelsOptions = {}): Kernels {
  const addon = loadAddon<NativeAddon>(FEATURE, (a) => typeof a.cosineBatchInto === "function", opts);
  if (!addon) return jsKernels;
  return {
    impl: "native",
    simd: addon.simdLevel(),
    version: addon.version(),
    dotBatch: addon.dotBatch,
    cosineBatch: addon.cosineBatch,
    dotBatchInto: addon.dotBatchInto,
    cosineBatchInto: addon.cosineBatchInto,
  };
}

/** Lets tests observe the once-per-process warning again. */
export function resetKernelWarningForTests(): void {
  resetAddonWarningForTests(FEATURE);
}
