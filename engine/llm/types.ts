/**
 * The LLM port: one chat request shape, one stream-chunk shape, one error shape,
 * whatever the vendor. Providers (engine/llm/providers/<vendor>/) map to and from
 * their wire formats; the router (engine/llm/router/) only sees these types.
 *
 * @example
 *   for await (const c of provider.stream(req, { signal, model: "gpt-4o-mini" })) {
 *     if (c.type === "delta") process.stdout.write(c.text);
 *   }
 */
import { KefuError } from "../errors.ts";
import type { SignalLike } from "./cancel.ts";

/** One chat turn. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** A chat request, vendor-neutral. */
export interface ChatRequest {
  messages: ChatMessage[];
  /** Logical model asked for by the caller (routes may map it per target). */
  model?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  /** End-user id, passed to vendors that take one (abuse tracking). */
  user?: string;
  /** Routing context. */
  tenantId?: string;
  intent?: string;
  metadata?: Record<string, string>;
  /** Conversation id for vendors that keep server-side conversations (Dify, Coze). */
  conversationId?: string;
}

/** Why a completion ended. */
export type FinishReason = "stop" | "length" | "content_filter";

/** What a provider stream yields. Exactly one `finish` ends a successful stream. */
export type ChatChunk =
  | { type: "delta"; text: string }
  | { type: "usage"; promptTokens: number; completionTokens: number }
  | {
      type: "finish";
      reason: FinishReason;
      conversationId?: string;
      /** Set by the local provider when it streamed its fallback: nothing answered the question. */
      unanswered?: true;
    };

/** Per-call context: cancellation and the vendor model to use. */
export interface CallContext {
  signal: AbortSignal;
  /**
   * The same cancellation as `signal`, for the shared upstream layers, which take a
   * SignalLike (engine/llm/cancel.ts). The router's attempts set it and make `signal`
   * only when a provider reads it: a call that goes through `cancel` alone costs no
   * AbortController.
   */
  cancel?: SignalLike;
  /** The model name this target sends upstream. */
  model: string;
}

/** A model backend. */
export interface LlmProvider {
  /** Target id from config, e.g. "openai-day". */
  readonly id: string;
  /** Adapter kind, e.g. "openai", "dify", "coze", "anthropic", "local", "mock". */
  readonly kind: string;
  /**
   * Streams a completion. Throws (or the iterator throws) an `LlmError`; a stream
   * that ends without a `finish` chunk is an error (`stream_interrupted`), never a
   * normal end. Aborting `ctx.signal` cancels the upstream request.
   */
  stream(req: ChatRequest, ctx: CallContext): AsyncIterable<ChatChunk>;
  /**
   * Optional: the whole answer from one non-streamed upstream call, as the chunks a
   * stream would have yielded (at most one non-empty delta, an optional usage, then
   * exactly one finish). Rejects with an `LlmError` (or `ctx.signal.reason` once
   * aborted). It keeps no deadline of its own: the caller bounds it through
   * `ctx.signal` (the router's attempt does, with the target's `timeouts.wholeMs`).
   */
  complete?(req: ChatRequest, ctx: CallContext): Promise<ChatChunk[]>;
}

/** Where a routed answer came from. */
export interface RouteMeta {
  target: string;
  route: string;
  attempts: number;
  /** The strategy path that chose the target, e.g. "schedule:day > route:support > fallback > openai-day". */
  pathText?: string;
  /** Time to the first token of the answering target, ms. */
  ttftMs?: number | undefined;
}

/**
 * What callers need from the LLM router. `first` resolves with the route meta once
 * a target produced its first chunk (or rejects with the routing error); `chunks`
 * then yields everything, that first chunk included.
 */
export interface ChatRouting {
  stream(
    req: ChatRequest,
    /** `whole`: the caller only uses the complete answer (see the router's `StreamOptions.whole`). */
    opts: { signal: AbortSignal; whole?: boolean },
  ): {
    first: Promise<RouteMeta>;
    chunks: AsyncIterable<ChatChunk>;
    /** Every chunk at once when the answer is complete, with its meta; use instead of `chunks`. */
    answer(): Promise<{ meta: RouteMeta; chunks: ChatChunk[] }>;
  };
}

/** Error classes the router decides on. */
export type LlmErrorCode =
  | "upstream_unavailable" // 5xx, connection refused
  | "upstream_reset" // connection reset mid-request
  | "upstream_timeout" // no first byte / stalled stream
  | "upstream_rate_limited" // 429 (retryAfterMs when the vendor said)
  | "upstream_rejected" // 400/401/403/404/422: the request or key is wrong; do not retry elsewhere blindly
  | "upstream_protocol" // malformed body or chunk
  | "stream_interrupted" // the stream ended or failed after it started
  | "all_targets_failed"
  | "no_target"; // routing found nothing eligible

/**
 * An upstream failure: `retryable` says whether another attempt (another target)
 * may succeed; `countsForBreaker` whether it says the target is unhealthy.
 */
export class LlmError extends KefuError {
  readonly countsForBreaker: boolean;
  readonly retryAfterMs: number | undefined;
  readonly target: string | undefined;

  constructor(
    code: LlmErrorCode,
    message: string,
    opts: {
      status?: number;
      retryable?: boolean;
      countsForBreaker?: boolean;
      retryAfterMs?: number;
      target?: string;
      cause?: unknown;
    } = {},
  ) {
    super(code, message, { status: opts.status ?? 502, retryable: opts.retryable ?? true, cause: opts.cause });
    this.name = "LlmError";
    this.countsForBreaker = opts.countsForBreaker ?? true;
    this.retryAfterMs = opts.retryAfterMs;
    this.target = opts.target;
  }
}
