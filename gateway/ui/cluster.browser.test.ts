// The widget and the console against a two-node cluster, unchanged: the visitor's
// widget talks to node a, the agent's console to node b (PostgreSQL event store,
// Redis bus and hot history). Handoff, assignment across nodes, replies both ways,
// and a supervisor on node a who sees the agent on node b come online and take it;
// an image uploaded through one node and read through the other; the agents' waiting
// list and a late supervisor's seats, whichever node the tenant's home is.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from "playwright-core";
import { SIGNATURE_HEADER, signWebhook } from "../../engine/channels/signature.ts";
import { CLUSTER_ADMIN_KEY, type Cluster, startCluster } from "../test/cluster.ts";
import { chromiumPath, say } from "./browser-harness.ts";

let cluster: Cluster;
let browser: Browser;
let host: ReturnType<typeof Bun.serve>;
let widgetNode = "";
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // The shop page embeds the widget from node a.
  host = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () =>
      new Response(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Shop</h1><script src="${widgetNode}/widget.js" data-tenant="default" async></script></body></html>`,
        { headers: { "content-type": "text/html; charset=utf-8" } },
      ),
  });
  cluster = await startCluster(["a", "b"], {
    KEFU_REALTIME_ALLOWED_ORIGINS: `http://127.0.0.1:${host.port}`,
    // The webhook receiver of the last test listens on 127.0.0.1.
    KEFU_CHANNELS_ALLOW_PRIVATE_DESTINATIONS: "true",
  });
  widgetNode = cluster.node("a").url;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
}, 60_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await cluster?.stop();
  host?.stop(true);
});

async function context(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: "en-US" });
  contexts.push(ctx);
  return ctx;
}

