/**
 * Synthetic embeddings for vector-index tests and the vector benchmark: clustered
 * points on a low-dimensional manifold, like sentence embeddings (uniform random
 * vectors are a pathological case for HNSW and for any embedding model).
 *
 * Each point is a cluster centre plus Gaussian spread in a `latent`-dimensional
 * space, mapped to `dim` dimensions by one fixed random Gaussian matrix, plus a
 * little isotropic noise, then L2-normalised. Deterministic per seed.
 *
 * @example
 *   const { flat, queries } = clusteredVectors({ n: 100_000, dim: 384, queries: 200 });
 */
import { seededRandom } from "../random.ts";

/** Options of `clusteredVectors`. */
export interface ClusteredOptions {
  n: number;
  dim: number;
  /** Extra points from the same distribution, not in `flat` (default 0). */
  queries?: number;
  /** Cluster count (default 1000). */
  clusters?: number;
  /** Intrinsic dimension (default 24). */
  latent?: number;
  seed?: number;
}

/**
 * `n` base vectors and `queries` query vectors, flat row-major and L2-normalised.
 *
 * @example
 *   clusteredVectors({ n: 1000, dim: 32, queries: 10, seed: 7 }).flat.length; // 32000
 */
export function clusteredVectors(o: ClusteredOptions): { flat: Float32Array; queries: Float32Array } {
  const { n, dim } = o;
  const nq = o.queries ?? 0;
  const clusters = o.clusters ?? 1000;
  const latent = o.latent ?? 24;
  const rnd = seededRandom(o.seed ?? 1);
  let spare: number | undefined;
  const gauss = () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = Math.max(rnd(), 1e-12);
    const v = rnd();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const proj = new Float32Array(dim * latent);
  for (let i = 0; i < proj.length; i++) proj[i] = gauss() / Math.sqrt(latent);
  const centres = new Float32Array(clusters * latent);
  for (let i = 0; i < centres.length; i++) centres[i] = gauss();
  const z = new Float32Array(latent);
  const make = (out: Float32Array, count: number) => {
    for (let p = 0; p < count; p++) {
      const c = Math.floor(rnd() * clusters) * latent;
      for (let j = 0; j < latent; j++) z[j] = (centres[c + j] as number) + 0.5 * gauss();
      const base = p * dim;
      let norm = 0;
      for (let i = 0; i < dim; i++) {
        let s = 0.05 * gauss();
        const row = i * latent;
        for (let j = 0; j < latent; j++) s += (proj[row + j] as number) * (z[j] as number);
        out[base + i] = s;
        norm += s * s;
      }
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < dim; i++) out[base + i] = (out[base + i] as number) * inv;
    }
  };
  const flat = new Float32Array(n * dim);
  make(flat, n);
  const queries = new Float32Array(nq * dim);
  make(queries, nq);
  return { flat, queries };
}

/**
 * Exact top-k row numbers for each query (cosine; rows are normalised so the dot
 * product is used), with a `dotBatchInto` kernel.
 *
 * @example
 *   exactTopK(loadKernels(), flat, queries, 384, 10); // Int32Array(queries × 10)
 */
export function exactTopK(
  kernels: { dotBatchInto(q: Float32Array, m: Float32Array, dim: number, out: Float32Array): void },
  flat: Float32Array,
  queries: Float32Array,
  dim: number,
  k: number,
): Int32Array {
  const n = flat.length / dim;
  const nq = queries.length / dim;
  const out = new Float32Array(n);
  const res = new Int32Array(nq * k);
  const topS = new Float32Array(k);
  for (let q = 0; q < nq; q++) {
    kernels.dotBatchInto(queries.subarray(q * dim, (q + 1) * dim), flat, dim, out);
    topRowsInto(out, topS, res.subarray(q * k, (q + 1) * k));
  }
  return res;
}

/**
 * Writes the rows of the `top.length` highest `scores` into `top` (best first; -1
 * where there are fewer rows), using `topS` (same length) as scratch.
 *
 * @example
 *   const top = new Int32Array(2); topRowsInto(new Float32Array([0.1, 0.9, 0.5]), new Float32Array(2), top); // top = [1, 2]
 */
export function topRowsInto(scores: Float32Array, topS: Float32Array, top: Int32Array): Int32Array {
  const k = top.length;
  topS.fill(Number.NEGATIVE_INFINITY);
  top.fill(-1);
  for (let r = 0; r < scores.length; r++) {
    const s = scores[r] as number;
    if (s <= (topS[k - 1] as number)) continue;
    let i = k - 1;
    while (i > 0 && (topS[i - 1] as number) < s) {
      topS[i] = topS[i - 1] as number;
      top[i] = top[i - 1] as number;
      i--;
    }
    topS[i] = s;
    top[i] = r;
  }
  return top;
}

/**
 * Mean share of the true top-k found, `found` and `truth` both `queries × k`.
 *
 * @example
 *   recallAtK(found, truth, 10); // 0.99
 */
export function recallAtK(found: ArrayLike<number>, truth: ArrayLike<number>, k: number): number {
  const nq = truth.length / k;
  let hit = 0;
  for (let q = 0; q < nq; q++) {
    const want = new Set<number>();
    for (let i = 0; i < k; i++) want.add(truth[q * k + i] as number);
    for (let i = 0; i < k; i++) if (want.has(found[q * k + i] as number)) hit++;
  }
  return hit / (nq * k);
}
