/**
 * Semantic answer cache, per tenant: a model's answer to a question is reused for
 * a later question whose embedding is close enough (cosine ≥ threshold), until it
 * expires (TTL) or the tenant's knowledge base changes (`invalidate`).
 *
 * What is never cached: questions that carry business entities (order numbers,
 * phone numbers, tracking numbers…: their answers are about one customer's case)
 * and answers stored after an invalidation that happened while they were being
 * produced (`generation` guards that race).
 *
 * Bounds: at most `maxEntries` answers per tenant, least recently used evicted.
 *
 * @example
 *   const cache = createAnswerCache({ embedder, ttlMs: 3_600_000 });
 *   const gen = cache.generation("t1");
 *   await cache.store("t1", "how long do refunds take", "3-5 days [1]", { generation: gen });
 *   (await cache.lookup("t1", "how long does a refund take"))?.text; // "3-5 days [1]"
 *   cache.invalidate("t1"); // the KB changed: every answer of t1 is gone
 */
import type { Embedder } from "../kb/embedder.ts";
import { hasEntities } from "./entities.ts";

/** Options of `createAnswerCache`. */
export interface AnswerCacheOptions {
  embedder: Embedder;
  /** How long an answer is reused, ms. */
  ttlMs: number;
  /** Least cosine between questions for a hit (default 0.9). */
  threshold?: number;
  /** Answers kept per tenant (default 1000). */
  maxEntries?: number;
  now?: () => number;
}

/** A cache hit. */
export interface CachedAnswer {
  text: string;
  /** The question the answer was given to. */
  question: string;
  similarity: number;
  attributes: Record<string, string>;
}

/** The cache. */
export interface AnswerCache {
  /** The closest fresh answer at or above the threshold, or undefined. */
  lookup(tenantId: string, question: string): Promise<CachedAnswer | undefined>;
  /**
   * Remembers an answer. Dropped (false) when the question carries entities, or when
   * `generation` (read before the answer was produced) is no longer current.
   */
  store(
    tenantId: string,
    question: string,
    text: string,
    opts?: { generation?: number; attributes?: Record<string, string> },
  ): Promise<boolean>;
  /** Counter bumped by every invalidation of the tenant. */
  generation(tenantId: string): number;
  /** Forgets every answer of the tenant (its knowledge base changed). */
  invalidate(tenantId: string): void;
  /** Answers held for the tenant (fresh or not yet swept). */
  size(tenantId: string): number;
}

interface Entry {
  vec: Float32Array;
  question: string;
  text: string;
  attributes: Record<string, string>;
  at: number;
}

interface TenantCache {
  generation: number;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  entries: Map<string, Entry>;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * Creates the cache.
 *
 * @example
 *   createAnswerCache({ embedder: createHashedEmbedder(), ttlMs: 600_000, threshold: 0.92 });
 */
export function createAnswerCache(opts: AnswerCacheOptions): AnswerCache {
  const threshold = opts.threshold ?? 0.9;
  const maxEntries = opts.maxEntries ?? 1000;
  const now = opts.now ?? Date.now;
  if (!(opts.ttlMs > 0)) throw new TypeError(`ttlMs must be positive, got ${opts.ttlMs}`);
  if (!(maxEntries >= 1)) throw new TypeError(`maxEntries must be at least 1, got ${maxEntries}`);
  const tenants = new Map<string, TenantCache>();
  const tenant = (id: string): TenantCache => {
    let t = tenants.get(id);
    if (!t) {
      t = { generation: 0, entries: new Map() };
      tenants.set(id, t);
    }
    return t;
  };
  const key = (q: string) => q.trim().toLowerCase();

  return {
    async lookup(tenantId, question) {
      const t = tenants.get(tenantId);
      if (!t || t.entries.size === 0 || hasEntities(question)) return undefined;
      const gen = t.generation;
      const q = await opts.embedder.embed([question]);
      if (t.generation !== gen) return undefined;
      const fresh = now() - opts.ttlMs;
      let best: [string, Entry, number] | undefined;
      for (const [k, e] of t.entries) {
        if (e.at < fresh) {
          t.entries.delete(k);
          continue;
        }
        const sim = dot(q, e.vec);
        if (sim >= threshold && (!best || sim > best[2])) best = [k, e, sim];
      }
      if (!best) return undefined;
      const [k, e, similarity] = best;
      t.entries.delete(k);
      t.entries.set(k, e);
      return { text: e.text, question: e.question, similarity, attributes: { ...e.attributes } };
    },

    async store(tenantId, question, text, so = {}) {
      if (!question.trim() || !text.trim() || hasEntities(question)) return false;
      const t = tenant(tenantId);
      const gen = so.generation ?? t.generation;
      if (gen !== t.generation) return false;
      const vec = await opts.embedder.embed([question]);
      if (gen !== t.generation) return false;
      const k = key(question);
      t.entries.delete(k);
      t.entries.set(k, { vec, question, text, attributes: { ...(so.attributes ?? {}) }, at: now() });
      while (t.entries.size > maxEntries) {
        const oldest = t.entries.keys().next().value as string;
        t.entries.delete(oldest);
      }
      return true;
    },

    generation: (tenantId) => tenants.get(tenantId)?.generation ?? 0,

    invalidate(tenantId) {
      const t = tenant(tenantId);
      t.generation++;
      t.entries.clear();
    },

    size: (tenantId) => tenants.get(tenantId)?.entries.size ?? 0,
  };
}
