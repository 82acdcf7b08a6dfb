import { describe, expect, test } from "bun:test";
import { ask, callContext, collect } from "../../testing/collect.ts";
import { createLocalProvider, DEFAULT_FALLBACK_TEXT, lastUserMessage, splitWords } from "./index.ts";

describe("local provider", () => {
  test("streams the knowledge-base answer for the last user message in word-sized deltas", async () => {
    const asked: string[] = [];
    const p = createLocalProvider({
      answer: async (q) => {
        asked.push(q);
        return { text: "Orders ship within 2 business days." };
      },
    });
    const req = {
      messages: [
        { role: "user" as const, content: "old" },
        { role: "assistant" as const, content: "a" },
        { role: "user" as const, content: "When do orders ship?" },
      ],
    };
    const r = await collect(p.stream(req, callContext()));
    expect(asked).toEqual(["When do orders ship?"]);
    expect(r.deltas).toEqual(["Orders ", "ship ", "within ", "2 ", "business ", "days."]);
    expect(r.finish).toEqual({ type: "finish", reason: "stop" });
    expect(p.id).toBe("local");
    expect(p.kind).toBe("local");
  });

  test("Chinese answers split into words and reassemble exactly", async () => {
    const text = "您好，我们的营业时间是早上9点到晚上6点。";
    const r = await collect(
      createLocalProvider({ answer: async () => ({ text }) }).stream(ask("几点营业"), callContext()),
    );
    expect(r.text).toBe(text);
    expect(r.deltas.length).toBeGreaterThan(5);
  });

  test("no answer, a blank answer, or a failing lookup → the fallback text; never an error", async () => {
    const lookups = [
      async () => undefined,
      async () => ({ text: "  " }),
      async () => Promise.reject(new Error("kb down")),
    ];
    for (const answer of lookups) {
      const r = await collect(createLocalProvider({ answer }).stream(ask("?"), callContext()));
      expect(r.error).toBeUndefined();
      expect(r.text).toBe(DEFAULT_FALLBACK_TEXT);
      expect(r.finish?.reason).toBe("stop");
    }
    const custom = createLocalProvider({
      id: "kb",
      answer: async () => undefined,
      fallbackText: "稍等，正在为您转接人工客服。",
    });
    expect((await collect(custom.stream(ask("?"), callContext()))).text).toBe("稍等，正在为您转接人工客服。");
  });

  test("the caller's abort stops it with the abort reason", async () => {
    const ctx = callContext();
    const p = createLocalProvider({ answer: async () => ({ text: "one two three four" }) });
    const got: string[] = [];
    let thrown: unknown;
    try {
      for await (const c of p.stream(ask("q"), ctx)) {
        if (c.type === "delta") got.push(c.text);
        ctx.abort(new Error("stop"));
      }
    } catch (e) {
      thrown = e;
    }
    expect(got).toEqual(["one "]);
    expect((thrown as Error).message).toBe("stop");
  });

  test("an abort while the knowledge base is still answering ends the stream at once", async () => {
    const p = createLocalProvider({ answer: () => new Promise(() => {}) }); // never answers
    const ctx = callContext();
    setTimeout(() => ctx.abort(new Error("deadline")), 20);
    const r = await collect(p.stream(ask("q"), ctx));
    expect((r.error as Error).message).toBe("deadline");
    expect(r.chunks).toEqual([]);
  });

  test("splitWords keeps every character", () => {
    for (const t of [
      "",
      "a",
      "  two  spaces  ",
      "Hello, world!",
      "e-mail: a@b.co\nnext line",
      "混合 English 和中文。",
      "🙂🙂 ok",
    ]) {
      expect(splitWords(t).join("")).toBe(t);
    }
    expect(splitWords("Hello, world!")).toEqual(["Hello, ", "world!"]);
  });

  test("lastUserMessage", () => {
    expect(lastUserMessage({ messages: [] })).toBe("");
    expect(
      lastUserMessage({
        messages: [
          { role: "user", content: "a" },
          { role: "assistant", content: "b" },
        ],
      }),
    ).toBe("a");
  });
});
