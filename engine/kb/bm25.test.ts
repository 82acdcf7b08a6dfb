import { describe, expect, test } from "bun:test";
import { createBm25Index } from "./bm25.ts";

describe("BM25 index", () => {
  test("ranks the matching document first; rare terms weigh more", () => {
    const idx = createBm25Index();
    idx.add("refund", "How long does a refund take to reach my card");
    idx.add("ship", "How long does shipping take");
    idx.add("zh", "退款多久能到账");
    const hits = idx.search("refund card", 5);
    expect(hits.map((h) => h.id)).toEqual(["refund"]);
    expect(idx.search("退款到账", 5)[0]?.id).toBe("zh");
    expect(idx.idf("refund")).toBeGreaterThan(idx.idf("long"));
    expect(idx.idf("nope")).toBe(0);
  });

  test("replace, remove, filter and k", () => {
    const idx = createBm25Index({ k1: 1.5, b: 0.5 });
    idx.add("a", "coupon code");
    idx.add("b", "coupon expired");
    idx.add("a", "password reset");
    expect(idx.size).toBe(2);
    expect(idx.search("coupon", 5).map((h) => h.id)).toEqual(["b"]);
    expect(idx.search("password coupon", 5, (id) => id !== "b").map((h) => h.id)).toEqual(["a"]);
    expect(idx.search("password coupon", 1)).toHaveLength(1);
    expect(idx.remove("a")).toBe(true);
    expect(idx.remove("a")).toBe(false);
    expect(idx.has("a")).toBe(false);
    expect(idx.search("password", 5)).toEqual([]);
    expect(idx.search("coupon", 0)).toEqual([]);
  });

  test("coverage: unknown query terms count as rare", () => {
    const idx = createBm25Index();
    idx.add("a", "refund policy");
    idx.add("b", "shipping policy");
    expect(idx.coverage("refund policy", "a")).toBe(1);
    expect(idx.coverage("refund", "b")).toBe(0);
    expect(idx.coverage("refund football", "a")).toBeLessThan(0.5);
    expect(idx.coverage("refund", "missing")).toBe(0);
  });
});
