/**
 * How the mock upstreams (./mock-upstreams.ts) speak each vendor: the frames of a
 * normal stream, keep-alives, in-stream errors, malformed chunks, HTTP error
 * bodies and non-stream replies, modelled on the vendors' documented examples.
 * Frames are complete SSE events (ending in a blank line) unless noted.
 *
 * @example
 *   const wire = MOCK_WIRES.openai;
 *   wire.delta("Hi", ctx); // 'data: {"id":"chatcmpl-mock",…,"delta":{"content":"Hi"}…}\n\n'
 */

/** The vendors the mock server speaks. */
export type MockVendor = "openai" | "anthropic" | "dify" | "coze";

/** What kind of vendor error to produce. */
export type MockErrorKind = "overloaded" | "rate_limit" | "invalid" | "auth";

/** Finish reasons, vendor-neutral (each wire maps them). */
export type MockFinish = "stop" | "length" | "content_filter";

/** What a wire needs to write one response. */
export interface WireContext {
  /** Parsed request body (an object for well-formed requests). */
  body: Record<string, unknown>;
  model: string;
  usage: { prompt: number; completion: number };
  finish: MockFinish;
  conversationId: string;
  /** Dify: stream `agent_message` events instead of `message`. */
  agent: boolean;
  /** The whole answer (for events that repeat it). */
  text: string;
}

/** One vendor's wire format. */
export interface MockWire {
  /** Whether the request asked for a stream. */
  wantsStream(body: Record<string, unknown>): boolean;
  /** Events sent before the first delta. */
  preamble(c: WireContext): string[];
  delta(text: string, c: WireContext): string;
  /** Events that end a complete answer (finish, usage, end marker). */
  finish(c: WireContext): string[];
  keepAlive(): string;
  /** An in-stream error event. */
  streamError(kind: MockErrorKind, c: WireContext): string;
  /** An event whose JSON is cut short. */
  malformed(c: WireContext): string;
  /** The HTTP status a kind of error uses by default. */
  statusFor(kind: MockErrorKind): number;
  /** The JSON body of an HTTP error. */
  errorBody(kind: MockErrorKind): unknown;
  /** The error body some vendors send with HTTP 200 (Coze's `code`, compat servers). */
  jsonError(kind: MockErrorKind): unknown;
  /** A complete non-stream reply. */
  nonStream(c: WireContext): unknown;
}

