/**
 * `POST /v1/chat/completions`: the OpenAI Chat Completions API, streaming and not,
 * over kefu's LLM router — the official OpenAI SDKs work unchanged against it.
 *
 * Which target answered, and why, is in the `x-kefu-target` and `x-kefu-route`
 * response headers (known at the first token, before the body streams).
 * A stream that fails after it started ends with an SSE `error` object and no
 * `[DONE]`, so clients (and the SDKs) see a failure, never a silently truncated answer.
 *
 * @example
 *   const client = new OpenAI({ baseURL: "http://127.0.0.1:8080/v1", apiKey: "unused" });
 *   await client.chat.completions.create({ model: "default", messages: [{ role: "user", content: "hi" }] });
 */
import { randomUUID } from "node:crypto";
import { Type } from "@sinclair/typebox";
import { Elysia, t } from "elysia";
import type { Clock } from "../../engine/clock.ts";
import { KefuError } from "../../engine/errors.ts";
import { jsonNumber } from "../../engine/llm/providers/stream.ts";
import type { ChatRequest, ChatRouting, FinishReason, RouteMeta } from "../../engine/llm/types.ts";

export type { ChatRouting, RouteMeta };

import type { Logger } from "../../engine/logger.ts";

/** Dependencies of the OpenAI-compatible API. */
export interface OpenAiDeps {
  routing: ChatRouting;
  clock: Clock;
  logger: Logger;
  /** Bound on the number of messages per request. */
  maxMessages?: number;
  /** Bound on the total characters of all messages. */
  maxChars?: number;
}

const message = () =>
  t.Object({
    role: t.Union([t.Literal("system"), t.Literal("developer"), t.Literal("user"), t.Literal("assistant")]),
    content: t.Union([t.String(), t.Array(t.Object({ type: t.Literal("text"), text: t.String() }), { maxItems: 64 })]),
    name: t.Optional(t.String({ maxLength: 64 })),
  });

/**
 * The request body we accept: the Chat Completions fields kefu honours. Unknown fields
 * are ignored. A fresh schema object per call: Elysia's strict body normalisation
 * rewrites the schema it compiles (unknown fields cleaned, then refused), so the route
 * and the hot path (gateway/openai/fast.ts) each compile their own.
 *
 * @example
 *   const check = TypeCompiler.Compile(chatCompletionBody());
 */
export const chatCompletionBody = () =>
  t.Object({
    model: t.String({ minLength: 1, maxLength: 128 }),
    messages: t.Array(message(), { minItems: 1 }),
    stream: t.Optional(t.Boolean()),
    stream_options: t.Optional(t.Object({ include_usage: t.Optional(t.Boolean()) })),
    temperature: t.Optional(t.Number({ minimum: 0, maximum: 2 })),
    top_p: t.Optional(t.Number({ minimum: 0, maximum: 1 })),
    // TypeBox's own Integer: Elysia's t.Integer also takes "100" (a string) and is a transform,
    // which made every body go through a second, decoding walk.
    max_tokens: t.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    max_completion_tokens: t.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    stop: t.Optional(t.Union([t.String(), t.Array(t.String(), { maxItems: 4 })])),
    user: t.Optional(t.String({ maxLength: 256 })),
    n: t.Optional(t.Literal(1)),
    metadata: t.Optional(t.Record(t.String({ maxLength: 64 }), t.String({ maxLength: 512 }))),
  });

/** A request body that passed `chatCompletionBody()`. */
export type ChatCompletionRequest = ReturnType<typeof chatCompletionBody>["static"];
type Body = ChatCompletionRequest;

/**
 * Answers one validated request: a whole answer is the JSON text, with its headers
 * (content type, x-kefu-*) put in `headers`; a streamed answer is a Response that
 * carries `headers` too. Routing errors are thrown (typed) before any byte is sent.
 */
export type ChatCompletionsHandler = (
  body: ChatCompletionRequest,
  request: Request,
  headers: Record<string, string | number>,
) => Promise<string | Response>;

