/**
 * The demo e-commerce customer-service knowledge base: 40 FAQ pairs (20 topics in
 * Chinese and English: refunds, returns, shipping, order status, payment, accounts,
 * invoices, coupons) and five Markdown policy documents, plus `eval.json`, the
 * paraphrased questions the retrieval test measures against.
 *
 * @example
 *   const kbId = await loadDemoKb(kb, "demo");
 *   await kb.faqAnswer("demo", "退款多久到账"); // { answer: "退款审核通过后…", confidence: 1, chunk: { id: "refund-time-zh", … }, … }
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { KnowledgeBase } from "../knowledge-base.ts";

/** Folder of the demo data files. */
export const demoDir = import.meta.dir;

/** The Markdown documents of the demo, by document id (file name without ".md"). */
export const demoDocuments = [
  "returns-policy.en",
  "returns-policy.zh",
  "shipping-policy.en",
  "shipping-policy.zh",
  "account-security",
] as const;

/** One question of eval.json: `expect` is a FAQ chunk id or a document id. */
export interface EvalQuestion {
  q: string;
  expect: string;
  lang: "zh" | "en";
}

/** Reads eval.json. */
export function loadDemoEval(): { questions: EvalQuestion[]; negatives: string[] } {
  return JSON.parse(readFileSync(join(demoDir, "eval.json"), "utf8")) as {
    questions: EvalQuestion[];
    negatives: string[];
  };
}

/**
 * Creates (or fills) the demo knowledge base for `tenantId` and returns its id.
 * Documents are put by fixed ids, so loading twice replaces rather than duplicates.
 *
 * @example
 *   await loadDemoKb(kb, "t1", { kbId: "demo-shop" });
 */
export async function loadDemoKb(kb: KnowledgeBase, tenantId: string, opts: { kbId?: string } = {}): Promise<string> {
  const kbId = opts.kbId ?? `${tenantId}-demo`;
  if (!kb.listKbs(tenantId).some((k) => k.id === kbId)) kb.createKb(tenantId, { name: "Demo shop", id: kbId });
  await kb.putDocument(tenantId, kbId, {
    id: "faq",
    title: "Frequently asked questions / 常见问题",
    format: "faq-json",
    content: readFileSync(join(demoDir, "faq.json"), "utf8"),
  });
  for (const id of demoDocuments) {
    await kb.putDocument(tenantId, kbId, {
      id,
      title: id,
      format: "markdown",
      content: readFileSync(join(demoDir, `${id}.md`), "utf8"),
      tags: ["policy"],
    });
  }
  return kbId;
}
