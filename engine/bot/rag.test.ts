import { describe, expect, test } from "bun:test";
import type { Chunk } from "../kb/chunk.ts";
import type { KbHit } from "../kb/knowledge-base.ts";
import { buildRagContext, citationsAttribute, citedSources, RAG_INSTRUCTIONS, ragSystemPrompt } from "./rag.ts";
import { estimateTokens } from "./tokens.ts";

const hit = (id: string, text: string, extra: Partial<Chunk> = {}, cosine = 0.5): KbHit => ({
  kbId: "help",
  docId: id.split("#")[0] ?? id,
  chunk: { id, docId: id.split("#")[0] ?? id, text, tags: [], kind: "passage", ...extra },
  score: cosine,
  cosine,
  rrf: 0.01,
});

describe("buildRagContext", () => {
  test("numbers the hits in order, with headings, FAQ pairs as Q/A, and no chunk twice", () => {
    const ctx = buildRagContext([
      hit("refunds#1", "Refunds take 3-5 business days.", { heading: "Refunds > Timelines" }),
      hit("faq#2", "q\na", { kind: "faq", question: "运费谁出？", answer: "质量问题由我们承担运费。" }),
      hit("refunds#1", "Refunds take 3-5 business days.", { heading: "Refunds > Timelines" }),
    ]);
    expect(ctx.sources.map((s) => [s.n, s.chunkId, s.text])).toEqual([
      [1, "refunds#1", "Refunds > Timelines\nRefunds take 3-5 business days."],
      [2, "faq#2", "Q: 运费谁出？\nA: 质量问题由我们承担运费。"],
    ]);
  });

  test("keeps within the source count and the token budget, cutting the last source", () => {
    const long = "退款审核通过后，款项会原路退回。".repeat(40);
    const hits = [hit("a#1", long), hit("b#1", long), hit("c#1", long)];
    expect(buildRagContext(hits, { maxSources: 2, maxTokens: 100_000 }).sources).toHaveLength(2);
    const ctx = buildRagContext(hits, { maxTokens: 300 });
    const used = ctx.sources.reduce((n, s) => n + estimateTokens(s.text) + 4, 0);
    expect(used).toBeLessThanOrEqual(300);
    expect(ctx.sources.at(-1)?.text.endsWith("…")).toBe(true);
  });

  test("drops hits below the cosine floor", () => {
    const ctx = buildRagContext([hit("a#1", "x", {}, 0.05), hit("b#1", "y", {}, 0.4)], { minCosine: 0.1 });
    expect(ctx.sources.map((s) => s.chunkId)).toEqual(["b#1"]);
  });
});

describe("ragSystemPrompt and citations", () => {
  const ctx = buildRagContext([hit("a#1", "alpha"), hit("b#1", "beta"), hit("c#1", "gamma")]);

  test("appends the instructions and the numbered sources; nothing without sources", () => {
    expect(ragSystemPrompt("Be brief.", { sources: [] })).toBe("Be brief.");
    expect(ragSystemPrompt("Be brief.", ctx)).toBe(
      `Be brief.\n\n${RAG_INSTRUCTIONS}\n\nSources:\n[1] alpha\n\n[2] beta\n\n[3] gamma`,
    );
  });

  test("reads [n], [n, m], 【n】 and full-width markers; ignores numbers that name no source", () => {
    expect(citedSources("See [3] and [2, 3].", ctx).map((s) => s.n)).toEqual([2, 3]);
    expect(citedSources("退款3-5个工作日到账【1】。［3］", ctx).map((s) => s.n)).toEqual([1, 3]);
    expect(citedSources("Order [9] and [x] and 2024 [0]", ctx)).toEqual([]);
  });

  test("the stored attribute names knowledge base, document and chunk", () => {
    expect(JSON.parse(citationsAttribute(citedSources("[2]", ctx)))).toEqual([
      { n: 2, kbId: "help", docId: "b", chunkId: "b#1" },
    ]);
  });
});
