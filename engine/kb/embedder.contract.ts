/**
 * The contract suite of the Embedder port: every adapter runs it.
 *
 * @example
 *   runEmbedderContract("hashed", () => createHashedEmbedder());
 */
import { describe, expect, test } from "bun:test";
import type { Embedder } from "./embedder.ts";

function row(v: Float32Array, dim: number, r: number): Float32Array {
  return v.subarray(r * dim, (r + 1) * dim);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** What an adapter claims: the languages whose paraphrases it must rank above unrelated text. */
export interface EmbedderContractOptions {
  /** Default both; an English-only model (all-MiniLM-L6-v2) claims ["en"]. */
  paraphraseLangs?: ("zh" | "en")[];
}

/** Checks shape, normalisation, determinism and that paraphrases beat unrelated text. */
export function runEmbedderContract(name: string, factory: () => Embedder, opts: EmbedderContractOptions = {}): void {
  const langs = opts.paraphraseLangs ?? ["zh", "en"];
  describe(`Embedder contract: ${name}`, () => {
    test("flat n × dim, L2-normalised rows, empty batch", async () => {
      const e = factory();
      expect(e.id.length).toBeGreaterThan(0);
      const v = await e.embed(["退款多久到账", "How long does a refund take?"]);
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(2 * e.dim);
      for (const r of [0, 1]) expect(dot(row(v, e.dim, r), row(v, e.dim, r))).toBeCloseTo(1, 4);
      expect((await e.embed([])).length).toBe(0);
    });

    test("deterministic: same text, same vector, in any batch", async () => {
      const e = factory();
      const a = await e.embed(["refund", "coupon"]);
      const b = await factory().embed(["coupon", "refund"]);
      expect(dot(row(a, e.dim, 0), row(b, e.dim, 1))).toBeCloseTo(1, 5);
    });

    test(`paraphrases are closer than unrelated text (${langs.join(", ")})`, async () => {
      const e = factory();
      const v = await e.embed([
        "退款多久到账",
        "退款什么时候到账",
        "怎么修改收货地址",
        "refund time",
        "how long for my refund",
        "change my password",
      ]);
      const r = (i: number) => row(v, e.dim, i);
      if (langs.includes("zh")) expect(dot(r(0), r(1))).toBeGreaterThan(dot(r(0), r(2)) + 0.2);
      if (langs.includes("en")) expect(dot(r(3), r(4))).toBeGreaterThan(dot(r(3), r(5)) + 0.2);
    });
  });
}
