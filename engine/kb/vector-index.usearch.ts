/**
 * The usearch HNSW adapter of the VectorIndex port (npm `usearch`), exact below a
 * size threshold, with save/restore of the graph.
 *
 * Choice per size: up to `exactBelow` live vectors (default `EXACT_BELOW` = 10,000)
 * a search is an exact scan with the SIMD kernels of engine/vector/kernels.ts and no
 * graph exists; above it the HNSW graph is built once (all cores, bulk insert) and
 * kept up to date by every add and remove. Why 10,000: the crossover sweep of
 * `VECTOR_PEERS=crossover npm run bench -- vector` (384-d clustered, one query at a
 * time on one core of a shared 2-core AMD EPYC, p50 over two runs) measured exact
 * 0.07 ms at 2k, 0.12 ms at 5k, 0.34–0.57 ms at 10k, 1.4–1.5 ms at 20k, 3.5–9.6 ms
 * at 50k and 8.5–11 ms at 100k, against HNSW 0.08–0.37 ms. Up to 10k the exact
 * scan stays under a millisecond, is exact, costs no graph memory and no build
 * (0.5–3.4 s at 10k on two busy cores, blocking); at 20k it is 4× slower than HNSW
 * and its p99 passes the 2 ms budget; at 50k it is 10–25× slower.
 *
 * Candidates from the graph (`rerank` × k of them) are rescored with exact cosine
 * on the stored f32 vectors, so scores are true cosines even with f16/i8
 * quantization, and ties break by id as the port requires. A filter is applied by
 * over-fetching (×4 per round); when the graph cannot supply k passing ids from a
 * quarter of the index, the search falls back to the exact scan, so a selective
 * filter never loses hits.
 *
 * Off the event loop: the usearch JS binding (2.26.2) has no async call; its
 * `search` over a batch of queries runs on a native thread pool but blocks the
 * calling thread until done. `searchBatch` uses that (all cores); `search` is the
 * single-threaded synchronous call.
 *
 * @example
 *   const idx = createUsearchVectorIndex({ dim: 384, quantization: "f16" });
 *   idx.add("a", vec);
 *   idx.search(query, 5); // [{ id: "a", score: 0.83 }]
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { type BatchMatches, Index, MetricKind, ScalarKind } from "usearch";
import { type Kernels, loadKernels } from "../vector/kernels.ts";
import type { ScoredId } from "./bm25.ts";
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
  /** Threads of bulk builds and `searchBatch` (default 0 = all cores). */
  threads?: number;
  /** Default: `loadKernels()`. */
  kernels?: Kernels;
}

/** What a restore did: loaded the saved graph, built it from the vectors, or kept no graph (exact). */
export type RestoreSource = "file" | "built" | "exact";

/** The usearch adapter: the port plus batch search and persistence. */
export interface UsearchVectorIndex extends VectorIndex {
  /** "exact" while at or below `exactBelow` live vectors, else "hnsw". */
  readonly mode: "exact" | "hnsw";
  /** How many times the graph was built from the stored vectors (restores from a file do not count). */
  readonly graphBuilds: number;
  /** Adds (or replaces) many vectors: `flat` is `ids.length × dim`. */
  addMany(ids: string[], flat: Float32Array): void;
  /**
   * Top-k for each of `queries` (flat `n × dim`), on usearch's thread pool.
   * Synchronous: the binding has no async search.
   */
  searchBatch(queries: Float32Array, k: number): ScoredId[][];
  /**
   * Writes the graph to `file` and its key map to `file + ".json"` (each through a
   * temporary file and a rename). Returns false and removes both when there is no
   * graph (exact mode): nothing to save, the vectors live elsewhere.
   */
  save(file: string, meta?: string): boolean;
}

const scalar: Record<VectorQuantization, ScalarKind> = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 };

