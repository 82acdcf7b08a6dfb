/**
 * Coze bots through the chat v3 API, streaming.
 *
 * Reaching it: `POST {baseUrl}/v3/chat` with `Authorization: Bearer <token>`
 * (personal access token or OAuth token); api.coze.com, or api.coze.cn in China.
 * Request: `bot_id`, `user_id` (the request's user, else `defaultUserId`),
 * `stream: true`, `additional_messages` as text messages. With a conversation id
 * Coze holds the history, so only the last user message is sent and the id goes
 * in the query string (`?conversation_id=`, as Coze's own SDK sends it); without
 * one, the user and assistant turns are sent (the last 100, Coze's limit). The
 * bot's own prompt replaces system messages.
 * Stream: SSE with `event:` names — `conversation.message.delta` of type `answer`
 * → delta; `conversation.message.completed` is skipped unless its answer came
 * whole (no deltas); `conversation.chat.completed` → usage; `done` → finish (with
 * the conversation id); `conversation.chat.failed` and `error` → LlmError by Coze
 * code (4013 → rate limited, other 4xxx → rejected, 5xxx → unavailable).
 * Coze reports request errors as HTTP 200 with a JSON `{code, msg}`: mapped the same way.
 *
 * @example
 *   const coze = createCozeProvider({ id: "coze-cn", baseUrl: "https://api.coze.cn", apiKey: "pat_…", botId: "7348…" });
 */
import type { ChatChunk, ChatRequest, LlmProvider } from "../../types.ts";
import { classifyVendorError, protocolError, type VendorErrorKind, vendorError } from "../errors.ts";
import { lastUserMessage } from "../local/index.ts";
import { asNumber, asRecord, asString, parseJson, type StreamDecoder, streamVendorCall } from "../stream.ts";
import type { TransportOptions } from "../upstream.ts";

