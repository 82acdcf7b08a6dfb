/**
 * Anthropic Messages API, streaming.
 *
 * Reaching it: `POST {baseUrl}/v1/messages` with `x-api-key`, `anthropic-version`
 * (default 2023-06-01) and optional `anthropic-beta`.
 * Request: system messages joined into the top-level `system` field; the other
 * turns in order, consecutive turns of one role merged (the API wants them to
 * alternate); `max_tokens` is required, so it defaults to `maxTokens` (1024).
 * Stream: `message_start` (input tokens, cache reads and writes included),
 * `content_block_delta` with `text_delta` → delta (thinking, tool-input and
 * citation deltas are skipped), `message_delta` (stop_reason, output tokens),
 * `message_stop` → usage then finish; `ping` ignored; `error` events map by
 * `error.type` (`overloaded_error` → upstream_unavailable, retryable). Unknown
 * event types are ignored, as Anthropic's versioning policy asks.
 *
 * @example
 *   const claude = createAnthropicProvider({ id: "claude", apiKey: process.env.ANTHROPIC_API_KEY! });
 *   claude.stream(req, { signal, model: "claude-sonnet-4-5" });
 */
import type { ChatChunk, ChatRequest, FinishReason, LlmProvider } from "../../types.ts";
import { classifyVendorError, protocolError, vendorError } from "../errors.ts";
import { asNumber, asRecord, asString, parseJson, type StreamDecoder, streamVendorCall } from "../stream.ts";
import type { TransportOptions } from "../upstream.ts";

/** Options of an Anthropic target. */
export interface AnthropicProviderOptions extends TransportOptions {
  /** Target id from config. */
  id: string;
  apiKey: string;
  /** API root without the version path (default "https://api.anthropic.com"). */
  baseUrl?: string;
  /** `anthropic-version` header (default "2023-06-01"). */
  version?: string;
  /** `anthropic-beta` feature flags. */
  beta?: string[];
  /** `max_tokens` when the request sets none (default 1024). */
  maxTokens?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** The Messages API request body (without `model`, which comes from the call). */
export interface AnthropicRequestBody {
  model: string;
  max_tokens: number;
  messages: { role: "user" | "assistant"; content: string }[];
  system?: string;
  stream: true;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  metadata?: { user_id: string };
}

/**
 * Maps a chat request to the Messages API body.
 *
 * @example
 *   anthropicRequestBody(ask("hi", { system: "Be brief." }), "claude-sonnet-4-5", 1024).system; // "Be brief."
 */
export function anthropicRequestBody(req: ChatRequest, model: string, defaultMaxTokens: number): AnthropicRequestBody {
  const system = req.messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const messages: AnthropicRequestBody["messages"] = [];
  for (const m of req.messages) {
    if (m.role === "system") continue;
    const last = messages.at(-1);
    if (last && last.role === m.role) last.content = `${last.content}\n\n${m.content}`;
    else messages.push({ role: m.role, content: m.content });
  }
  const body: AnthropicRequestBody = {
    model,
    max_tokens: req.maxTokens ?? defaultMaxTokens,
    messages,
    stream: true,
  };
  if (system) body.system = system;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop?.length) body.stop_sequences = req.stop;
  if (req.user !== undefined) body.metadata = { user_id: req.user };
  return body;
}

/** Maps `stop_reason` to ours: max_tokens → length, refusal → content_filter, the rest → stop. */
export function mapAnthropicStop(reason: string): FinishReason {
  if (reason === "max_tokens" || reason === "model_context_window_exceeded") return "length";
  if (reason === "refusal") return "content_filter";
  return "stop";
}

/** "type: message" from `{type:"error", error:{type, message}}`. */
export function describeAnthropicError(body: unknown): string | undefined {
  const e = asRecord(asRecord(body)?.error);
  if (!e) return undefined;
  return [asString(e.type), asString(e.message)].filter(Boolean).join(": ") || undefined;
}

/**
 * Creates an Anthropic provider.
 *
 * @example
 *   createAnthropicProvider({ id: "claude", apiKey, beta: ["prompt-caching-2024-07-31"] });
 */
