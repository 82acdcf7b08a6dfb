/**
 * The usearch HNSW adapter of the VectorIndex port (npm `usearch`), exact below a
 * size threshold, with save/restore of the graph.
 *
 * Choice per size: up to `exactBelow` live vectors (default `EXACT_BELOW` = 10,000)
 * a search is an exact scan with the SIMD kernels of engine/vector/kernels.ts and no
 * graph exists; above it the HNSW graph is built once (all cores, bulk insert, on
 * the graph worker) and kept up to date by every add and remove. Why 10,000: the crossover sweep of
 * `VECTOR_PEERS=crossover npm run bench -- vector` (384-d clustered, one query at a
 * time on one core of a shared 2-core AMD EPYC, p50 over two runs) measured exact
 * 0.07 ms at 2k, 0.12 ms at 5k, 0.34–0.57 ms at 10k, 1.4–1.5 ms at 20k, 3.5–9.6 ms
 * at 50k and 8.5–11 ms at 100k, against HNSW 0.08–0.37 ms. Up to 10k the exact
 * scan stays under a millisecond, is exact, costs no graph memory and no build
 * (0.5–3.4 s at 10k on two busy cores); at 20k it is 4× slower than HNSW
 * and its p99 passes the 2 ms budget; at 50k it is 10–25× slower.
 *
 * Candidates from the graph (`rerank` × k of them) are rescored with exact cosine
 * on the stored f32 vectors, so scores are true cosines even with f16/i8
 * quantization, and ties break by id as the port requires. A filter is applied by
 * over-fetching (×4 per round); when the graph cannot supply k passing ids from a
 * quarter of the index, the search falls back to the exact scan, so a selective
 * filter never loses hits.
 *
 * Off the event loop: the usearch JS binding (2.26.2) has no async call, so the
 * graph lives in a Bun Worker (vector-graph.ts) and the main thread keeps the f32
 * rows (shared memory) for the exact scan and the rerank. The first build above
 * `exactBelow` runs on the worker from a pinned snapshot of the rows while searches
 * stay exact; a restore checks the file's hash and loads it on the worker, and
 * fingerprints the rows one slice per event-loop turn (`RESTORE_SLICE` rows).
 * `searchBatch` sends its queries to the worker (usearch's thread pool there) and
 * rescores against a copy-on-write snapshot taken at the call, so a batch sees the
 * index as it was when called (a filtered batch that needs more candidates asks
 * again and may then miss rows written meanwhile). `search` is the synchronous
 * twin: it blocks until the worker answers it and whatever was queued before it.
 * Writes are queued to the worker in order, so any search issued after `add`
 * returns sees the vector.
 *
 * @example
 *   const idx = createUsearchVectorIndex({ dim: 384, quantization: "f16" });
 *   idx.add("a", vec);
 *   idx.search(query, 5); // [{ id: "a", score: 0.83 }]
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { type Kernels, loadKernels } from "../vector/kernels.ts";
import type { ScoredId } from "./bm25.ts";
import { exactSearchBatch, loadTopkBatch, packQueries, RowPins, yieldTurn } from "./vector-batch.ts";
import { GraphWorker } from "./vector-graph.ts";
import { topScored, type VectorIndex } from "./vector-index.ts";

/** Live vectors up to which search is exact and no graph is kept (see the file comment). */
export const EXACT_BELOW = 10_000;

/** Storage type of the vectors inside the graph. Reranking always uses f32 copies. */
export type VectorQuantization = "f32" | "f16" | "i8";

/** Options of the usearch index. */
export interface UsearchVectorIndexOptions {
  dim: number;
  /** Default "f16": half the memory of f32, same recall after the exact rerank. */
  quantization?: VectorQuantization;
  /** HNSW M: links per node (default 16). */
  connectivity?: number;
  /** ef at construction (default 64: recall@10 0.999 at 100k on clustered 384-d data, half the build time of usearch's 128). */
  expansionAdd?: number;
  /**
   * ef at search (default 96; raised to the number of candidates fetched). At 1M × 384
   * (`npm run bench -- vector`, one core) recall@10 / p99 was 0.980 / 4.7 ms at 64,
   * 0.988 / 1.16 ms at 96 and 0.991 / 1.55 ms at 128: 96 is the first to meet the
   * 0.98 recall and 2 ms p99 targets with margin.
   */
  expansionSearch?: number;
  /** Candidates fetched from the graph per hit wanted, then rescored exactly (default 2). */
  rerank?: number;
  /** Exact search up to this many live vectors (default `EXACT_BELOW`; 0 = always the graph). */
  exactBelow?: number;
  /** Threads of graph builds and `searchBatch` on the worker (default 0 = all cores). */
  threads?: number;
  /** Default: `loadKernels()`. */
  kernels?: Kernels;
}

