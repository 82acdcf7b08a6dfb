/**
 * The async batch search shared by the vector index adapters: exact top-k over a
 * copy-on-write snapshot of the rows, scanned by the native addon's
 * `cosineTopkBatch` on a libuv worker thread (off the event loop), or, without
 * the addon, by the TypeScript kernels one query per event-loop turn.
 *
 * What a batch sees: the rows as they were when `searchBatch` was called. The
 * adapter pins its buffers (`RowPins`); a write while a batch holds them copies
 * the buffers first (one O(rows × dim) copy per write that meets a pinned
 * batch), so the batch keeps reading the old, never-changed ones.
 *
 * @example
 *   const batch = loadTopkBatch(kernels);
 *   const hits = await exactSearchBatch(batch, { data, ids, rows: n, dim }, queries, 5);
 */

import { loadAddon } from "../native.ts";
import type { Kernels } from "../vector/kernels.ts";
import type { ScoredId } from "./bm25.ts";
import { topScored } from "./vector-index.ts";

/** Result of the native scan: query `i` owns `rows`/`scores[offsets[i]..offsets[i+1]]`. */
export interface TopkBatch {
  rows: Uint32Array;
  scores: Float32Array;
  offsets: Uint32Array;
}

interface TopkAddon {
  cosineTopkBatch(queries: Float32Array, matrix: Float32Array, dim: number, k: number): Promise<TopkBatch>;
}

/** Ties at the k-th score beyond k that the native scan returns (native/src/topk.rs MAX_EXTRA_TIES). */
const MAX_EXTRA_TIES = 1024;

/** The native async scan when the kernels are native and the addon has it, else undefined. */
export type TopkScan = TopkAddon["cosineTopkBatch"] | undefined;

/**
 * The native scan matching `kernels` (native kernels → the addon's async scan; TypeScript
 * kernels → undefined, so results match the kernels' own rounding).
 *
 * @example
 *   const scan = loadTopkBatch(loadKernels());
 */
export function loadTopkBatch(kernels: Kernels): TopkScan {
  if (kernels.impl !== "native") return undefined;
  return loadAddon<TopkAddon>("async vector search", (a) => typeof a.cosineTopkBatch === "function")?.cosineTopkBatch;
}

/** A read-only view of an adapter's rows: row r is `data[r*dim..]`, its id `ids[r]` (undefined = free). */
export interface RowSnapshot {
  data: Float32Array;
  ids: readonly (string | undefined)[];
  /** Rows in use (live or free): `data` holds at least `rows × dim` floats. */
  rows: number;
  dim: number;
  /** Free rows among them (zero vectors with an undefined id). */
  free: number;
}

/**
 * Copy-on-write bookkeeping of an adapter's row buffers. `pin()` before handing the
 * buffers to a batch, the returned `release` when it settles; `mustCopy()` before
 * every write says whether the buffers are pinned and must be copied first.
 *
 * @example
 *   const pins = new RowPins();
 *   const release = pins.pin();
 *   if (pins.mustCopy()) data = data.slice(); // then write
 */
export class RowPins {
  private gen = 0;
  private count = 0;
  /** Pins the current buffers; call the result once when the reader is done. */
  pin(): () => void {
    const gen = this.gen;
    this.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (gen === this.gen) this.count--;
    };
  }
  /** True when the buffers are pinned; the caller then copies them and writes to the copies. */
  mustCopy(): boolean {
    if (this.count === 0) return false;
    this.gen++;
    this.count = 0;
    return true;
  }
}

/**
 * Flattens queries to one `n × dim` Float32Array (always a copy: the caller may reuse
 * its buffers while the batch runs). Throws a TypeError on a wrong length.
 *
 * @example
 *   packQueries([q1, q2], 384).length; // 768
 */
export function packQueries(queries: Float32Array | readonly Float32Array[], dim: number): Float32Array {
  if (queries instanceof Float32Array) {
    if (queries.length % dim !== 0) {
      throw new TypeError(`queries length ${queries.length} is not a multiple of dim ${dim}`);
    }
    return queries.slice();
  }
  const out = new Float32Array(queries.length * dim);
  queries.forEach((q, i) => {
    if (q.length !== dim) throw new TypeError(`vector length ${q.length} does not match dim ${dim}`);
    out.set(q, i * dim);
  });
  return out;
}

/** Lets the event loop turn (timers, I/O) before the next piece of work. */
export const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Exact top-k of each query over `snap`, with the same results as the sync scan
 * (`topScored` over the kernels' scores): best first, ties by id, only ids passing
 * `filter`. With `scan`, the scans run off the event loop and a selective filter
 * costs further scans with 4× more candidates (same snapshot); without it, each
 * query is one synchronous scan with an event-loop turn between queries.
 *
 * @example
 *   await exactSearchBatch(scan, snap, packQueries([q], snap.dim), 5, kernels);
 */
export async function exactSearchBatch(
  scan: TopkScan,
  snap: RowSnapshot,
  queries: Float32Array,
  k: number,
  kernels: Kernels,
  filter?: (id: string) => boolean,
): Promise<ScoredId[][]> {
  const { dim, rows } = snap;
  const nq = queries.length / dim;
  const out: ScoredId[][] = Array.from({ length: nq }, () => []);
  if (k <= 0 || rows === 0 || nq === 0) return out;
  const matrix = snap.data.subarray(0, rows * dim);
  if (!scan) {
    const scores = new Float32Array(rows);
    for (let i = 0; i < nq; i++) {
      if (i > 0) await yieldTurn();
      kernels.cosineBatchInto(queries.subarray(i * dim, (i + 1) * dim), matrix, dim, scores);
      out[i] = topScored(scores, snap.ids, k, filter);
    }
    return out;
  }
  let todo = Array.from({ length: nq }, (_, i) => i);
  let fetch = Math.min(rows, k + snap.free);
  for (;;) {
    const qs = new Float32Array(todo.length * dim);
    todo.forEach((qi, j) => {
      qs.set(queries.subarray(qi * dim, (qi + 1) * dim), j * dim);
    });
    const r = await scan(qs, matrix, dim, fetch);
    const again: number[] = [];
    todo.forEach((qi, j) => {
      const from = r.offsets[j] as number;
      const to = r.offsets[j + 1] as number;
      const hits: ScoredId[] = [];
      for (let p = from; p < to; p++) {
        const id = snap.ids[r.rows[p] as number];
        if (id === undefined || (filter && !filter(id))) continue;
        hits.push({ id, score: r.scores[p] as number });
      }
      // Every row not returned scores below every row returned, unless the tie cap was hit.
      const complete = fetch >= rows || to - from < fetch + MAX_EXTRA_TIES;
      if (complete && (hits.length >= k || fetch >= rows)) {
        hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        out[qi] = hits.slice(0, k);
      } else if (fetch >= rows) {
        // Every row was a candidate (only the tie cap could cut it short): the plain scan decides.
        const scores = new Float32Array(rows);
        kernels.cosineBatchInto(queries.subarray(qi * dim, (qi + 1) * dim), matrix, dim, scores);
        out[qi] = topScored(scores, snap.ids, k, filter);
      } else again.push(qi);
    });
    if (again.length === 0) return out;
    todo = again;
    fetch = Math.min(rows, fetch * 4);
  }
}
