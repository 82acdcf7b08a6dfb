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
  // A confident FAQ match is answered without a model, and says which FAQ it was.
  expect(zh.actor?.id).toBe("knowledge-base");
  expect(zh.message?.attributes).toMatchObject({ route: "faq", kb: "default-demo" });
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

test("intents in kb.intentsDir hot-reload (file and admin API) under concurrent traffic; no request is lost", async () => {
  const { tempDir } = await import("./test/utils.ts");
  const { ADMIN_KEY } = await import("./test/realtime.ts");
  const { writeFileSync, renameSync } = await import("node:fs");
  const { join } = await import("node:path");
  const dir = tempDir("kefu-intents-");
  const intents = (text: string) =>
    JSON.stringify([
      {
        name: "greet",
        examples: ["hello there", "hi", "你好"],
        keywords: ["hello"],
        action: { type: "template", text },
      },
    ]);
  const file = join(dir.dir, "acme.json");
  writeFileSync(file, intents("v1"));
  h = await realtimeHarness({ KEFU_KB_INTENTS_DIR: dir.dir });
  const gw = h.gw;
  expect(gw.intents.model("acme")?.version).toBe(1);
  // A deploy replaces the file: write elsewhere, rename over it (the case editors and config managers produce).
  const replace = (text: string) => {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  };
  let reloading = true;
  const reloader = (async () => {
    for (let i = 0; reloading; i++) {
      if (i % 5 === 4)
        replace("{ not json"); // rejected: the old model keeps serving
      else if (i % 3 === 0) {
        const res = await fetch(`${gw.url}/v1/tenants/acme/intents`, {
          method: "PUT",
          headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
          body: intents(`v${(i % 2) + 1}`),
        });
        expect(res.status).toBe(200);
      } else replace(intents(`v${(i % 2) + 1}`));
      await Bun.sleep(3);
    }
  })();
  const visitorChat = async () => {
    const v = (await (
      await fetch(`${gw.url}/v1/visitor/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenantId: "acme" }),
      })
    ).json()) as { sessionId: string; token: string };
    const replies: string[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await fetch(`${gw.url}/v1/chat`, {
        method: "POST",
        headers: { authorization: `Bearer ${v.token}`, "content-type": "application/json" },
        body: JSON.stringify({ session_id: v.sessionId, text: "hello there" }),
      });
      expect(res.status).toBe(200);
      replies.push(((await res.json()) as { reply: { text: string } }).reply.text);
    }
    return replies;
  };
  const all = (await Promise.all(Array.from({ length: 8 }, visitorChat))).flat();
  reloading = false;
  await reloader;
  expect(all).toHaveLength(120);
  expect(all.filter((t) => t !== "v1" && t !== "v2")).toEqual([]);
  expect(gw.intents.model("acme")?.version).toBeGreaterThan(3);
  expect(gw.intents.classify("acme", "hello there")?.action?.type).toBe("template");
  dir.cleanup();
});

test("a question nothing can answer gets the fallback text and goes to a human once, reason no_answer", async () => {
  h = await realtimeHarness();
  const v = await h.visitor("default", "json");
  v.c.send({ send: { message: { clientMsgId: "q", text: "what is the airspeed velocity of an unladen swallow" } } });
  const change = await v.c.next((f) => f.deliver?.event?.stateChanged ?? null);
  expect(change).toMatchObject({ to: kefu.v1.SessionState.SESSION_STATE_QUEUED, reason: "no_answer" });
  v.c.send({ send: { message: { clientMsgId: "q2", text: "and a coconut?" } } });
  await v.c.next((f) => (f.ack?.clientMsgId === "q2" ? f.ack : null));
  const events = await h.gw.backends.eventStore.readAfter(v.sessionId, 0, 100);
  expect(events.filter((e) => e.body.type === "state_changed" && e.body.to === "queued")).toHaveLength(1);
  // Queued: the bot no longer answers.
  expect(events.filter((e) => e.actor.kind === "bot" && e.body.type === "message")).toHaveLength(1);
});
