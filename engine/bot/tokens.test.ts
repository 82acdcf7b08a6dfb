import { describe, expect, test } from "bun:test";
import { estimateMessagesTokens, estimateTokens, promptBudget } from "./tokens.ts";

describe("estimateTokens", () => {
  test("matches known cl100k counts of short English", () => {
    // Known cl100k_base counts (tiktoken).
    expect(estimateTokens("Hello, world!")).toBe(4);
    expect(estimateTokens("The quick brown fox jumps over the lazy dog.")).toBe(10);
    expect(estimateTokens("tokenization")).toBe(2);
    expect(estimateTokens("1234567")).toBe(3); // "123" "456" "7"
    expect(estimateTokens("")).toBe(0);
  });

  test("CJK counts one per character, punctuation included", () => {
    expect(estimateTokens("我想查询订单")).toBe(6);
    expect(estimateTokens("你好，世界！")).toBe(6);
    expect(estimateTokens("こんにちは")).toBe(5);
  });

  test("mixed text sums its parts", () => {
    // 4 Han + "SF" 1 + 12 digits 4 + 3 Han; spaces fold into the next piece.
    expect(estimateTokens("我的订单 SF123456789012 还没到")).toBe(12);
  });

  test("Latin is roughly chars/4 on prose", () => {
    const prose =
      "Our customer service team is available every day from nine in the morning until six in the evening, and we usually reply within a few minutes.";
    const n = estimateTokens(prose);
    expect(n).toBeGreaterThan(prose.length / 6);
    expect(n).toBeLessThan(prose.length / 3);
  });
});

describe("messages and budgets", () => {
  test("message framing", () => {
    expect(estimateMessagesTokens([{ role: "user", content: "hi" }])).toBe(8);
    expect(estimateMessagesTokens([])).toBe(3);
  });

  test("promptBudget picks the longest prefix and reserves output", () => {
    expect(promptBudget("gpt-4o-mini", { reserveOutput: 1024 })).toBe(128_000 - 1024);
    expect(promptBudget("gpt-4", { reserveOutput: 1024 })).toBe(8192 - 1024);
    expect(promptBudget("gpt-4o-mini", { cap: 6000 })).toBe(6000);
    expect(promptBudget("mystery", { fallback: 4096, reserveOutput: 96 })).toBe(4000);
    expect(promptBudget(undefined)).toBe(8192 - 1024);
  });
});
