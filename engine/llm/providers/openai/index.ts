/**
 * OpenAI-compatible Chat Completions: the one base for OpenAI, DeepSeek, vLLM,
 * Ollama (`/v1`), FastGPT and any server that speaks `POST /chat/completions`
 * with `data: {chunk}` events and `data: [DONE]`.
 *
 * Reaching it: `POST {baseUrl}{path}` (path defaults to `/chat/completions`), Bearer
 * key when one is set, extra headers as configured.
 * Request: messages as they are, `stream: true`, `stream_options.include_usage`.
 * Stream: `choices[0].delta.content` → delta; `finish_reason` is held until
 * `[DONE]` so the final usage chunk (empty `choices`) comes before `finish`; a
 * stream that ends after a finish reason but without `[DONE]` still finishes.
 * Errors inside the stream (`{"error":{…}}`, vLLM's `{"object":"error"}`,
 * `event: error`) map by their type (see ../errors.ts). A JSON body (a server that
 * ignored `stream`) is read as a non-stream completion.
 * `complete()` asks for the whole answer (`stream: false`, one JSON document; a
 * server that streams anyway is decoded from the complete body).
 *
 * @example
 *   const deepseek = createOpenAiProvider({
 *     id: "deepseek", kind: "deepseek", baseUrl: "https://api.deepseek.com", apiKey: process.env.DEEPSEEK_KEY,
 *   });
 *   const ollama = createOpenAiProvider({ id: "ollama", baseUrl: "http://127.0.0.1:11434/v1" });
 */
import type { ChatChunk, ChatRequest, FinishReason, LlmProvider } from "../../types.ts";
import { classifyVendorError, protocolError, vendorError } from "../errors.ts";
import type { SseEvent } from "../sse.ts";
import {
  asNumber,
  asRecord,
  asString,
  completeVendorCall,
  jsonNumber,
  parseJson,
  type StreamDecoder,
  streamVendorCall,
} from "../stream.ts";
import { JsonText, type TransportOptions } from "../upstream.ts";

/** Options of an OpenAI-compatible target. */
export interface OpenAiProviderOptions extends TransportOptions {
  /** Target id from config, e.g. "openai-day". */
  id: string;
  /** Label for metrics and logs: "openai" (default), "deepseek", "vllm", "ollama", "fastgpt", … */
  kind?: string;
  /** API root including its version segment, e.g. "https://api.openai.com/v1". */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; omit for servers without auth. */
  apiKey?: string;
  /** Request path under `baseUrl` (default "/chat/completions"). */
  path?: string;
  /** Extra request headers (OpenAI-Organization, Azure's api-key, a gateway's tenant header…). */
  headers?: Record<string, string>;
  /** Ask for the final usage chunk (`stream_options.include_usage`, default true); turn off for servers that reject it. */
  includeUsage?: boolean;
  /** Body field for `maxTokens` (default "max_tokens"; reasoning models want "max_completion_tokens"). */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
  /** Body field that carries `req.conversationId` (FastGPT: "chatId"); not sent when unset. */
  conversationIdField?: string;
  /** Vendor-specific body fields merged under the mapped ones (e.g. `{ top_k: 20 }` for vLLM, `{ detail: false }` for FastGPT). */
  extraBody?: Record<string, unknown>;
}

/**
 * Creates an OpenAI-compatible provider.
 *
 * @example
 *   const p = createOpenAiProvider({ id: "openai-day", baseUrl: "https://api.openai.com/v1", apiKey });
 *   for await (const c of p.stream({ messages: [{ role: "user", content: "hi" }] }, { signal, model: "gpt-4o-mini" })) {}
 */
