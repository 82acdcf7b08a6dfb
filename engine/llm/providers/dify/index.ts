/**
 * Dify chat apps (chat, agent and chatflow apps) through the chat-messages API.
 *
 * Reaching it: `POST {baseUrl}/v1/chat-messages` with `Authorization: Bearer
 * <app key>` (a baseUrl that already ends in `/v1`, as Dify's console shows it,
 * is used as is).
 * Request: Dify keeps the conversation, so only the last user message is sent, as
 * `query`; `conversation_id` continues a conversation; `user` is required (the
 * request's user, else `defaultUser`); `inputs` are the app's variables. The app's
 * own prompt replaces system messages.
 * Stream (`mode: "streaming"`, the default): `data:` events whose JSON `event`
 * says what they are: `message` / `agent_message` → delta, `message_end` → usage
 * and finish (with the conversation id), `error` → LlmError; `ping`, workflow
 * and agent-thought events are skipped; `message_replace` (output moderation)
 * makes the finish reason `content_filter`.
 * Blocking (`mode: "blocking"`): one JSON `{answer, conversation_id, metadata}`,
 * streamed as a single delta; the first-byte deadline then covers the whole
 * generation and defaults to 100 s (Dify Cloud's own limit).
 *
 * Dify reports a failed model as HTTP 400 / `completion_request_error`: that is
 * classified upstream_unavailable (retryable), not a rejected request.
 *
 * @example
 *   const dify = createDifyProvider({ id: "dify-faq", baseUrl: "https://api.dify.ai/v1", apiKey: "app-…" });
 *   dify.stream({ messages, conversationId: "…" }, { signal, model: "" });
 */
import type { ChatChunk, ChatRequest, LlmProvider } from "../../types.ts";
import { classifyVendorError, protocolError, type VendorErrorKind, vendorError } from "../errors.ts";
import { lastUserMessage } from "../local/index.ts";
import { asNumber, asRecord, asString, parseJson, type StreamDecoder, streamVendorCall } from "../stream.ts";
import type { TransportOptions } from "../upstream.ts";

