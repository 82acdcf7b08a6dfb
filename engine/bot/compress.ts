/**
 * Context compression: fits a conversation into a model's prompt budget.
 *
 * What survives, in order of precedence:
 * 1. the leading system message(s) — always;
 * 2. the latest `keepLast` messages — always, unless even they overflow the
 *    budget, in which case the window shrinks (to one message at least);
 * 3. every earlier message carrying a business entity (order, SKU, tracking
 *    number, phone, ID, e-mail) — pinned, verbatim, or cut down to its
 *    entity-bearing sentences when nothing else fits;
 * 4. the rest is summarised extractively: the highest-scoring sentences (summed
 *    term frequency over the dropped text, length-normalised; Latin words and CJK
 *    character bigrams are the terms) go, in their original order, into one system
 *    note "Earlier in this conversation: …" placed after the leading system messages.
 *
 * Original order is preserved among everything kept. Nothing is rewritten when the
 * conversation already fits.
 *
 * @example
 *   const { messages, tokens } = compressMessages(history, { budget: promptBudget("gpt-4o-mini", { cap: 4000 }), keepLast: 6 });
 */
import type { ChatMessage } from "../llm/types.ts";
import { extractEntities } from "./entities.ts";
import { estimateMessagesTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS, promptBudget } from "./tokens.ts";

/** Options of `compressMessages`. */
export interface CompressOptions {
  /** Prompt tokens allowed (framing included), e.g. from `promptBudget(model)`. */
  budget: number;
  /** Latest messages always kept verbatim (default 6). */
  keepLast?: number;
  /** Token estimator (default `estimateTokens`). */
  estimate?: (text: string) => number;
  /** Whether a text carries a business entity (default: `extractEntities(text).length > 0`). */
  hasEntity?: (text: string) => boolean;
  /** Prefix of the summary note (default "Earlier in this conversation: "). */
  summaryPrefix?: string;
}

/** What `compressMessages` produced. */
export interface CompressResult {
  messages: ChatMessage[];
  /** Estimated prompt tokens of `messages`. */
  tokens: number;
  /** False only when the system prompt and the last message alone overflow the budget. */
  withinBudget: boolean;
  /** Earlier messages kept because they carry entities. */
  pinned: number;
  /** Messages folded into the summary note (fully or partly). */
  summarized: number;
  /** Sentences kept in the summary note. */
  summarySentences: number;
}

interface Sentence {
  msg: number;
  idx: number;
  role: ChatMessage["role"];
  text: string;
  terms: string[];
  score: number;
  cost: number;
}

/** Splits text into sentences on CJK and Latin terminators and newlines. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/\n+/)) {
    const pieces = part.match(/[^。！？!?；;]+[。！？!?；;]*/g) ?? [];
    for (const p of pieces) {
      // Latin full stops followed by a space end a sentence too ("Hi. I need help").
      for (const q of p.split(/(?<=\.)\s+(?=[A-Z])/)) if (q.trim()) out.push(q.trim());
    }
  }
  return out;
}

const STOP = new Set(
  "the a an and or but to of in on at for is are was were be been it this that i you we he she they my your our me us do does did have has had with as by from not no yes ok okay please thanks thank hi hello can could would will just so".split(
    " ",
  ),
);

/** Terms of a text for scoring: lower-cased Latin words (not stop words) and CJK character bigrams. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/([a-z0-9]+)|(\p{Script=Han}+)/gu)) {
    if (m[1] !== undefined) {
      if (m[1].length > 1 && !STOP.has(m[1])) out.push(m[1]);
    } else if (m[2] !== undefined) {
      const run = m[2];
      if (run.length === 1) out.push(run);
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
  }
  return out;
}

/**
 * Compresses `messages` (oldest first) to `opts.budget` estimated tokens.
 *
 * @example
 *   compressMessages([{ role: "system", content: "Be brief." }, ...turns], { budget: 3000, keepLast: 4 }).messages
 */
