/**
 * The ChannelStore port's contract: every adapter (SQLite, PostgreSQL) passes it.
 *
 * @example
 *   channelStoreContract("sqlite", () => openChannelStore(":memory:"));
 */
import { describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { closedAfterAll } from "../testing/stores.ts";
import type { ChannelStore } from "./store.sqlite.ts";

/** Runs the contract against stores from `make` (each test uses fresh ids). */
export function channelStoreContract(name: string, make: () => ChannelStore): void {
  const open = closedAfterAll(make);
  const uid = () => randomBytes(6).toString("hex");

  describe(`channel store contract: ${name}`, () => {
    test("a user's session by (channel, user), replaced when it changes; the owner of a session", async () => {
      const s = open();
      const ch = `webhook:${uid()}`;
      const [s1, s2, s3] = [uid(), uid(), uid()];
      await s.bind(ch, "u1", { tenantId: "t", sessionId: s1, visitorId: "v1" });
      await s.bind(`${ch}-b`, "u1", { tenantId: "t", sessionId: s2, visitorId: "v2" });
      expect(await s.binding(ch, "u1")).toEqual({ tenantId: "t", sessionId: s1, visitorId: "v1" });
      expect(await s.bySession(s2)).toEqual({ channel: `${ch}-b`, userId: "u1" });
      await s.bind(ch, "u1", { tenantId: "t", sessionId: s3, visitorId: "v1" });
      expect((await s.binding(ch, "u1"))?.sessionId).toBe(s3);
      expect(await s.binding(ch, "u2")).toBeUndefined();
      expect(await s.bySession(uid())).toBeUndefined();
    });

    test("a second store on the same data (another node) sees the bindings and configs", async () => {
      const a = open();
      const b = open();
      const ch = `webhook:${uid()}`;
      const sid = uid();
      await a.bind(ch, "u9", { tenantId: "t", sessionId: sid, visitorId: "v9" });
      expect(await b.bySession(sid)).toEqual({ channel: ch, userId: "u9" });
      const name = `shop-${uid()}`;
      await a.addConfig({ kind: "webhook", name, tenantId: "t1", secret: "s", outboundUrl: "", createdAtMs: 1 });
      expect((await b.config("webhook", name))?.tenantId).toBe("t1");
    });

    test("tenant channel configs: unique per (kind, name), listed per tenant, deleted by their tenant only", async () => {
      const s = open();
      const tenant = `t-${uid()}`;
      const name = `shop-${uid()}`;
      const c = {
        kind: "webhook",
        name,
        tenantId: tenant,
        secret: "chsec_x",
        outboundUrl: "https://x.example/",
        createdAtMs: 5,
      };
      expect(await s.addConfig(c)).toBe(true);
      expect(await s.addConfig({ ...c, tenantId: "other" })).toBe(false);
      expect(await s.config("webhook", name)).toEqual(c);
      expect(await s.configs(tenant)).toEqual([c]);
      expect(await s.deleteConfig("other", "webhook", name)).toBe(false);
      expect(await s.deleteConfig(tenant, "webhook", name)).toBe(true);
      expect(await s.config("webhook", name)).toBeUndefined();
    });

    test("dead letters: recorded, listed oldest first with paging, taken once", async () => {
      const s = open();
      const session = uid();
      const d = (seq: number) => ({
        channel: "webhook:shop",
        userId: "u1",
        tenantId: "t",
        sessionId: session,
        seq,
        actor: "bot" as const,
        text: `answer ${seq}`,
        messageAtUnixMs: 100 + seq,
        attempts: 3,
        error: "delivery_failed: HTTP 503",
        atUnixMs: 200 + seq,
      });
      await s.deadLetter(d(1));
      await s.deadLetter(d(2));
      const mine = (await s.deadLetters(10_000)).filter((x) => x.sessionId === session);
      expect(mine.map(({ id: _id, ...rest }) => rest)).toEqual([d(1), d(2)]);
      const [first, second] = mine;
      if (!first || !second) throw new Error("dead letters missing");
      expect((await s.deadLetters(1, first.id))[0]?.id).toBe(second.id);
      expect(await s.takeDeadLetter(first.id)).toEqual(first);
      expect(await s.takeDeadLetter(first.id)).toBeUndefined();
    });
  });
}
