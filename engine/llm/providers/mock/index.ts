/**
 * For demos only: a provider that answers without any model or network, echoing
 * the question or a canned reply word by word at a configurable pace, so the
 * gateway can be shown streaming on a laptop. Not for production routes, and not
 * a test double for vendors (that is engine/llm/testing/mock-upstreams.ts).
 *
 * Pacing uses an injected `sleep`, not a Clock: tests pass an instant one.
 *
 * @example
 *   const demo = createMockProvider({ reply: "Thanks for reaching out!", tokenDelayMs: 40 });
 *   const instant = createMockProvider({ sleep: async () => {} });
 */
import type { ChatChunk, ChatRequest, LlmProvider } from "../../types.ts";
import { lastUserMessage, splitWords } from "../local/index.ts";
import { guardStream } from "../stream.ts";

/** Waits `ms`, rejecting with `signal.reason` if it is aborted first. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Options of the demo provider. */
export interface MockProviderOptions {
  /** Target id (default "mock"). */
  id?: string;
  /** Fixed reply, or a function of the request (default: echoes the last user message). */
  reply?: string | ((req: ChatRequest) => string);
  /** Pause before the first word (default 200 ms). */
  firstTokenDelayMs?: number;
  /** Pause between words (default 30 ms). */
  tokenDelayMs?: number;
  /** How to wait (default: a real timer). */
  sleep?: Sleep;
}

/** A real-timer {@link Sleep}. */
export const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/**
 * Creates the demo provider.
 *
 * @example
 *   createMockProvider({ reply: (req) => `You asked: ${req.messages.at(-1)?.content}` });
 */
export function createMockProvider(opts: MockProviderOptions = {}): LlmProvider {
  const id = opts.id ?? "mock";
  const sleep = opts.sleep ?? timerSleep;
  const first = opts.firstTokenDelayMs ?? 200;
  const gap = opts.tokenDelayMs ?? 30;
  async function* run(req: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    const question = lastUserMessage(req);
    const text =
      typeof opts.reply === "function"
        ? opts.reply(req)
        : (opts.reply ?? (question ? `You said: ${question}` : "Hello! This is the kefu demo model."));
    const words = splitWords(text);
    for (let i = 0; i < words.length; i++) {
      await sleep(i === 0 ? first : gap, signal);
      yield { type: "delta", text: words[i] as string };
    }
    yield {
      type: "usage",
      promptTokens: req.messages.reduce((n, m) => n + splitWords(m.content).length, 0),
      completionTokens: words.length,
    };
    yield { type: "finish", reason: "stop" };
  }
  return {
    id,
    kind: "mock",
    stream(req, ctx) {
      return guardStream(id, ctx.signal, run(req, ctx.signal));
    },
  };
}