/** Options of a Coze target. */
export interface CozeProviderOptions extends TransportOptions {
  /** Target id from config. */
  id: string;
  /** Personal access token ("pat_…") or OAuth access token. */
  apiKey: string;
  botId: string;
  /** API root (default "https://api.coze.com"; "https://api.coze.cn" for coze.cn). */
  baseUrl?: string;
  /** `user_id` when the request has none (default "kefu"). */
  defaultUserId?: string;
  /** The bot's prompt variables. */
  customVariables?: Record<string, string>;
  /** `auto_save_history` (Coze's default, true, when unset). */
  autoSaveHistory?: boolean;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** One entry of `additional_messages`. */
export interface CozeMessage {
  role: "user" | "assistant";
  type: "question" | "answer";
  content: string;
  content_type: "text";
}

/** The chat v3 request body. */
export interface CozeRequestBody {
  bot_id: string;
  user_id: string;
  stream: true;
  additional_messages: CozeMessage[];
  custom_variables?: Record<string, string>;
  auto_save_history?: boolean;
}

const MAX_MESSAGES = 100;

/**
 * Maps a chat request to the chat v3 body.
 *
 * @example
 *   cozeRequestBody(ask("hi"), { botId: "b" }).additional_messages; // [{ role: "user", type: "question", content: "hi", content_type: "text" }]
 */
export function cozeRequestBody(
  req: ChatRequest,
  opts: Pick<CozeProviderOptions, "botId" | "defaultUserId" | "customVariables" | "autoSaveHistory">,
): CozeRequestBody {
  const toMessage = (role: "user" | "assistant", content: string): CozeMessage => ({
    role,
    type: role === "user" ? "question" : "answer",
    content,
    content_type: "text",
  });
  const messages = req.conversationId
    ? [toMessage("user", lastUserMessage(req))]
    : req.messages
        .filter((m) => m.role !== "system")
        .slice(-MAX_MESSAGES)
        .map((m) => toMessage(m.role as "user" | "assistant", m.content));
  const body: CozeRequestBody = {
    bot_id: opts.botId,
    user_id: req.user ?? opts.defaultUserId ?? "kefu",
    stream: true,
    additional_messages: messages,
  };
  if (opts.customVariables) body.custom_variables = opts.customVariables;
  if (opts.autoSaveHistory !== undefined) body.auto_save_history = opts.autoSaveHistory;
  return body;
}

/** What a Coze error code means. */
export function classifyCozeCode(code: number | undefined, msg?: string): VendorErrorKind {
  if (code === 4013) return "rate_limited";
  if (code !== undefined && code >= 4000 && code < 5000) return "rejected";
  if (code !== undefined && code >= 5000 && code < 6000) return "unavailable";
  return classifyVendorError({ type: msg });
}

/** "code N: msg" from `{code, msg}`. */
export function describeCozeError(body: unknown): string | undefined {
  const o = asRecord(body);
  if (!o) return undefined;
  const code = asNumber(o.code);
  const msg = asString(o.msg) ?? asString(o.message);
  if (code === undefined && !msg) return undefined;
  return [code !== undefined ? `code ${code}` : undefined, msg].filter(Boolean).join(": ");
}

/**
 * Creates a Coze provider.
 *
 * @example
 *   createCozeProvider({ id: "coze", apiKey: "pat_…", botId: "7348…", customVariables: { shop: "acme" } });
 */
export function createCozeProvider(opts: CozeProviderOptions): LlmProvider {
  const base = `${(opts.baseUrl ?? "https://api.coze.com").replace(/\/+$/, "")}/v3/chat`;
  const secrets = [opts.apiKey];
  return {
    id: opts.id,
    kind: "coze",
    stream(req, ctx) {
      const url = req.conversationId ? `${base}?conversation_id=${encodeURIComponent(req.conversationId)}` : base;
      return streamVendorCall(
        {
          target: opts.id,
          url,
          headers: {
            "content-type": "application/json",
            accept: "text/event-stream",
            authorization: `Bearer ${opts.apiKey}`,
            ...opts.headers,
          },
          body: cozeRequestBody(req, opts),
          transport: opts,
          secrets,
          describeError: describeCozeError,
          classifyError: (_status, body) => {
            const code = asNumber(asRecord(body)?.code);
            return code === undefined ? undefined : classifyCozeCode(code);
          },
          decoder: createCozeDecoder(opts.id, secrets),
        },
        ctx.cancel ?? ctx.signal,
      );
    },
  };
}

function createCozeDecoder(target: string, secrets: readonly (string | undefined)[]): StreamDecoder {
  let usage: { promptTokens: number; completionTokens: number } | undefined;
  let conversationId: string | undefined;
  let completed = false;
  const streamed = new Set<string>(); // answer message ids that had deltas

  const fail = (e: Record<string, unknown> | undefined): never => {
    const code = asNumber(e?.code);
    throw vendorError(target, classifyCozeCode(code, asString(e?.msg)), {
      detail: describeCozeError(e) ?? "chat failed",
      secrets,
    });
  };
  const close = (out: ChatChunk[]) => {
    if (usage) out.push({ type: "usage", ...usage });
    out.push(conversationId ? { type: "finish", reason: "stop", conversationId } : { type: "finish", reason: "stop" });
  };
  const isAnswer = (o: Record<string, unknown>) =>
    (o.type === undefined || o.type === "answer") && o.role !== "user" && (o.content_type ?? "text") === "text";

  return {
    event(ev, out) {
      if (ev.event === "done") {
        close(out);
        return true;
      }
      if (ev.data === "") return false;
      const o = asRecord(parseJson(target, ev.data, "event"));
      if (!o) throw protocolError(target, "event is not a JSON object");
      conversationId = asString(o.conversation_id) || conversationId;
      switch (ev.event) {
        case "conversation.message.delta": {
          const text = asString(o.content);
          if (isAnswer(o) && text) {
            out.push({ type: "delta", text });
            streamed.add(asString(o.id) ?? "");
          }
          return false;
        }
        case "conversation.message.completed": {
          const text = asString(o.content);
          if (isAnswer(o) && text && !streamed.has(asString(o.id) ?? "")) out.push({ type: "delta", text });
          return false;
        }
        case "conversation.chat.completed": {
          const u = asRecord(o.usage);
          if (u) {
            usage = { promptTokens: asNumber(u.input_count) ?? 0, completionTokens: asNumber(u.output_count) ?? 0 };
          }
          completed = true;
          return false;
        }
        case "conversation.chat.failed":
          return fail(asRecord(o.last_error));
        case "conversation.chat.requires_action":
          throw vendorError(target, "rejected", { detail: "the bot asked for a tool result (requires_action)" });
        case "error":
          return fail(o);
        default:
          return false; // conversation.chat.created / in_progress, audio, and later additions
      }
    },
    eof(out) {
      if (!completed) return false;
      close(out);
      return true;
    },
    json(body) {
      const o = asRecord(body);
      const code = asNumber(o?.code);
      if (code !== undefined && code !== 0) fail(o);
      throw protocolError(target, "Coze answered without a stream");
    },
  };
}