/** Rows fingerprinted per event-loop turn during a restore (≈ 2 ms of hashing at 384 dims). */
export const RESTORE_SLICE = 4096;

/** Where the graph is: none (exact mode), building or loading on the worker, or ready there. */
export type GraphState = "none" | "building" | "ready";

/** What a restore did: loaded the saved graph, built it from the vectors, or kept no graph (exact). */
export type RestoreSource = "file" | "built" | "exact";

/** The usearch adapter: the port plus batch search and persistence. */
export interface UsearchVectorIndex extends VectorIndex {
  /** "exact" while at or below `exactBelow` live vectors, else "hnsw". */
  readonly mode: "exact" | "hnsw";
  /** Where the graph is; searches use it only when "ready". */
  readonly graph: GraphState;
  /** How many times the graph was built from the stored vectors (restores from a file do not count). */
  readonly graphBuilds: number;
  /** Starts the graph build when one is needed and resolves when no build or load is under way. */
  whenGraphReady(): Promise<void>;
  /** Adds (or replaces) many vectors: `flat` is `ids.length × dim`. */
  addMany(ids: string[], flat: Float32Array): void;
  /**
   * Writes the graph to `file` and its key map to `file + ".json"` (JSON Lines; each through a
   * temporary file and a rename). Returns false and removes both when there is no
   * graph (exact mode): nothing to save, the vectors live elsewhere. Blocks until
   * the worker has written the file (after a build under way, if any).
   */
  save(file: string, meta?: string): boolean;
  /** Stops the graph worker (searches are exact until the next build). */
  close(): void;
}

const QUANTIZATIONS: readonly VectorQuantization[] = ["f32", "f16", "i8"];

/**
 * The key map (`<file>.json`), JSON Lines so a restore parses it a slice at a time:
 * this header, then one line per row (= usearch key): the id as a JSON string, or
 * `null` for a free row.
 */
interface Sidecar {
  format: 2;
  dim: number;
  quantization: VectorQuantization;
  connectivity: number;
  meta: string;
  /** Rows that follow. */
  rows: number;
  fingerprint: string;
  fileHash: string;
}

/** The row lines of a key map after its header, parsed one `RESTORE_SLICE` per event-loop turn; undefined if malformed. */
async function parseRows(text: string, from: number, count: number): Promise<(string | null)[] | undefined> {
  const rows: (string | null)[] = new Array(count);
  let pos = from;
  for (let r = 0; r < count; r++) {
    if (r > 0 && r % RESTORE_SLICE === 0) await yieldTurn();
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    let v: unknown;
    try {
      v = JSON.parse(text.slice(pos, end));
    } catch {
      return undefined;
    }
    if (v !== null && typeof v !== "string") return undefined;
    rows[r] = v;
    pos = end + 1;
  }
  return pos >= text.length ? rows : undefined;
}

/** Hash of one (id, vector) pair; the fingerprint is their sum, so order does not matter. */
const pairHash = (id: string, v: Float32Array) =>
  BigInt(Bun.hash(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), Bun.hash(id)));

/** Order-independent 64-bit fingerprint of (id, vector) pairs. */
function fingerprintOf(pairs: Iterable<[string, Float32Array]>): string {
  let sum = 0n;
  for (const [id, v] of pairs) sum = (sum + pairHash(id, v)) & 0xffff_ffff_ffff_ffffn;
  return sum.toString(16);
}

/** `fingerprintOf` over `ids` and the rows of `flat`, one `RESTORE_SLICE` per event-loop turn. */
async function fingerprintAsync(ids: string[], flat: Float32Array, dim: number): Promise<string> {
  let sum = 0n;
  for (let i = 0; i < ids.length; i++) {
    if (i > 0 && i % RESTORE_SLICE === 0) await yieldTurn();
    sum = (sum + pairHash(ids[i] as string, flat.subarray(i * dim, (i + 1) * dim))) & 0xffff_ffff_ffff_ffffn;
  }
  return sum.toString(16);
}

