/**
 * Answers without any model: asks an injected `answer(question)` (the knowledge
 * base plugs in here) and streams the text in word-sized deltas; without an answer
 * it streams a fallback ("Let me connect you with a human agent." by default).
 * It never fails: an `answer` that throws also gives the fallback. Only the
 * caller's abort ends it early (the iterator then throws `signal.reason`).
 * It is the embedded default and the router's last fallback.
 *
 * @example
 *   const local = createLocalProvider({ answer: async (q) => faq.lookup(q) });
 *   for await (const c of local.stream(req, { signal, model: "local" })) {}
 */
import type { ChatChunk, ChatRequest, LlmProvider } from "../../types.ts";
import { guardStream } from "../stream.ts";

/** What the knowledge base returns for a question. */
export type LocalAnswer = (question: string, req: ChatRequest) => Promise<{ text: string } | undefined>;

/** Options of the local provider. */
export interface LocalProviderOptions {
  /** Target id (default "local"). */
  id?: string;
  /** Looks up an answer for the last user message. */
  answer: LocalAnswer;
  /** Streamed when there is no answer (default "Let me connect you with a human agent."). */
  fallbackText?: string;
}

/** The fallback text used when none is configured. */
export const DEFAULT_FALLBACK_TEXT = "Let me connect you with a human agent.";

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

/**
 * Splits text into word-sized pieces that concatenate back to it exactly: each
 * word keeps the spaces and punctuation that follow it; CJK text splits into
 * words as ICU segments them.
 *
 * @example
 *   splitWords("Hello, world!"); // ["Hello, ", "world!"]
 */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const s of segmenter.segment(text)) {
    if (s.isWordLike && cur !== "" && /[\p{L}\p{N}]/u.test(cur)) {
      out.push(cur);
      cur = "";
    }
    cur += s.segment;
  }
  if (cur !== "") out.push(cur);
  return out;
}

/** The text of the last user message, or "". */
export function lastUserMessage(req: ChatRequest): string {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i];
    if (m?.role === "user") return m.content;
  }
  return "";
}

/** `p`, or a rejection with `signal.reason` as soon as the signal aborts. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Creates the local provider.
 *
 * @example
 *   createLocalProvider({ answer: async () => undefined }); // always the fallback
 */
export function createLocalProvider(opts: LocalProviderOptions): LlmProvider {
  const id = opts.id ?? "local";
  const fallback = opts.fallbackText ?? DEFAULT_FALLBACK_TEXT;
  async function* run(req: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    let text: string | undefined;
    try {
      text = (await untilAborted(opts.answer(lastUserMessage(req), req), signal))?.text;
    } catch {
      text = undefined; // never fail: a broken knowledge base means "no answer"
    }
    signal.throwIfAborted();
    const answered = Boolean(text?.trim());
    for (const piece of splitWords(answered ? (text as string) : fallback)) {
      signal.throwIfAborted();
      yield { type: "delta", text: piece };
    }
    yield answered ? { type: "finish", reason: "stop" } : { type: "finish", reason: "stop", unanswered: true };
  }
  return {
    id,
    kind: "local",
    stream(req, ctx) {
      return guardStream(id, ctx.signal, run(req, ctx.signal));
    },
  };
}
