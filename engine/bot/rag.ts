/**
 * Retrieval-augmented prompts: the top knowledge-base chunks become numbered
 * sources in the system prompt, the model is told to cite them as [n], and the
 * citations it actually made are read back from its answer.
 *
 * @example
 *   const ctx = buildRagContext(hits, { maxSources: 4, maxTokens: 1200 });
 *   const system = ragSystemPrompt("Be brief.", ctx);
 *   citedSources("Refunds take 3-5 days [1].", ctx); // [{ n: 1, docId: "refunds", … }]
 */
import type { KbHit } from "../kb/knowledge-base.ts";
import { estimateTokens } from "./tokens.ts";

/** One numbered source of a prompt. */
export interface RagSource {
  /** 1-based number the model cites as [n]. */
  n: number;
  kbId: string;
  docId: string;
  chunkId: string;
  heading?: string;
  /** The text given to the model (possibly cut to the budget). */
  text: string;
  score: number;
}

/** The sources of one answer. */
export interface RagContext {
  sources: RagSource[];
}

/** Options of `buildRagContext`. */
export interface RagOptions {
  /** Most sources in one prompt (default 4). */
  maxSources?: number;
  /** Token budget of all sources together (default 1200); a source that does not fit is cut or dropped. */
  maxTokens?: number;
  /** Hits whose exact cosine is below this are not sources (default 0). */
  minCosine?: number;
}

/** The text a chunk contributes: FAQ pairs as "Q: … A: …", passages as they are. */
function sourceText(h: KbHit): string {
  const c = h.chunk;
  if (c.kind === "faq" && c.question) return `Q: ${c.question}\nA: ${c.answer ?? c.text}`;
  return c.text;
}

/** Cuts `text` to about `tokens` tokens (binary search over code points), adding "…" when cut. */
function cutToTokens(text: string, tokens: number): string {
  if (estimateTokens(text) <= tokens) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (estimateTokens(chars.slice(0, mid).join("")) + 1 <= tokens) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join("")}…`;
}

/**
 * Numbers the best hits as sources within the token budget. Hits are taken in
 * the order given (best first); the same chunk is never given twice.
 *
 * @example
 *   buildRagContext(await kb.search("t1", ["help"], "refund time"), { maxSources: 3 }).sources.length; // ≤ 3
 */
export function buildRagContext(hits: readonly KbHit[], opts: RagOptions = {}): RagContext {
  const maxSources = opts.maxSources ?? 4;
  let budget = opts.maxTokens ?? 1200;
  const minCosine = opts.minCosine ?? 0;
  const seen = new Set<string>();
  const sources: RagSource[] = [];
  for (const h of hits) {
    if (sources.length >= maxSources || budget <= 8) break;
    const key = `${h.kbId}/${h.chunk.id}`;
    if (seen.has(key) || h.cosine < minCosine) continue;
    seen.add(key);
    const header = h.chunk.heading ? `${h.chunk.heading}\n` : "";
    const text = cutToTokens(`${header}${sourceText(h)}`, budget - 4);
    budget -= estimateTokens(text) + 4;
    sources.push({
      n: sources.length + 1,
      kbId: h.kbId,
      docId: h.docId,
      chunkId: h.chunk.id,
      ...(h.chunk.heading ? { heading: h.chunk.heading } : {}),
      text,
      score: h.score,
    });
  }
  return { sources };
}

/** What the model is told about the sources. */
export const RAG_INSTRUCTIONS =
  "Answer from the numbered sources below when they cover the question, in the language of the question. " +
  "Cite every source you use as [n] right after the sentence it supports. " +
  "If the sources do not answer the question, say you are not sure and offer to connect a human agent; never invent policies, prices or dates.";

/**
 * The system prompt with the sources appended; the plain prompt when there are none.
 *
 * @example
 *   ragSystemPrompt("Be brief.", { sources: [] }); // "Be brief."
 */
export function ragSystemPrompt(systemPrompt: string, ctx: RagContext): string {
  if (ctx.sources.length === 0) return systemPrompt;
  const list = ctx.sources.map((s) => `[${s.n}] ${s.text}`).join("\n\n");
  return `${systemPrompt ? `${systemPrompt}\n\n` : ""}${RAG_INSTRUCTIONS}\n\nSources:\n${list}`;
}

/** [1], [1, 2], [1][3], 【2】 and ［2］ markers. */
const MARKER = /[[【［]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]】］]/g;

/**
 * The sources an answer cites, in source order, each once; markers that name no
 * source (e.g. "[9]" with three sources) are ignored.
 *
 * @example
 *   citedSources("See [2] and [2, 1].", ctx).map((s) => s.n); // [1, 2]
 */
export function citedSources(answer: string, ctx: RagContext): RagSource[] {
  const cited = new Set<number>();
  for (const m of answer.matchAll(MARKER)) for (const n of (m[1] ?? "").split(/[,，、]/)) cited.add(Number(n.trim()));
  return ctx.sources.filter((s) => cited.has(s.n));
}

/**
 * The compact form stored with the bot's message (attribute `citations`), e.g.
 * `[{"n":1,"kbId":"demo","docId":"refunds","chunkId":"refunds#2"}]`.
 */
export function citationsAttribute(sources: readonly RagSource[]): string {
  return JSON.stringify(
    sources.map((s) => ({
      n: s.n,
      kbId: s.kbId,
      docId: s.docId,
      chunkId: s.chunkId,
      ...(s.heading ? { heading: s.heading } : {}),
    })),
  );
}
