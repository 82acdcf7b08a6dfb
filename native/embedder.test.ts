// The JS boundary of NativeEmbedder: argument errors, abort, and memory under repeated calls.
// Vectors against the reference are checked in engine/kb/embedder-native.test.ts and cargo test.
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { NativeEmbedder } from "./index.js";

const modelDir = process.env.KEFU_EMBED_MODEL_DIR || join(homedir(), ".cache/kefu/models/all-MiniLM-L6-v2");
if (!existsSync(join(modelDir, "model.safetensors"))) {
  throw new Error(`the embedding model is missing from ${modelDir}: run \`bash .ci/fetch-embed-model.sh\``);
}
const e = NativeEmbedder.load(modelDir, { device: "cpu" });

function invalidArg(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect((err as { code?: string }).code).toBe("InvalidArg");
    expect((err as Error).message).toMatch(message);
    return;
  }
  throw new Error("expected an InvalidArg error");
}

describe("NativeEmbedder", () => {
  test("shape: flat n × 384 from embed and embedSync, equal", async () => {
    expect([e.dim, e.model, e.device, e.maxTokens]).toEqual([384, "all-MiniLM-L6-v2", "cpu", 256]);
    const a = await e.embed(["退款多久到账", "refund"]);
    const b = e.embedSync(["退款多久到账", "refund"]);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(768);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect((await e.embed([])).length).toBe(0);
  });

  test("bad model directories and devices are InvalidArg naming the problem", () => {
    invalidArg(() => NativeEmbedder.load("/nonexistent"), /cannot read \/nonexistent\/config\.json/);
    invalidArg(
      () => NativeEmbedder.load(modelDir, { device: "tpu" as never }),
      /device must be "auto", "cpu" or "cuda"/,
    );
  });

  test("more than 100,000 texts is refused", async () => {
    const many = new Array<string>(100_001).fill("");
    invalidArg(() => e.embedSync(many), /at most 100000 texts per call, got 100001/);
    await expect(e.embed(many)).rejects.toThrow(/at most 100000 texts/);
  });

  test("aborting a queued call rejects it with an AbortError; the others resolve", async () => {
    // Eight long batches fill the worker pool, so the ninth is still queued when aborted.
    // (A signal already aborted before the call is not seen: napi listens from the call on.)
    const long = Array.from({ length: 64 }, (_, i) => `${"Items can be returned within thirty days. ".repeat(12)}${i}`);
    const ahead = Array.from({ length: 8 }, () => e.embed(long));
    const ac = new AbortController();
    const last = e.embed(long, ac.signal);
    ac.abort();
    await expect(last).rejects.toThrow(/AbortError/);
    for (const p of await Promise.all(ahead)) expect(p.length).toBe(64 * 384);
  }, 120_000);
});

describe("memory", () => {
  const rssMiB = (): number => {
    Bun.gc(true);
    return process.memoryUsage.rss() / 2 ** 20;
  };

  test("2k embedSync and 300 embed calls keep RSS bounded", async () => {
    const texts = ["How long does a refund take?", "退款多久到账"];
    for (let i = 0; i < 50; i++) e.embedSync(texts);
    const before = rssMiB();
    let sum = 0;
    for (let i = 0; i < 2_000; i++) sum += e.embedSync([texts[i % 2] as string])[0] as number;
    for (let i = 0; i < 300; i++) sum += (await e.embed(texts))[0] as number;
    const growth = rssMiB() - before;
    expect(Number.isFinite(sum)).toBe(true);
    expect(growth).toBeLessThan(64);
  }, 120_000);
});
