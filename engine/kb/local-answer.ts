/**
 * Plugs the knowledge base into the local LLM provider: the provider's `answer`
 * asks `faqAnswer` for the request's tenant and returns the FAQ answer when its
 * confidence passes the threshold, else undefined (the provider then streams its
 * fallback, "Let me connect you with a human agent.").
 *
 * @example
 *   const local = createLocalProvider({ answer: createKbAnswer(kb, { threshold: 0.6 }) });
 */
import type { LocalAnswer } from "../llm/providers/local/index.ts";
import type { FaqAnswer, KnowledgeBase } from "./knowledge-base.ts";

/** Options of `createKbAnswer`. */
export interface KbAnswerOptions {
  /** Tenant used when the request carries none (default: no answer without a tenant). */
  defaultTenantId?: string;
  /** Minimum confidence (default 0.5, the `faqAnswer` default). */
  threshold?: number;
  /** Knowledge bases to ask per tenant (default all of the tenant's). */
  kbIds?: (tenantId: string) => string[] | undefined;
  /** Called with each answer given, e.g. to log the FAQ id and confidence. */
  onAnswer?: (a: FaqAnswer, tenantId: string) => void;
}

/**
 * Creates the `answer` function of the local provider from a knowledge base.
 *
 * @example
 *   const answer = createKbAnswer(kb, { defaultTenantId: "demo" });
 *   await answer("退款多久到账", { messages: [] }); // { text: "退款审核通过后，…" }
 */
export function createKbAnswer(kb: KnowledgeBase, opts: KbAnswerOptions = {}): LocalAnswer {
  return async (question, req) => {
    const tenantId = req.tenantId ?? opts.defaultTenantId;
    if (!tenantId || !question.trim()) return undefined;
    const kbIds = opts.kbIds?.(tenantId);
    const a = await kb.faqAnswer(tenantId, question, {
      ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
      ...(kbIds ? { kbIds } : {}),
    });
    if (!a) return undefined;
    opts.onAnswer?.(a, tenantId);
    return { text: a.answer };
  };
}
