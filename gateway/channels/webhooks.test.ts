// Event subscriptions end to end: a real gateway (SQLite, the demo knowledge base answering as the
// bot), the admin API with tenant keys, and a real HTTP receiver that verifies every signature.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { signedReceiver, until } from "../../engine/channels/testing.ts";
import { WEBHOOK_EVENT_TYPES } from "../../engine/webhooks/events.ts";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { statusAndCode } from "../test/utils.ts";

interface Event {
  id: string;
  type: string;
  session_id: string;
  seq: number;
  data: Record<string, unknown>;
}

let h: RealtimeHarness;
let secret = "";
const rx = signedReceiver<Event>({ secret: () => secret, now: () => h.clock.now() });
const { got: hits, refused, state } = rx;
const admin = { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" };

beforeAll(async () => {
  h = await realtimeHarness({
    // The receiver runs on loopback: allowed by address, every other internal range stays refused.
    KEFU_CHANNELS_ALLOWED_DESTINATIONS: "127.0.0.1",
    KEFU_CHANNELS_DELIVERY_BASE_DELAY_MS: "1",
    KEFU_CHANNELS_DELIVERY_MAX_DELAY_MS: "5",
    KEFU_CHANNELS_DELIVERY_MAX_ATTEMPTS: "6",
  });
  for (const id of ["t1", "t2"])
    await fetch(`${h.gw.url}/v1/admin/tenants`, { method: "POST", headers: admin, body: JSON.stringify({ id }) });
});
afterAll(async () => {
  await h.close();
  rx.stop();
});

const api = (path: string, init: RequestInit = {}, headers: Record<string, string> = admin) =>
  fetch(`${h.gw.url}${path}`, { ...init, headers });

async function keyFor(tenant: string, role: string): Promise<Record<string, string>> {
  const res = await api(`/v1/tenants/${tenant}/keys`, { method: "POST", body: JSON.stringify({ name: role, role }) });
  expect(res.status).toBe(201);
  const { key } = (await res.json()) as { key: string };
  return { authorization: `Bearer ${key}`, "content-type": "application/json" };
}

describe("event subscriptions (admin API)", () => {
  let subId = "";

  test("subscribe: 201 with the secret once; the list never shows it", async () => {
    const url = rx.url("/events");
    const events = [...WEBHOOK_EVENT_TYPES];
    const res = await api("/v1/tenants/t1/webhooks", {
      method: "POST",
      body: JSON.stringify({ url, events, description: "CRM" }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; secret: string; url: string; events: string[] };
    expect(created).toMatchObject({ url, events, description: "CRM" });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    secret = created.secret;
    subId = created.id;
    const list = (await (await api("/v1/tenants/t1/webhooks")).json()) as { subscriptions: Record<string, unknown>[] };
    expect(list.subscriptions.map((s) => s.id)).toEqual([subId]);
    expect(JSON.stringify(list)).not.toContain(secret);
  });

  test("SSRF: internal and invalid URLs are refused with a typed 400", async () => {
    const cases: [string, string][] = [
      ["http://127.0.0.2:9/x", "destination_forbidden"],
      ["http://169.254.169.254/latest/meta-data/", "destination_forbidden"],
      ["http://10.0.0.8/", "destination_forbidden"],
      ["http://192.168.0.1/", "destination_forbidden"],
      ["http://[::1]:9/", "destination_forbidden"],
      ["ftp://files.example/", "destination_invalid"],
      ["https://user:pw@hooks.example/", "destination_invalid"],
    ];
    for (const [url, code] of cases) {
      const res = await api("/v1/tenants/t1/webhooks", {
        method: "POST",
        body: JSON.stringify({ url, events: ["message.created"] }),
      });
      expect([url, ...(await statusAndCode(res))]).toEqual([url, 400, code]);
    }
    const unknown = await api("/v1/tenants/t1/webhooks", {
      method: "POST",
      body: JSON.stringify({ url: "https://hooks.example/", events: ["session.deleted"] }),
    });
    expect(await statusAndCode(unknown)).toEqual([400, "invalid_request"]);
  });

  test("RBAC: no credential 401; a viewer reads but cannot write; another tenant's key is refused", async () => {
    expect((await fetch(`${h.gw.url}/v1/tenants/t1/webhooks`)).status).toBe(401);
    const viewer = await keyFor("t1", "viewer");
    expect((await api("/v1/tenants/t1/webhooks", {}, viewer)).status).toBe(200);
    const write = await api(
      "/v1/tenants/t1/webhooks",
      { method: "POST", body: JSON.stringify({ url: "https://hooks.example/", events: ["message.created"] }) },
      viewer,
    );
    expect(await statusAndCode(write)).toEqual([403, "forbidden"]);
    const other = await keyFor("t2", "admin");
    expect(await statusAndCode(await api("/v1/tenants/t1/webhooks", {}, other))).toEqual([403, "tenant_forbidden"]);
    expect(await statusAndCode(await api(`/v1/tenants/t1/webhooks/${subId}`, { method: "DELETE" }, other))).toEqual([
      403,
      "tenant_forbidden",
    ]);
    expect(await statusAndCode(await api(`/v1/tenants/t2/webhooks/${subId}`, { method: "DELETE" }, other))).toEqual([
      404,
      "not_found",
    ]);
  });

  test("receiver down for a while, then back: each event of the session once, in order, as stored", async () => {
    // Five failed tries in a row: the first event is retried (maxAttempts 6) and the rest wait behind it.
    state.failNext = 5;
    const { sessionId } = await h.gw.service.startSession({ tenantId: "t1", visitorId: "v-wh-1" });
    const visitor = { role: "visitor" as const, tenantId: "t1", subject: "v-wh-1", sessionId };
    await h.gw.service.send(visitor, sessionId, { clientMsgId: "c1", text: "How long does a refund take?" });
    await h.gw.service.send(visitor, sessionId, { clientMsgId: "c1", text: "How long does a refund take?" });
    await h.gw.service.send(visitor, sessionId, { clientMsgId: "c2", text: "thanks" });
    await h.gw.service.close(visitor, sessionId, "done");
    // The visitor rates the closed conversation once; a second rating is refused.
    await h.gw.service.rate(visitor, sessionId, 4, "quick answer");
    expect(h.gw.service.rate(visitor, sessionId, 1)).rejects.toMatchObject({ code: "already_rated", status: 409 });
    const stored = await h.gw.backends.eventStore.readAfter(sessionId, 0, 100);
    const wanted = stored.filter(
      (e) => e.body.type !== "state_changed" || ["queued", "assigned", "closed"].includes(e.body.to),
    );
    await until("every event", () => hits.filter((x) => x.body.session_id === sessionId).length >= wanted.length);
    await h.gw.channels.webhooks.idle();
    const mine = hits.filter((x) => x.body.session_id === sessionId);
    expect(mine.map((x) => x.body.seq)).toEqual(wanted.map((e) => e.seq));
    // started, the question, the bot's answer, "thanks", closed, rated.
    expect(mine.map((x) => x.body.type)).toEqual([
      "session.created",
      "message.created",
      "message.created",
      "message.created",
      "session.closed",
      "session.rated",
    ]);
    expect(mine.at(-1)?.body.data).toEqual({ score: 4, comment: "quick answer" });
    expect(mine[2]?.body.data.actor).toEqual({ kind: "bot", id: "knowledge-base" });
    expect(mine.filter((x) => x.body.data.text === "How long does a refund take?").length).toBe(1);
    expect(
      mine.every((x) => x.headers["x-kefu-delivery"] === x.body.id && x.headers["x-kefu-event"] === x.body.type),
    ).toBe(true);
    expect(refused).toEqual([]);
    const page = (await (await api("/v1/tenants/t1/webhooks/deliveries?status=delivered&limit=1000")).json()) as {
      deliveries: { session_id: string; attempts: number }[];
    };
    const attempts = page.deliveries.filter((d) => d.session_id === sessionId).map((d) => d.attempts);
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(mine.length + 5);
  });

  test("dead letters are listed and replayed through the admin API; the replay is delivered once", async () => {
    state.failAlways = true;
    const { sessionId } = await h.gw.service.startSession({ tenantId: "t1", visitorId: "v-wh-2" });
    let list: {
      deliveries: { id: number; session_id: string; attempts: number; last_error: string; delivery_id: string }[];
    };
    for (let i = 0; ; i++) {
      list = (await (await api("/v1/tenants/t1/webhooks/deliveries?status=dead")).json()) as typeof list;
      if (list.deliveries.some((d) => d.session_id === sessionId) || i > 300) break;
      await Bun.sleep(10);
    }
    const d = list.deliveries.find((x) => x.session_id === sessionId);
    expect(d).toMatchObject({ attempts: 6, last_error: expect.stringContaining("HTTP 503") });
    state.failAlways = false;
    const other = await keyFor("t2", "admin");
    expect(
      await statusAndCode(await api(`/v1/tenants/t2/webhooks/deliveries/${d?.id}/replay`, { method: "POST" }, other)),
    ).toEqual([404, "not_found"]);
    const replay = await api(`/v1/tenants/t1/webhooks/deliveries/${d?.id}/replay`, {
      method: "POST",
      body: JSON.stringify({ reason: "receiver fixed" }),
    });
    expect(replay.status).toBe(202);
    const hit = await until("the replayed delivery", () => hits.find((x) => x.body.id === d?.delivery_id));
    expect(hit.body).toMatchObject({ type: "session.created", session_id: sessionId, seq: 1 });
    await h.gw.channels.webhooks.idle();
    expect(hits.filter((x) => x.body.id === d?.delivery_id).length).toBe(1);
    const again = await api(`/v1/tenants/t1/webhooks/deliveries/${d?.id}/replay`, { method: "POST" });
    expect(await statusAndCode(again)).toEqual([409, "not_dead"]);
    const metrics = await (await fetch(`${h.gw.url}/metrics`)).text();
    for (const outcome of ["delivered", "retried", "dead"])
      expect(metrics).toMatch(new RegExp(`kefu_webhook_deliveries_total\\{outcome="${outcome}"\\} [1-9]`));
    expect(metrics).toContain("kefu_webhook_pending_deliveries 0");
  });

  test("unsubscribe: 204, then nothing more is sent", async () => {
    expect((await api(`/v1/tenants/t1/webhooks/${subId}`, { method: "DELETE" })).status).toBe(204);
    expect(await statusAndCode(await api(`/v1/tenants/t1/webhooks/${subId}`, { method: "DELETE" }))).toEqual([
      404,
      "not_found",
    ]);
    const before = hits.length;
    await h.gw.service.startSession({ tenantId: "t1", visitorId: "v-wh-3" });
    await h.gw.channels.webhooks.idle();
    expect(hits.length).toBe(before);
  });
});
