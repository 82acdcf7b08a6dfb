/**
 * Test helpers for provider streams: drain one into its text, usage, finish and
 * error, and build requests and call contexts in one line.
 *
 * @example
 *   const r = await collect(provider.stream(ask("hi"), callContext()));
 *   expect(r.text).toBe("Hello!");
 *   expect(r.error).toBeUndefined();
 */
import type { FetchLike } from "../providers/upstream.ts";
import type { CallContext, ChatChunk, ChatRequest } from "../types.ts";

/** What a stream produced. */
export interface Collected {
  /** All deltas joined. */
  text: string;
  deltas: string[];
  chunks: ChatChunk[];
  usage: Extract<ChatChunk, { type: "usage" }> | undefined;
  finish: Extract<ChatChunk, { type: "finish" }> | undefined;
  /** What the iterator threw, if anything. */
  error: unknown;
}

/**
 * Drains a stream, catching what it throws (into `error`).
 *
 * @example
 *   const { text, finish } = await collect(p.stream(req, ctx));
 */
export async function collect(stream: AsyncIterable<ChatChunk>): Promise<Collected> {
  const r: Collected = { text: "", deltas: [], chunks: [], usage: undefined, finish: undefined, error: undefined };
  try {
    for await (const c of stream) {
      r.chunks.push(c);
      if (c.type === "delta") {
        r.deltas.push(c.text);
        r.text += c.text;
      } else if (c.type === "usage") r.usage = c;
      else r.finish = c;
    }
  } catch (e) {
    r.error = e;
  }
  return r;
}

/**
 * A request with one user message (after an optional system prompt).
 *
 * @example
 *   ask("Where is my order?", { system: "You are a support agent." });
 */
export function ask(question: string, extra: Partial<ChatRequest> & { system?: string } = {}): ChatRequest {
  const { system, ...rest } = extra;
  return {
    messages: [...(system ? [{ role: "system" as const, content: system }] : []), { role: "user", content: question }],
    ...rest,
  };
}

/**
 * A call context with its own AbortController.
 *
 * @example
 *   const ctx = callContext("gpt-4o-mini"); ctx.abort();
 */
export function callContext(model = "test-model"): CallContext & { abort(reason?: unknown): void } {
  const ac = new AbortController();
  return { signal: ac.signal, model, abort: (reason?: unknown) => ac.abort(reason) };
}

/**
 * A `fetch` that answers every call with `body`: an event stream unless
 * `contentType` or `init` say otherwise. For decoder tests that need exact bytes.
 *
 * @example
 *   createOpenAiProvider({ id: "o", baseUrl: "http://upstream.invalid", fetch: fetchReturning("data: [DONE]\n\n") });
 */
export function fetchReturning(
  body: string | null,
  init: { status?: number; headers?: Record<string, string>; contentType?: string } = {},
): FetchLike {
  const { contentType = "text/event-stream", status = 200 } = init;
  return async () => {
    const headers = new Headers(init.headers);
    if (body !== null && !headers.has("content-type")) headers.set("content-type", contentType);
    return new Response(body, { status, headers });
  };
}