/** Calls `fn(i)` for i in [0, n), letting the event loop turn after every `RESTORE_SLICE` calls. */
async function sliced(n: number, fn: (i: number) => void): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % RESTORE_SLICE === 0) await yieldTurn();
    fn(i);
  }
}

/** `index.addMany(ids, flat)` one `RESTORE_SLICE` per event-loop turn. */
async function addManySliced(index: UsearchVectorIndex, ids: string[], flat: Float32Array): Promise<void> {
  const d = index.dim;
  for (let i = 0; i < ids.length; i += RESTORE_SLICE) {
    if (i > 0) await yieldTurn();
    const j = Math.min(ids.length, i + RESTORE_SLICE);
    index.addMany(ids.slice(i, j), flat.subarray(i * d, j * d));
  }
}

/** The live (id, row) pairs of an index's rows. */
function* liveRows(ids: readonly (string | undefined)[], data: Float32Array, dim: number) {
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r];
    if (id !== undefined) yield [id, data.subarray(r * dim, (r + 1) * dim)] as [string, Float32Array];
  }
}

function checkOptions(o: UsearchVectorIndexOptions): Required<Omit<UsearchVectorIndexOptions, "kernels">> {
  const r = {
    dim: o.dim,
    quantization: o.quantization ?? "f16",
    connectivity: o.connectivity ?? 16,
    expansionAdd: o.expansionAdd ?? 64,
    expansionSearch: o.expansionSearch ?? 96,
    rerank: o.rerank ?? 2,
    exactBelow: o.exactBelow ?? EXACT_BELOW,
    threads: o.threads ?? 0,
  };
  if (!Number.isInteger(r.dim) || r.dim <= 0) throw new TypeError(`dim must be a positive integer, got ${r.dim}`);
  if (!QUANTIZATIONS.includes(r.quantization))
    throw new TypeError(`quantization must be f32, f16 or i8, got ${r.quantization}`);
  for (const k of ["connectivity", "expansionAdd", "expansionSearch", "exactBelow", "threads"] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 0) throw new TypeError(`${k} must be a non-negative integer, got ${r[k]}`);
  }
  if (!(r.rerank >= 1)) throw new TypeError(`rerank must be ≥ 1, got ${r.rerank}`);
  return r;
}

/**
 * Creates an empty usearch-backed index.
 *
 * @example
 *   const idx = createUsearchVectorIndex({ dim: 384, exactBelow: 0, quantization: "i8" });
 */
export function createUsearchVectorIndex(opts: UsearchVectorIndexOptions): UsearchVectorIndex {
  return build(opts).index;
}

/**
 * Restores an index from `file` (written by `save`) and the stored vectors, or
 * builds it from the vectors when the file is missing, corrupt, saved with other
 * options or for other vectors. `warning` says why it was rebuilt when a graph
 * was expected (more than `exactBelow` vectors) but could not be loaded. Resolves
 * when the graph is ready; meanwhile the event loop keeps turning: the rows are
 * fingerprinted one `RESTORE_SLICE` per turn, and the file's content hash, the
 * load and any rebuild run on the graph worker (usearch aborts the process on some
 * corrupt files instead of throwing, hence the hash check before it reads them).
 *
 * @example
 *   const { index, source, warning } = await restoreUsearchVectorIndex("kb.usearch", { dim: 384 }, ids, flat);
 *   if (warning) log.warn(warning);
 */