const now = () => Math.floor(Date.now() / 1000);
const sse = (data: unknown, event?: string, sep = " ") =>
  `${event ? `event:${sep}${event}\n` : ""}data:${sep}${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;

const OPENAI_ERRORS: Record<MockErrorKind, { message: string; type: string; code: string | null }> = {
  overloaded: { message: "The server had an error while processing your request.", type: "server_error", code: null },
  rate_limit: { message: "Rate limit reached for requests.", type: "requests", code: "rate_limit_exceeded" },
  invalid: { message: "Invalid 'messages': empty array.", type: "invalid_request_error", code: null },
  auth: {
    message: "Incorrect API key provided: sk-mock-abcdefghijk. You can find your API key at …",
    type: "invalid_request_error",
    code: "invalid_api_key",
  },
};
const STATUS: Record<MockErrorKind, number> = { overloaded: 503, rate_limit: 429, invalid: 400, auth: 401 };

const openai: MockWire = {
  wantsStream: (b) => b.stream === true,
  preamble: (c) => [
    sse({
      id: "chatcmpl-mock",
      object: "chat.completion.chunk",
      created: now(),
      model: c.model,
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }],
    }),
  ],
  delta: (text, c) =>
    sse({
      id: "chatcmpl-mock",
      object: "chat.completion.chunk",
      created: now(),
      model: c.model,
      choices: [{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }],
    }),
  finish: (c) => {
    const frames = [
      sse({
        id: "chatcmpl-mock",
        object: "chat.completion.chunk",
        created: now(),
        model: c.model,
        choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: c.finish }],
      }),
    ];
    const so = c.body.stream_options as { include_usage?: boolean } | undefined;
    if (so?.include_usage) {
      frames.push(
        sse({
          id: "chatcmpl-mock",
          object: "chat.completion.chunk",
          created: now(),
          model: c.model,
          choices: [],
          usage: {
            prompt_tokens: c.usage.prompt,
            completion_tokens: c.usage.completion,
            total_tokens: c.usage.prompt + c.usage.completion,
          },
        }),
      );
    }
    frames.push("data: [DONE]\n\n");
    return frames;
  },
  keepAlive: () => ": keep-alive\n\n",
  streamError: (kind) => sse({ error: { ...OPENAI_ERRORS[kind], param: null } }),
  malformed: () => 'data: {"id":"chatcmpl-mock","choices":[{"index":0,"delta":{"content":"oo\n\n',
  statusFor: (k) => STATUS[k],
  errorBody: (kind) => ({ error: { ...OPENAI_ERRORS[kind], param: null } }),
  jsonError: (kind) => ({ error: { ...OPENAI_ERRORS[kind], param: null } }),
  nonStream: (c) => ({
    id: "chatcmpl-mock",
    object: "chat.completion",
    created: now(),
    model: c.model,
    choices: [{ index: 0, message: { role: "assistant", content: c.text }, logprobs: null, finish_reason: c.finish }],
    usage: {
      prompt_tokens: c.usage.prompt,
      completion_tokens: c.usage.completion,
      total_tokens: c.usage.prompt + c.usage.completion,
    },
  }),
};

const ANTHROPIC_ERRORS: Record<MockErrorKind, { type: string; message: string }> = {
  overloaded: { type: "overloaded_error", message: "Overloaded" },
  rate_limit: { type: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit" },
  invalid: { type: "invalid_request_error", message: "messages: at least one message is required" },
  auth: { type: "authentication_error", message: "invalid x-api-key" },
};
const ANTHROPIC_STOP: Record<MockFinish, string> = {
  stop: "end_turn",
  length: "max_tokens",
  content_filter: "refusal",
};

const anthropic: MockWire = {
  wantsStream: (b) => b.stream === true,
  preamble: (c) => [
    sse(
      {
        type: "message_start",
        message: {
          id: "msg_mock",
          type: "message",
          role: "assistant",
          content: [],
          model: c.model,
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: c.usage.prompt, output_tokens: 1 },
        },
      },
      "message_start",
    ),
    sse({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }, "content_block_start"),
    sse({ type: "ping" }, "ping"),
  ],
  delta: (text) =>
    sse({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }, "content_block_delta"),
  finish: (c) => [
    sse({ type: "content_block_stop", index: 0 }, "content_block_stop"),
    sse(
      {
        type: "message_delta",
        delta: { stop_reason: ANTHROPIC_STOP[c.finish], stop_sequence: null },
        usage: { output_tokens: c.usage.completion },
      },
      "message_delta",
    ),
    sse({ type: "message_stop" }, "message_stop"),
  ],
  keepAlive: () => sse({ type: "ping" }, "ping"),
  streamError: (kind) => sse({ type: "error", error: ANTHROPIC_ERRORS[kind] }, "error"),
  malformed: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"te\n\n',
  statusFor: (k) => (k === "overloaded" ? 529 : STATUS[k]),
  errorBody: (kind) => ({ type: "error", error: ANTHROPIC_ERRORS[kind], request_id: "req_mock" }),
  jsonError: (kind) => ({ type: "error", error: ANTHROPIC_ERRORS[kind] }),
  nonStream: (c) => ({
    id: "msg_mock",
    type: "message",
    role: "assistant",
    model: c.model,
    content: [{ type: "text", text: c.text }],
    stop_reason: ANTHROPIC_STOP[c.finish],
    stop_sequence: null,
    usage: { input_tokens: c.usage.prompt, output_tokens: c.usage.completion },
  }),
};

const DIFY_STREAM_ERRORS: Record<MockErrorKind, { status: number; code: string; message: string }> = {
  // What Dify sends when the model behind the app fails: 400 + completion_request_error.
  overloaded: {
    status: 400,
    code: "completion_request_error",
    message: "[openai] Server Unavailable Error, The server is overloaded or not ready yet.",
  },
  rate_limit: {
    status: 400,
    code: "provider_quota_exceeded",
    message: "Your quota for the model provider has run out.",
  },
  invalid: { status: 400, code: "invalid_param", message: "query is required" },
  auth: { status: 401, code: "unauthorized", message: "Access token is invalid" },
};
const DIFY_HTTP_ERRORS: Record<MockErrorKind, { status: number; code: string; message: string }> = {
  overloaded: { status: 500, code: "internal_server_error", message: "Internal Server Error." },
  rate_limit: { status: 429, code: "too_many_requests", message: "Too many requests. Please try again later." },
  invalid: { status: 400, code: "invalid_param", message: "query is required" },
  auth: { status: 401, code: "unauthorized", message: "Access token is invalid" },
};

const dify: MockWire = {
  wantsStream: (b) => b.response_mode === "streaming",
  preamble: () => [],
  delta: (text, c) =>
    sse({
      event: c.agent ? "agent_message" : "message",
      task_id: "task-mock",
      id: "msg-mock",
      message_id: "msg-mock",
      conversation_id: c.conversationId,
      answer: text,
      created_at: now(),
    }),
  finish: (c) => [
    sse({
      event: "message_end",
      task_id: "task-mock",
      id: "msg-mock",
      message_id: "msg-mock",
      conversation_id: c.conversationId,
      metadata: {
        usage: {
          prompt_tokens: c.usage.prompt,
          completion_tokens: c.usage.completion,
          total_tokens: c.usage.prompt + c.usage.completion,
          currency: "USD",
        },
        retriever_resources: [],
      },
    }),
  ],
  keepAlive: () => "event: ping\n\n",
  streamError: (kind) =>
    sse({ event: "error", task_id: "task-mock", message_id: "msg-mock", ...DIFY_STREAM_ERRORS[kind] }),
  malformed: () => 'data: {"event": "message", "answer": "oo\n\n',
  statusFor: (k) => DIFY_HTTP_ERRORS[k].status,
  errorBody: (kind) => DIFY_HTTP_ERRORS[kind],
  jsonError: (kind) => DIFY_HTTP_ERRORS[kind],
  nonStream: (c) => ({
    event: "message",
    task_id: "task-mock",
    id: "msg-mock",
    message_id: "msg-mock",
    conversation_id: c.conversationId,
    mode: "chat",
    answer: c.text,
    metadata: {
      usage: {
        prompt_tokens: c.usage.prompt,
        completion_tokens: c.usage.completion,
        total_tokens: c.usage.prompt + c.usage.completion,
      },
      retriever_resources: [],
    },
    created_at: now(),
  }),
};

const COZE_CODES: Record<MockErrorKind, { code: number; msg: string }> = {
  overloaded: { code: 5000, msg: "internal error, please retry" },
  rate_limit: { code: 4013, msg: "request frequency exceeds the limit" },
  invalid: { code: 4000, msg: "the request parameter is invalid" },
  auth: { code: 4100, msg: "authentication is invalid" },
};
const coze = (data: unknown, event: string) => sse(data, event, "");

function cozeChat(c: WireContext, status: string, extra: Record<string, unknown> = {}) {
  return {
    id: "chat-mock",
    conversation_id: c.conversationId,
    bot_id: String(c.body.bot_id ?? "bot-mock"),
    created_at: now(),
    last_error: { code: 0, msg: "" },
    status,
    usage: { token_count: 0, output_count: 0, input_count: 0 },
    section_id: c.conversationId,
    ...extra,
  };
}

function cozeMessage(c: WireContext, type: string, content: string, extra: Record<string, unknown> = {}) {
  return {
    id: type === "answer" ? "msg-mock" : `msg-${type}`,
    conversation_id: c.conversationId,
    bot_id: String(c.body.bot_id ?? "bot-mock"),
    role: "assistant",
    type,
    content,
    content_type: "text",
    chat_id: "chat-mock",
    section_id: c.conversationId,
    ...extra,
  };
}

const cozeWire: MockWire = {
  wantsStream: (b) => b.stream === true,
  preamble: (c) => [
    coze(cozeChat(c, "created"), "conversation.chat.created"),
    coze(cozeChat(c, "in_progress"), "conversation.chat.in_progress"),
  ],
  delta: (text, c) => coze(cozeMessage(c, "answer", text), "conversation.message.delta"),
  finish: (c) => [
    coze(cozeMessage(c, "answer", c.text, { created_at: now() }), "conversation.message.completed"),
    coze(
      cozeMessage(
        c,
        "verbose",
        JSON.stringify({ msg_type: "generate_answer_finish", data: '{"finish_reason":0,"FinData":""}' }),
      ),
      "conversation.message.completed",
    ),
    coze(
      cozeChat(c, "completed", {
        completed_at: now(),
        usage: {
          token_count: c.usage.prompt + c.usage.completion,
          output_count: c.usage.completion,
          input_count: c.usage.prompt,
        },
      }),
      "conversation.chat.completed",
    ),
    'event:done\ndata:"[DONE]"\n\n',
  ],
  keepAlive: () => ": ping\n\n",
  streamError: (kind, c) =>
    kind === "overloaded"
      ? coze(cozeChat(c, "failed", { failed_at: now(), last_error: COZE_CODES[kind] }), "conversation.chat.failed")
      : coze(COZE_CODES[kind], "error"),
  malformed: () => 'event:conversation.message.delta\ndata:{"id":"msg-mock","type":"answer","content":"oo\n\n',
  statusFor: (k) => STATUS[k],
  errorBody: (kind) => COZE_CODES[kind],
  jsonError: (kind) => ({ ...COZE_CODES[kind], detail: { logid: "mock-logid" } }),
  nonStream: (c) => ({ code: 0, msg: "", data: cozeChat(c, "in_progress") }),
};

/** Every vendor's wire. */
export const MOCK_WIRES: Record<MockVendor, MockWire> = { openai, anthropic, dify, coze: cozeWire };
