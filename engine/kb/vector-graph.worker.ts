/**
 * The Bun Worker that owns one usearch HNSW graph (vector-graph.ts is its client).
 * Messages are handled one at a time in arrival order, so a search sees every add
 * and remove posted before it. Replies: `{ reply, result }` / `{ reply, error }`
 * by message for async calls; sync calls write into the SharedArrayBuffer they
 * bring (see `writeSync`) and wake the waiting thread.
 *
 * @example
 *   new Worker(new URL("./vector-graph.worker.ts", import.meta.url).href);
 */
import { closeSync, openSync, readSync } from "node:fs";
import { type BatchMatches, Index, type Matches, MetricKind, ScalarKind } from "usearch";

declare const self: Worker;

/** Graph options, as the adapter checked them. */
export interface GraphOptions {
  dim: number;
  quantization: "f32" | "f16" | "i8";
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
}

/** Messages the worker understands. */
export type GraphRequest =
  | { op: "init"; opts: GraphOptions }
  | { op: "build"; reply: number; keys: Float64Array; rows: Float32Array; threads: number }
  | { op: "load"; reply: number; file: string; hash: string; size: number }
  | { op: "add"; key: number; vec: Float32Array }
  | { op: "remove"; key: number }
  | { op: "search"; reply: number; queries: Float32Array; fetch: number; threads: number }
  | { op: "ssearch"; sab: SharedArrayBuffer; query: Float32Array; fetch: number }
  | { op: "save"; sab: SharedArrayBuffer; file: string };

const scalar = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;
let opts: GraphOptions | undefined;
let graph: Index | undefined;

const newGraph = (o: GraphOptions) =>
  new Index({
    dimensions: o.dim,
    metric: MetricKind.Cos,
    quantization: scalar[o.quantization],
    connectivity: o.connectivity,
    expansion_add: o.expansionAdd,
    expansion_search: o.expansionSearch,
    multi: false,
  });

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

/**
 * Sync reply layout: Int32 [state, count] then the payload: `count` keys as Float64
 * from byte 8, or (state 2) an error message as UTF-8. State 1 = ok, 2 = error.
 */
function writeSync(sab: SharedArrayBuffer, state: 1 | 2, keys?: ArrayLike<number | bigint>, text?: string) {
  const head = new Int32Array(sab, 0, 2);
  if (keys) {
    const out = new Float64Array(sab, 8, Math.min(keys.length, (sab.byteLength - 8) / 8));
    for (let i = 0; i < out.length; i++) out[i] = Number(keys[i]);
    head[1] = out.length;
  } else if (text !== undefined) {
    const bytes = new TextEncoder().encode(text).subarray(0, sab.byteLength - 8);
    new Uint8Array(sab, 8, bytes.length).set(bytes);
    head[1] = bytes.length;
  }
  Atomics.store(head, 0, state);
  Atomics.notify(head, 0);
}

function need(): Index {
  if (!graph) throw new Error("no graph: build or load one first");
  return graph;
}

function handle(m: GraphRequest): unknown {
  switch (m.op) {
    case "init":
      opts = m.opts;
      return undefined;
    case "build": {
      const g = newGraph(opts as GraphOptions);
      const dim = (opts as GraphOptions).dim;
      const n = m.keys.length;
      if (n > 0) {
        // `keys` are row numbers of `rows`; rows not listed (free) are left out.
        const keys = new BigUint64Array(n);
        let dense = true;
        for (let i = 0; i < n; i++) {
          keys[i] = BigInt(m.keys[i] as number);
          if (m.keys[i] !== i) dense = false;
        }
        let vecs = m.rows.subarray(0, n * dim);
        if (!dense) {
          vecs = new Float32Array(n * dim);
          for (let i = 0; i < n; i++) {
            const r = m.keys[i] as number;
            vecs.set(m.rows.subarray(r * dim, (r + 1) * dim), i * dim);
          }
        }
        g.add(keys, vecs, m.threads);
      }
      graph = g;
      return n;
    }
    case "load": {
      if (fileHash(m.file) !== m.hash) return "corrupt (content hash mismatch)";
      const g = newGraph(opts as GraphOptions);
      g.load(m.file);
      if (g.size() !== m.size) return `holds ${g.size()} vectors, the key map ${m.size}`;
      graph = g;
      return "";
    }
    case "add": {
      const g = need();
      const key = BigInt(m.key);
      if (g.contains(key)) g.remove(key);
      g.add(key, m.vec, 1);
      return undefined;
    }
    case "remove":
      need().remove(BigInt(m.key));
      return undefined;
    case "search": {
      const g = need();
      const dim = (opts as GraphOptions).dim;
      const nq = m.queries.length / dim;
      const keys = new Float64Array(nq * m.fetch);
      const counts = new Uint32Array(nq);
      if (nq === 1) {
        const r = g.search(m.queries, m.fetch, 1) as Matches;
        r.keys.forEach((k, i) => {
          keys[i] = Number(k);
        });
        counts[0] = r.keys.length;
      } else if (nq > 1) {
        const r = g.search(m.queries, m.fetch, m.threads) as unknown as BatchMatches;
        // Read each property once: BatchMatches may build them on every access.
        const rk = r.keys;
        const rc = r.counts;
        for (let q = 0; q < nq; q++) {
          const c = Number(rc[q]);
          counts[q] = c;
          for (let i = 0; i < c; i++) keys[q * m.fetch + i] = Number(rk[q * m.fetch + i]);
        }
      }
      return { keys, counts };
    }
    case "ssearch":
      try {
        writeSync(m.sab, 1, (need().search(m.query, m.fetch, 1) as Matches).keys);
      } catch (e) {
        writeSync(m.sab, 2, undefined, (e as Error).message);
      }
      return undefined;
    case "save":
      try {
        need().save(m.file);
        writeSync(m.sab, 1, undefined, fileHash(m.file));
      } catch (e) {
        writeSync(m.sab, 2, undefined, (e as Error).message);
      }
      return undefined;
  }
}

self.onmessage = (e: MessageEvent<GraphRequest>) => {
  const m = e.data;
  const reply = "reply" in m ? m.reply : undefined;
  try {
    const result = handle(m);
    if (reply !== undefined) self.postMessage({ reply, result });
  } catch (err) {
    if (reply !== undefined) self.postMessage({ reply, error: (err as Error).message });
    else self.postMessage({ error: (err as Error).message });
  }
};
