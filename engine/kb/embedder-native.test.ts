// The native model embedder (all-MiniLM-L6-v2 through the addon): the Embedder contract,
// agreement with the reference vectors of sentence-transformers, errors, and retrieval
// quality on the demo eval set. The model must be there (CI fetches it first): a missing
// model fails these tests with the command that fetches it.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { loadDemoEval, loadDemoKb } from "./demo/index.ts";
import { runEmbedderContract } from "./embedder.contract.ts";
import { createConfiguredEmbedder, createNativeEmbedder, NativeEmbedderError } from "./embedder-native.ts";
import { type KbHit, openKnowledgeBase } from "./knowledge-base.ts";

const modelDir = process.env.KEFU_EMBED_MODEL_DIR || join(homedir(), ".cache/kefu/models/all-MiniLM-L6-v2");
if (!existsSync(join(modelDir, "model.safetensors"))) {
  throw new Error(`the embedding model is missing from ${modelDir}: run \`bash .ci/fetch-embed-model.sh\``);
}

const shared = createNativeEmbedder({ modelDir, device: "cpu" });

// all-MiniLM-L6-v2 was trained on English: in Chinese it sees single characters and does not
// separate 退款多久到账 / 退款什么时候到账 from 怎么修改收货地址 by the contract's margin (0.53 vs
// 0.51), so it claims English paraphrases only. Its Chinese retrieval is measured below.
runEmbedderContract("native all-MiniLM-L6-v2", () => shared, { paraphraseLangs: ["en"] });

interface Reference {
  dim: number;
  sentences: string[];
  vectors: number[][];
}
const reference = JSON.parse(
  readFileSync(join(import.meta.dir, "../../native/fixtures/minilm-reference.json"), "utf8"),
) as Reference;

function check(flat: Float32Array, dim: number): { minCos: number; maxDiff: number } {
  let minCos = 1;
  let maxDiff = 0;
  reference.vectors.forEach((want, i) => {
    const row = flat.subarray(i * dim, (i + 1) * dim);
    let d = 0;
    let na = 0;
    let nb = 0;
    for (let j = 0; j < dim; j++) {
      const a = row[j] as number;
      const b = want[j] as number;
      d += a * b;
      na += a * a;
      nb += b * b;
      maxDiff = Math.max(maxDiff, Math.abs(a - b));
    }
    minCos = Math.min(minCos, d / Math.sqrt(na * nb));
  });
  return { minCos, maxDiff };
}

describe("native embedder", () => {
  test("id, dim and device", () => {
    expect(shared.id).toBe("native-bert:all-MiniLM-L6-v2:384:mean-l2");
    expect(shared.dim).toBe(384);
    expect(shared.device).toBe("cpu");
  });

  test("vectors match sentence-transformers' (async and sync)", async () => {
    const asyncRes = check(await shared.embed(reference.sentences), reference.dim);
    const syncRes = check(shared.embedSync(reference.sentences), reference.dim);
    for (const r of [asyncRes, syncRes]) {
      expect(r.minCos).toBeGreaterThanOrEqual(0.999);
      expect(r.maxDiff).toBeLessThan(1e-4);
    }
  }, 60_000);

  test("concurrent calls each get their own texts' vectors", async () => {
    const texts = reference.sentences.slice(0, 6);
    const parts = await Promise.all(texts.map((t) => shared.embed([t])));
    const whole = await shared.embed(texts);
    parts.forEach((p, i) => {
      const row = whole.subarray(i * 384, (i + 1) * 384);
      let d = 0;
      for (let j = 0; j < 384; j++) d += (p[j] as number) * (row[j] as number);
      expect(d).toBeCloseTo(1, 4);
    });
  });

  test("a missing model names the directory and the fetch command", () => {
    expect(() => createNativeEmbedder({ modelDir: "/nonexistent/model" })).toThrow(NativeEmbedderError);
    expect(() => createNativeEmbedder({ modelDir: "/nonexistent/model" })).toThrow(
      /config\.json.*fetch-embed-model\.sh/,
    );
  });

  test("an addon that does not load is a NativeEmbedderError", () => {
    expect(() => createNativeEmbedder({ modelDir, addonPath: "/nonexistent/index.js" })).toThrow(
      /native addon is not built/,
    );
  });

  test("device cuda without the cuda feature (or a GPU) is refused", () => {
    expect(() => createNativeEmbedder({ modelDir, device: "cuda" })).toThrow(/cuda/);
  });

  test("the configured embedder: hashed by default, the model when a directory is set", () => {
    expect(createConfiguredEmbedder({ modelDir: "", device: "auto" }).id).toBe("hashed-ngram-v1:384:1-3");
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    const e = createConfiguredEmbedder({ modelDir, device: "auto" }, logger);
    expect(e.id).toBe(shared.id);
    expect(lines).toEqual(["knowledge base embeds with the native model"]);
  });
});

/**
 * Floors a little below what was measured (printed by this test); a drop below one is a
 * regression. Measured: vector 0.553 / 0.761 (zh 0.204 / 0.540, en 0.903 / 0.982), hybrid
 * 0.668 / 0.920 (zh 0.513 / 0.867, en 0.823 / 0.973). The model is English-only: better than
 * the hashed embedder on English paraphrases, far worse on Chinese.
 */
const FLOORS = {
  vector: { all: [0.53, 0.74], en: [0.88, 0.96] },
  hybrid: { all: [0.64, 0.9], en: [0.8, 0.95] },
} as const;

test("demo eval: hit@1 / hit@5 for vector and hybrid with the native embedder", async () => {
  const kb = await openKnowledgeBase({ path: ":memory:", embedder: shared });
  const kbId = await loadDemoKb(kb, "demo");
  const { questions } = loadDemoEval();
  const ok = (h: KbHit | undefined, expectId: string) =>
    h !== undefined && (h.chunk.id === expectId || h.docId === expectId);
  const rows: string[] = [];
  const got: Record<string, { all: number[]; en: number[] }> = {};
  for (const mode of ["vector", "hybrid"] as const) {
    const tally = { all: [0, 0, 0], zh: [0, 0, 0], en: [0, 0, 0] };
    for (const q of questions) {
      const hits = await kb.search("demo", [kbId], q.q, { k: 5, mode });
      for (const t of [tally.all, tally[q.lang]]) {
        t[0] = (t[0] as number) + (ok(hits[0], q.expect) ? 1 : 0);
        t[1] = (t[1] as number) + (hits.some((h) => ok(h, q.expect)) ? 1 : 0);
        t[2] = (t[2] as number) + 1;
      }
    }
    const rate = (t: number[]) => [(t[0] as number) / (t[2] as number), (t[1] as number) / (t[2] as number)];
    const r = (t: number[]) =>
      rate(t)
        .map((x) => x.toFixed(3))
        .join(" / ");
    rows.push(`  ${mode.padEnd(7)} all ${r(tally.all)}   zh ${r(tally.zh)}   en ${r(tally.en)}`);
    got[mode] = { all: rate(tally.all), en: rate(tally.en) };
  }
  console.log(`demo eval, ${questions.length} questions (hit@1 / hit@5), ${shared.id}\n${rows.join("\n")}`);
  for (const mode of ["vector", "hybrid"] as const) {
    for (const part of ["all", "en"] as const) {
      expect(got[mode]?.[part]?.[0]).toBeGreaterThanOrEqual(FLOORS[mode][part][0]);
      expect(got[mode]?.[part]?.[1]).toBeGreaterThanOrEqual(FLOORS[mode][part][1]);
    }
  }
  kb.close();
}, 120_000);
