/**
 * What the bot knows before it asks a model: a confident FAQ answer or a cached
 * answer is given directly (no model call); otherwise the best knowledge-base
 * chunks become numbered sources of a retrieval-augmented prompt (rag.ts), and the
 * model's answer may be remembered in the semantic answer cache.
 *
 * Tenants without a knowledge base of their own are answered from the fallback
 * tenant's ("default", where the demo knowledge base lives) when one is set.
 *
 * @example
 *   const knowledge = createBotKnowledge({ kb, faqThreshold: 0.5, fallbackTenant: "default" });
 *   const p = await knowledge.prepare("acme", "how long do refunds take?");
 *   if (p.kind === "direct") reply(p.text); else stream(model, ragSystemPrompt(system, p.context));
 */
import type { KnowledgeBase } from "../kb/knowledge-base.ts";
import type { AnswerCache } from "./answer-cache.ts";
import { buildRagContext, type RagContext, type RagOptions } from "./rag.ts";

/** Options of `createBotKnowledge`. */
export interface BotKnowledgeOptions {
  kb: KnowledgeBase;
  /** FAQ confidence at or above which the FAQ answer is given without a model. */
  faqThreshold: number;
  /** Tenant whose knowledge bases answer tenants that have none (e.g. "default"). */
  fallbackTenant?: string;
  /** Chunks retrieved for the prompt (default 4) and the source budget. */
  rag?: RagOptions;
  /** Semantic answer cache; none by default. */
  cache?: AnswerCache;
}

/** An answer given without a model. */
export interface DirectAnswer {
  kind: "direct";
  text: string;
  source: "faq" | "cache";
  /** Stored with the bot's message (faq id and confidence, or the cached question). */
  attributes: Record<string, string>;
}

/** Context for a model answer. */
export interface ModelContext {
  kind: "model";
  context: RagContext;
  /** The cache generation read before retrieval (see AnswerCache.store). */
  generation: number;
}

/** The bot's knowledge. */
export interface BotKnowledge {
  /** A direct answer, or the sources for a model answer (empty when no knowledge base applies). */
  prepare(tenantId: string, question: string): Promise<DirectAnswer | ModelContext>;
  /**
   * Offers a model's answer to the cache (no-op without a cache); true when stored.
   * `attributes` (e.g. citations) come back with a cache hit.
   */
  remember(
    tenantId: string,
    question: string,
    text: string,
    prepared: ModelContext,
    attributes?: Record<string, string>,
  ): Promise<boolean>;
  /** The tenant's knowledge changed: forgets its cached answers (all tenants' when it is the fallback tenant). */
  changed(tenantId: string): void;
}

/**
 * Creates the bot's knowledge over a knowledge base.
 *
 * @example
 *   createBotKnowledge({ kb, faqThreshold: 0.5, cache: createAnswerCache({ embedder: kb.embedder, ttlMs: 3_600_000 }) });
 */
export function createBotKnowledge(opts: BotKnowledgeOptions): BotKnowledge {
  const { kb, cache } = opts;
  const cachedTenants = new Set<string>();
  /** The tenant whose knowledge bases answer `tenantId`, if any. */
  const answeringTenant = (tenantId: string): string | undefined => {
    if (kb.listKbs(tenantId).length > 0) return tenantId;
    const f = opts.fallbackTenant;
    return f !== undefined && kb.listKbs(f).length > 0 ? f : undefined;
  };

  return {
    async prepare(tenantId, question): Promise<DirectAnswer | ModelContext> {
      const generation = cache?.generation(tenantId) ?? 0;
      const none: ModelContext = { kind: "model", context: { sources: [] }, generation };
      const from = answeringTenant(tenantId);
      if (!from || !question.trim()) return none;
      const faq = await kb.faqAnswer(from, question, { threshold: opts.faqThreshold });
      if (faq) {
        return {
          kind: "direct",
          text: faq.answer,
          source: "faq",
          attributes: { faq: faq.chunk.id, kb: faq.kbId, confidence: faq.confidence.toFixed(3) },
        };
      }
      const hit = await cache?.lookup(tenantId, question);
      if (hit) {
        const attributes: Record<string, string> = {
          ...hit.attributes,
          cachedQuestion: hit.question,
          similarity: hit.similarity.toFixed(3),
        };
        return { kind: "direct", text: hit.text, source: "cache", attributes };
      }
      const k = opts.rag?.maxSources ?? 4;
      if (k === 0) return none;
      const ids = kb.listKbs(from).map((info) => info.id);
      const hits = await kb.search(from, ids, question, { k });
      return { kind: "model", context: buildRagContext(hits, opts.rag), generation };
    },

    async remember(tenantId, question, text, prepared, attributes = {}) {
      if (!cache) return false;
      cachedTenants.add(tenantId);
      return cache.store(tenantId, question, text, { generation: prepared.generation, attributes });
    },

    changed(tenantId) {
      if (!cache) return;
      if (tenantId === opts.fallbackTenant) {
        for (const t of cachedTenants) cache.invalidate(t);
      }
      cache.invalidate(tenantId);
    },
  };
}

/** Knowledge-base methods that change what the bot knows. */
const WRITES = ["createKb", "deleteKb", "putDocument", "deleteDocument"] as const;

/**
 * A view of `kb` that calls `onChange(tenantId)` after every successful write
 * (create/delete knowledge base, put/delete document), e.g. to invalidate the
 * answer cache. Reads pass through untouched.
 *
 * @example
 *   const watched = observeKnowledgeBase(kb, (t) => knowledge.changed(t));
 *   await watched.putDocument("acme", "help", doc); // knowledge.changed("acme")
 */
export function observeKnowledgeBase(kb: KnowledgeBase, onChange: (tenantId: string) => void): KnowledgeBase {
  const wrapped: Partial<Record<(typeof WRITES)[number], unknown>> = {};
  for (const name of WRITES) {
    const fn = (kb[name] as (...args: unknown[]) => unknown).bind(kb);
    wrapped[name] = (...args: unknown[]) => {
      const tenantId = args[0] as string;
      const out = fn(...args);
      if (out instanceof Promise) {
        return out.then((v) => {
          onChange(tenantId);
          return v;
        });
      }
      onChange(tenantId);
      return out;
    };
  }
  return new Proxy(kb, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && prop in wrapped) return wrapped[prop as keyof typeof wrapped];
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
