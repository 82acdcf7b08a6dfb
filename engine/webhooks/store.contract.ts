/**
 * The WebhookStore port's contract: every adapter (SQLite, PostgreSQL) passes it.
 *
 * @example
 *   webhookStoreContract("sqlite", () => openWebhookStore(":memory:"));
 */
import { describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { closedAfterAll } from "../testing/stores.ts";
import type { NewDelivery, WebhookStore } from "./store.sqlite.ts";

/** Runs the contract against stores from `make` (each test gets a fresh tenant and ids). */
export function webhookStoreContract(name: string, make: () => WebhookStore): void {
  const open = closedAfterAll(make);
  const uid = () => randomBytes(6).toString("hex");
  const sub = (tenantId: string) => ({
    id: `wh_${uid()}`,
    tenantId,
    url: "https://hooks.example/x",
    events: ["message.created", "session.closed"],
    secret: "whsec_x",
    description: "CRM",
    createdAtMs: 1,
  });
  const row = (subscriptionId: string, tenantId: string, sessionId: string, seq: number, atMs = 0): NewDelivery => ({
    subscriptionId,
    tenantId,
    sessionId,
    seq,
    type: "message.created",
    payload: `{"seq":${seq}}`,
    atMs,
  });

  describe(`webhook store contract: ${name}`, () => {
    test("subscriptions: created, listed per tenant, deleted with their deliveries", async () => {
      const s = open();
      const t = `t-${uid()}`;
      const a = sub(t);
      await s.createSubscription(a);
      expect(await s.subscriptions(t)).toEqual([a]);
      expect((await s.subscriptions()).some((x) => x.id === a.id)).toBe(true);
      await s.enqueue([row(a.id, t, "s1", 1)]);
      expect(await s.deleteSubscription("other-tenant", a.id)).toBe(false);
      expect(await s.deleteSubscription(t, a.id)).toBe(true);
      expect(await s.subscriptions(t)).toEqual([]);
      expect(await s.list({ tenantId: t, limit: 10 })).toEqual([]);
    });

    test("enqueue is idempotent per (subscription, session, seq); heads are due in order per session; claims lease them", async () => {
      const s = open();
      const t = `t-${uid()}`;
      const a = sub(t);
      await s.createSubscription(a);
      expect(await s.enqueue([row(a.id, t, "s1", 1), row(a.id, t, "s1", 2), row(a.id, t, "s2", 1)])).toBe(3);
      expect(await s.enqueue([row(a.id, t, "s1", 1)])).toBe(0);
      const mine = async (now: number) =>
        (await s.claimDue(now, 100, now + 30_000)).filter((d) => d.tenantId === t).map((d) => [d.sessionId, d.seq]);
      // Only the head of each session; claimed rows are not due again until the lease ends.
      expect(await mine(10)).toEqual([
        ["s1", 1],
        ["s2", 1],
      ]);
      expect(await mine(20)).toEqual([]);
      const [head] = (await s.list({ tenantId: t, limit: 10 })).filter((d) => d.sessionId === "s1");
      if (!head) throw new Error("no head");
      await s.delivered(head.id, 1, 200, 30);
      // s1's next event is the head now; s2's lease has not ended.
      expect(await mine(40)).toEqual([["s1", 2]]);
      // After their leases end (their node died), the rows are due again.
      expect(await mine(40 + 30_001)).toEqual([
        ["s1", 2],
        ["s2", 1],
      ]);
    });

    test("retry, dead letter, replay (same id), listing filters and paging, pruning", async () => {
      const s = open();
      const t = `t-${uid()}`;
      const a = sub(t);
      await s.createSubscription(a);
      await s.enqueue([row(a.id, t, "s1", 1), row(a.id, t, "s1", 2)]);
      const [first, second] = await s.list({ tenantId: t, limit: 10 });
      if (!first || !second) throw new Error("rows missing");
      await s.retryLater(first.id, 1, 500, "503 busy", 503);
      expect(await s.get(first.id)).toMatchObject({
        attempts: 1,
        nextAtMs: 500,
        lastError: "503 busy",
        lastStatus: 503,
      });
      expect(await s.nextDueAfter(100)).toBeLessThanOrEqual(500);
      await s.dead(first.id, 2, "410 gone", 410, 600);
      expect(await s.get(first.id)).toMatchObject({ status: "dead", attempts: 2, doneAtMs: 600 });
      // A dead letter no longer holds its session back.
      expect((await s.claimDue(700, 100, 10_000)).filter((d) => d.tenantId === t).map((d) => d.seq)).toEqual([2]);
      expect((await s.list({ tenantId: t, status: "dead", limit: 10 })).map((d) => d.id)).toEqual([first.id]);
      expect((await s.list({ tenantId: t, afterId: first.id, limit: 10 })).map((d) => d.id)).toEqual([second.id]);
      expect(await s.replay("other-tenant", first.id, 800)).toBeUndefined();
      expect(await s.replay(t, first.id, 800)).toMatchObject({ id: first.id, status: "pending", attempts: 0 });
      expect(await s.replay(t, first.id, 800)).toBeUndefined(); // not dead any more
      await s.delivered(second.id, 1, 200, 900);
      expect(await s.pruneDelivered(1_000)).toBeGreaterThanOrEqual(1);
      expect(await s.get(second.id)).toBeUndefined();
      const deadNow = { ...row(a.id, t, "s3", 1), deadError: "queue_full: 1 pending" };
      await s.enqueue([deadNow]);
      expect(
        (await s.list({ tenantId: t, status: "dead", limit: 10 })).some((d) => d.lastError.startsWith("queue_full")),
      ).toBe(true);
    });
  });
}
