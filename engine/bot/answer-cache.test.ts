import { describe, expect, test } from "bun:test";
import { createHashedEmbedder, type Embedder } from "../kb/embedder.ts";
import { createAnswerCache } from "./answer-cache.ts";

const embedder = createHashedEmbedder();

function setup(over: { ttlMs?: number; maxEntries?: number; embedder?: Embedder } = {}) {
  let t = 1_000;
  const cache = createAnswerCache({
    embedder: over.embedder ?? embedder,
    ttlMs: over.ttlMs ?? 60_000,
    maxEntries: over.maxEntries ?? 100,
    threshold: 0.9,
    now: () => t,
  });
  return { cache, advance: (ms: number) => (t += ms) };
}

describe("answer cache", () => {
  test("a similar question hits with the stored attributes; an unrelated one and another tenant miss", async () => {
    const { cache } = setup();
    expect(
      await cache.store("t1", "How long does a refund take?", "3-5 days [1]", { attributes: { citations: "[1]" } }),
    ).toBe(true);
    const hit = await cache.lookup("t1", "how long does a refund take");
    expect(hit).toMatchObject({
      text: "3-5 days [1]",
      question: "How long does a refund take?",
      attributes: { citations: "[1]" },
    });
    expect(hit?.similarity).toBeGreaterThanOrEqual(0.9);
    expect(await cache.lookup("t1", "can I change my delivery address")).toBeUndefined();
    expect(await cache.lookup("t2", "how long does a refund take")).toBeUndefined();
  });

  test("answers expire after the TTL", async () => {
    const { cache, advance } = setup({ ttlMs: 10_000 });
    await cache.store("t1", "退款多久到账", "3-5个工作日");
    advance(9_999);
    expect((await cache.lookup("t1", "退款多久到账"))?.text).toBe("3-5个工作日");
    advance(2);
    expect(await cache.lookup("t1", "退款多久到账")).toBeUndefined();
    expect(cache.size("t1")).toBe(0);
  });

  test("invalidate forgets the tenant's answers, and a store begun before it is dropped", async () => {
    const { cache } = setup();
    await cache.store("t1", "refund time", "3-5 days");
    const gen = cache.generation("t1");
    cache.invalidate("t1");
    expect(cache.size("t1")).toBe(0);
    expect(await cache.store("t1", "shipping time", "2 days", { generation: gen })).toBe(false);
    expect(await cache.lookup("t1", "shipping time")).toBeUndefined();
    expect(await cache.store("t1", "shipping time", "2 days", { generation: cache.generation("t1") })).toBe(true);
  });

  test("an invalidation while the question is being embedded drops the store", async () => {
    let release!: () => void;
    const slow: Embedder = {
      id: "slow",
      dim: embedder.dim,
      embed: async (texts) => {
        await new Promise<void>((r) => {
          release = r;
        });
        return embedder.embed(texts);
      },
    };
    const { cache } = setup({ embedder: slow });
    const pending = cache.store("t1", "refund time", "3-5 days");
    cache.invalidate("t1");
    release();
    expect(await pending).toBe(false);
    expect(cache.size("t1")).toBe(0);
  });

  test("questions carrying entities are never stored or looked up", async () => {
    const { cache } = setup();
    expect(await cache.store("t1", "where is order 2024112300123456", "It ships today")).toBe(false);
    expect(await cache.store("t1", "call me on 13812345678", "ok")).toBe(false);
    await cache.store("t1", "where is my order", "Open My Orders");
    expect(await cache.lookup("t1", "where is my order 2024112300123456")).toBeUndefined();
  });

  test("holds at most maxEntries per tenant, evicting the least recently used", async () => {
    const { cache } = setup({ maxEntries: 2 });
    await cache.store("t1", "refund time", "a");
    await cache.store("t1", "shipping cost", "b");
    expect((await cache.lookup("t1", "refund time"))?.text).toBe("a"); // refreshes "refund time"
    await cache.store("t1", "change delivery address", "c");
    expect(cache.size("t1")).toBe(2);
    expect(await cache.lookup("t1", "shipping cost")).toBeUndefined();
    expect((await cache.lookup("t1", "refund time"))?.text).toBe("a");
  });

  test("bad options are refused", () => {
    expect(() => createAnswerCache({ embedder, ttlMs: 0 })).toThrow("ttlMs");
    expect(() => createAnswerCache({ embedder, ttlMs: 1, maxEntries: 0 })).toThrow("maxEntries");
  });
});