function toChatRequest(body: Body, maxMessages: number, maxChars: number): ChatRequest {
  if (body.messages.length > maxMessages) {
    throw new KefuError("invalid_request", `at most ${maxMessages} messages`, { status: 400 });
  }
  let chars = 0;
  const messages = body.messages.map((m) => {
    const content = typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join("");
    chars += content.length;
    const role = m.role === "developer" ? "system" : m.role;
    return { role, content };
  });
  if (chars > maxChars)
    throw new KefuError("invalid_request", `messages exceed ${maxChars} characters`, { status: 400 });
  const stop = typeof body.stop === "string" ? [body.stop] : body.stop;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  // Optional fields set one by one (absent stays absent), not spread in: every request passes here.
  const req: ChatRequest = { messages, model: body.model };
  if (body.temperature !== undefined) req.temperature = body.temperature;
  if (body.top_p !== undefined) req.topP = body.top_p;
  if (maxTokens !== undefined) req.maxTokens = maxTokens;
  if (stop) req.stop = stop;
  if (body.user) req.user = body.user;
  if (body.metadata) req.metadata = body.metadata;
  return req;
}

const openAiFinish = (r: FinishReason) => r;
/** Puts where the answer came from into response headers (x-kefu-target, …). */
function putMetaHeaders(h: Record<string, string | number>, m: RouteMeta): void {
  h["x-kefu-target"] = m.target;
  h["x-kefu-route"] = m.route;
  h["x-kefu-attempts"] = String(m.attempts);
  const path = m.pathText;
  if (path) h["x-kefu-route-path"] = path;
  if (m.ttftMs !== undefined) h["x-kefu-ttft-ms"] = String(Math.round(m.ttftMs));
}

/**
 * The body of a whole answer: the JSON of the Chat Completions object (same bytes as
 * `JSON.stringify` of it, tested), written out around the few values that vary, so
 * only the strings are escaped per request.
 */
export function wholeAnswerJson(
  id: string,
  created: number,
  model: string,
  text: string,
  finish: FinishReason,
  usage: { promptTokens: number; completionTokens: number },
): string {
  const p = usage.promptTokens;
  const c = usage.completionTokens;
  // The id ("chatcmpl-" and hex) and the finish reason (a fixed set) need no escaping.
  return (
    `{"id":"${id}","object":"chat.completion","created":${jsonNumber(created)},"model":${JSON.stringify(model)},` +
    `"system_fingerprint":null,"choices":[{"index":0,"message":{"role":"assistant","content":${JSON.stringify(text)},` +
    `"refusal":null},"logprobs":null,"finish_reason":"${finish}"}],` +
    `"usage":{"prompt_tokens":${jsonNumber(p)},"completion_tokens":${jsonNumber(c)},"total_tokens":${jsonNumber(p + c)}}}`
  );
}

/** One request being answered: what the whole and the streamed answer both start from. */
interface Answering {
  body: Body;
  req: ChatRequest;
  /** The completion's id ("chatcmpl-…") and creation time (s). */
  id: string;
  created: number;
  request: Request;
  headersOut: Record<string, string | number>;
}

/**
 * The handler of `POST /v1/chat/completions`, shared by the Elysia route below and
 * the gateway's hot path (gateway/openai/fast.ts).
 *
 * @example
 *   const handle = chatCompletions({ routing, clock, logger });
 *   const out = await handle(body, request, headers); // JSON text (headers filled) or a streamed Response
 */
