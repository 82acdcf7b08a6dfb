// Out of the box (no LLM key, no model), the bot answers from the demo knowledge base.
import { afterEach, expect, test } from "bun:test";
import { type RealtimeHarness, realtimeHarness } from "./test/realtime.ts";
import { kefu } from "./test/ws-client.ts";

let h: RealtimeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function ask(harness: RealtimeHarness, tenantId: string, text: string) {
  const v = await harness.visitor(tenantId, "json");
  v.c.send({ send: { message: { clientMsgId: "q", text } } });
  const reply = await v.c.next((f) =>
    f.deliver?.event?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_BOT ? f.deliver.event : null,
  );
  v.c.close();
  return reply;
}

test("the embedded default answers FAQ paraphrases in Chinese and English from the demo knowledge base", async () => {
  h = await realtimeHarness();
  const zh = await ask(h, "default", "退款大概几天能到账");
  expect(zh.message?.text).toContain("3-5个工作日");
  expect(zh.actor?.id).toBe("local");
  const en = await ask(h, "acme", "how many days until my refund arrives?");
  expect(en.message?.text).toContain("3-5 business days");
});

test("a question the knowledge base cannot answer gets the local provider's handoff text", async () => {
  h = await realtimeHarness();
  const r = await ask(h, "default", "what is the airspeed velocity of an unladen swallow");
  expect(r.message?.text).toBe("Let me connect you with a human agent.");
});

test("with kb.demo off, nothing is loaded", async () => {
  h = await realtimeHarness({ KEFU_KB_DEMO: "false" });
  expect(h.gw.kb.listKbs("default")).toEqual([]);
});
