/**
 * Per-tenant knowledge bases on an SQLite file (bun:sqlite, WAL): knowledge bases,
 * documents and their chunks with embedding BLOBs. On open the chunks and their
 * stored embeddings are loaded into in-memory indexes (BM25 + VectorIndex per
 * knowledge base); a restart loads, it does not re-embed (unless the embedder id
 * changed). Single node only: the in-memory indexes are this process's.
 *
 * The VectorIndex of each knowledge base is the usearch adapter
 * (vector-index.usearch.ts): an exact SIMD scan up to `EXACT_BELOW` (10,000)
 * chunks, an HNSW graph above. The graph is saved under the data dir
 * (`<kb.db without .db>.vectors/<kb id>.usearch` plus a `.json` key map) on close
 * and after a rebuild; on open it is loaded when its fingerprint matches the stored
 * vectors, else rebuilt from them with one warning (missing, corrupt or stale file).
 * Opening awaits that load (or rebuild), which runs on the index's worker: the event
 * loop keeps turning meanwhile.
 *
 * Vector search runs off the event loop (`searchBatch`: the native scan on a libuv
 * thread, or the graph on its worker) over the index as it was when the search
 * started; BM25 runs in the same step.
 *
 * Search is hybrid: vector top-N and BM25 top-N, fused by reciprocal rank fusion,
 * then the fused candidates are reranked by exact cosine blended with the fused score
 * (`cosineWeight`; by default cosine only breaks ties, see the option).
 *
 * @example
 *   const kb = await openKnowledgeBase({ path: "./data/kb.db", embedder: createHashedEmbedder() });
 *   const { id } = kb.createKb("t1", { name: "Help centre" });
 *   await kb.putDocument("t1", id, { id: "faq", format: "faq-json", content: faqJson });
 *   const hits = await kb.search("t1", [id], "how long does a refund take", { k: 5 });
 *   const best = await kb.faqAnswer("t1", "refund how long?"); // { answer, confidence, chunk } | undefined
 */
import { Database } from "bun:sqlite";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { KefuError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Kernels } from "../vector/kernels.ts";
import { type Bm25Index, createBm25Index, type ScoredId } from "./bm25.ts";
import { type Chunk, type ChunkOptions, chunkDocument, type DocumentFormat } from "./chunk.ts";
import type { Embedder } from "./embedder.ts";
import { compareFused, type FusedKey, mergeByScore, reciprocalRankFusion } from "./fusion.ts";
import { type ChunkRow, fromBlob, KB_SCHEMA, rowToChunk, toBlob } from "./knowledge-base.schema.ts";
import {
  createUsearchVectorIndex,
  type GraphState,
  type RestoreSource,
  restoreUsearchVectorIndex,
  type UsearchVectorIndex,
  type UsearchVectorIndexOptions,
} from "./vector-index.usearch.ts";

/** A knowledge base. */
export interface KbInfo {
  id: string;
  tenantId: string;
  name: string;
  createdAtMs: number;
}

/** A document as stored. */
export interface DocumentInfo {
  id: string;
  kbId: string;
  title: string;
  format: DocumentFormat;
  tags: string[];
  chunkCount: number;
  updatedAtMs: number;
}

/** Input of `putDocument`. */
export interface DocumentInput {
  /** Default: a random id. The same id replaces the document (re-chunked, re-embedded). */
  id?: string;
  title?: string;
  format: DocumentFormat;
  content: string;
  tags?: string[];
}

/** A search result. */
export interface KbHit {
  kbId: string;
  docId: string;
  chunk: Chunk;
  /** Final score (blend of exact cosine and normalised fused rank), higher is better. */
  score: number;
  /** Exact cosine between the query and the chunk. */
  cosine: number;
  /** Reciprocal-rank-fusion score before the rerank. */
  rrf: number;
}

/** Options of `search`. */
export interface SearchOptions {
  /** Results returned (default 5). */
  k?: number;
  /** Only chunks that carry every one of these tags. */
  tags?: string[];
  /** Only chunks of this kind. */
  kind?: Chunk["kind"];
  /** "hybrid" (default), "vector" or "bm25": the latter two for evaluation. */
  mode?: "hybrid" | "vector" | "bm25";
  /** Candidates taken from each retriever (default 50). */
  candidates?: number;
}

