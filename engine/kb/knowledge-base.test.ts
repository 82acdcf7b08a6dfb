import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KefuError } from "../errors.ts";
import { loadDemoKb } from "./demo/index.ts";
import { createHashedEmbedder, type Embedder } from "./embedder.ts";
import { faqConfidence, openKnowledgeBase } from "./knowledge-base.ts";

const tmp = mkdtempSync(join(tmpdir(), "kefu-kb-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The hashed embedder, counting the texts it embeds. */
function counting(inner: Embedder = createHashedEmbedder()): Embedder & { calls: number; texts: number } {
  const e = {
    id: inner.id,
    dim: inner.dim,
    calls: 0,
    texts: 0,
    embed(texts: string[]) {
      e.calls++;
      e.texts += texts.length;
      return inner.embed(texts);
    },
  };
  return e;
}

const faq = JSON.stringify([
  { id: "refund", question: "How long does a refund take?", answer: "3-5 business days.", tags: ["refund"] },
  { id: "pwd", question: "How do I reset my password?", answer: "Use Forgot Password.", tags: ["account"] },
  { id: "退款", question: "退款多久到账？", answer: "3-5个工作日。", tags: ["refund"] },
]);

describe("knowledge base", () => {
  test("KB lifecycle and tenant isolation", async () => {
    const kb = await openKnowledgeBase({ path: ":memory:", embedder: createHashedEmbedder() });
    const a = kb.createKb("t1", { name: "A", id: "kb-a" });
    kb.createKb("t2", { name: "B", id: "kb-b" });
    expect(kb.listKbs("t1").map((k) => k.id)).toEqual(["kb-a"]);
    expect(kb.getKb("t1", "kb-a").name).toBe("A");
    expect(() => kb.createKb("t1", { name: "again", id: "kb-a" })).toThrow(KefuError);
    expect(() => kb.getKb("t1", "kb-b")).toThrow(expect.objectContaining({ code: "not_found", status: 404 }));
    await expect(kb.search("t1", ["kb-b"], "x")).rejects.toThrow(KefuError);
    await kb.putDocument("t1", a.id, { id: "faq", format: "faq-json", content: faq });
    expect(await kb.faqAnswer("t2", "How long does a refund take?")).toBeUndefined();
    kb.deleteKb("t1", "kb-a");
    expect(kb.listKbs("t1")).toEqual([]);
    expect(() => kb.deleteKb("t1", "kb-a")).toThrow(KefuError);
    kb.close();
  });

  test("put, replace and delete documents; search shape, tags and kind", async () => {
    const kb = await openKnowledgeBase({ path: ":memory:", embedder: createHashedEmbedder(), newId: () => "gen" });
    const { id } = kb.createKb("t", { name: "shop" });
    expect(id).toBe("gen");
    const info = await kb.putDocument("t", id, { id: "faq", format: "faq-json", content: faq, title: "FAQ" });
    expect(info).toMatchObject({ id: "faq", kbId: id, title: "FAQ", format: "faq-json", chunkCount: 3 });
    await kb.putDocument("t", id, {
      id: "policy",
      format: "markdown",
      content: "# Shipping\nParcels ship within 24 hours.\n# Refunds\nRefunds go back to the card.",
      tags: ["policy"],
    });
    expect(kb.listDocuments("t", id).map((d) => [d.id, d.chunkCount])).toEqual([
      ["faq", 3],
      ["policy", 2],
    ]);
    const hits = await kb.search("t", [id], "how long until my refund arrives", { k: 3 });
    expect(hits[0]).toMatchObject({ kbId: id, docId: "faq", chunk: { id: "refund", kind: "faq" } });
    expect(hits[0]?.cosine).toBeGreaterThan(0);
    expect(hits[0]?.rrf).toBeGreaterThan(0);
    const tagged = await kb.search("t", [id], "refund", { tags: ["policy"] });
    expect(tagged.every((h) => h.docId === "policy")).toBe(true);
    expect(tagged[0]?.chunk.heading).toBe("Refunds");
    const faqOnly = await kb.search("t", [id], "shipping parcels", { kind: "faq" });
    expect(faqOnly.every((h) => h.chunk.kind === "faq")).toBe(true);
    expect(await kb.search("t", [id], "  ")).toEqual([]);

    // Replacing re-chunks: the old chunks leave the indexes.
    await kb.putDocument("t", id, { id: "policy", format: "text", content: "Gift wrapping costs $2." });
    expect(kb.chunks("t", id, "policy").map((c) => c.text)).toEqual(["Gift wrapping costs $2."]);
    const after = await kb.search("t", [id], "parcels ship within 24 hours", { k: 10 });
    expect(after.some((h) => h.chunk.text.includes("Parcels"))).toBe(false);
    expect(kb.deleteDocument("t", id, "policy")).toBe(true);
    expect(kb.deleteDocument("t", id, "policy")).toBe(false);
    const gone = await kb.search("t", [id], "gift wrapping", { k: 10 });
    expect(gone.some((h) => h.docId === "policy")).toBe(false);
    kb.close();
  });

  test("faqAnswer: paraphrases answered with high confidence, off-topic refused", async () => {
    const kb = await openKnowledgeBase({ path: ":memory:", embedder: createHashedEmbedder() });
    await loadDemoKb(kb, "t");
    const exact = await kb.faqAnswer("t", "退款多久能到账？");
    expect(exact?.chunk.id).toBe("refund-time-zh");
    expect(exact?.confidence).toBeGreaterThan(0.95);
    const para = await kb.faqAnswer("t", "I forgot my login password, how can I reset it");
    expect(para?.chunk.id).toBe("password-reset-en");
    expect(para?.confidence).toBeGreaterThan(0.8);
    expect(para?.answer).toContain("Forgot Password");
    expect(await kb.faqAnswer("t", "what is the capital of France")).toBeUndefined();
    expect(await kb.faqAnswer("t", "今天天气怎么样")).toBeUndefined();
    const low = await kb.faqAnswer("t", "what is the capital of France", { threshold: 0 });
    expect(low?.confidence).toBeLessThan(0.3);
    expect(await kb.faqAnswer("nobody", "refund")).toBeUndefined();
    expect(faqConfidence(0.9, 1)).toBeGreaterThan(0.99);
    expect(faqConfidence(0.1, 0.1)).toBeLessThan(0.01);
    kb.close();
  });

  test("reopen loads chunks and embeddings without re-embedding", async () => {
    const path = join(tmp, "kb.db");
    const e1 = counting();
    const kb1 = await openKnowledgeBase({ path, embedder: e1 });
    const kbId = await loadDemoKb(kb1, "t");
    expect(e1.texts).toBeGreaterThan(40);
    const queries = ["how long for a refund", "优惠券用不了", "can I ship to Canada"];
    const before = await Promise.all(queries.map((q) => kb1.search("t", [kbId], q, { k: 5 })));
    kb1.close();

    const e2 = counting();
    const kb2 = await openKnowledgeBase({ path, embedder: e2 });
    expect(e2.calls).toBe(0); // loaded, not re-embedded
    expect(kb2.listKbs("t").map((k) => k.id)).toEqual([kbId]);
    const after = await Promise.all(queries.map((q) => kb2.search("t", [kbId], q, { k: 5 })));
    expect(e2.texts).toBe(queries.length); // only the queries
    const ids = (r: typeof before) => r.map((hits) => hits.map((h) => [h.chunk.id, h.score.toFixed(6)]));
    expect(ids(after)).toEqual(ids(before));
    kb2.close();

    // Another embedder id re-embeds once on open, then reopening is free again.
    const e3 = counting(createHashedEmbedder({ dim: 128 }));
    const kb3 = await openKnowledgeBase({ path, embedder: e3 });
    expect(e3.calls).toBe(1);
    expect((await kb3.search("t", [kbId], "how long for a refund"))[0]?.chunk.id).toBe("refund-time-en");
    kb3.close();
    const e4 = counting(createHashedEmbedder({ dim: 128 }));
    (await openKnowledgeBase({ path, embedder: e4 })).close();
    expect(e4.calls).toBe(0);
  });
});

describe("knowledge base errors", () => {
  test("a FAQ id used by another document is a conflict; a broken embedder is an embedder_error", async () => {
    const kb = await openKnowledgeBase({ path: ":memory:", embedder: createHashedEmbedder() });
    kb.createKb("t", { name: "x", id: "k" });
    await kb.putDocument("t", "k", { id: "faq", format: "faq-json", content: faq });
    const clash = JSON.stringify([{ id: "refund", question: "Q?", answer: "A." }]);
    await expect(kb.putDocument("t", "k", { id: "faq2", format: "faq-json", content: clash })).rejects.toMatchObject({
      code: "conflict",
      status: 409,
    });
    await expect(kb.putDocument("t", "k", { format: "faq-csv", content: "nope" })).rejects.toMatchObject({
      code: "invalid_document",
    });
    expect(kb.listDocuments("t", "k").map((d) => d.id)).toEqual(["faq"]);
    kb.close();

    const broken: Embedder = { id: "broken", dim: 4, embed: async () => new Float32Array(1) };
    const kb2 = await openKnowledgeBase({ path: ":memory:", embedder: broken });
    kb2.createKb("t", { name: "x", id: "k" });
    await expect(kb2.putDocument("t", "k", { format: "text", content: "hi" })).rejects.toMatchObject({
      code: "embedder_error",
    });
    await expect(kb2.search("t", ["k"], "hi")).rejects.toMatchObject({ code: "embedder_error" });
    kb2.close();
  });
});
