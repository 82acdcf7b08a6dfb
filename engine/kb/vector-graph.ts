/**
 * The client of one HNSW graph held by a Bun Worker (vector-graph.worker.ts), so
 * that building, loading and batch-searching the graph run off the event loop.
 * Calls are queued in order: a search sees every `add` and `remove` posted before
 * it. `searchSync` and `saveSync` block the calling thread until the worker has
 * answered them (and everything queued before them), at most `SYNC_TIMEOUT_MS`.
 *
 * @example
 *   const g = new GraphWorker({ dim: 384, quantization: "f16", connectivity: 16, expansionAdd: 64, expansionSearch: 96 });
 *   await g.build(keys, rows, 0);
 *   g.searchSync(query, 10); // Float64Array of keys
 *   g.close();
 */
import type { GraphOptions, GraphRequest } from "./vector-graph.worker.ts";

export type { GraphOptions } from "./vector-graph.worker.ts";

/** Longest a synchronous call waits for the worker before it throws. */
export const SYNC_TIMEOUT_MS = 30_000;

/** Keys of a batch search: query `q` owns `keys[q*fetch .. q*fetch + counts[q]]`. */
export interface GraphMatches {
  keys: Float64Array;
  counts: Uint32Array;
}

/** See the file comment. */
export class GraphWorker {
  private readonly worker: Worker;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  constructor(opts: GraphOptions) {
    this.worker = new Worker(new URL("./vector-graph.worker.ts", import.meta.url).href);
    this.worker.unref();
    this.worker.onmessage = (e: MessageEvent<{ reply?: number; result?: unknown; error?: string }>) => {
      const { reply, result, error } = e.data;
      if (reply === undefined) {
        // A fire-and-forget call failed (add/remove on a graph that failed to build).
        this.failed = new Error(`vector graph worker: ${error}`);
        return;
      }
      const p = this.pending.get(reply);
      if (!p) return;
      this.pending.delete(reply);
      if (error !== undefined) p.reject(new Error(error));
      else p.resolve(result);
    };
    this.worker.onerror = (e) => {
      this.failed = new Error(`vector graph worker crashed: ${e.message}`);
      for (const p of this.pending.values()) p.reject(this.failed);
      this.pending.clear();
    };
    this.post({ op: "init", opts });
  }

  private post(m: GraphRequest) {
    this.worker.postMessage(m);
  }

  private call<T>(m: GraphRequest & { reply: number }): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(m.reply, { resolve: resolve as (v: unknown) => void, reject });
      this.post(m);
    });
  }

  private callSync(
    m: (sab: SharedArrayBuffer) => GraphRequest,
    bytes: number,
  ): { count: number; sab: SharedArrayBuffer } {
    if (this.failed) throw this.failed;
    const sab = new SharedArrayBuffer(8 + bytes);
    const head = new Int32Array(sab, 0, 2);
    this.post(m(sab));
    if (Atomics.wait(head, 0, 0, SYNC_TIMEOUT_MS) === "timed-out") {
      throw new Error(`vector graph worker did not answer within ${SYNC_TIMEOUT_MS} ms`);
    }
    const count = head[1] as number;
    if (head[0] === 2) throw new Error(new TextDecoder().decode(new Uint8Array(sab, 8, count).slice()));
    return { count, sab };
  }

  /** Builds a new graph from `rows` (`keys.length × dim`; shared or copied), replacing any graph. */
  build(keys: Float64Array, rows: Float32Array, threads: number): Promise<number> {
    return this.call({ op: "build", reply: this.next++, keys, rows, threads });
  }

  /** Loads a saved graph after checking its content hash and size; resolves "" or why it was refused. */
  load(file: string, hash: string, size: number): Promise<string> {
    return this.call({ op: "load", reply: this.next++, file, hash, size });
  }

  /** Adds or replaces `key` (queued; applied before any later call). */
  add(key: number, vec: Float32Array): void {
    this.post({ op: "add", key, vec: vec.slice() });
  }

  /** Removes `key` (queued). */
  remove(key: number): void {
    this.post({ op: "remove", key });
  }

  /** Up to `fetch` nearest keys of each query (flat `n × dim`), on the worker (all `threads`, 0 = all cores). */
  search(queries: Float32Array, fetch: number, threads: number): Promise<GraphMatches> {
    return this.call({ op: "search", reply: this.next++, queries, fetch, threads });
  }

  /** Up to `fetch` nearest keys of one query, blocking until the worker answers. */
  searchSync(query: Float32Array, fetch: number): Float64Array {
    const { count, sab } = this.callSync((s) => ({ op: "ssearch", sab: s, query: query.slice(), fetch }), fetch * 8);
    return new Float64Array(sab, 8, count).slice();
  }

  /** Saves the graph to `file` (blocking until done); returns the file's content hash. */
  saveSync(file: string): string {
    const { count, sab } = this.callSync((s) => ({ op: "save", sab: s, file }), 256);
    return new TextDecoder().decode(new Uint8Array(sab, 8, count).slice());
  }

  /** Stops the worker; pending calls reject. */
  close(): void {
    this.failed ??= new Error("vector graph worker closed");
    for (const p of this.pending.values()) p.reject(this.failed);
    this.pending.clear();
    this.worker.terminate();
  }
}