/** Options of a Dify target. */
export interface DifyProviderOptions extends TransportOptions {
  /** Target id from config. */
  id: string;
  /** The app's API key ("app-…"). */
  apiKey: string;
  /** API root (default "https://api.dify.ai"); a trailing "/v1" is accepted. */
  baseUrl?: string;
  /** Stream events (default) or wait for one JSON answer. */
  mode?: "streaming" | "blocking";
  /** The app's input variables, fixed or per request. */
  inputs?: Record<string, unknown> | ((req: ChatRequest) => Record<string, unknown>);
  /** `user` when the request has none (default "kefu"). */
  defaultUser?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** The chat-messages request body. */
export interface DifyRequestBody {
  inputs: Record<string, unknown>;
  query: string;
  response_mode: "streaming" | "blocking";
  user: string;
  conversation_id?: string;
}

/**
 * Maps a chat request to the chat-messages body.
 *
 * @example
 *   difyRequestBody(ask("Refund?", { conversationId: "c1" }), {}).query; // "Refund?"
 */
export function difyRequestBody(
  req: ChatRequest,
  opts: Pick<DifyProviderOptions, "mode" | "inputs" | "defaultUser">,
): DifyRequestBody {
  const body: DifyRequestBody = {
    inputs: typeof opts.inputs === "function" ? opts.inputs(req) : { ...opts.inputs },
    query: lastUserMessage(req),
    response_mode: opts.mode ?? "streaming",
    user: req.user ?? opts.defaultUser ?? "kefu",
  };
  if (req.conversationId) body.conversation_id = req.conversationId;
  return body;
}

/** What Dify's error codes mean; others are classified by status and wording. */
const DIFY_CODES: Record<string, VendorErrorKind> = {
  completion_request_error: "unavailable", // the model behind the app failed
  internal_server_error: "unavailable",
  provider_quota_exceeded: "rate_limited",
  too_many_requests: "rate_limited",
  rate_limit_error: "rate_limited",
  invalid_param: "rejected",
  app_unavailable: "rejected",
  provider_not_initialize: "rejected",
  model_currently_not_support: "rejected",
  not_found: "rejected",
  unauthorized: "rejected",
};

/** Classifies `{status, code, message}` from Dify. */
export function classifyDifyError(status: number | undefined, body: unknown): VendorErrorKind {
  const o = asRecord(body);
  const code = asString(o?.code);
  return (code && DIFY_CODES[code]) || classifyVendorError({ status: asNumber(o?.status) ?? status, code });
}

/** "code: message" from a Dify error body. */
export function describeDifyError(body: unknown): string | undefined {
  const o = asRecord(body);
  if (!o) return undefined;
  return [asString(o.code), asString(o.message)].filter(Boolean).join(": ") || undefined;
}

/**
 * Creates a Dify provider.
 *
 * @example
 *   createDifyProvider({ id: "dify", apiKey, mode: "blocking", inputs: (req) => ({ tenant: req.tenantId ?? "" }) });
 */
export function createDifyProvider(opts: DifyProviderOptions): LlmProvider {
  const base = (opts.baseUrl ?? "https://api.dify.ai").replace(/\/+$/, "");
  const url = `${base.endsWith("/v1") ? base : `${base}/v1`}/chat-messages`;
  const secrets = [opts.apiKey];
  const blocking = opts.mode === "blocking";
  const transport = blocking
    ? { ...opts, timeouts: { firstByteMs: opts.timeouts?.firstByteMs ?? 100_000, idleMs: opts.timeouts?.idleMs } }
    : opts;
  return {
    id: opts.id,
    kind: "dify",
    stream(req, ctx) {
      return streamVendorCall(
        {
          target: opts.id,
          url,
          headers: {
            "content-type": "application/json",
            accept: blocking ? "application/json" : "text/event-stream",
            authorization: `Bearer ${opts.apiKey}`,
            ...opts.headers,
          },
          body: difyRequestBody(req, opts),
          transport,
          secrets,
          describeError: describeDifyError,
          classifyError: classifyDifyError,
          decoder: createDifyDecoder(opts.id, secrets),
        },
        ctx.cancel ?? ctx.signal,
      );
    },
  };
}

function createDifyDecoder(target: string, secrets: readonly (string | undefined)[]): StreamDecoder {
  let conversationId: string | undefined;
  let moderated = false;

  const fail = (o: Record<string, unknown>): never => {
    throw vendorError(target, classifyDifyError(undefined, o), { detail: describeDifyError(o), secrets });
  };
  const finish = (o: Record<string, unknown>, out: ChatChunk[]) => {
    const u = asRecord(asRecord(o.metadata)?.usage);
    if (u) {
      out.push({
        type: "usage",
        promptTokens: asNumber(u.prompt_tokens) ?? 0,
        completionTokens: asNumber(u.completion_tokens) ?? 0,
      });
    }
    const reason = moderated ? "content_filter" : "stop";
    out.push(conversationId ? { type: "finish", reason, conversationId } : { type: "finish", reason });
  };

  return {
    event(ev, out) {
      if (ev.event === "ping" || ev.data === "") return false;
      const o = asRecord(parseJson(target, ev.data, "event"));
      if (!o) throw protocolError(target, "event is not a JSON object");
      conversationId = asString(o.conversation_id) || conversationId;
      switch (o.event) {
        case "message":
        case "agent_message": {
          const text = asString(o.answer);
          if (text) out.push({ type: "delta", text });
          return false;
        }
        case "message_replace":
          moderated = true;
          return false;
        case "message_end":
          finish(o, out);
          return true;
        case "error":
          return fail(o);
        default:
          return false; // ping, workflow_*, node_*, agent_thought, message_file, tts_message…
      }
    },
    eof: () => false, // Dify always ends with message_end
    json(body, out) {
      const o = asRecord(body);
      if (!o) throw protocolError(target, "body is not a JSON object");
      if (typeof o.answer !== "string") {
        if (o.code !== undefined || o.event === "error") fail(o);
        throw protocolError(target, "blocking reply without an answer");
      }
      conversationId = asString(o.conversation_id) || undefined;
      if (o.answer) out.push({ type: "delta", text: o.answer });
      finish(o, out);
    },
  };
}
