// The console's HTTP APIs over a real gateway: transcript search (tenant isolation, notes for
// staff only, bounds, paging), canned responses (agents read, supervisors write) and stats.
import { afterEach, describe, expect, test } from "bun:test";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";

let h: RealtimeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const send = (clientMsgId: string, text: string, sessionId = "", internal = false) => ({
  send: { sessionId, message: { clientMsgId, text }, ...(internal ? { internal } : {}) },
});
async function call(path: string, token: string, init: RequestInit = {}) {
  if (!h) throw new Error("no harness");
  const res = await fetch(`${h.gw.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
}
type Hit = { sessionId: string; kind: string; snippet: { text: string; match: [number, number] | null } };

/** A t1 session handed to agent a1 with a visitor message, an agent reply and a note; a t2 session with the same words. */
async function conversations() {
  if (!h) throw new Error("no harness");
  const a = await h.agent("a1", "t1");
  const v = await h.visitor("t1");
  v.c.send(send("c1", "My parcel 2024-77 arrived broken, I want a refund"));
  await v.c.next((f) => f.ack);
  v.c.send({ handoff: {} });
  await a.c.next((f) => f.assignment);
  a.c.send(send("a-1", "Sorry about the broken parcel, refund on its way", v.sessionId));
  await a.c.next((f) => f.ack);
  a.c.send(send("n-1", "Refund approved by Li: customer is VIP", v.sessionId, true));
  await a.c.next((f) => f.ack);
  const other = await h.visitor("t2");
  other.c.send(send("o1", "refund for my broken parcel please (tenant two)"));
  await other.c.next((f) => f.ack);
  const t2 = await h.agent("b1", "t2");
  await h.gw.console.index.flush();
  return { a, v, other, t2 };
}

describe("transcript search", () => {
  test("an agent finds its tenant's messages and notes, newest first, with snippets; never another tenant's", async () => {
    h = await realtimeHarness();
    const { a, v, other, t2 } = await conversations();
    const r = await call("/v1/tenants/t1/transcripts/search?q=REFUND", a.token);
    expect(r.status).toBe(200);
    const hits = r.body.hits as Hit[];
    expect(hits.map((x) => [x.sessionId, x.kind])).toEqual([
      [v.sessionId, "note"],
      [v.sessionId, "message"],
      [v.sessionId, "message"],
    ]);
    const first = hits[0] as Hit;
    const [from, to] = first.snippet.match as [number, number];
    expect(first.snippet.text.slice(from, to)).toBe("Refund");
    expect(r.body.next).toBeNull();
    // Tenant two's agent: its own hit only, and t1's path is refused.
    const own = await call("/v1/tenants/t2/transcripts/search?q=refund", t2.token);
    expect((own.body.hits as Hit[]).map((x) => x.sessionId)).toEqual([other.sessionId]);
    expect((await call("/v1/tenants/t1/transcripts/search?q=refund", t2.token)).body.error?.code).toBe(
      "tenant_forbidden",
    );
    // Visitors cannot search (so they never see notes), not even their own tenant.
    const asVisitor = await call("/v1/tenants/t1/transcripts/search?q=VIP", v.token);
    expect(asVisitor.status).toBe(403);
    expect(JSON.stringify(asVisitor.body)).not.toContain("VIP");
    // Chinese, two characters (the short-text path).
    const zh = await h.visitor("t1");
    zh.c.send(send("z1", "我要退款，订单号 2024-88"));
    await zh.c.next((f) => f.ack);
    await h.gw.console.index.flush();
    const found = await call(`/v1/tenants/t1/transcripts/search?q=${encodeURIComponent("退款")}`, ADMIN_KEY);
    expect((found.body.hits as Hit[]).map((x) => x.sessionId)).toEqual([zh.sessionId]);
    expect(found.body.scanLimited).toBe(true);
  });

  test("pages follow the cursor; bounds on q, limit and cursor are typed 400s", async () => {
    h = await realtimeHarness();
    const { a } = await conversations();
    const seen: string[] = [];
    let cursor = "";
    for (let i = 0; i < 5; i++) {
      const r = await call(
        `/v1/tenants/t1/transcripts/search?q=refund&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        a.token,
      );
      seen.push(...(r.body.hits as Hit[]).map((x) => x.snippet.text));
      if (!r.body.next) break;
      cursor = r.body.next as string;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    for (const bad of [
      "q=r",
      `q=${"x".repeat(101)}`,
      "q=refund&limit=51",
      "q=refund&limit=0",
      "q=refund&cursor=nope",
    ]) {
      const r = await call(`/v1/tenants/t1/transcripts/search?${bad}`, a.token);
      expect({ bad, status: r.status, code: r.body.error?.code }).toEqual({
        bad,
        status: 400,
        code: "invalid_request",
      });
    }
  });
});

