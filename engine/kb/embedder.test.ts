import { describe, expect, test } from "bun:test";
import { createHashedEmbedder, fnv1a, hashedFeatures } from "./embedder.ts";

function cos(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

describe("hashed embedder", () => {
  const e = createHashedEmbedder();

  test("flat n × dim, L2-normalised rows, zero row for empty text", async () => {
    const v = await e.embed(["退款多久到账", "How long does a refund take?", "", "!!!"]);
    expect(e.dim).toBe(384);
    expect(v.length).toBe(4 * 384);
    for (const r of [0, 1])
      expect(cos(v.subarray(r * 384, (r + 1) * 384), v.subarray(r * 384, (r + 1) * 384))).toBeCloseTo(1, 5);
    expect(v.subarray(2 * 384).every((x) => x === 0)).toBe(true);
  });

  test("deterministic across instances; id names the settings", async () => {
    const a = await e.embed(["refund"]);
    const b = await createHashedEmbedder().embed(["refund"]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(e.id).toBe("hashed-ngram-v1:384:1-3");
    expect(createHashedEmbedder({ dim: 64, words: false }).id).toBe("hashed-ngram-v1:64:1-3:nowords");
    expect(() => createHashedEmbedder({ dim: 0 })).toThrow(TypeError);
  });

  test("paraphrases are closer than unrelated text, in Chinese and English", async () => {
    const v = await e.embed([
      "退款多久到账",
      "退款什么时候到账",
      "怎么修改收货地址",
      "refund time",
      "how long for my refund",
      "change my password",
    ]);
    const row = (i: number) => v.subarray(i * 384, (i + 1) * 384);
    expect(cos(row(0), row(1))).toBeGreaterThan(cos(row(0), row(2)) + 0.2);
    expect(cos(row(3), row(4))).toBeGreaterThan(cos(row(3), row(5)) + 0.2);
  });

  test("features: CJK n-grams, padded Latin n-grams, whole words, stopwords dropped", () => {
    const f = hashedFeatures("the Refunds 退款");
    expect(f.has("w:refund")).toBe(true);
    expect(f.has("3: re")).toBe(true);
    expect(f.has("2:退款")).toBe(true);
    expect(f.has("w:the")).toBe(false);
    expect(fnv1a("a")).not.toBe(fnv1a("b"));
    expect(fnv1a("a")).toBe(fnv1a("a"));
  });
});
