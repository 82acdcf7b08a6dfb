import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDestinationGuard, type DestinationGuard } from "../channels/destination.ts";
import { SIGNATURE_HEADER, verifyWebhook } from "../channels/signature.ts";
import { type ReceivedPost, signedReceiver, until } from "../channels/testing.ts";
import { manualClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import type { SessionEvent } from "../events.ts";
import { createSqliteEventStore } from "../storage/event-store.sqlite.ts";
import { WEBHOOK_EVENT_TYPES } from "./events.ts";
import { createWebhooks, DELIVERY_ID_HEADER, EVENT_HEADER, TIMESTAMP_HEADER, type WebhooksOptions } from "./index.ts";
import { openWebhookStore } from "./store.sqlite.ts";

type HitBody = {
  id: string;
  type: string;
  session_id: string;
  seq: number;
  tenant_id: string;
  data: Record<string, unknown>;
};
type Hit = ReceivedPost<HitBody>;

const rx = signedReceiver<HitBody>(); // signatures are checked by the tests themselves
afterAll(() => rx.stop());
const allowLoopback = createDestinationGuard({ allowPrivate: false, allow: ["127.0.0.1"] });

function runtime(over: Partial<WebhooksOptions> = {}, path = ":memory:") {
  return createWebhooks({
    store: openWebhookStore(path),
    guard: allowLoopback,
    maxAttempts: 50,
    baseDelayMs: 1,
    maxDelayMs: 4,
    timeoutMs: 1000,
    concurrency: 4,
    maxPending: 10_000,
    maxPerTenant: 5,
    keepDeliveredMs: 3_600_000,
    ...over,
  });
}

let at = 1_700_000_000_000;
const message = (tenantId: string, sessionId: string, seq: number, text = `m${seq}`): SessionEvent => ({
  tenantId,
  sessionId,
  seq,
  atUnixMs: at++,
  actor: { kind: "visitor", id: "v1" },
  body: { type: "message", clientMsgId: `c${seq}`, text },
});

describe("event subscriptions", () => {
  test("endpoint down for a while, then back: every event once per subscription, in order per session; signed", async () => {
    const w = runtime();
    const a = await w.subscribe("t1", { url: rx.url("/a"), events: ["message.created"] });
    const b = await w.subscribe("t1", { url: rx.url("/b"), events: ["message.created", "session.closed"] });
    expect(a.secret).toMatch(/^whsec_/);
    rx.state.failNext = 25;
    const sessions = ["s1", "s2", "s3"];
    for (let seq = 1; seq <= 8; seq++) for (const s of sessions) await w.onEvent(message("t1", s, seq));
    // Another tenant's events reach none of t1's subscriptions.
    await w.onEvent(message("t2", "s9", 1));
    await until("48 deliveries", () => rx.got.length >= 48);
    await w.idle();
    expect(rx.attempts()).toBeGreaterThan(48);
    for (const [path, sub] of [
      ["/a", a],
      ["/b", b],
    ] as const) {
      const mine = rx.got.filter((h) => h.path === path);
      expect(mine.length).toBe(24);
      for (const s of sessions) {
        expect(mine.filter((h) => h.body.session_id === s).map((h) => h.body.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      }
      for (const h of mine) {
        verifyWebhook(sub.secret, h.headers[SIGNATURE_HEADER], h.raw, Date.now(), 300);
        expect(h.headers[DELIVERY_ID_HEADER]).toBe(h.body.id);
        expect(h.headers[EVENT_HEADER]).toBe("message.created");
        expect(h.headers[SIGNATURE_HEADER]).toStartWith(`t=${h.headers[TIMESTAMP_HEADER]},v1=`);
        expect(h.body.tenant_id).toBe("t1");
      }
      // A signature made with the other subscription's secret does not verify.
      const other = path === "/a" ? b.secret : a.secret;
      const first = mine[0] as Hit;
      expect(() => verifyWebhook(other, first.headers[SIGNATURE_HEADER], first.raw, Date.now(), 300)).toThrow(
        KefuError,
      );
    }
    expect(new Set(rx.got.map((h) => h.body.id)).size).toBe(48);
    expect((await w.deliveries({ tenantId: "t1", status: "delivered", limit: 1000 })).length).toBe(48);
    expect(await w.deliveries({ tenantId: "t2", limit: 1000 })).toEqual([]);
    expect(w.pending).toBe(0);
    await w.close();
    rx.got.length = 0;
  });

  test("an event offered twice is one delivery", async () => {
    const w = runtime();
    await w.subscribe("t1", { url: rx.url("/dup"), events: ["message.created"] });
    const e = message("t1", "s-dup", 1);
    await w.onEvent(e);
    await w.onEvent(e);
    await until("the delivery", () => rx.got.some((h) => h.path === "/dup"));
    await w.idle();
    expect(rx.got.filter((h) => h.path === "/dup").length).toBe(1);
    await w.close();
  });

  test("after maxAttempts the delivery is a dead letter; replay sends it again with the same id", async () => {
    const w = runtime({ maxAttempts: 3 });
    const { subscription } = await w.subscribe("t1", { url: rx.url("/dead"), events: ["session.closed"] });
    rx.state.failAlways = true;
    await w.onEvent({
      tenantId: "t1",
      sessionId: "s-dead",
      seq: 5,
      atUnixMs: at++,
      actor: { kind: "system", id: "" },
      body: { type: "state_changed", from: "assigned", to: "closed", reason: "resolved", agentId: "a1" },
    });
    const dead = await until(
      "the dead letter",
      async () => (await w.deliveries({ tenantId: "t1", status: "dead", limit: 10 }))[0],
    );
    expect(dead).toMatchObject({
      subscription_id: subscription.id,
      type: "session.closed",
      attempts: 3,
      last_status: 503,
      last_error: `delivery_failed: POST ${rx.url("/dead")}: HTTP 503`,
    });
    expect(dead.event).toMatchObject({
      id: dead.delivery_id,
      data: { from: "assigned", reason: "resolved", agent_id: "a1" },
    });
    rx.state.failAlways = false;
    expect(w.replay("t2", dead.id)).rejects.toThrow("no delivery");
    const replayed = await w.replay("t1", dead.id);
    expect([replayed.status, replayed.attempts]).toEqual(["pending", 0]);
    const hit = await until("the replayed delivery", () => rx.got.find((h) => h.path === "/dead"));
    expect(hit.body.id).toBe(dead.delivery_id);
    await w.idle();
    expect(await w.deliveries({ tenantId: "t1", status: "dead", limit: 10 })).toEqual([]);
    const e = (await w.replay("t1", dead.id).catch((x: unknown) => x)) as KefuError;
    expect([e?.status, e?.code]).toEqual([409, "not_dead"]);
    await w.close();
  });

  test("SSRF: internal URLs are refused at subscribe time; a name rebound to loopback is dead-lettered at delivery", async () => {
    let calls = 0;
    const guard: DestinationGuard = createDestinationGuard({
      allowPrivate: false,
      allow: [],
      resolve: async () => [{ address: calls++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }],
    });
    const w = runtime({ guard });
    for (const url of ["http://127.0.0.1/x", "http://169.254.169.254/latest", "http://10.0.0.1/", "http://[::1]/"]) {
      const e = (await w.subscribe("t1", { url, events: ["message.created"] }).catch((x) => x)) as KefuError;
      expect([e.status, e.code]).toEqual([400, "destination_forbidden"]);
    }
    const bad = (await w
      .subscribe("t1", { url: "ftp://x.example/", events: ["message.created"] })
      .catch((x) => x)) as KefuError;
    expect([bad.status, bad.code]).toEqual([400, "destination_invalid"]);
    const port = new URL(rx.url("/")).port;
    await w.subscribe("t1", { url: `http://rebind.example:${port}/rebind`, events: ["message.created"] });
    await w.onEvent(message("t1", "s-rebind", 1));
    const dead = await until(
      "the refused delivery",
      async () => (await w.deliveries({ tenantId: "t1", status: "dead", limit: 10 }))[0],
    );
    expect(dead.attempts).toBe(1);
    expect(dead.last_error).toStartWith("destination_forbidden: rebind.example resolves to 127.0.0.1");
    expect(rx.got.some((h) => h.path === "/rebind")).toBe(false);
    expect((await w.subscriptions("t1")).length).toBe(1);
    await w.close();
  });

  test("bounds: unknown events are 400, subscriptions per tenant are capped, a full outbox dead-letters as queue_full", async () => {
    const w = runtime({ maxPerTenant: 1, maxPending: 1 });
    const e = (await w
      .subscribe("t1", { url: rx.url("/x"), events: ["session.deleted"] })
      .catch((x) => x)) as KefuError;
    expect([e.status, e.code, e.message]).toEqual([
      400,
      "invalid_request",
      "events must name one or more of session.created, message.created, session.handoff, session.assigned, session.closed, session.rated (unknown: session.deleted)",
    ]);
    await w.subscribe("t1", { url: rx.url("/full"), events: ["message.created"] });
    const over = (await w
      .subscribe("t1", { url: rx.url("/y"), events: ["message.created"] })
      .catch((x) => x)) as KefuError;
    expect([over.status, over.code]).toEqual([409, "subscription_limit"]);
    rx.state.failAlways = true;
    await w.onEvent(message("t1", "s-full", 1));
    await w.onEvent(message("t1", "s-full", 2));
    const dead = await w.deliveries({ tenantId: "t1", status: "dead", limit: 10 });
    expect(dead.map((d) => [d.seq, d.last_error.split(":")[0]])).toEqual([[2, "queue_full"]]);
    rx.state.failAlways = false;
    await until("the first", () => rx.got.some((h) => h.path === "/full"));
    await w.close();
  });

  test("unsubscribing stops deliveries; a tenant cannot delete another's subscription", async () => {
    const w = runtime();
    const { subscription } = await w.subscribe("t1", { url: rx.url("/gone"), events: ["message.created"] });
    expect(w.unsubscribe("t2", subscription.id)).rejects.toThrow("no event subscription");
    expect((await w.unsubscribe("t1", subscription.id)).id).toBe(subscription.id);
    expect(await w.subscriptions("t1")).toEqual([]);
    await w.onEvent(message("t1", "s-gone", 1));
    await w.idle();
    expect(rx.got.some((h) => h.path === "/gone")).toBe(false);
    await w.close();
  });

  test("the outbox survives a restart: what was pending is sent by the next run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kefu-webhooks-"));
    try {
      const path = join(dir, "webhooks.db");
      const w1 = runtime({}, path);
      await w1.subscribe("t1", { url: rx.url("/restart"), events: ["message.created"] });
      rx.state.failAlways = true;
      await w1.onEvent(message("t1", "s-r", 1));
      await w1.onEvent(message("t1", "s-r", 2));
      await until("a failed try", async () => (await w1.deliveries({ tenantId: "t1", limit: 10 }))[0]?.attempts);
      await w1.close();
      rx.state.failAlways = false;
      const w2 = runtime({}, path);
      expect((await w2.deliveries({ tenantId: "t1", status: "pending", limit: 10 })).map((d) => d.seq)).toEqual([1, 2]);
      w2.start();
      await until("both", () => rx.got.filter((h) => h.path === "/restart").length === 2);
      expect(rx.got.filter((h) => h.path === "/restart").map((h) => h.body.seq)).toEqual([1, 2]);
      await w2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("tapStore: every appended event is offered once, duplicates are not; types follow the stored events", async () => {
    const w = runtime();
    await w.subscribe("t1", {
      url: rx.url("/tap"),
      events: [...WEBHOOK_EVENT_TYPES],
    });
    const dir = mkdtempSync(join(tmpdir(), "kefu-webhooks-es-"));
    const es = w.tapStore(createSqliteEventStore({ path: join(dir, "events.db") }));
    try {
      const base = { tenantId: "t1", sessionId: "s-tap" };
      const sys = { kind: "system" as const, id: "" };
      await es.append({ ...base, actor: sys, body: { type: "started", visitorId: "v1" } });
      await es.append({
        ...base,
        actor: { kind: "visitor", id: "v1" },
        body: { type: "message", clientMsgId: "c1", text: "hi" },
      });
      await es.append({
        ...base,
        actor: { kind: "visitor", id: "v1" },
        body: { type: "message", clientMsgId: "c1", text: "hi" },
      });
      await es.append({
        ...base,
        actor: sys,
        body: { type: "state_changed", from: "bot", to: "queued", reason: "asked" },
      });
      await es.append({
        ...base,
        actor: sys,
        body: { type: "state_changed", from: "queued", to: "assigned", reason: "assigned", agentId: "a1", group: "g" },
      });
      await es.append({
        ...base,
        actor: sys,
        body: { type: "state_changed", from: "assigned", to: "bot", reason: "back" },
      });
      await es.append({
        ...base,
        actor: sys,
        body: { type: "state_changed", from: "bot", to: "closed", reason: "idle" },
      });
      await es.append({ ...base, actor: { kind: "visitor", id: "v1" }, body: { type: "rating", score: 5 } });
      // A second rating of the session is a duplicate in the store: nothing is offered.
      await es.append({ ...base, actor: { kind: "visitor", id: "v1" }, body: { type: "rating", score: 1 } });
      await until("six", () => rx.got.filter((h) => h.path === "/tap").length === 6);
      await w.idle();
      const got = rx.got.filter((h) => h.path === "/tap").map((h) => [h.body.seq, h.body.type]);
      expect(got).toEqual([
        [1, "session.created"],
        [2, "message.created"],
        [3, "session.handoff"],
        [4, "session.assigned"],
        [6, "session.closed"],
        [7, "session.rated"],
      ]);
      expect(rx.got.find((h) => h.path === "/tap" && h.body.seq === 7)?.body.data).toEqual({
        score: 5,
        comment: "",
      });
      expect(rx.got.find((h) => h.path === "/tap" && h.body.seq === 4)?.body.data).toEqual({
        from: "queued",
        to: "assigned",
        reason: "assigned",
        agent_id: "a1",
        group: "g",
      });
    } finally {
      await es.close();
      await w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("with a manual clock retries still run (the timer's wait is the backoff); delivered rows are kept keepDeliveredMs", async () => {
    const clock = manualClock(1_800_000_000_000);
    const w = runtime({ clock, keepDeliveredMs: 3_600_000, baseDelayMs: 20, maxDelayMs: 40, random: () => 0.5 });
    await w.subscribe("t1", { url: rx.url("/kept"), events: ["message.created"] });
    rx.state.failNext = 2;
    await w.onEvent(message("t1", "s-kept", 1));
    await until("the retried delivery", () => rx.got.some((h) => h.path === "/kept"));
    await w.idle();
    const [d] = await w.deliveries({ tenantId: "t1", status: "delivered", limit: 10 });
    expect([d?.attempts, d?.done_at_ms]).toEqual([3, 1_800_000_000_000]);
    // Past the retention (and the once-a-minute pruning), the next pump forgets it.
    clock.advance(3_600_000 + 60_000);
    await w.onEvent(message("t1", "s-kept", 2));
    await until("the second delivery", () => rx.got.filter((h) => h.path === "/kept").length === 2);
    await w.idle();
    await w.onEvent(message("t1", "s-kept-2", 1));
    await w.idle();
    expect((await w.deliveries({ tenantId: "t1", limit: 10 })).map((x) => [x.session_id, x.seq])).toEqual([
      ["s-kept", 2],
      ["s-kept-2", 1],
    ]);
    await w.close();
  });
});