export function chatCompletions(deps: OpenAiDeps): ChatCompletionsHandler {
  const maxMessages = deps.maxMessages ?? 256;
  const maxChars = deps.maxChars ?? 200_000;
  /** The whole answer (a promise chain, not one more async frame: every plain request passes here). */
  const whole = ({ body, req, id, created, request, headersOut }: Answering): Promise<string> =>
    // The client going away (request.signal) cancels the upstream call; the router may fetch
    // it in one non-streamed call (`whole`). Routing errors reject here, before any byte is sent.
    deps.routing
      .stream(req, { signal: request.signal, whole: true })
      .answer()
      .then(({ meta, chunks }) => {
        let text = "";
        let finish: FinishReason = "stop";
        let usage = { promptTokens: 0, completionTokens: 0 };
        for (const c of chunks) {
          if (c.type === "delta") text += c.text;
          else if (c.type === "usage") usage = c;
          else finish = c.reason;
        }
        // A string with its headers beside it: one Response is built by the caller, with its own
        // headers (x-request-id, …) instead of copying them into a Response made here.
        headersOut["content-type"] = "application/json";
        putMetaHeaders(headersOut, meta);
        return wholeAnswerJson(id, created, body.model, text, openAiFinish(finish), usage);
      });

  return (body, request, headersOut) => {
    let req: ChatRequest;
    try {
      req = toChatRequest(body, maxMessages, maxChars);
    } catch (e) {
      return Promise.reject(e);
    }
    const id = `chatcmpl-${randomUUID().replaceAll("-", "")}`;
    const created = Math.floor(deps.clock.now() / 1000);
    const a: Answering = { body, req, id, created, request, headersOut };
    return body.stream ? streamed(a) : whole(a);
  };

  async function streamed({ body, req, id, created, request, headersOut }: Answering): Promise<Response> {
    const abort = new AbortController();
    // The client going away cancels the upstream call.
    request.signal.addEventListener("abort", () => abort.abort(), { once: true });
    const { first, chunks } = deps.routing.stream(req, { signal: abort.signal });
    const meta = await first; // routing errors become typed HTTP errors here, before any byte is sent
    const iterator = chunks[Symbol.asyncIterator]();
    const includeUsage = body.stream_options?.include_usage === true;
    const enc = new TextEncoder();
    const frame = (obj: unknown) => enc.encode(`data: ${JSON.stringify(obj)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model: body.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });
    // A content delta is most of a stream's frames: its constant JSON around the text is built once.
    // (The marker is looked up from the end: a model name may hold the same character.)
    const template = JSON.stringify(chunk({ content: "\u0000" }, null));
    const at = template.lastIndexOf('"\\u0000"');
    const deltaHead = template.slice(0, at);
    const deltaTail = template.slice(at + 8);
    const deltaFrame = (text: string) => enc.encode(`data: ${deltaHead}${JSON.stringify(text)}${deltaTail}\n\n`);
    /** Enqueues the next frame (or closes): each pull must enqueue something, else it is not called again. */
    const step = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
      try {
        for (;;) {
          const r = await iterator.next();
          if (r.done) {
            controller.enqueue(enc.encode("data: [DONE]\n\n"));
            controller.close();
            return;
          }
          const c = r.value;
          if (c.type === "delta") {
            controller.enqueue(deltaFrame(c.text));
            return;
          }
          if (c.type === "finish") {
            controller.enqueue(frame(chunk({}, openAiFinish(c.reason))));
            return;
          }
          if (includeUsage) {
            controller.enqueue(
              frame({
                id,
                object: "chat.completion.chunk",
                created,
                model: body.model,
                system_fingerprint: null,
                choices: [],
                usage: {
                  prompt_tokens: c.promptTokens,
                  completion_tokens: c.completionTokens,
                  total_tokens: c.promptTokens + c.completionTokens,
                },
              }),
            );
            return;
          }
        }
      } catch (e) {
        // After bytes went out the status is fixed: end with an explicit error event, no [DONE].
        const err = e instanceof KefuError ? e : new KefuError("internal", "internal error");
        if (!(e instanceof KefuError)) deps.logger.error("chat stream failed", { error: e });
        controller.enqueue(frame({ error: { message: err.message, type: err.code, code: err.code, param: null } }));
        controller.close();
      }
    };
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(frame(chunk({ role: "assistant", content: "" }, null)));
        // The first token is already here (`first` resolved): it leaves with the headers
        // and the role frame in one write instead of waiting for the stream's first pull.
        await step(controller);
      },
      pull: step,
      cancel() {
        abort.abort();
        void iterator.return?.();
      },
    });
    const headers: Record<string, string | number> = {
      ...headersOut,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
    };
    putMetaHeaders(headers, meta);
    return new Response(stream, { headers: headers as Record<string, string> });
  }
}

/** The OpenAI-compatible API plugin. */
export function openAiApi(deps: OpenAiDeps) {
  const handle = chatCompletions(deps);
  return new Elysia({ name: "kefu/openai" }).post(
    "/v1/chat/completions",
    async ({ body, request, set }) => await handle(body, request, set.headers),
    { body: chatCompletionBody() },
  );
}
