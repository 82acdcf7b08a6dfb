// The official OpenAI SDK against kefu's /v1/chat/completions, streaming and not.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import OpenAI from "openai";
import { systemClock } from "../../engine/clock.ts";
import { type ChatChunk, type ChatRequest, LlmError } from "../../engine/llm/types.ts";
import { createLogger } from "../../engine/logger.ts";
import { errorHandler } from "../errors/index.ts";
import { type ChatRouting, openAiApi, type RouteMeta } from "./index.ts";

/** A scripted router: what the next request gets. */
let script: (
  req: ChatRequest,
  signal: AbortSignal,
) => { meta: RouteMeta | LlmError; chunks: ChatChunk[]; failAfter?: LlmError };
const seen: ChatRequest[] = [];
const wholes: (boolean | undefined)[] = [];
let aborted = 0;

const routing: ChatRouting = {
  stream(req, { signal, whole }) {
    seen.push(req);
    wholes.push(whole);
    signal.addEventListener("abort", () => aborted++);
    const s = script(req, signal);
    const first = s.meta instanceof LlmError ? Promise.reject(s.meta) : Promise.resolve(s.meta);
    first.catch(() => {});
    async function* chunks() {
      for (const c of s.chunks) {
        await Bun.sleep(1);
        yield c;
      }
      if (s.failAfter) throw s.failAfter;
    }
    return {
      first,
      chunks: chunks(),
      answer: async () => {
        const m = await first;
        const out: ChatChunk[] = [];
        for await (const c of chunks()) out.push(c);
        return { meta: m, chunks: out };
      },
    };
  },
};

const meta: RouteMeta = { target: "openai-day", route: "support > fallback", attempts: 1 };
const answer = (text: string): ChatChunk[] => [
  ...text.split(" ").map((w, i) => ({ type: "delta" as const, text: i === 0 ? w : ` ${w}` })),
  { type: "usage", promptTokens: 12, completionTokens: 3 },
  { type: "finish", reason: "stop" },
];

let stop: () => unknown;
let client: OpenAI;
beforeAll(() => {
  const server = new Elysia()
    .use(errorHandler({ logger: createLogger("error", () => {}) }))
    .use(openAiApi({ routing, clock: systemClock, logger: createLogger("error", () => {}) }))
    .listen({ hostname: "127.0.0.1", port: 0 });
  stop = () => server.stop();
  client = new OpenAI({ baseURL: `http://127.0.0.1:${server.server?.port}/v1`, apiKey: "sk-test", maxRetries: 0 });
});
afterAll(() => stop());

