import { expect, test } from "bun:test";
import { createLocalProvider, DEFAULT_FALLBACK_TEXT } from "../llm/providers/local/index.ts";
import { callContext, collect } from "../llm/testing/collect.ts";
import { loadDemoKb } from "./demo/index.ts";
import { createHashedEmbedder } from "./embedder.ts";
import { openKnowledgeBase } from "./knowledge-base.ts";
import { createKbAnswer } from "./local-answer.ts";

test("the local provider answers from the knowledge base, else falls back", async () => {
  const kb = await openKnowledgeBase({ path: ":memory:", embedder: createHashedEmbedder() });
  await loadDemoKb(kb, "demo");
  const seen: string[] = [];
  const answer = createKbAnswer(kb, { onAnswer: (a, t) => seen.push(`${t}:${a.chunk.id}`) });
  const local = createLocalProvider({ answer });
  const ask = async (text: string, tenantId?: string) => {
    const req = { messages: [{ role: "user" as const, content: text }], ...(tenantId ? { tenantId } : {}) };
    return (await collect(local.stream(req, callContext("local")))).deltas.join("");
  };
  expect(await ask("退款多久能到账", "demo")).toContain("3-5个工作日");
  expect(seen).toEqual(["demo:refund-time-zh"]);
  expect(await ask("what is the capital of France", "demo")).toBe(DEFAULT_FALLBACK_TEXT);
  expect(await ask("退款多久能到账")).toBe(DEFAULT_FALLBACK_TEXT); // no tenant
  expect(await createKbAnswer(kb, { defaultTenantId: "demo" })("how do I reset my password", { messages: [] })).toEqual(
    {
      text: expect.stringContaining("Forgot Password"),
    },
  );
  kb.close();
});