export async function restoreUsearchVectorIndex(
  file: string,
  opts: UsearchVectorIndexOptions,
  ids: string[],
  flat: Float32Array,
  meta = "",
): Promise<{ index: UsearchVectorIndex; source: RestoreSource; warning?: string }> {
  const o = checkOptions(opts);
  if (flat.length !== ids.length * o.dim) {
    throw new TypeError(`flat length ${flat.length} does not match ${ids.length} ids × dim ${o.dim}`);
  }
  const seen = new Set<string>();
  await sliced(ids.length, (i) => seen.add(ids[i] as string));
  if (seen.size <= o.exactBelow) {
    const b = build(opts);
    b.index.addMany(ids, flat);
    return { index: b.index, source: "exact" };
  }
  seen.clear();
  const rebuild = async (why: string) => {
    const b = build(opts);
    await addManySliced(b.index, ids, flat);
    await b.index.whenGraphReady();
    return {
      index: b.index,
      source: "built" as const,
      warning: `vector index file ${file} ${why}; rebuilt from stored vectors`,
    };
  };
  const why = await (async (): Promise<string | { sc: Sidecar; rows: (string | null)[] }> => {
    if (!existsSync(file) || !existsSync(`${file}.json`)) return "missing";
    let sc: Sidecar;
    let text: string;
    let nl: number;
    try {
      text = readFileSync(`${file}.json`, "utf8");
      nl = text.indexOf("\n");
      sc = JSON.parse(nl === -1 ? text : text.slice(0, nl)) as Sidecar;
    } catch {
      return "unreadable key map";
    }
    if (sc.format !== 2 || !Number.isInteger(sc.rows) || nl === -1) return "unknown key map format";
    if (sc.dim !== o.dim || sc.quantization !== o.quantization || sc.connectivity !== o.connectivity) {
      return "saved with other options";
    }
    if (sc.meta !== meta) return "saved for another embedder";
    if (sc.fingerprint !== (await fingerprintAsync(ids, flat, o.dim))) {
      return "stale (the stored vectors changed since it was saved)";
    }
    const rows = await parseRows(text, nl + 1, sc.rows);
    return rows ? { sc, rows } : "unreadable key map";
  })();
  if (typeof why === "string") return rebuild(why);
  const at = new Map<string, number>();
  await sliced(ids.length, (i) => at.set(ids[i] as string, i));
  const b = build(opts, why.rows.length);
  await b.restore(why.rows, (id) => {
    const i = at.get(id);
    return i === undefined ? undefined : flat.subarray(i * o.dim, (i + 1) * o.dim);
  });
  const refused = await b.loadGraph(file, why.sc.fileHash);
  if (refused !== "") return rebuild(refused);
  return { index: b.index, source: "file" };
}

