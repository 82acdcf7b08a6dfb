/**
 * The bot's voice in a conversation: turns a session's recent messages into a
 * chat request, routes it through the LLM router, and reports the streamed
 * answer. The conversation service stores the final answer as a bot message.
 *
 * @example
 *   const bot = createBotResponder({ router, systemPrompt: "Be brief.", historyMessages: 20 });
 *   const { first, chunks } = bot.reply({ tenantId: "t1", sessionId: "s1", history, signal });
 */
import type { SessionEvent } from "../events.ts";
import type { ChatChunk, ChatMessage, ChatRouting, RouteMeta } from "../llm/types.ts";
import { compressMessages } from "./compress.ts";
import { maskPii } from "./entities.ts";
import { type RagContext, ragSystemPrompt } from "./rag.ts";

/** Where an answer came from. */
export type ReplyMeta = RouteMeta;

/** Options of the responder. */
export interface BotResponderOptions {
  router: ChatRouting;
  systemPrompt: string;
  /** How many earlier messages go into the request. */
  historyMessages: number;
  /** Token budget of the prompt; older turns are summarised, entity-bearing ones kept. */
  maxPromptTokens?: number;
  /** Mask phone and ID numbers before the text reaches a third-party model (default true). */
  maskPii?: boolean;
}

/** The bot responder. */
export interface BotResponder {
  /**
   * Builds the request from the session's history (oldest first) and starts the routed
   * answer; `context` adds knowledge-base sources to the system prompt (see rag.ts).
   */
  reply(input: {
    tenantId: string;
    sessionId: string;
    history: SessionEvent[];
    signal: AbortSignal;
    context?: RagContext;
  }): {
    first: Promise<ReplyMeta>;
    chunks: AsyncIterable<ChatChunk>;
  };
}

/** Maps stored events to chat turns: visitor → user; bot and agent → assistant; other events are skipped. */
export function toChatMessages(history: SessionEvent[], limit: number): ChatMessage[] {
  const turns: ChatMessage[] = [];
  for (const e of history) {
    if (e.body.type !== "message") continue;
    turns.push({ role: e.actor.kind === "visitor" ? "user" : "assistant", content: e.body.text });
  }
  return limit > 0 ? turns.slice(-limit) : turns.slice(-1);
}

/** Creates the responder. */
export function createBotResponder(opts: BotResponderOptions): BotResponder {
  return {
    reply({ tenantId, sessionId, history, signal, context }) {
      const mask = opts.maskPii !== false;
      const turns = toChatMessages(history, opts.historyMessages + 1).map((m) =>
        mask && m.role === "user" ? { ...m, content: maskPii(m.content) } : m,
      );
      const system = context ? ragSystemPrompt(opts.systemPrompt, context) : opts.systemPrompt;
      const all: ChatMessage[] = [...(system ? [{ role: "system" as const, content: system }] : []), ...turns];
      const messages = compressMessages(all, { budget: opts.maxPromptTokens ?? 6000 }).messages;
      return opts.router.stream({ messages, tenantId, metadata: { sessionId } }, { signal });
    },
  };
}
