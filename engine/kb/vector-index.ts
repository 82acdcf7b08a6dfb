/**
 * The VectorIndex port and its exact adapter: brute-force cosine over one flat
 * growable Float32Array with the SIMD kernels of engine/vector/kernels.ts.
 *
 * Pick the exact adapter up to ~100k vectors per knowledge base: one query scans
 * them all (11 ms at 100k × 384 with the native avx2+fma kernels on an AMD EPYC).
 * The knowledge base uses the usearch adapter (vector-index.usearch.ts), which is
 * this exact scan up to 10,000 vectors and an HNSW graph above, chosen by
 * `npm run bench -- vector`; the knowledge base reranks candidates with exact cosine.
 *
 * Off the event loop: `searchBatch` scans a copy-on-write snapshot of the rows on a
 * libuv worker thread (native addon, vector-batch.ts); `search` is its synchronous
 * twin for one query (0.3 ms at 10k × 384).
 *
 * @example
 *   const idx = createExactVectorIndex({ dim: 384 });
 *   idx.add("a", vec);
 *   idx.search(query, 5); // [{ id: "a", score: 0.83 }]
 */
import { type Kernels, loadKernels } from "../vector/kernels.ts";
import type { ScoredId } from "./bm25.ts";
import { exactSearchBatch, loadTopkBatch, packQueries, RowPins } from "./vector-batch.ts";

/**
 * Nearest neighbours by cosine similarity. Contract: `add` of a known id replaces
 * its vector; `search` returns at most `k` hits, best first, only ids that pass
 * `filter`, with scores in [-1, 1]; ties break by id. Not thread-safe, in memory.
 * `searchBatch` answers like `search` for each query, over the index as it was
 * when it was called (writes while it runs are not seen and corrupt nothing), and
 * does its scanning off the event loop; `search` is the synchronous twin for one
 * small query.
 */
export interface VectorIndex {
  readonly dim: number;
  readonly size: number;
  add(id: string, vec: Float32Array): void;
  remove(id: string): boolean;
  has(id: string): boolean;
  /** The stored vector (a copy), or undefined. */
  get(id: string): Float32Array | undefined;
  search(query: Float32Array, k: number, filter?: (id: string) => boolean): ScoredId[];
  /**
   * Top-k of each query (a list, or one flat `n × dim` array), off the event loop.
   * Rejects with a TypeError on a wrong length.
   */
  searchBatch(
    queries: Float32Array | readonly Float32Array[],
    k: number,
    filter?: (id: string) => boolean,
  ): Promise<ScoredId[][]>;
}

/** Options of the exact index. */
export interface ExactVectorIndexOptions {
  dim: number;
  /** Default: `loadKernels()` (native SIMD when built, else TypeScript). */
  kernels?: Kernels;
  /** Rows allocated up front (default 64); the buffer doubles when full. */
  initialCapacity?: number;
}

/**
 * Creates the exact (brute-force) VectorIndex.
 *
 * @example
 *   createExactVectorIndex({ dim: 384, kernels: jsKernels });
 */
export function createExactVectorIndex(opts: ExactVectorIndexOptions): VectorIndex {
  const { dim } = opts;
  if (!Number.isInteger(dim) || dim <= 0) throw new TypeError(`dim must be a positive integer, got ${dim}`);
  const kernels = opts.kernels ?? loadKernels();
  let cap = Math.max(1, opts.initialCapacity ?? 64);
  let data = new Float32Array(cap * dim);
  let scores = new Float32Array(cap);
  let ids: string[] = [];
  const rowOf = new Map<string, number>();
  const pins = new RowPins();
  const scan = loadTopkBatch(kernels);

  const check = (vec: Float32Array) => {
    if (vec.length !== dim) throw new TypeError(`vector length ${vec.length} does not match dim ${dim}`);
  };
  /** Before a write: a batch still reads the buffers, so write to copies. */
  const own = () => {
    if (!pins.mustCopy()) return;
    data = data.slice();
    ids = ids.slice();
  };

  return {
    dim,
    get size() {
      return ids.length;
    },
    add(id, vec) {
      check(vec);
      own();
      let row = rowOf.get(id);
      if (row === undefined) {
        if (ids.length === cap) {
          cap *= 2;
          const next = new Float32Array(cap * dim);
          next.set(data);
          data = next;
          scores = new Float32Array(cap);
        }
        row = ids.length;
        ids.push(id);
        rowOf.set(id, row);
      }
      data.set(vec, row * dim);
    },
    remove(id) {
      const row = rowOf.get(id);
      if (row === undefined) return false;
      own();
      const last = ids.length - 1;
      if (row !== last) {
        // Move the last row into the hole so the live rows stay contiguous.
        data.copyWithin(row * dim, last * dim, (last + 1) * dim);
        const moved = ids[last] as string;
        ids[row] = moved;
        rowOf.set(moved, row);
      }
      ids.pop();
      rowOf.delete(id);
      return true;
    },
    has: (id) => rowOf.has(id),
    get(id) {
      const row = rowOf.get(id);
      return row === undefined ? undefined : data.slice(row * dim, (row + 1) * dim);
    },
    search(query, k, filter) {
      check(query);
      const n = ids.length;
      if (k <= 0 || n === 0) return [];
      const out = scores.subarray(0, n);
      kernels.cosineBatchInto(query, data.subarray(0, n * dim), dim, out);
      return topScored(out, ids, k, filter);
    },
    async searchBatch(queries, k, filter) {
      const qs = packQueries(queries, dim);
      const release = pins.pin();
      try {
        return await exactSearchBatch(scan, { data, ids, rows: ids.length, dim, free: 0 }, qs, k, kernels, filter);
      } finally {
        release();
      }
    },
  };
}

/**
 * The best `k` rows of `scores` as ids (best first, ties by id), skipping rows whose
 * id is undefined (free slots) or fails `filter`. Insertion into a small sorted
 * array: O(n·k), fine for k ≤ a few hundred.
 *
 * @example
 *   topScored(new Float32Array([0.1, 0.9]), ["a", "b"], 1); // [{ id: "b", score: 0.9 }]
 */
export function topScored(
  scores: Float32Array,
  ids: readonly (string | undefined)[],
  k: number,
  filter?: (id: string) => boolean,
): ScoredId[] {
  const top: ScoredId[] = [];
  for (let r = 0; r < scores.length; r++) {
    const id = ids[r];
    if (id === undefined) continue;
    const score = scores[r] as number;
    if (top.length === k) {
      const worst = top[k - 1] as ScoredId;
      if (score < worst.score || (score === worst.score && id > worst.id)) continue;
    }
    if (filter && !filter(id)) continue;
    let i = top.length;
    while (i > 0) {
      const p = top[i - 1] as ScoredId;
      if (p.score > score || (p.score === score && p.id < id)) break;
      i--;
    }
    top.splice(i, 0, { id, score });
    if (top.length > k) top.pop();
  }
  return top;
}