export function createOpenAiProvider(opts: OpenAiProviderOptions): LlmProvider {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const path = opts.path ?? "/chat/completions";
  const url = `${base}${path.startsWith("/") ? path : `/${path}`}`;
  const secrets = [opts.apiKey];
  // Frozen: the HTTP/1.1 client validates and builds a frozen headers object's request head once.
  const headersFor = (accept: string): Record<string, string> =>
    Object.freeze({
      "content-type": "application/json",
      accept,
      ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
      ...opts.headers,
    });
  const streamHeaders = headersFor("text/event-stream");
  const jsonHeaders = headersFor("application/json");
  return {
    id: opts.id,
    kind: opts.kind ?? "openai",
    stream(req, ctx) {
      return streamVendorCall(
        {
          target: opts.id,
          url,
          headers: streamHeaders,
          body: openAiRequestBody(req, ctx.model, opts),
          transport: opts,
          secrets,
          describeError: describeOpenAiError,
          decoder: createOpenAiDecoder(opts.id, secrets),
        },
        ctx.cancel ?? ctx.signal,
      );
    },
    complete(req, ctx) {
      return completeVendorCall(
        {
          target: opts.id,
          url,
          headers: jsonHeaders,
          body: new JsonText(openAiRequestJson(req, ctx.model, opts, false)),
          transport: opts,
          secrets,
          describeError: describeOpenAiError,
          decoder: createOpenAiDecoder(opts.id, secrets),
        },
        ctx.cancel ?? ctx.signal,
      );
    },
  };
}

/** The roles a message may have: written as they are. */
const PLAIN_ROLES = new Set(["system", "user", "assistant"]);

/**
 * `JSON.stringify(openAiRequestBody(…))`, the same bytes (tested), written out around
 * the values: every whole-answer call passes here. Options that add fields of their
 * own (`extraBody`, `conversationIdField`, an unusual `maxTokensField`) take the object.
 *
 * @example
 *   openAiRequestJson({ messages: [{ role: "user", content: "hi" }] }, "gpt-4o-mini", {}, false);
 *   // '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"stream":false}'
 */
export function openAiRequestJson(
  req: ChatRequest,
  model: string,
  opts: Pick<OpenAiProviderOptions, "includeUsage" | "maxTokensField" | "conversationIdField" | "extraBody">,
  stream = true,
): string {
  const field = opts.maxTokensField ?? "max_tokens";
  const byObject = () => JSON.stringify(openAiRequestBody(req, model, opts, stream));
  if (opts.extraBody !== undefined || opts.conversationIdField !== undefined) return byObject();
  if (field !== "max_tokens" && field !== "max_completion_tokens") return byObject();
  let s = `{"model":${JSON.stringify(model)},"messages":[`;
  const messages = req.messages;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as ChatRequest["messages"][number];
    if (typeof m.content !== "string") return byObject();
    const role = PLAIN_ROLES.has(m.role) ? `"${m.role}"` : JSON.stringify(m.role);
    s += `${i > 0 ? "," : ""}{"role":${role},"content":${JSON.stringify(m.content)}}`;
  }
  s += `],"stream":${stream}`;
  if (stream && (opts.includeUsage ?? true)) s += ',"stream_options":{"include_usage":true}';
  if (req.temperature !== undefined) s += `,"temperature":${jsonNumber(req.temperature)}`;
  if (req.topP !== undefined) s += `,"top_p":${jsonNumber(req.topP)}`;
  if (req.maxTokens !== undefined) s += `,"${field}":${jsonNumber(req.maxTokens)}`;
  if (req.stop?.length) s += `,"stop":${JSON.stringify(req.stop)}`;
  if (req.user !== undefined) s += `,"user":${JSON.stringify(req.user)}`;
  return `${s}}`;
}

/**
 * The Chat Completions request body for `req` (exported for tests and for other
 * OpenAI-shaped adapters). `stream: false` asks for one JSON completion (usage is
 * always in it, so no `stream_options`).
 *
 * @example
 *   openAiRequestBody({ messages: [{ role: "user", content: "hi" }] }, "gpt-4o-mini", {}).stream; // true
 */
export function openAiRequestBody(
  req: ChatRequest,
  model: string,
  opts: Pick<OpenAiProviderOptions, "includeUsage" | "maxTokensField" | "conversationIdField" | "extraBody">,
  stream = true,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...opts.extraBody,
    model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    stream,
  };
  if (stream && (opts.includeUsage ?? true)) body.stream_options = { include_usage: true };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.maxTokens !== undefined) body[opts.maxTokensField ?? "max_tokens"] = req.maxTokens;
  if (req.stop?.length) body.stop = req.stop;
  if (req.user !== undefined) body.user = req.user;
  if (opts.conversationIdField && req.conversationId !== undefined) body[opts.conversationIdField] = req.conversationId;
  return body;
}

/** Maps an OpenAI `finish_reason` to ours (tool calls and unknown values count as "stop"). */
export function mapOpenAiFinish(reason: string): FinishReason {
  if (reason === "length") return "length";
  if (reason === "content_filter") return "content_filter";
  return "stop";
}

