import { describe, expect, test } from "bun:test";
import type { ChatMessage } from "../llm/types.ts";
import { seededRandom } from "../random.ts";
import { compressForModel, compressMessages, splitSentences, terms } from "./compress.ts";
import { hasEntities } from "./entities.ts";
import { estimateMessagesTokens } from "./tokens.ts";

const FILLER = [
  "我想问一下这个商品的尺码是不是偏小。",
  "好的，我帮您查一下。",
  "请问还有其他问题吗？",
  "这件衣服的颜色和图片上不太一样。",
  "退货需要在七天之内申请，商品要保持完好。",
  "I was wondering whether the jacket runs small.",
  "Sure, let me check that for you.",
  "The color looks different from the photos on the product page.",
  "Refunds usually reach your account within three to five business days.",
  "ok",
  "好的",
  "Can you tell me more about the warranty policy? I bought it last month.",
];
const ENTITY = [
  "我的订单号是 20240512001，还没发货。",
  "顺丰单号 SF123456789012 一直没更新。",
  "My phone is 13812345678, please call me.",
  "SKU: TSHIRT-RED-42 is out of stock?",
  "order #A1B2C3D4 arrived damaged.",
  "Email me at buyer@example.com please.",
];

function conversation(next: () => number): { messages: ChatMessage[]; keepLast: number } {
  const n = 8 + Math.floor(next() * 60);
  const messages: ChatMessage[] = [
    { role: "system", content: "You are a helpful customer-service assistant for an online shop." },
  ];
  for (let i = 0; i < n; i++) {
    const pool = next() < 0.15 ? ENTITY : FILLER;
    const parts = 1 + Math.floor(next() * 3);
    const content = Array.from({ length: parts }, () => pool[Math.floor(next() * pool.length)]).join(" ");
    messages.push({ role: i % 2 === 0 ? "user" : "assistant", content });
  }
  return { messages, keepLast: 1 + Math.floor(next() * 6) };
}

function isSubsequence(kept: ChatMessage[], original: ChatMessage[]): boolean {
  let j = 0;
  for (const m of kept) {
    while (j < original.length && original[j] !== m) j++;
    if (j === original.length) return false;
    j++;
  }
  return true;
}

describe("compressMessages", () => {
  test("generated conversations: entities survive, budget holds, order is preserved", () => {
    const next = seededRandom(2026);
    let compressed = 0;
    for (let run = 0; run < 150; run++) {
      const { messages, keepLast } = conversation(next);
      const must = [
        messages[0] as ChatMessage,
        ...messages.slice(1, -keepLast).filter((m) => hasEntities(m.content)),
        ...messages.slice(-keepLast),
      ];
      const floor = estimateMessagesTokens(must);
      const full = estimateMessagesTokens(messages);
      const budget = floor + Math.floor(next() * Math.max(1, full - floor) * 0.8);
      const r = compressMessages(messages, { budget, keepLast });
      expect(r.withinBudget).toBe(true);
      expect(r.tokens).toBeLessThanOrEqual(budget);
      expect(r.tokens).toBe(estimateMessagesTokens(r.messages));
      for (const m of must) expect(r.messages).toContain(m);
      const originals = r.messages.filter((m) => messages.includes(m));
      expect(isSubsequence(originals, messages)).toBe(true);
      expect(r.messages[0]).toBe(messages[0] as ChatMessage);
      const notes = r.messages.filter((m) => !messages.includes(m));
      expect(notes.length).toBeLessThanOrEqual(1);
      if (notes[0]) {
        expect(notes[0].role).toBe("system");
        expect(notes[0].content.startsWith("Earlier in this conversation: ")).toBe(true);
        expect(r.messages[1]).toBe(notes[0]);
      }
      if (r.messages.length < messages.length) compressed++;
    }
    expect(compressed).toBeGreaterThan(100);
  });

  test("a conversation that fits is returned unchanged", () => {
    const m: ChatMessage[] = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "hi" },
    ];
    const r = compressMessages(m, { budget: 1000 });
    expect(r.messages).toEqual(m);
    expect(r.summarized).toBe(0);
  });

  test("the summary keeps the most informative sentences", () => {
    const m: ChatMessage[] = [
      { role: "system", content: "S" },
      { role: "user", content: "ok" },
      { role: "user", content: "The refund for the blue jacket has not arrived. The refund was approved on Monday." },
      { role: "assistant", content: "好的" },
      { role: "user", content: "Weather is nice." },
      { role: "assistant", content: "I checked the refund for the jacket." },
      { role: "user", content: "latest question" },
    ];
    const r = compressMessages(m, { budget: 45, keepLast: 1 });
    const note = r.messages[1]?.content ?? "";
    expect(note).toContain("refund");
    expect(note).not.toContain("Weather");
    expect(note).not.toContain("好的");
    expect(r.messages.at(-1)?.content).toBe("latest question");
    expect(r.tokens).toBeLessThanOrEqual(45);
  });

  test("a tight budget shrinks the window, then trims pinned messages to their entity sentences", () => {
    const long = "Lots of words about nothing in particular that go on and on and on. ".repeat(5);
    const m: ChatMessage[] = [
      { role: "system", content: "S" },
      { role: "user", content: `${long}My order number is 20240512001.` },
      { role: "assistant", content: long },
      { role: "user", content: "where is it" },
    ];
    const r = compressMessages(m, { budget: 40, keepLast: 3 });
    expect(r.withinBudget).toBe(true);
    expect(r.messages.some((x) => x.content.includes("20240512001"))).toBe(true);
    expect(r.messages.at(-1)?.content).toBe("where is it");
  });

  test("sentences and terms", () => {
    expect(splitSentences("你好。我要退款！Hi. I need help\nthanks")).toEqual([
      "你好。",
      "我要退款！",
      "Hi.",
      "I need help",
      "thanks",
    ]);
    expect(terms("退款 the Refund")).toEqual(["退款", "refund"]);
  });

  test("compressForModel uses the model's prompt budget", () => {
    const m: ChatMessage[] = [{ role: "system", content: "S" }];
    for (let i = 0; i < 200; i++)
      m.push({ role: i % 2 ? "assistant" : "user", content: "退货需要在七天之内申请，商品要保持完好。" });
    expect(compressForModel(m, "gpt-4o-mini").messages).toEqual(m);
    const small = compressForModel(m, "gpt-4", { reserveOutput: 8192 - 500 });
    expect(small.tokens).toBeLessThanOrEqual(500);
    expect(small.messages.at(-1)).toBe(m.at(-1) as ChatMessage);
  });
});
