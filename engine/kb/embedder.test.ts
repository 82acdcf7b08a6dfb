import { describe, expect, test } from "bun:test";
import { runEmbedderContract } from "./embedder.contract.ts";
import { createHashedEmbedder, fnv1a, hashedFeatures } from "./embedder.ts";

runEmbedderContract("hashed n-grams (384)", () => createHashedEmbedder());
runEmbedderContract("hashed n-grams (128, no words)", () => createHashedEmbedder({ dim: 128, words: false }));

describe("hashed embedder", () => {
  test("text without letters or digits gives an all-zero row", async () => {
    const e = createHashedEmbedder();
    const v = await e.embed(["", "!!!", "the"]);
    expect(v.every((x) => x === 0)).toBe(true);
  });

  test("id names the settings; bad dim throws", () => {
    expect(createHashedEmbedder().id).toBe("hashed-ngram-v1:384:1-3");
    expect(createHashedEmbedder({ dim: 64, words: false }).id).toBe("hashed-ngram-v1:64:1-3:nowords");
    expect(() => createHashedEmbedder({ dim: 0 })).toThrow(TypeError);
  });

  test("features: CJK n-grams, padded Latin n-grams, whole stemmed words, stopwords dropped", () => {
    const f = hashedFeatures("the Refunds 退款");
    expect(f.has("w:refund")).toBe(true);
    expect(f.has("3: re")).toBe(true);
    expect(f.has("2:退款")).toBe(true);
    expect(f.has("w:the")).toBe(false);
    expect(hashedFeatures("APP里").has("w:app")).toBe(true);
    expect(fnv1a("a")).not.toBe(fnv1a("b"));
    expect(fnv1a("a")).toBe(fnv1a("a"));
  });
});
