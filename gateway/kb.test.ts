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

test("the knowledge-base API: create, add a document, search it, replace it, delete it; admin key required", async () => {
  h = await realtimeHarness();
  const { ADMIN_KEY } = await import("./test/realtime.ts");
  const base = `${h.gw.url}/v1/tenants/acme/kb`;
  const call = (method: string, path: string, body?: unknown, key = ADMIN_KEY) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  expect((await call("GET", "", undefined, "wrong")).status).toBe(401);
  expect((await call("POST", "", { name: "Help centre", id: "help" })).status).toBe(201);
  const doc = {
    format: "markdown",
    content: "# Warranty\n\nEvery kettle has a two-year warranty.\n\n# Pickup\n\nStores open at 9.",
  };
  expect((await call("PUT", "/help/documents/policies", doc)).status).toBe(200);
  const hits = (await (await call("GET", "/help/search?q=kettle%20warranty&k=2")).json()) as {
    hits: { docId: string; text: string; heading: string }[];
  };
  expect(hits.hits[0]).toMatchObject({ docId: "policies", heading: "Warranty" });
  await call("PUT", "/help/documents/policies", { format: "text", content: "Kettles are guaranteed for three years." });
  const again = (await (await call("POST", "/help/search", { query: "kettle guarantee", k: 1 })).json()) as {
    hits: { text: string }[];
  };
  expect(again.hits[0]?.text).toContain("three years");
  expect((await call("DELETE", "/help/documents/policies")).status).toBe(204);
  expect((await call("DELETE", "/help/documents/policies")).status).toBe(404);
  expect((await call("GET", "/nope/search?q=x")).status).toBe(404);
  expect((await call("PUT", "/help/documents/d", { format: "pdf", content: "x" })).status).toBe(400);
});

test("intents: the demo set answers templates and collects entities without a model; an intents file reloads, a bad one is refused by line", async () => {
  h = await realtimeHarness();
  const invoice = await ask(h, "default", "怎么开发票");
  expect(invoice.message?.text).toContain("电子发票");
  expect(invoice.actor?.id).toBe("intents");
  const order = await ask(h, "default", "where is my order?");
  expect(order.message?.text).toContain("order number");
  const { ADMIN_KEY } = await import("./test/realtime.ts");
  const put = (body: string) =>
    fetch(`${h?.gw.url}/v1/tenants/shop/intents`, {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body,
    });
  const good = JSON.stringify([
    {
      name: "opening_hours",
      examples: ["when do you open", "opening hours", "几点开门", "营业时间"],
      action: { type: "template", text: "We open at 9." },
    },
  ]);
  expect((await put(good)).status).toBe(200);
  expect((await ask(h, "shop", "what are your opening hours?")).message?.text).toBe("We open at 9.");
  const bad = await put(
    '[\n  {\n    "name": "x",\n    "examples": ["a"],\n    "action": { "type": "teleport" }\n  }\n]',
  );
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/line 5/);
  // The old model keeps serving.
  expect((await ask(h, "shop", "opening hours please")).message?.text).toBe("We open at 9.");
});