export function createAnthropicProvider(opts: AnthropicProviderOptions): LlmProvider {
  const url = `${(opts.baseUrl ?? "https://api.anthropic.com").replace(/\/+$/, "")}/v1/messages`;
  const secrets = [opts.apiKey];
  return {
    id: opts.id,
    kind: "anthropic",
    stream(req, ctx) {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        accept: "text/event-stream",
        "x-api-key": opts.apiKey,
        "anthropic-version": opts.version ?? "2023-06-01",
        ...(opts.beta?.length ? { "anthropic-beta": opts.beta.join(",") } : {}),
        ...opts.headers,
      };
      return streamVendorCall(
        {
          target: opts.id,
          url,
          headers,
          body: anthropicRequestBody(req, ctx.model, opts.maxTokens ?? 1024),
          transport: opts,
          secrets,
          describeError: describeAnthropicError,
          decoder: createAnthropicDecoder(opts.id, secrets),
        },
        ctx.cancel ?? ctx.signal,
      );
    },
  };
}

function createAnthropicDecoder(target: string, secrets: readonly (string | undefined)[]): StreamDecoder {
  let promptTokens: number | undefined;
  let completionTokens: number | undefined;
  let stop: FinishReason | undefined;

  const readUsage = (u: Record<string, unknown> | undefined) => {
    if (!u) return;
    const input = asNumber(u.input_tokens);
    if (input !== undefined) {
      promptTokens =
        input + (asNumber(u.cache_creation_input_tokens) ?? 0) + (asNumber(u.cache_read_input_tokens) ?? 0);
    }
    const output = asNumber(u.output_tokens);
    if (output !== undefined) completionTokens = output;
  };
  const close = (out: ChatChunk[]) => {
    if (promptTokens !== undefined || completionTokens !== undefined) {
      out.push({ type: "usage", promptTokens: promptTokens ?? 0, completionTokens: completionTokens ?? 0 });
    }
    out.push({ type: "finish", reason: stop ?? "stop" });
  };
  const fail = (o: Record<string, unknown>): never => {
    const e = asRecord(o.error);
    const kind = classifyVendorError({ type: asString(e?.type) });
    throw vendorError(target, kind, { detail: describeAnthropicError(o), secrets });
  };

  return {
    event(ev, out) {
      const o = asRecord(parseJson(target, ev.data, "event"));
      if (!o) throw protocolError(target, "event is not a JSON object");
      switch (asString(o.type) ?? ev.event) {
        case "message_start":
          readUsage(asRecord(asRecord(o.message)?.usage));
          return false;
        case "content_block_start": {
          const block = asRecord(o.content_block);
          const text = block?.type === "text" ? asString(block.text) : undefined;
          if (text) out.push({ type: "delta", text });
          return false;
        }
        case "content_block_delta": {
          const d = asRecord(o.delta);
          if (d?.type === "text_delta") {
            const text = asString(d.text);
            if (text) out.push({ type: "delta", text });
          }
          return false;
        }
        case "message_delta": {
          const reason = asString(asRecord(o.delta)?.stop_reason);
          if (reason) stop = mapAnthropicStop(reason);
          readUsage(asRecord(o.usage));
          return false;
        }
        case "message_stop":
          close(out);
          return true;
        case "error":
          return fail(o);
        default:
          return false; // ping, content_block_stop, and event types added later
      }
    },
    eof(out) {
      if (stop === undefined) return false;
      close(out);
      return true;
    },
    json(body, out) {
      const o = asRecord(body);
      if (!o) throw protocolError(target, "body is not a JSON object");
      if (o.type === "error") fail(o);
      if (o.type !== "message" || !Array.isArray(o.content)) throw protocolError(target, "body is not a message");
      const text = o.content
        .map((b) => asRecord(b))
        .filter((b) => b?.type === "text")
        .map((b) => asString(b?.text) ?? "")
        .join("");
      if (text) out.push({ type: "delta", text });
      readUsage(asRecord(o.usage));
      stop = mapAnthropicStop(asString(o.stop_reason) ?? "end_turn");
      close(out);
    },
  };
}