/** A FAQ answer with its confidence in [0, 1]. */
export interface FaqAnswer {
  answer: string;
  question: string;
  confidence: number;
  /** Inputs of the confidence: cosine to the stored question, and IDF coverage. */
  cosine: number;
  coverage: number;
  kbId: string;
  chunk: Chunk;
}

/** Options of `faqAnswer`. */
export interface FaqAnswerOptions {
  /** Below this confidence there is no answer (default 0.5). */
  threshold?: number;
  /** Knowledge bases to ask (default all of the tenant's). */
  kbIds?: string[];
  tags?: string[];
}

/** Options of `openKnowledgeBase`. */
export interface KnowledgeBaseOptions {
  /** File path of kb.db, or ":memory:". */
  path: string;
  embedder: Embedder;
  kernels?: Kernels;
  chunk?: ChunkOptions;
  /** Reciprocal-rank-fusion constant (default 60). */
  rrfK?: number;
  /** Weight of cosine in the rerank, the rest going to the normalised fused score. Default 0: with the hashed embedder any cosine weight lowered hit@1 on the demo eval (0.748 at 0 → 0.712 at 0.05); raise it for a model embedder or an approximate index. */
  cosineWeight?: number;
  /** Weight of the BM25 list in the fusion, the vector list weighing 1 (default 1). */
  bm25Weight?: number;
  /** Random ids (default crypto.randomUUID). */
  newId?: () => string;
  now?: () => number;
  /** Options of every knowledge base's vector index (HNSW parameters, quantization, `exactBelow`). */
  vectorIndex?: Omit<UsearchVectorIndexOptions, "dim" | "kernels">;
  /** Where vector index files go (default: beside kb.db, `<name without .db>.vectors/`; none for ":memory:"). */
  indexDir?: string;
  /** Receives the warning when an index file is rebuilt. */
  logger?: Pick<Logger, "warn">;
}

/** State of one knowledge base's vector index, for operators and tests. */
export interface VectorIndexInfo {
  /** "exact" scan or "hnsw" graph. */
  mode: "exact" | "hnsw";
  size: number;
  /** How the index came up on open: loaded from its file, built from stored vectors, exact (no graph), or "new" (created since). */
  source: RestoreSource | "new";
  /** Graph builds from stored vectors since open (a load from file is not one). */
  graphBuilds: number;
  /** Where the HNSW graph is: none (exact), building on its worker (searches exact meanwhile), ready. */
  graph: GraphState;
}

/**
 * The knowledge-base service. Every call names the tenant; a knowledge base of
 * another tenant is reported as missing (KefuError "not_found", 404). Writes are
 * atomic per document (one SQLite transaction, then the in-memory indexes are
 * swapped in the same synchronous step, so a search sees the old or the new
 * document, never half). One process per kb.db file.
 */
export interface KnowledgeBase {
  readonly embedder: Embedder;
  /** Creates a knowledge base; an id in use is a "conflict" (409). */
  createKb(tenantId: string, input: { name: string; id?: string }): KbInfo;
  /** The tenant's knowledge bases, oldest first. */
  listKbs(tenantId: string): KbInfo[];
  getKb(tenantId: string, kbId: string): KbInfo;
  /** Deletes a knowledge base with its documents and chunks. */
  deleteKb(tenantId: string, kbId: string): void;
  /**
   * Adds or replaces a document: chunks it, embeds the chunks, stores and indexes
   * them atomically. Bad content is "invalid_document" (400); a FAQ id already used
   * by another document of the knowledge base is a "conflict" (409).
   */
  putDocument(tenantId: string, kbId: string, doc: DocumentInput): Promise<DocumentInfo>;
  listDocuments(tenantId: string, kbId: string): DocumentInfo[];
  /** False when there was no such document. */
  deleteDocument(tenantId: string, kbId: string, docId: string): boolean;
  /** Chunks of a document in order. */
  chunks(tenantId: string, kbId: string, docId: string): Chunk[];
  /**
   * Hybrid search over the given knowledge bases: vector top-N and BM25 top-N,
   * reciprocal rank fusion, exact-cosine rerank; at most `k` hits, best first.
   */
  search(tenantId: string, kbIds: string[], query: string, opts?: SearchOptions): Promise<KbHit[]>;
  /**
   * The best FAQ pair for a question, or undefined when none reaches the threshold
   * (or the tenant has no knowledge base). See `faqConfidence` for the calibration.
   */
  faqAnswer(tenantId: string, question: string, opts?: FaqAnswerOptions): Promise<FaqAnswer | undefined>;
  /** How a knowledge base's vector index is held and how it came up. */
  indexInfo(tenantId: string, kbId: string): VectorIndexInfo;
  /** Resolves when the knowledge base's HNSW graph (if it needs one) is built; searches are exact until then. */
  whenIndexReady(tenantId: string, kbId: string): Promise<void>;
  /** Saves changed vector index graphs, then closes the file. */
  close(): void;
}

