/**
 * A tokenizer-free token-count estimate for budgeting prompts, good enough for
 * CJK and Latin text with common BPE vocabularies (cl100k, o200k, Qwen, DeepSeek).
 *
 * Rules (each measured against cl100k/o200k counts of typical chat text):
 * - CJK ideographs, kana, hangul and CJK/full-width punctuation: 1 token each
 *   (cl100k spends ~1–1.3 per common Han character, o200k/Qwen ~0.7–1; 1 is the middle).
 * - Latin words (letter runs): `max(1, round(len / 6))`, i.e. words up to 8 letters
 *   are 1 token (common English words are), longer ones ~1 per 6 letters
 *   ("tokenization" → 2, as cl100k splits it "token|ization").
 * - Digit runs: 1 token per 3 digits (cl100k/o200k split numbers in groups of up to 3).
 * - Other punctuation and symbols: 1 each. Whitespace is folded into the next word.
 * Chat messages add 4 tokens of framing each and 3 for the reply primer
 * (the OpenAI chat format; other vendors are close).
 *
 * Estimates are meant for budgets: expect ±20% on prose, which is why callers keep a margin.
 *
 * @example
 *   estimateTokens("The quick brown fox jumps over the lazy dog.") // 10
 *   estimateTokens("我想查询订单") // 6
 */
import type { ChatMessage } from "../llm/types.ts";

const PIECES =
  /(\p{Script=Han}|[\u3000-\u303f\u3040-\u30ff\uac00-\ud7af\uff00-\uffef])|([A-Za-z\u00c0-\u024f]+)|(\d+)|(\s+)|(.)/gu;

/**
 * Estimated tokens of a text.
 *
 * @example
 *   estimateTokens("Hello, world!") // 4
 */
export function estimateTokens(text: string): number {
  let n = 0;
  for (const m of text.matchAll(PIECES)) {
    if (m[1] !== undefined) n += 1;
    else if (m[2] !== undefined) n += Math.max(1, Math.round(m[2].length / 6));
    else if (m[3] !== undefined) n += Math.ceil(m[3].length / 3);
    else if (m[4] !== undefined) n += m[4].includes("\n") ? 1 : 0;
    else if (m[5] !== undefined) n += 1;
  }
  return n;
}

/** Framing tokens per chat message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** Tokens priming the reply. */
export const REPLY_PRIMER_TOKENS = 3;

/**
 * Estimated prompt tokens of a list of chat messages, framing included.
 *
 * @example
 *   estimateMessagesTokens([{ role: "user", content: "hi" }]) // 1 + 4 + 3 = 8
 */
export function estimateMessagesTokens(
  messages: readonly ChatMessage[],
  estimate: (text: string) => number = estimateTokens,
): number {
  let n = REPLY_PRIMER_TOKENS;
  for (const m of messages) n += MESSAGE_OVERHEAD_TOKENS + estimate(m.content);
  return n;
}

/** Context windows (tokens) of common models, by name prefix; longest prefix wins. */
export const MODEL_CONTEXT_TOKENS: Readonly<Record<string, number>> = {
  "gpt-4o": 128_000,
  "gpt-4.1": 1_000_000,
  "gpt-4": 8_192,
  "gpt-3.5": 16_385,
  "claude-": 200_000,
  "qwen-turbo": 1_000_000,
  "qwen-plus": 131_072,
  "qwen-max": 32_768,
  qwen: 32_768,
  "deepseek-": 65_536,
  "glm-4": 128_000,
  "moonshot-v1-8k": 8_192,
  "moonshot-v1-32k": 32_768,
  "moonshot-v1-128k": 131_072,
  "ernie-": 8_192,
};

/**
 * The prompt budget for a model: its context window (or `fallback` when unknown) minus the tokens
 * reserved for the answer, capped by `cap` when given.
 *
 * @example
 *   promptBudget("gpt-4o-mini", { reserveOutput: 1024, cap: 6000 }) // 6000
 *   promptBudget("unknown-model", { fallback: 8192, reserveOutput: 1024 }) // 7168
 */
export function promptBudget(
  model: string | undefined,
  opts: { reserveOutput?: number; cap?: number; fallback?: number; table?: Readonly<Record<string, number>> } = {},
): number {
  const table = opts.table ?? MODEL_CONTEXT_TOKENS;
  let best = "";
  const name = (model ?? "").toLowerCase();
  for (const prefix of Object.keys(table)) {
    if (name.startsWith(prefix) && prefix.length > best.length) best = prefix;
  }
  const window = best ? (table[best] ?? 0) : (opts.fallback ?? 8_192);
  const budget = Math.max(0, window - (opts.reserveOutput ?? 1_024));
  return opts.cap === undefined ? budget : Math.min(budget, opts.cap);
}