describe("OpenAI SDK against /v1/chat/completions", () => {
  test("non-streaming: a complete chat.completion with usage, and the route in headers", async () => {
    script = () => ({ meta, chunks: answer("您好, how can I help?") });
    const { data, response } = await client.chat.completions
      .create({
        model: "support",
        messages: [
          { role: "system", content: "be nice" },
          { role: "user", content: "hi" },
        ],
        temperature: 0.2,
      })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.choices[0]?.message).toMatchObject({ role: "assistant", content: "您好, how can I help?" });
    expect(data.choices[0]?.finish_reason).toBe("stop");
    expect(data.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    expect(response.headers.get("x-kefu-target")).toBe("openai-day");
    expect(response.headers.get("x-kefu-route")).toBe("support > fallback");
    expect(seen.at(-1)).toMatchObject({
      model: "support",
      temperature: 0.2,
      messages: [
        { role: "system", content: "be nice" },
        { role: "user", content: "hi" },
      ],
    });
    expect(wholes.at(-1)).toBe(true); // the router may fetch the whole answer in one call
  });

  test("streaming: deltas in order, finish reason, usage chunk when asked", async () => {
    script = () => ({ meta, chunks: answer("one two three") });
    const stream = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "count" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let finish: string | null = null;
    let usage: unknown;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? "";
      finish = c.choices[0]?.finish_reason ?? finish;
      if (c.usage) usage = c.usage;
    }
    expect(text).toBe("one two three");
    expect(wholes.at(-1)).toBeUndefined(); // a streaming client needs the stream
    expect(finish).toBe("stop");
    expect(usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
  });

  test("every streamed frame is one JSON chunk, whatever characters the text and the model name hold", async () => {
    const words = ['quote" back\\slash', "nul\u0000", "客服", "line\nbreak", "emoji🙂"];
    script = () => ({
      meta,
      chunks: [
        ...words.map((text) => ({ type: "delta" as const, text })),
        { type: "finish" as const, reason: "stop" as const },
      ],
    });
    const model = 'm\u0000"odel';
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "x" }],
      stream: true,
    });
    const got: string[] = [];
    for await (const c of stream) {
      expect(c.object).toBe("chat.completion.chunk");
      expect(c.model).toBe(model);
      expect(c.choices[0]?.index).toBe(0);
      const content = c.choices[0]?.delta?.content;
      if (content) got.push(content);
    }
    expect(got).toEqual(words);
  });

  test("a stream that fails after its first token makes the SDK throw, never a quiet truncation", async () => {
    script = () => ({
      meta,
      chunks: [{ type: "delta", text: "partial" }],
      failAfter: new LlmError("stream_interrupted", "openai-day: stream cut after 1 chunk"),
    });
    const stream = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "x" }],
      stream: true,
    });
    let text = "";
    const err = await (async () => {
      try {
        for await (const c of stream) text += c.choices[0]?.delta?.content ?? "";
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(text).toBe("partial");
    expect(err?.message).toContain("stream cut");
  });

  test("routing errors before the first token are typed HTTP errors the SDK surfaces", async () => {
    script = () => ({
      meta: new LlmError("all_targets_failed", "every target failed: openai-day 503", { status: 502 }),
      chunks: [],
    });
    const err = (await client.chat.completions
      .create({ model: "support", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(502);
    expect(err.message).toContain("every target failed");
    script = () => ({
      meta: new LlmError("upstream_rejected", "bad request upstream", { status: 400, retryable: false }),
      chunks: [],
    });
    const rejected = (await client.chat.completions
      .create({ model: "support", messages: [{ role: "user", content: "x" }], stream: true })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(rejected.status).toBe(400);
  });

  test("invalid bodies are 400 with a typed error", async () => {
    const err = (await client.chat.completions
      .create({ model: "support", messages: [] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(400);
    expect((err.error as { code?: string }).code).toBe("invalid_request");
    // Integers are JSON numbers, as OpenAI requires: a numeric string is not coerced.
    for (const max_tokens of ["100", 0, 1.5] as unknown as number[]) {
      const bad = (await client.chat.completions
        .create({ model: "support", messages: [{ role: "user", content: "x" }], max_tokens })
        .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect(bad.status).toBe(400);
      expect((bad.error as { code?: string }).code).toBe("invalid_request");
    }
  });

  test("content parts and developer messages are accepted", async () => {
    script = () => ({ meta, chunks: answer("ok") });
    await client.chat.completions.create({
      model: "support",
      messages: [
        { role: "developer", content: "rules" },
        {
          role: "user",
          content: [
            { type: "text", text: "part one " },
            { type: "text", text: "part two" },
          ],
        },
      ],
    });
    expect(seen.at(-1)?.messages).toEqual([
      { role: "system", content: "rules" },
      { role: "user", content: "part one part two" },
    ]);
  });

  test("a client that disconnects mid-stream cancels the upstream call", async () => {
    const before = aborted;
    script = () => ({
      meta,
      chunks: Array.from({ length: 200 }, (_, i) => ({ type: "delta" as const, text: `${i} ` })),
    });
    const ac = new AbortController();
    const stream = await client.chat.completions.create(
      { model: "support", messages: [{ role: "user", content: "long" }], stream: true },
      { signal: ac.signal },
    );
    let n = 0;
    try {
      for await (const _ of stream) {
        if (++n === 3) ac.abort();
      }
    } catch {
      // the SDK throws an abort error
    }
    for (let i = 0; i < 50 && aborted === before; i++) await Bun.sleep(10);
    expect(aborted).toBeGreaterThan(before);
  });
});