describe("canned responses", () => {
  test("supervisors write, agents read and search; other tenants and bad input are refused", async () => {
    h = await realtimeHarness();
    const agent = await h.agent("a1", "t1");
    const boss = await h.agent("boss", "t1", { role: "supervisor" });
    const stranger = await h.agent("s1", "t2", { role: "supervisor" });
    expect((await call("/v1/tenants/t1/canned", agent.token)).body).toEqual({ canned: [] });
    const put = (token: string, id: string, body: unknown, tenant = "t1") =>
      call(`/v1/tenants/${tenant}/canned/${id}`, token, { method: "PUT", body: JSON.stringify(body) });
    expect((await put(agent.token, "greet", { title: "Greeting", text: "Hello!" })).status).toBe(403);
    const created = await put(boss.token, "greet", { title: "Greeting", text: "Hello! How can I help?" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "greet", title: "Greeting", updatedBy: "boss" });
    expect((await put(boss.token, "greet", { title: "Greeting", text: "Hi! How can I help?" })).status).toBe(200);
    await put(boss.token, "refund", { title: "Refund policy", text: "Refunds take 3-5 working days." });
    const all = await call("/v1/tenants/t1/canned", agent.token);
    expect((all.body.canned as { id: string }[]).map((c) => c.id)).toEqual(["greet", "refund"]);
    const found = await call("/v1/tenants/t1/canned?q=working", agent.token);
    expect((found.body.canned as { id: string }[]).map((c) => c.id)).toEqual(["refund"]);
    expect((await call("/v1/tenants/t1/canned", stranger.token)).body.error?.code).toBe("tenant_forbidden");
    expect((await put(stranger.token, "x", { title: "x", text: "y" })).body.error?.code).toBe("tenant_forbidden");
    expect((await put(boss.token, "blank", { title: "  ", text: "y" })).status).toBe(400);
    expect((await put(boss.token, "long", { title: "t".repeat(81), text: "y" })).status).toBe(400);
    expect((await put(boss.token, "bad id!", { title: "t", text: "y" })).status).toBe(400);
    const del = (token: string, id: string) => call(`/v1/tenants/t1/canned/${id}`, token, { method: "DELETE" });
    expect((await del(agent.token, "greet")).status).toBe(403);
    expect((await del(boss.token, "greet")).body).toEqual({ deleted: "greet" });
    expect((await del(boss.token, "greet")).status).toBe(404);
  });
});

describe("console stats", () => {
  test("queue with waits, bot resolution over the window, first-response median and p90", async () => {
    h = await realtimeHarness();
    const boss = await h.agent("boss", "t1", { role: "supervisor" });
    // A bot-only session, closed by its visitor: resolved by the bot.
    const botOnly = await h.visitor("t1");
    botOnly.c.send({ close: { reason: "thanks" } });
    await botOnly.c.next((f) => f.close);
    // A session waiting in the queue (no agent online yet).
    const waiting = await h.visitor("t1");
    waiting.c.send({ handoff: { group: "default", reason: "wants a human" } });
    await waiting.c.next((f) => f.queuePosition);
    await h.tick(7_000);
    await h.gw.console.index.flush();
    let s = await call("/v1/tenants/t1/console/stats", boss.token);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({
      windowHours: 24,
      waiting: 1,
      queue: [{ sessionId: waiting.sessionId, group: "default", position: 1, waitedMs: 7_000 }],
      botResolution: { closed: 1, withoutHandoff: 1, rate: 1 },
      firstResponse: { sessions: 0, medianMs: null, p90Ms: null },
    });
    // An agent comes online: it gets the waiting session and answers 4 s later; then it closes.
    const a = await h.agent("a1", "t1");
    await a.c.next((f) => f.assignment);
    await h.tick(4_000);
    a.c.send(send("a-1", "Hello, I am here", waiting.sessionId));
    await a.c.next((f) => f.ack);
    a.c.send({ close: { sessionId: waiting.sessionId, reason: "done" } });
    await waiting.c.next((f) => f.close);
    await h.gw.console.index.flush();
    s = await call("/v1/tenants/t1/console/stats?hours=1", boss.token);
    expect(s.body).toMatchObject({
      windowHours: 1,
      waiting: 0,
      queue: [],
      botResolution: { closed: 2, withoutHandoff: 1, rate: 0.5 },
      firstResponse: { sessions: 1, medianMs: 4_000, p90Ms: 4_000 },
    });
    expect((await call("/v1/tenants/t1/console/stats", a.token)).status).toBe(403);
    expect((await call("/v1/tenants/t1/console/stats?hours=721", boss.token)).status).toBe(400);
    const t2 = await h.agent("s2", "t2", { role: "supervisor" });
    expect((await call("/v1/tenants/t1/console/stats", t2.token)).body.error?.code).toBe("tenant_forbidden");
  });
});