/** Registers an agent on `node` (the registry is shared) and returns its token. */
async function agentToken(node: string, id: string, role: "agent" | "supervisor" = "agent"): Promise<string> {
  const res = await fetch(`${cluster.node(node).url}/v1/admin/agents`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${CLUSTER_ADMIN_KEY}` },
    body: JSON.stringify({ id, tenantId: "default", groups: ["default"], capacity: 2, role }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`agent ${id}: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function openConsole(node: string, token: string): Promise<Page> {
  const page = await (await context()).newPage();
  await page.goto(`${cluster.node(node).url}/console`);
  await page.getByLabel(/Agent token/).fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

const widgetTexts = (chat: Frame) =>
  chat.locator(".messages > li.msg .text").evaluateAll((els) => els.map((e) => e.textContent ?? ""));

describe("console and widget on different nodes", () => {
  test("a visitor on node a is handed to an agent on node b; they chat both ways; a supervisor on a sees it", async () => {
    // A supervisor watches from node a; the agent signs in on node b and goes online.
    const sup = await openConsole("a", await agentToken("a", "sara", "supervisor"));
    await sup.locator("section.supervisor:not([hidden])").waitFor();
    const agent = await openConsole("b", await agentToken("b", "nina"));
    await agent
      .locator(".capacity")
      .filter({ hasText: /Load 0 \/ 2/ })
      .waitFor();

    // The visitor opens the widget served by node a and asks for a human.
    const page = await (await context()).newPage();
    await page.goto(`http://127.0.0.1:${host.port}/`);
    await page.locator("#kefu-widget button.kefu-launcher").click();
    const chat = await (await page.waitForSelector("#kefu-widget iframe.kefu-frame")).contentFrame();
    if (!chat) throw new Error("the widget frame did not load");
    expect(new URL(chat.url()).origin).toBe(cluster.node("a").url);
    await chat.waitForSelector(".composer textarea");
    await chat.getByRole("button", { name: "Talk to a human" }).click();
    await say(chat, "My parcel never arrived");

    // Node b's console gets the assignment, with the visitor's message in the history.
    const saved = (await chat.evaluate("localStorage.getItem('kefu.widget.default')")) as string;
    const sessionId = (JSON.parse(saved) as { sessionId: string }).sessionId;
    await agent.locator(`.inbox button[data-session="${sessionId}"]`).waitFor({ timeout: 15_000 });
    await agent.locator(`.inbox button[data-session="${sessionId}"]`).click();
    await agent.locator(".history li.msg .text", { hasText: "My parcel never arrived" }).waitFor();

    // Agent (node b) → visitor (node a), and back.
    await agent.getByLabel("Reply").fill("Sorry about that, let me check the tracking.");
    await agent.getByLabel("Reply").press("Enter");
    await chat.locator(".messages > li.agent .text", { hasText: "let me check the tracking" }).waitFor();
    await say(chat, "Order 1234, thanks");
    await agent.locator(".history li.msg .text", { hasText: "Order 1234, thanks" }).waitFor();

    // Each side shows every message once.
    const texts = await widgetTexts(chat);
    expect(texts.filter((t) => t === "Order 1234, thanks")).toHaveLength(1);
    expect(texts.filter((t) => t.includes("let me check the tracking"))).toHaveLength(1);

    // The supervisor on node a saw the agent of node b come online and take the session.
    await sup.locator("section.supervisor", { hasText: "nina" }).waitFor();
    await sup.locator(`section.supervisor [data-session="${sessionId}"]`).first().waitFor();
  }, 90_000);
});

describe("attachments across nodes", () => {
  test("an image a visitor uploads through node a is served to the tenant's agent by node b (PostgreSQL store)", async () => {
    const a = cluster.node("a").url;
    const b = cluster.node("b").url;
    const { token } = (await (
      await fetch(`${a}/v1/visitor/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenantId: "default" }),
      })
    ).json()) as { token: string };
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const up = await fetch(`${a}/v1/visitor/attachments?name=dot.png`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "image/png" },
      body: png,
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const agent = await agentToken("b", "omar");
    const down = await fetch(`${b}/v1/attachments/${id}`, { headers: { authorization: `Bearer ${agent}` } });
    expect(down.status).toBe(200);
    expect(down.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await down.arrayBuffer()).equals(png)).toBe(true);
    // The visitor reads it back through the other node too.
    const mine = await fetch(`${b}/v1/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(mine.status).toBe(200);
  }, 30_000);
});

describe("the console's lists come from the tenant's home node", () => {
  test("an agent on node b sees a session queued through node a; a supervisor signing in later on b sees every seat", async () => {
    const a = cluster.node("a").url;
    // An agent of another group, online on node b: the "sales" queue waits for someone else.
    const zed = await openConsole("b", await agentToken("b", "zed"));
    await zed
      .locator(".capacity")
      .filter({ hasText: /Load 0 \/ 2/ })
      .waitFor();
    const { sessionId, token } = (await (
      await fetch(`${a}/v1/visitor/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenantId: "default" }),
      })
    ).json()) as { sessionId: string; token: string };
    const ws = new WebSocket(`${a.replace(/^http/, "ws")}/v1/ws/visitor?token=${token}`, "kefu.v1.json");
    const queued = new Promise<void>((resolve) => {
      ws.onmessage = (ev) => {
        if (String(ev.data).includes('"queuePosition"')) resolve();
      };
    });
    ws.onopen = () => ws.send(JSON.stringify({ handoff: { group: "sales", reason: "visitor_request" } }));
    await queued;
    try {
      const row = zed.locator(`.waiting li[data-session="${sessionId}"]`);
      await row.waitFor({ timeout: 15_000 });
      expect(await row.textContent()).toContain("sales · waiting");
      expect(await zed.locator("#waiting-title").textContent()).toMatch(/^Waiting for an agent \([1-9]\d*\)$/);

      // A supervisor who signs in after the agents: the seats are there at once (no change needed).
      const sup = await openConsole("b", await agentToken("b", "sam", "supervisor"));
      await sup.locator("section.supervisor:not([hidden])").waitFor();
      for (const id of ["nina", "zed"]) await sup.locator("section.supervisor", { hasText: id }).waitFor();
      // The supervisor's queue list (from the home node too) names the waiting session.
      await sup.locator(`section.supervisor .queue li[data-session="${sessionId}"]`).waitFor({ timeout: 15_000 });
    } finally {
      ws.close();
    }
  }, 60_000);
});

describe("event webhooks across nodes", () => {
  test("a subscription made through node a gets the events node b stores, each once and in order (PostgreSQL outbox)", async () => {
    const hits: { session_id: string; seq: number; type: string; id: string }[] = [];
    const rx = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      async fetch(req) {
        hits.push((await req.json()) as (typeof hits)[number]);
        return new Response(null, { status: 204 });
      },
    });
    try {
      const a = cluster.node("a").url;
      const b = cluster.node("b").url;
      const sub = await fetch(`${a}/v1/tenants/default/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${CLUSTER_ADMIN_KEY}` },
        body: JSON.stringify({
          url: `http://127.0.0.1:${rx.port}/events`,
          events: ["session.created", "message.created", "session.closed"],
        }),
      });
      expect(sub.status).toBe(201);
      // Node b lists it too (one shared store).
      const listed = (await (
        await fetch(`${b}/v1/tenants/default/webhooks`, { headers: { authorization: `Bearer ${CLUSTER_ADMIN_KEY}` } })
      ).json()) as { subscriptions: { url: string }[] };
      expect(listed.subscriptions.some((s) => s.url.endsWith(`:${rx.port}/events`))).toBe(true);
      await Bun.sleep(1_500); // node b re-reads the subscriptions every second

      const { sessionId, token } = (await (
        await fetch(`${b}/v1/visitor/sessions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ tenantId: "default" }),
        })
      ).json()) as { sessionId: string; token: string };
      const ws = new WebSocket(`${b.replace(/^http/, "ws")}/v1/ws/visitor?token=${token}`, "kefu.v1.json");
      await new Promise<void>((resolve) => {
        ws.onopen = () => resolve();
      });
      let acks = 0;
      const acked = new Promise<void>((resolve) => {
        ws.onmessage = (ev) => {
          if (String(ev.data).includes('"ack"') && ++acks === 3) resolve();
        };
      });
      for (const [i, text] of ["hello", "my order is late", "thanks"].entries())
        ws.send(JSON.stringify({ send: { sessionId, message: { clientMsgId: `wh-${i}`, text } } }));
      await acked;
      ws.send(JSON.stringify({ close: { sessionId, reason: "done" } }));
      const closedType = "session.closed";
      const end = Date.now() + 15_000;
      while (!hits.some((x) => x.session_id === sessionId && x.type === closedType) && Date.now() < end)
        await Bun.sleep(50);
      ws.close();
      const mine = hits.filter((x) => x.session_id === sessionId);
      expect(mine.at(-1)?.type).toBe(closedType);
      // Each event once (by delivery id and by seq), in the order of the session's seq.
      expect(new Set(mine.map((x) => x.id)).size).toBe(mine.length);
      const seqs = mine.map((x) => x.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
      expect(mine[0]?.type).toBe("session.created");
      expect(mine.filter((x) => x.type === "message.created").length).toBeGreaterThanOrEqual(3);
    } finally {
      rx.stop(true);
    }
  }, 60_000);
});

describe("channels across nodes", () => {
  test("a tenant's webhook channel made through node a takes messages on node b; the user keeps one session; each reply goes out once", async () => {
    const got: { session_id: string; seq: number; actor: string; text: string }[] = [];
    const rx = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      async fetch(req) {
        got.push((await req.json()) as (typeof got)[number]);
        return new Response(null, { status: 204 });
      },
    });
    const admin = { authorization: `Bearer ${CLUSTER_ADMIN_KEY}`, "content-type": "application/json" };
    const name = `shop-${Date.now().toString(36)}`;
    try {
      const made = await fetch(`${cluster.node("a").url}/v1/tenants/default/channels/webhook`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ name, outbound_url: `http://127.0.0.1:${rx.port}/replies` }),
      });
      expect(made.status).toBe(201);
      const { secret } = (await made.json()) as { secret: string };
      const inbound = (node: string, messageId: string, text: string) => {
        const raw = JSON.stringify({ user_id: "cust-7", message_id: messageId, text });
        return fetch(`${cluster.node(node).url}/v1/channels/webhook/${name}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [SIGNATURE_HEADER]: signWebhook(secret, Math.floor(Date.now() / 1000), raw),
          },
          body: raw,
        });
      };
      // The first message through node b, a retry of it through node a, the next one through node a.
      const first = await inbound("b", "m-1", "hello");
      expect(first.status).toBe(200);
      const { session_id } = (await first.json()) as { session_id: string };
      const retry = (await (await inbound("a", "m-1", "hello")).json()) as { session_id: string; duplicate: boolean };
      expect(retry).toMatchObject({ session_id, duplicate: true });
      const second = (await (await inbound("a", "m-2", "anyone there?")).json()) as { session_id: string };
      expect(second.session_id).toBe(session_id);

      // Every bot reply of the session goes out once, from the node that stored it (a and b both follow it).
      const end = Date.now() + 15_000;
      const bots = () => got.filter((g) => g.session_id === session_id && g.actor === "bot").length;
      while (bots() < 1 && Date.now() < end) await Bun.sleep(50);
      await Bun.sleep(1_000); // a duplicate from the other node would arrive by now
      const mine = got.filter((g) => g.session_id === session_id);
      expect(bots()).toBeGreaterThanOrEqual(1);
      expect(new Set(mine.map((g) => g.seq)).size).toBe(mine.length);
      // What went out is what the session stored from the bot and agents, each once, in order.
      const sent = mine.map((g) => g.seq);
      expect(sent).toEqual([...sent].sort((x, y) => x - y));
    } finally {
      rx.stop(true);
    }
  }, 60_000);
});