interface LiveKb {
  info: KbInfo;
  bm25: Bm25Index;
  vec: UsearchVectorIndex;
  source: VectorIndexInfo["source"];
  /** The vector index changed since it was loaded or saved. */
  dirty: boolean;
  /** Embedding of the question alone, for FAQ confidence. */
  qvec: Map<string, Float32Array>;
  chunks: Map<string, Chunk>;
}

/** Text embedded for a chunk: its heading path gives passages their context. */
function embedText(c: Chunk): string {
  if (c.kind === "faq" && c.question) return `${c.question}\n${c.question}\n${c.answer ?? c.text}`;
  return c.heading ? `${c.heading}\n${c.text}` : c.text;
}

/**
 * Confidence in [0, 1] that a FAQ answers a question, from the cosine between the
 * question and the stored FAQ question (`cos`) and the share of the question's IDF
 * mass found in the pair (`coverage`). Calibrated on engine/kb/demo/eval.json with
 * the hashed embedder (see knowledge-base.test.ts for the measured spread).
 *
 * @example
 *   faqConfidence(0.9, 1); // ≈ 1: a near copy
 *   faqConfidence(0.1, 0.1); // ≈ 0: unrelated
 */
export function faqConfidence(cos: number, coverage: number, center = CONF_CENTER, scale = CONF_SCALE): number {
  const x = 0.5 * cos + 0.5 * coverage;
  return 1 / (1 + Math.exp(-(x - center) / scale));
}

const CONF_CENTER = 0.3;
const CONF_SCALE = 0.04;
/** A lower-ranked FAQ replaces the fused top one only when its confidence is this much higher. */
const MARGIN = 0.05;

/**
 * Opens (or creates) the knowledge-base file and loads every chunk into memory.
 * Chunks embedded by another embedder id are re-embedded once, here.
 *
 * @example
 *   const kb = await openKnowledgeBase({ path: ":memory:", embedder: createHashedEmbedder() });
 */