/** The error object in an OpenAI-style body: `{error:{…}}`, `{error:"…"}` or vLLM's `{object:"error",…}`. */
function errorObject(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const e = o.error;
  if (asRecord(e)) return e as Record<string, unknown>;
  if (typeof e === "string") return { message: e };
  if (o.object === "error") return o;
  return undefined;
}

/** "type: message" from an OpenAI-style error body. */
export function describeOpenAiError(body: unknown): string | undefined {
  const o = asRecord(body);
  if (!o) return undefined;
  const e = errorObject(o) ?? o;
  const kind = asString(e.type) ?? asString(e.code);
  const msg = asString(e.message) ?? asString(o.msg);
  if (!kind && !msg) return undefined;
  return [kind, msg].filter(Boolean).join(": ");
}

/** Events from servers that name them (FastGPT `detail` mode): these carry chunks. */
const CHUNK_EVENTS = new Set([undefined, "message", "answer", "fastAnswer"]);

function createOpenAiDecoder(target: string, secrets: readonly (string | undefined)[]): StreamDecoder {
  return new OpenAiDecoder(target, secrets);
}

/** The OpenAI wire format's decoder: one per call (it keeps the finish reason and usage seen so far). */
class OpenAiDecoder implements StreamDecoder {
  private finish: FinishReason | undefined;
  private usage: { promptTokens: number; completionTokens: number } | undefined;

  constructor(
    private readonly target: string,
    private readonly secrets: readonly (string | undefined)[],
  ) {}

  event(ev: SseEvent, out: ChatChunk[]): boolean {
    const { target, secrets } = this;
    if (ev.event === "error") {
      let o: Record<string, unknown> | undefined;
      try {
        o = asRecord(JSON.parse(ev.data));
      } catch {
        // plain-text error
      }
      if (o) this.throwIfError(o);
      throw vendorError(target, "unavailable", { detail: o ? describeOpenAiError(o) : ev.data, secrets });
    }
    if (!CHUNK_EVENTS.has(ev.event)) return false;
    if (ev.data.trim() === "[DONE]") {
      this.close(out);
      return true;
    }
    const o = asRecord(parseJson(target, ev.data, "event"));
    if (!o) throw protocolError(target, "event is not a JSON object");
    this.throwIfError(o);
    const choice = asRecord((o.choices as unknown[] | undefined)?.[0]);
    if (choice) {
      const text = asString(asRecord(choice.delta)?.content);
      if (text) out.push({ type: "delta", text });
      const reason = asString(choice.finish_reason);
      if (reason) this.finish = mapOpenAiFinish(reason);
    }
    this.readUsage(o);
    return false;
  }

  eof(out: ChatChunk[]): boolean {
    if (this.finish === undefined) return false;
    this.close(out);
    return true;
  }

  json(body: unknown, out: ChatChunk[]): void {
    const { target } = this;
    const o = asRecord(body);
    if (!o) throw protocolError(target, "body is not a JSON object");
    this.throwIfError(o);
    const choice = asRecord((o.choices as unknown[] | undefined)?.[0]);
    const message = asRecord(choice?.message);
    if (!choice || !message) throw protocolError(target, "completion without choices[0].message");
    const text = asString(message.content);
    if (text) out.push({ type: "delta", text });
    this.finish = mapOpenAiFinish(asString(choice.finish_reason) ?? "stop");
    this.readUsage(o);
    this.close(out);
  }

  private close(out: ChatChunk[]): void {
    if (this.usage) out.push({ type: "usage", ...this.usage });
    out.push({ type: "finish", reason: this.finish ?? "stop" });
  }

  private throwIfError(o: Record<string, unknown>): void {
    const e = errorObject(o);
    if (!e) return;
    const code = e.code;
    const kind = classifyVendorError({
      status: asNumber(code) ?? asNumber(e.status),
      type: asString(e.type),
      code: asString(code),
    });
    throw vendorError(this.target, kind, { detail: describeOpenAiError(o), secrets: this.secrets });
  }

  private readUsage(o: Record<string, unknown>): void {
    const u = asRecord(o.usage);
    if (!u) return;
    this.usage = { promptTokens: asNumber(u.prompt_tokens) ?? 0, completionTokens: asNumber(u.completion_tokens) ?? 0 };
  }
}