export function compressMessages(messages: readonly ChatMessage[], opts: CompressOptions): CompressResult {
  const estimate = opts.estimate ?? estimateTokens;
  const hasEntity = opts.hasEntity ?? ((t: string) => extractEntities(t).length > 0);
  const prefix = opts.summaryPrefix ?? "Earlier in this conversation: ";
  const cost = (ms: readonly ChatMessage[]) => estimateMessagesTokens(ms, estimate);

  const total = cost(messages);
  if (total <= opts.budget) {
    return {
      messages: [...messages],
      tokens: total,
      withinBudget: true,
      pinned: 0,
      summarized: 0,
      summarySentences: 0,
    };
  }

  let headLen = 0;
  while (headLen < messages.length && messages[headLen]?.role === "system") headLen++;
  const head = messages.slice(0, headLen);
  const rest = messages.slice(headLen);
  const pinnedFlags = rest.map((m) => hasEntity(m.content));

  // Shrink the verbatim window until head + window + pinned fit (window ≥ 1).
  let keep = Math.min(Math.max(1, opts.keepLast ?? 6), rest.length);
  const layout = (k: number, trimPinned: boolean) => {
    const cut = rest.length - k;
    const kept: ChatMessage[] = [];
    const summarised: number[] = [];
    for (let i = 0; i < rest.length; i++) {
      const m = rest[i] as ChatMessage;
      if (i >= cut) kept.push(m);
      else if (pinnedFlags[i])
        kept.push(trimPinned ? { role: m.role, content: entitySentences(m.content, hasEntity) } : m);
      else summarised.push(i);
    }
    return { kept, summarised };
  };
  let trim = false;
  let plan = layout(keep, trim);
  while (cost([...head, ...plan.kept]) > opts.budget && keep > 1) plan = layout(--keep, trim);
  if (cost([...head, ...plan.kept]) > opts.budget) {
    trim = true;
    plan = layout(keep, trim);
  }
  const base = [...head, ...plan.kept];
  const baseCost = cost(base);
  const pinnedCount = plan.kept.length - keep;

  // Extractive summary of what is left out, within what remains of the budget.
  const room = opts.budget - baseCost - MESSAGE_OVERHEAD_TOKENS - estimate(prefix);
  const chosen = room > 0 ? pickSentences(plan.summarised, rest, room, estimate) : [];
  const out = [...head];
  if (chosen.length > 0) out.push({ role: "system", content: prefix + chosen.map((s) => s.text).join(" ") });
  out.push(...plan.kept);
  const tokens = cost(out);
  return {
    messages: out,
    tokens,
    withinBudget: tokens <= opts.budget,
    pinned: pinnedCount,
    summarized: plan.summarised.length,
    summarySentences: chosen.length,
  };
}

/**
 * Compresses to the prompt budget of `model` (its context window minus `reserveOutput`, capped by `cap`).
 *
 * @example
 *   compressForModel(messages, "gpt-4o-mini", { reserveOutput: 1024, cap: 8000, keepLast: 6 }).messages
 */
export function compressForModel(
  messages: readonly ChatMessage[],
  model: string | undefined,
  opts: Omit<CompressOptions, "budget"> & { reserveOutput?: number; cap?: number; fallbackContext?: number } = {},
): CompressResult {
  const budgetOpts: Parameters<typeof promptBudget>[1] = {};
  if (opts.reserveOutput !== undefined) budgetOpts.reserveOutput = opts.reserveOutput;
  if (opts.cap !== undefined) budgetOpts.cap = opts.cap;
  if (opts.fallbackContext !== undefined) budgetOpts.fallback = opts.fallbackContext;
  return compressMessages(messages, { ...opts, budget: promptBudget(model, budgetOpts) });
}

function entitySentences(text: string, hasEntity: (t: string) => boolean): string {
  const keep = splitSentences(text).filter(hasEntity);
  return keep.length > 0 ? keep.join(" ") : text;
}

function pickSentences(
  which: number[],
  rest: readonly ChatMessage[],
  room: number,
  estimate: (t: string) => number,
): Sentence[] {
  const sentences: Sentence[] = [];
  for (const msg of which) {
    const m = rest[msg] as ChatMessage;
    const label = m.role === "user" ? "User: " : m.role === "assistant" ? "Assistant: " : "";
    splitSentences(m.content).forEach((s, idx) => {
      const text = idx === 0 ? label + s : s;
      sentences.push({ msg, idx, role: m.role, text, terms: terms(s), score: 0, cost: estimate(text) + 1 });
    });
  }
  const tf = new Map<string, number>();
  for (const s of sentences) for (const t of s.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  for (const s of sentences) {
    const uniq = new Set(s.terms);
    let sum = 0;
    for (const t of uniq) sum += tf.get(t) ?? 0;
    // Sentences with fewer than two terms ("ok", "好的") say little.
    s.score = uniq.size < 2 ? 0 : sum / Math.sqrt(s.terms.length);
  }
  const ranked = sentences.filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
  const chosen: Sentence[] = [];
  let used = 0;
  for (const s of ranked) {
    if (used + s.cost > room) continue;
    chosen.push(s);
    used += s.cost;
  }
  return chosen.sort((a, b) => a.msg - b.msg || a.idx - b.idx);
}