export async function openKnowledgeBase(opts: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  const { embedder } = opts;
  const rrfK = opts.rrfK ?? 60;
  const cosineWeight = opts.cosineWeight ?? 0;
  const bm25Weight = opts.bm25Weight ?? 1;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const now = opts.now ?? Date.now;
  if (opts.path !== ":memory:") mkdirSync(dirname(opts.path), { recursive: true });
  const db = new Database(opts.path, { create: true, strict: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = NORMAL");
  db.run("PRAGMA foreign_keys = ON");
  db.run("PRAGMA busy_timeout = 5000");
  db.run(KB_SCHEMA);

  const live = new Map<string, LiveKb>();
  const vopts: UsearchVectorIndexOptions = {
    ...opts.vectorIndex,
    dim: embedder.dim,
    ...(opts.kernels ? { kernels: opts.kernels } : {}),
  };
  const indexDir =
    opts.path === ":memory:" ? undefined : (opts.indexDir ?? `${opts.path.replace(/\.db$/, "")}.vectors`);
  /** The index file of a knowledge base (ids are escaped so none can leave the directory). */
  const indexFile = (kbId: string) =>
    indexDir && join(indexDir, `${encodeURIComponent(kbId).replaceAll(".", "%2E")}.usearch`);
  const saveIndex = (l: LiveKb) => {
    const file = indexFile(l.info.id);
    if (!file) return;
    try {
      if (l.vec.mode === "hnsw") mkdirSync(dirname(file), { recursive: true });
      l.vec.save(file, embedder.id);
      l.dirty = false;
    } catch (e) {
      opts.logger?.warn("vector index not saved; the next open rebuilds it", { kbId: l.info.id, file, error: e });
    }
  };
  const newLive = (info: KbInfo): LiveKb => ({
    info,
    bm25: createBm25Index(),
    vec: createUsearchVectorIndex(vopts),
    source: "new",
    dirty: false,
    qvec: new Map(),
    chunks: new Map(),
  });
  /** Indexes a chunk; `pending` collects the vector instead while opening (restored in bulk). */
  const index = (
    l: LiveKb,
    c: Chunk,
    v: Float32Array,
    q: Float32Array | undefined,
    pending?: { ids: string[]; vecs: Float32Array[] },
  ) => {
    l.chunks.set(c.id, c);
    l.bm25.add(c.id, c.kind === "faq" ? `${c.question ?? ""}\n${c.question ?? ""}\n${c.text}` : embedText(c));
    if (pending) {
      pending.ids.push(c.id);
      pending.vecs.push(v);
    } else {
      l.vec.add(c.id, v);
      l.dirty = true;
    }
    if (q) l.qvec.set(c.id, q);
  };
  const unindex = (l: LiveKb, id: string) => {
    l.chunks.delete(id);
    l.bm25.remove(id);
    if (l.vec.remove(id)) l.dirty = true;
    l.qvec.delete(id);
  };

  /** Embeds chunks: the chunk text and, for FAQ chunks, the question alone. */
  const embedChunks = async (chunks: Chunk[]) => {
    const texts = chunks.map(embedText);
    const faqIdx: number[] = [];
    chunks.forEach((c, i) => {
      if (c.kind === "faq" && c.question) {
        faqIdx.push(i);
        texts.push(c.question);
      }
    });
    const flat = texts.length ? await embedder.embed(texts) : new Float32Array(0);
    const d = embedder.dim;
    if (flat.length !== texts.length * d) {
      throw new KefuError(
        "embedder_error",
        `embedder ${embedder.id} returned ${flat.length} values for ${texts.length} texts`,
      );
    }
    const vecs = chunks.map((_, i) => flat.slice(i * d, (i + 1) * d));
    const qvecs: (Float32Array | undefined)[] = chunks.map(() => undefined);
    faqIdx.forEach((ci, j) => {
      const r = chunks.length + j;
      qvecs[ci] = flat.slice(r * d, (r + 1) * d);
    });
    return { vecs, qvecs };
  };

  const qInsertChunk = db.query(
    `INSERT INTO chunks (kb_id, id, doc_id, seq, kind, text, heading, tags, question, answer, embedding, qembedding, embedder_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  // Load: every KB, then every chunk with its stored embeddings.
  for (const r of db
    .query<{ id: string; tenant_id: string; name: string; created_at_ms: number }, []>("SELECT * FROM kbs")
    .all()) {
    live.set(r.id, newLive({ id: r.id, tenantId: r.tenant_id, name: r.name, createdAtMs: r.created_at_ms }));
  }
  const stale: { row: ChunkRow; chunk: Chunk }[] = [];
  const pending = new Map<string, { ids: string[]; vecs: Float32Array[] }>();
  const pendingOf = (kbId: string) => {
    let p = pending.get(kbId);
    if (!p) {
      p = { ids: [], vecs: [] };
      pending.set(kbId, p);
    }
    return p;
  };
  for (const r of db.query<ChunkRow, []>("SELECT * FROM chunks ORDER BY kb_id, doc_id, seq").all()) {
    const l = live.get(r.kb_id);
    if (!l) continue;
    const c = rowToChunk(r);
    if (r.embedder_id !== embedder.id || r.embedding.byteLength !== embedder.dim * 4) {
      stale.push({ row: r, chunk: c });
      continue;
    }
    index(l, c, fromBlob(r.embedding), r.qembedding ? fromBlob(r.qembedding) : undefined, pendingOf(r.kb_id));
  }
  if (stale.length) {
    const { vecs, qvecs } = await embedChunks(stale.map((s) => s.chunk));
    const qUpdate = db.query(
      "UPDATE chunks SET embedding = ?, qembedding = ?, embedder_id = ? WHERE kb_id = ? AND id = ?",
    );
    db.transaction(() => {
      stale.forEach((s, i) => {
        const v = vecs[i] as Float32Array;
        const q = qvecs[i];
        qUpdate.run(toBlob(v), q ? toBlob(q) : null, embedder.id, s.row.kb_id, s.row.id);
        index(live.get(s.row.kb_id) as LiveKb, s.chunk, v, q, pendingOf(s.row.kb_id));
      });
    })();
  }
  // Vector indexes: the saved graph when it matches the stored vectors, else rebuilt (one warning each).
  for (const l of live.values()) {
    const p = pending.get(l.info.id) ?? { ids: [], vecs: [] };
    const flat = new Float32Array(p.ids.length * embedder.dim);
    p.vecs.forEach((v, i) => {
      flat.set(v, i * embedder.dim);
    });
    const file = indexFile(l.info.id);
    // Off the event loop but awaited: the graph is loaded (or rebuilt) on the index's worker.
    const r = file
      ? await restoreUsearchVectorIndex(file, vopts, p.ids, flat, embedder.id)
      : { index: createUsearchVectorIndex(vopts), source: "exact" as const };
    if (!file) r.index.addMany(p.ids, flat);
    l.vec = r.index;
    l.source = r.source;
    if ("warning" in r && r.warning) opts.logger?.warn(r.warning, { kbId: l.info.id });
    if (r.source === "built") saveIndex(l);
  }
  pending.clear();

  const getLive = (tenantId: string, kbId: string): LiveKb => {
    const l = live.get(kbId);
    if (!l || l.info.tenantId !== tenantId) {
      throw new KefuError("not_found", `no knowledge base ${kbId}`, { status: 404 });
    }
    return l;
  };

  const docRow = (kbId: string, r: Record<string, unknown>, count: number): DocumentInfo => ({
    id: r.id as string,
    kbId,
    title: r.title as string,
    format: r.format as DocumentFormat,
    tags: JSON.parse(r.tags as string) as string[],
    chunkCount: count,
    updatedAtMs: r.updated_at_ms as number,
  });

  const embedQuery = async (text: string): Promise<Float32Array> => {
    const v = await embedder.embed([text]);
    if (v.length !== embedder.dim) {
      throw new KefuError("embedder_error", `embedder ${embedder.id} returned ${v.length} values, not ${embedder.dim}`);
    }
    return v;
  };

  /**
   * Hybrid search with the query already embedded (`q`). The vector searches run off
   * the event loop (`searchBatch`) over the indexes as they are at the call, and BM25
   * runs in the same step; a chunk deleted before they finish is left out.
   */
  const searchWith = async (kbs: LiveKb[], query: string, q: Float32Array, so: SearchOptions): Promise<KbHit[]> => {
    const k = so.k ?? 5;
    const n = Math.max(so.candidates ?? 50, k);
    const mode = so.mode ?? "hybrid";
    const key = (kbId: string, id: string) => `${kbId}\u0000${id}`;
    const pass = (l: LiveKb) => (id: string) => {
      const c = l.chunks.get(id);
      if (!c) return false;
      if (so.kind && c.kind !== so.kind) return false;
      return !so.tags?.length || so.tags.every((t) => c.tags.includes(t));
    };
    const keyed = (l: LiveKb, hits: ScoredId[]) => hits.map((h) => ({ key: key(l.info.id, h.id), score: h.score }));
    const vecSearch =
      mode === "bm25" ? [] : kbs.map((l) => l.vec.searchBatch([q], n, pass(l)).then(([hits]) => keyed(l, hits ?? [])));
    const bmHits =
      mode === "vector"
        ? []
        : mergeByScore(
            kbs.map((l) => keyed(l, l.bm25.search(query, n, pass(l)))),
            n,
          );
    const vecHits = mergeByScore(await Promise.all(vecSearch), n);
    const fused = reciprocalRankFusion([{ hits: vecHits }, { hits: bmHits, weight: bm25Weight }], rrfK);
    const top = fused.slice(0, Math.max(k * 4, 20));
    const maxRrf = top[0]?.rrf ?? 1;
    const w = mode === "bm25" ? 0 : mode === "vector" ? 1 : cosineWeight;
    const hits: { hit: KbHit; f: FusedKey }[] = [];
    for (const f of top) {
      const [kbId, id] = f.key.split("\u0000") as [string, string];
      const l = live.get(kbId);
      const chunk = l?.chunks.get(id);
      const v = l?.vec.get(id); // rows are L2-normalised: the dot product is the cosine
      if (!chunk || !v) continue; // deleted while the vector search ran
      let cosine = 0;
      for (let i = 0; i < v.length; i++) cosine += (q[i] as number) * (v[i] as number);
      hits.push({
        hit: { kbId, docId: chunk.docId, chunk, cosine, rrf: f.rrf, score: w * cosine + (1 - w) * (f.rrf / maxRrf) },
        f,
      });
    }
    hits.sort((a, b) => b.hit.score - a.hit.score || compareFused(a.f, b.f));
    return hits.slice(0, k).map((h) => h.hit);
  };

  const search = async (tenantId: string, kbIds: string[], query: string, so: SearchOptions = {}) => {
    const kbs = [...new Set(kbIds)].map((id) => getLive(tenantId, id));
    if ((so.k ?? 5) <= 0 || !query.trim() || kbs.length === 0) return [];
    return searchWith(kbs, query, await embedQuery(query), so);
  };

  const kb: KnowledgeBase = {
    embedder,
    createKb(tenantId, input) {
      const id = input.id ?? newId();
      if (live.has(id)) throw new KefuError("conflict", `knowledge base ${id} exists`, { status: 409 });
      const info: KbInfo = { id, tenantId, name: input.name, createdAtMs: now() };
      db.query("INSERT INTO kbs (id, tenant_id, name, created_at_ms) VALUES (?, ?, ?, ?)").run(
        id,
        tenantId,
        input.name,
        info.createdAtMs,
      );
      live.set(id, newLive(info));
      return { ...info };
    },
    listKbs(tenantId) {
      return [...live.values()]
        .filter((l) => l.info.tenantId === tenantId)
        .map((l) => ({ ...l.info }))
        .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1));
    },
    getKb(tenantId, kbId) {
      return { ...getLive(tenantId, kbId).info };
    },
    deleteKb(tenantId, kbId) {
      getLive(tenantId, kbId);
      db.transaction(() => {
        db.query("DELETE FROM chunks WHERE kb_id = ?").run(kbId);
        db.query("DELETE FROM documents WHERE kb_id = ?").run(kbId);
        db.query("DELETE FROM kbs WHERE id = ?").run(kbId);
      })();
      live.get(kbId)?.vec.close();
      live.delete(kbId);
      const file = indexFile(kbId);
      if (file) {
        rmSync(file, { force: true });
        rmSync(`${file}.json`, { force: true });
      }
    },
    async putDocument(tenantId, kbId, doc) {
      getLive(tenantId, kbId);
      const docId = doc.id ?? newId();
      const tags = doc.tags ?? [];
      const chunks = chunkDocument(docId, doc, { ...opts.chunk, tags });
      const { vecs, qvecs } = await embedChunks(chunks);
      // The KB may have been deleted while embedding; from here on all is synchronous.
      const l = getLive(tenantId, kbId);
      for (const c of chunks) {
        const other = l.chunks.get(c.id);
        if (other && other.docId !== docId) {
          throw new KefuError("conflict", `chunk id ${c.id} is already used by document ${other.docId}`, {
            status: 409,
          });
        }
      }
      const at = now();
      const old = db
        .query<{ id: string }, [string, string]>("SELECT id FROM chunks WHERE kb_id = ? AND doc_id = ?")
        .all(kbId, docId);
      db.transaction(() => {
        db.query("DELETE FROM chunks WHERE kb_id = ? AND doc_id = ?").run(kbId, docId);
        db.query(
          `INSERT INTO documents (kb_id, id, title, format, content, tags, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (kb_id, id) DO UPDATE SET title = excluded.title, format = excluded.format,
             content = excluded.content, tags = excluded.tags, updated_at_ms = excluded.updated_at_ms`,
        ).run(kbId, docId, doc.title ?? docId, doc.format, doc.content, JSON.stringify(tags), at);
        chunks.forEach((c, i) => {
          const q = qvecs[i];
          qInsertChunk.run(
            kbId,
            c.id,
            docId,
            i,
            c.kind,
            c.text,
            c.heading ?? null,
            JSON.stringify(c.tags),
            c.question ?? null,
            c.answer ?? null,
            toBlob(vecs[i] as Float32Array),
            q ? toBlob(q) : null,
            embedder.id,
          );
        });
      })();
      for (const o of old) unindex(l, o.id);
      chunks.forEach((c, i) => {
        index(l, c, vecs[i] as Float32Array, qvecs[i]);
      });
      return {
        id: docId,
        kbId,
        title: doc.title ?? docId,
        format: doc.format,
        tags,
        chunkCount: chunks.length,
        updatedAtMs: at,
      };
    },
    listDocuments(tenantId, kbId) {
      getLive(tenantId, kbId);
      return db
        .query<Record<string, unknown>, [string]>(
          `SELECT d.id, d.title, d.format, d.tags, d.updated_at_ms,
             (SELECT COUNT(*) FROM chunks c WHERE c.kb_id = d.kb_id AND c.doc_id = d.id) AS n
           FROM documents d WHERE d.kb_id = ? ORDER BY d.id`,
        )
        .all(kbId)
        .map((r) => docRow(kbId, r, r.n as number));
    },
    deleteDocument(tenantId, kbId, docId) {
      const l = getLive(tenantId, kbId);
      const old = db
        .query<{ id: string }, [string, string]>("SELECT id FROM chunks WHERE kb_id = ? AND doc_id = ?")
        .all(kbId, docId);
      let changes = 0;
      db.transaction(() => {
        db.query("DELETE FROM chunks WHERE kb_id = ? AND doc_id = ?").run(kbId, docId);
        changes = db.query("DELETE FROM documents WHERE kb_id = ? AND id = ?").run(kbId, docId).changes;
      })();
      for (const o of old) unindex(l, o.id);
      return changes > 0;
    },
    chunks(tenantId, kbId, docId) {
      getLive(tenantId, kbId);
      return db
        .query<ChunkRow, [string, string]>("SELECT * FROM chunks WHERE kb_id = ? AND doc_id = ? ORDER BY seq")
        .all(kbId, docId)
        .map(rowToChunk);
    },
    search,
    async faqAnswer(tenantId, question, fo = {}) {
      const threshold = fo.threshold ?? 0.5;
      const kbs = [...new Set(fo.kbIds ?? kb.listKbs(tenantId).map((k) => k.id))].map((id) => getLive(tenantId, id));
      if (!question.trim() || kbs.length === 0) return undefined;
      const q = await embedQuery(question);
      const hits = await searchWith(kbs, question, q, { k: 5, kind: "faq", ...(fo.tags ? { tags: fo.tags } : {}) });
      if (hits.length === 0) return undefined;
      // Confidence from how well the question matches a stored question: the cosine
      // to the FAQ question, and the share of the query's IDF mass the pair contains.
      let best: { hit: KbHit; cos: number; cov: number; conf: number } | undefined;
      for (const h of hits) {
        const l = live.get(h.kbId) as LiveKb;
        const qv = l.qvec.get(h.chunk.id);
        let cos = h.cosine;
        if (qv) {
          let d = 0;
          for (let j = 0; j < qv.length; j++) d += (q[j] as number) * (qv[j] as number);
          cos = Math.max(d, h.cosine);
        }
        const cov = l.bm25.coverage(question, h.chunk.id);
        const conf = faqConfidence(cos, cov);
        // The fused top hit wins unless a lower one matches the question clearly better.
        if (!best || conf > best.conf + MARGIN) best = { hit: h, cos, cov, conf };
      }
      if (!best) return undefined;
      const confidence = best.conf;
      if (confidence < threshold) return undefined;
      const c = best.hit.chunk;
      return {
        answer: c.answer ?? c.text,
        question: c.question ?? "",
        confidence,
        cosine: best.cos,
        coverage: best.cov,
        kbId: best.hit.kbId,
        chunk: c,
      };
    },
    indexInfo(tenantId, kbId) {
      const l = getLive(tenantId, kbId);
      return {
        mode: l.vec.mode,
        size: l.vec.size,
        source: l.source,
        graphBuilds: l.vec.graphBuilds,
        graph: l.vec.graph,
      };
    },
    whenIndexReady(tenantId, kbId) {
      return getLive(tenantId, kbId).vec.whenGraphReady();
    },
    close() {
      for (const l of live.values()) {
        if (l.dirty) saveIndex(l);
        l.vec.close();
      }
      db.close();
    },
  };
  return kb;
}