function build(opts: UsearchVectorIndexOptions, initialRows = 64) {
  const o = checkOptions(opts);
  const { dim } = o;
  const kernels = opts.kernels ?? loadKernels();
  const scan = loadTopkBatch(kernels);
  let cap = Math.max(64, initialRows);
  /** Rows live in shared memory: the graph worker reads a pinned snapshot of them without a copy. */
  const alloc = (rows: number) => new Float32Array(new SharedArrayBuffer(rows * dim * 4));
  let data = alloc(cap);
  let scores = new Float32Array(cap);
  /** Row → id (undefined = free); the row number is the graph key. */
  let ids: (string | undefined)[] = [];
  const rowOf = new Map<string, number>();
  const free: number[] = [];
  const pins = new RowPins();
  let worker: GraphWorker | undefined;
  let graphState: GraphState = "none";
  let ready: Promise<void> = Promise.resolve();
  let graphBuilds = 0;

  const check = (vec: Float32Array) => {
    if (vec.length !== dim) throw new TypeError(`vector length ${vec.length} does not match dim ${dim}`);
  };
  const graphWorker = () => {
    worker ??= new GraphWorker({
      dim,
      quantization: o.quantization,
      connectivity: o.connectivity,
      expansionAdd: o.expansionAdd,
      expansionSearch: o.expansionSearch,
    });
    return worker;
  };
  /** Before a write: a batch or a graph build still reads the buffers, so write to copies. */
  const own = () => {
    if (!pins.mustCopy()) return;
    const next = alloc(cap);
    next.set(data.subarray(0, ids.length * dim));
    data = next;
    ids = ids.slice();
  };
  const grow = (rows: number) => {
    if (rows <= cap) return;
    while (cap < rows) cap *= 2;
    const next = alloc(cap);
    next.set(data.subarray(0, ids.length * dim));
    data = next;
    scores = new Float32Array(cap);
  };

  /** Starts building the graph from every live row on the worker; searches stay exact until it is ready. */
  const startBuild = () => {
    const w = graphWorker();
    const keys = new Float64Array(rowOf.size);
    let i = 0;
    for (let r = 0; r < ids.length; r++) if (ids[r] !== undefined) keys[i++] = r;
    const release = pins.pin();
    graphState = "building";
    graphBuilds++;
    ready = w.build(keys, data, o.threads).then(
      () => {
        if (worker === w) graphState = "ready";
        release();
      },
      (e: Error) => {
        if (worker === w) {
          // The graph is gone: close the worker; the next search that needs a graph starts over.
          w.close();
          worker = undefined;
          graphState = "none";
        }
        release();
        throw e;
      },
    );
    ready.catch(() => {}); // awaited by whenGraphReady; searches meanwhile stay exact
  };

  /** Exact cosine of `q` against row `r` of `rows` (qn = |q|). */
  const cosine = (rows: Float32Array, q: Float32Array, qn: number, r: number) => {
    const base = r * dim;
    let dot = 0;
    let mm = 0;
    for (let i = 0; i < dim; i++) {
      const m = rows[base + i] as number;
      dot += (q[i] as number) * m;
      mm += m * m;
    }
    const d = qn * Math.sqrt(mm);
    return d === 0 ? 0 : dot / d;
  };
  const better = (a: ScoredId, b: ScoredId) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  const exactSearch = (q: Float32Array, k: number, filter?: (id: string) => boolean): ScoredId[] => {
    const n = ids.length;
    const out = scores.subarray(0, n);
    kernels.cosineBatchInto(q, data.subarray(0, n * dim), dim, out);
    return topScored(out, ids, k, filter);
  };

  /** Rescores graph candidates exactly against `snap`; returns the passing ones, best first. */
  const rescore = (
    snap: { data: Float32Array; ids: readonly (string | undefined)[] },
    q: Float32Array,
    keys: ArrayLike<number>,
    filter?: (id: string) => boolean,
  ): ScoredId[] => {
    let qq = 0;
    for (let i = 0; i < dim; i++) qq += (q[i] as number) ** 2;
    const qn = Math.sqrt(qq);
    const hits: ScoredId[] = [];
    for (let i = 0; i < keys.length; i++) {
      const r = keys[i] as number;
      const id = snap.ids[r];
      if (id === undefined || (filter && !filter(id))) continue;
      hits.push({ id, score: cosine(snap.data, q, qn, r) });
    }
    return hits.sort(better);
  };

  /** True when searches go to the graph; starts the build the first time it is needed. */
  const useGraph = () => {
    if (rowOf.size <= o.exactBelow) return false;
    if (graphState === "none") startBuild();
    return graphState === "ready";
  };

  const index: UsearchVectorIndex = {
    dim,
    get size() {
      return rowOf.size;
    },
    get mode() {
      return rowOf.size <= o.exactBelow ? "exact" : "hnsw";
    },
    get graph() {
      return graphState;
    },
    get graphBuilds() {
      return graphBuilds;
    },
    whenGraphReady() {
      useGraph();
      return ready;
    },
    add(id, vec) {
      check(vec);
      own();
      let r = rowOf.get(id);
      if (r === undefined) {
        r = free.pop();
        if (r === undefined) {
          grow(ids.length + 1);
          r = ids.length;
          ids.push(id);
        } else ids[r] = id;
        rowOf.set(id, r);
      }
      data.set(vec, r * dim);
      if (worker && graphState !== "none") worker.add(r, vec);
    },
    addMany(batchIds, flat) {
      if (flat.length !== batchIds.length * dim) {
        throw new TypeError(`flat length ${flat.length} does not match ${batchIds.length} ids × dim ${dim}`);
      }
      if (graphState !== "none") {
        batchIds.forEach((id, i) => {
          index.add(id, flat.subarray(i * dim, (i + 1) * dim));
        });
        return;
      }
      // No graph yet: fill the rows; the graph is built in bulk when a search first needs it.
      own();
      grow(ids.length + batchIds.length);
      batchIds.forEach((id, i) => {
        let r = rowOf.get(id);
        if (r === undefined) {
          r = free.pop() ?? ids.length;
          if (r === ids.length) ids.push(id);
          else ids[r] = id;
          rowOf.set(id, r);
        }
        data.set(flat.subarray(i * dim, (i + 1) * dim), r * dim);
      });
    },
    remove(id) {
      const r = rowOf.get(id);
      if (r === undefined) return false;
      own();
      rowOf.delete(id);
      ids[r] = undefined;
      data.fill(0, r * dim, (r + 1) * dim);
      free.push(r);
      if (worker && graphState !== "none") worker.remove(r);
      return true;
    },
    has: (id) => rowOf.has(id),
    get(id) {
      const r = rowOf.get(id);
      return r === undefined ? undefined : data.slice(r * dim, (r + 1) * dim);
    },
    search(query, k, filter) {
      check(query);
      const n = rowOf.size;
      if (k <= 0 || n === 0) return [];
      if (!useGraph()) return exactSearch(query, k, filter);
      const w = worker as GraphWorker;
      let fetch = Math.min(n, Math.ceil(k * o.rerank));
      for (;;) {
        const hits = rescore({ data, ids }, query, w.searchSync(query, fetch), filter);
        if (hits.length >= k || fetch >= n) return hits.slice(0, k);
        if (fetch * 4 > n / 4) return exactSearch(query, k, filter);
        fetch *= 4;
      }
    },
    async searchBatch(queries, k, filter) {
      const qs = packQueries(queries, dim);
      const nq = qs.length / dim;
      const n = rowOf.size;
      if (k <= 0 || n === 0) return Array.from({ length: nq }, () => []);
      const release = pins.pin();
      const snap = { data, ids, rows: ids.length, dim, free: free.length };
      try {
        if (!useGraph()) return await exactSearchBatch(scan, snap, qs, k, kernels, filter);
        const w = worker as GraphWorker;
        const out: ScoredId[][] = Array.from({ length: nq }, () => []);
        const q = (i: number) => qs.subarray(i * dim, (i + 1) * dim);
        const pack = (list: number[]) => {
          const sub = new Float32Array(list.length * dim);
          list.forEach((qi, j) => {
            sub.set(q(qi), j * dim);
          });
          return sub;
        };
        let todo = Array.from({ length: nq }, (_, i) => i);
        const exact: number[] = [];
        // The same rounds as `search`: 4× more candidates while a filter leaves fewer than k.
        for (let fetch = Math.min(n, Math.ceil(k * o.rerank)); todo.length > 0; fetch *= 4) {
          const m = await w.search(pack(todo), fetch, o.threads);
          const again: number[] = [];
          todo.forEach((qi, j) => {
            const keys = m.keys.subarray(j * fetch, j * fetch + (m.counts[j] as number));
            const hits = rescore(snap, q(qi), keys, filter);
            if (hits.length >= k || fetch >= n) out[qi] = hits.slice(0, k);
            else if (fetch * 4 > n / 4) exact.push(qi);
            else again.push(qi);
          });
          todo = again;
        }
        if (exact.length > 0) {
          const hits = await exactSearchBatch(scan, snap, pack(exact), k, kernels, filter);
          exact.forEach((qi, j) => {
            out[qi] = hits[j] as ScoredId[];
          });
        }
        return out;
      } finally {
        release();
      }
    },
    save(file, meta = "") {
      if (rowOf.size <= o.exactBelow) {
        rmSync(file, { force: true });
        rmSync(`${file}.json`, { force: true });
        return false;
      }
      if (graphState === "none") startBuild();
      // Queued behind the build and every write: the saved graph holds exactly the rows below.
      const hash = (worker as GraphWorker).saveSync(`${file}.tmp`);
      const sc: Sidecar = {
        format: 2,
        dim,
        quantization: o.quantization,
        connectivity: o.connectivity,
        meta,
        rows: ids.length,
        fingerprint: fingerprintOf(liveRows(ids, data, dim)),
        fileHash: hash,
      };
      const lines = [JSON.stringify(sc)];
      for (const id of ids) lines.push(id === undefined ? "null" : JSON.stringify(id));
      writeFileSync(`${file}.json.tmp`, lines.join("\n"));
      renameSync(`${file}.tmp`, file);
      renameSync(`${file}.json.tmp`, `${file}.json`);
      return true;
    },
    close() {
      worker?.close();
      worker = undefined;
      graphState = "none";
    },
  };

  return {
    index,
    /** Fills rows from a saved key map (row → id) and a lookup of the stored vectors, one slice per turn. */
    async restore(rows: (string | null)[], vecOf: (id: string) => Float32Array | undefined) {
      grow(rows.length);
      await sliced(rows.length, (r) => {
        const id = rows[r] as string | null;
        if (id === null) {
          ids.push(undefined);
          free.push(r);
          return;
        }
        const v = vecOf(id);
        if (!v) throw new Error(`vector of ${id} missing`); // unreachable: the fingerprint matched
        ids.push(id);
        rowOf.set(id, r);
        data.set(v, r * dim);
      });
    },
    /** Loads the saved graph on the worker; resolves "" or why it was refused. */
    async loadGraph(file: string, hash: string): Promise<string> {
      const w = graphWorker();
      graphState = "building";
      const p = w.load(file, hash, rowOf.size);
      ready = p.then(() => {});
      ready.catch(() => {});
      const why = await p.catch((e: Error) => `could not be loaded (${e.message})`);
      if (why === "") graphState = "ready";
      else index.close();
      return why;
    },
  };
}