interface Sidecar {
  format: 1;
  dim: number;
  quantization: VectorQuantization;
  connectivity: number;
  meta: string;
  /** Row (= usearch key) → id, null for a free row. */
  rows: (string | null)[];
  fingerprint: string;
  fileHash: string;
}

/** Order-independent 64-bit fingerprint of (id, vector) pairs. */
function fingerprintOf(pairs: Iterable<[string, Float32Array]>): string {
  let sum = 0n;
  for (const [id, v] of pairs) {
    const h = Bun.hash(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), Bun.hash(id));
    sum = (sum + BigInt(h)) & 0xffff_ffff_ffff_ffffn;
  }
  return sum.toString(16);
}

/** 64-bit hash of a file, read in 16 MiB pieces. */
function fileHash(file: string): string {
  const fd = openSync(file, "r");
  try {
    const buf = new Uint8Array(16 << 20);
    let h: number | bigint = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      h = Bun.hash(buf.subarray(0, n), h);
    }
    return h.toString(16);
  } finally {
    closeSync(fd);
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
  if (!(r.quantization in scalar)) throw new TypeError(`quantization must be f32, f16 or i8, got ${r.quantization}`);
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
 * was expected (more than `exactBelow` vectors) but could not be loaded. The
 * file's content hash is checked before usearch reads it: usearch aborts the
 * process on some corrupt files instead of throwing.
 *
 * @example
 *   const { index, source, warning } = restoreUsearchVectorIndex("kb.usearch", { dim: 384 }, ids, flat);
 *   if (warning) log.warn(warning);
 */
export function restoreUsearchVectorIndex(
  file: string,
  opts: UsearchVectorIndexOptions,
  ids: string[],
  flat: Float32Array,
  meta = "",
): { index: UsearchVectorIndex; source: RestoreSource; warning?: string } {
  const o = checkOptions(opts);
  if (flat.length !== ids.length * o.dim) {
    throw new TypeError(`flat length ${flat.length} does not match ${ids.length} ids × dim ${o.dim}`);
  }
  const live = new Set(ids).size;
  if (live <= o.exactBelow) {
    const b = build(opts);
    b.index.addMany(ids, flat);
    return { index: b.index, source: "exact" };
  }
  const why = ((): string | Sidecar => {
    if (!existsSync(file) || !existsSync(`${file}.json`)) return "missing";
    let sc: Sidecar;
    try {
      sc = JSON.parse(readFileSync(`${file}.json`, "utf8")) as Sidecar;
    } catch {
      return "unreadable key map";
    }
    if (sc.format !== 1 || !Array.isArray(sc.rows)) return "unknown key map format";
    if (sc.dim !== o.dim || sc.quantization !== o.quantization || sc.connectivity !== o.connectivity) {
      return "saved with other options";
    }
    if (sc.meta !== meta) return "saved for another embedder";
    const pairs = (function* () {
      for (let i = 0; i < ids.length; i++)
        yield [ids[i], flat.subarray(i * o.dim, (i + 1) * o.dim)] as [string, Float32Array];
    })();
    if (sc.fingerprint !== fingerprintOf(pairs)) return "stale (the stored vectors changed since it was saved)";
    if (sc.fileHash !== fileHash(file)) return "corrupt (content hash mismatch)";
    return sc;
  })();
  if (typeof why === "string") {
    const b = build(opts);
    b.index.addMany(ids, flat);
    return {
      index: b.index,
      source: "built",
      warning: `vector index file ${file} ${why}; rebuilt from stored vectors`,
    };
  }
  const at = new Map<string, number>();
  ids.forEach((id, i) => {
    at.set(id, i);
  });
  const sc = why;
  try {
    const b = build(opts, sc.rows.length);
    b.restore(sc.rows, (id) => {
      const i = at.get(id);
      return i === undefined ? undefined : flat.subarray(i * o.dim, (i + 1) * o.dim);
    });
    b.loadGraph(file);
    return { index: b.index, source: "file" };
  } catch (e) {
    const b = build(opts);
    b.index.addMany(ids, flat);
    const msg = `vector index file ${file} could not be loaded (${(e as Error).message}); rebuilt from stored vectors`;
    return { index: b.index, source: "built", warning: msg };
  }
}

function build(opts: UsearchVectorIndexOptions, initialRows = 64) {
  const o = checkOptions(opts);
  const { dim } = o;
  const kernels = opts.kernels ?? loadKernels();
  let cap = Math.max(64, initialRows);
  let data = new Float32Array(cap * dim);
  let scores = new Float32Array(cap);
  /** Row → id (undefined = free); the row number is the usearch key. */
  const ids: (string | undefined)[] = [];
  const rowOf = new Map<string, number>();
  const free: number[] = [];
  let graph: Index | undefined;
  let graphBuilds = 0;

  const check = (vec: Float32Array) => {
    if (vec.length !== dim) throw new TypeError(`vector length ${vec.length} does not match dim ${dim}`);
  };
  const newGraph = () =>
    new Index({
      dimensions: dim,
      metric: MetricKind.Cos,
      quantization: scalar[o.quantization],
      connectivity: o.connectivity,
      expansion_add: o.expansionAdd,
      expansion_search: o.expansionSearch,
      multi: false,
    });
  const grow = (rows: number) => {
    if (rows <= cap) return;
    while (cap < rows) cap *= 2;
    const next = new Float32Array(cap * dim);
    next.set(data.subarray(0, ids.length * dim));
    data = next;
    scores = new Float32Array(cap);
  };
  const row = (r: number) => data.subarray(r * dim, (r + 1) * dim);

  /** Builds the graph from every live row, in one bulk insert. */
  const buildGraph = () => {
    const g = newGraph();
    const keys = new BigUint64Array(rowOf.size);
    let vecs: Float32Array;
    if (free.length === 0) {
      // No free rows: rows 0..n-1 are the keys, and the store is passed as is.
      for (let r = 0; r < keys.length; r++) keys[r] = BigInt(r);
      vecs = data.subarray(0, keys.length * dim);
    } else {
      vecs = new Float32Array(rowOf.size * dim);
      let i = 0;
      for (const r of rowOf.values()) {
        keys[i] = BigInt(r);
        vecs.set(row(r), i * dim);
        i++;
      }
    }
    if (keys.length > 0) g.add(keys, vecs, o.threads);
    graph = g;
    graphBuilds++;
  };

  /** Exact cosine of `q` against row `r` (qn = |q|). */
  const cosine = (q: Float32Array, qn: number, r: number) => {
    const base = r * dim;
    let dot = 0;
    let mm = 0;
    for (let i = 0; i < dim; i++) {
      const m = data[base + i] as number;
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

  /** Rescores graph candidates exactly; returns the passing ones, best first. */
  const rescore = (
    q: Float32Array,
    keys: BigUint64Array,
    count: number,
    filter?: (id: string) => boolean,
  ): ScoredId[] => {
    let qq = 0;
    for (let i = 0; i < dim; i++) qq += (q[i] as number) ** 2;
    const qn = Math.sqrt(qq);
    const hits: ScoredId[] = [];
    for (let i = 0; i < count; i++) {
      const r = Number(keys[i]);
      const id = ids[r];
      if (id === undefined || (filter && !filter(id))) continue;
      hits.push({ id, score: cosine(q, qn, r) });
    }
    return hits.sort(better);
  };

  const useGraph = () => {
    if (rowOf.size <= o.exactBelow) return false;
    if (!graph) buildGraph();
    return true;
  };

  const index: UsearchVectorIndex = {
    dim,
    get size() {
      return rowOf.size;
    },
    get mode() {
      return rowOf.size <= o.exactBelow ? "exact" : "hnsw";
    },
    get graphBuilds() {
      return graphBuilds;
    },
    add(id, vec) {
      check(vec);
      let r = rowOf.get(id);
      if (r === undefined) {
        r = free.pop();
        if (r === undefined) {
          grow(ids.length + 1);
          r = ids.length;
          ids.push(id);
        } else ids[r] = id;
        rowOf.set(id, r);
      } else if (graph) graph.remove(BigInt(r));
      data.set(vec, r * dim);
      if (graph) graph.add(BigInt(r), row(r), 1);
    },
    addMany(batchIds, flat) {
      if (flat.length !== batchIds.length * dim) {
        throw new TypeError(`flat length ${flat.length} does not match ${batchIds.length} ids × dim ${dim}`);
      }
      if (graph) {
        batchIds.forEach((id, i) => {
          index.add(id, flat.subarray(i * dim, (i + 1) * dim));
        });
        return;
      }
      // No graph yet: fill the rows; the graph is built in bulk on the first search that needs it.
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
      rowOf.delete(id);
      ids[r] = undefined;
      data.fill(0, r * dim, (r + 1) * dim);
      free.push(r);
      if (graph) graph.remove(BigInt(r));
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
      const g = graph as Index;
      let fetch = Math.min(n, Math.ceil(k * o.rerank));
      for (;;) {
        const m = g.search(query, fetch, 1);
        const hits = rescore(query, m.keys, m.keys.length, filter);
        if (hits.length >= k || fetch >= n) return hits.slice(0, k);
        if (fetch * 4 > n / 4) return exactSearch(query, k, filter);
        fetch *= 4;
      }
    },
    searchBatch(queries, k) {
      if (queries.length % dim !== 0) {
        throw new TypeError(`queries length ${queries.length} is not a multiple of dim ${dim}`);
      }
      const nq = queries.length / dim;
      const n = rowOf.size;
      if (k <= 0 || n === 0) return Array.from({ length: nq }, () => []);
      if (!useGraph()) {
        return Array.from({ length: nq }, (_, i) => exactSearch(queries.subarray(i * dim, (i + 1) * dim), k));
      }
      const g = graph as Index;
      const fetch = Math.min(n, Math.ceil(k * o.rerank));
      // usearch returns a single Matches for one query and BatchMatches for more.
      if (nq === 1) return [index.search(queries, k)];
      const m = g.search(queries, fetch, o.threads) as unknown as BatchMatches;
      return Array.from({ length: nq }, (_, i) => {
        const keys = m.keys.subarray(i * fetch, (i + 1) * fetch);
        return rescore(queries.subarray(i * dim, (i + 1) * dim), keys, Number(m.counts[i])).slice(0, k);
      });
    },
    save(file, meta = "") {
      if (!useGraph()) {
        rmSync(file, { force: true });
        rmSync(`${file}.json`, { force: true });
        return false;
      }
      const g = graph as Index;
      g.save(`${file}.tmp`);
      const sc: Sidecar = {
        format: 1,
        dim,
        quantization: o.quantization,
        connectivity: o.connectivity,
        meta,
        rows: ids.map((id) => id ?? null),
        fingerprint: fingerprintOf([...rowOf].map(([id, r]) => [id, row(r)] as [string, Float32Array])),
        fileHash: fileHash(`${file}.tmp`),
      };
      writeFileSync(`${file}.json.tmp`, JSON.stringify(sc));
      renameSync(`${file}.tmp`, file);
      renameSync(`${file}.json.tmp`, `${file}.json`);
      return true;
    },
  };

  return {
    index,
    /** Fills rows from a saved key map (row → id) and a lookup of the stored vectors. */
    restore(rows: (string | null)[], vecOf: (id: string) => Float32Array | undefined) {
      grow(rows.length);
      rows.forEach((id, r) => {
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
    loadGraph(file: string) {
      const g = newGraph();
      g.load(file);
      if (g.size() !== rowOf.size) throw new Error(`graph holds ${g.size()} vectors, the key map ${rowOf.size}`);
      graph = g;
    },
  };
}
