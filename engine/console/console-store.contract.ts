/**
 * The ConsoleStore contract, run against every adapter.
 *
 * @example
 *   runConsoleStoreContract("sqlite", async () => createSqliteConsoleStore({ path: ":memory:" }));
 */
import { afterEach, describe, expect, test } from "bun:test";
import type { NewEvent, SessionEvent } from "../events.ts";
import { type ConsoleStore, MAX_CANNED, SHORT_QUERY_SCAN_ROWS } from "./console-store.ts";

let clock = 1_000_000;
const seqs = new Map<string, number>();
/** A stored-looking event of session `s` (tenant `t`), one ms after the last. */
function ev(
  t: string,
  s: string,
  body: NewEvent["body"],
  actor: NewEvent["actor"] = { kind: "visitor", id: "v" },
): SessionEvent {
  const seq = (seqs.get(s) ?? 0) + 1;
  seqs.set(s, seq);
  return { tenantId: t, sessionId: s, seq, atUnixMs: ++clock, actor, body };
}
const msg = (text: string, id = `c${clock}`) => ({ type: "message" as const, clientMsgId: id, text });
const agent = { kind: "agent" as const, id: "a1" };
const state = (from: string, to: string) => ({ type: "state_changed", from, to, reason: "r" }) as NewEvent["body"];

/** Runs the contract against `open` (a fresh, empty store per test). */
export function runConsoleStoreContract(name: string, open: () => Promise<ConsoleStore>): void {
  describe(`ConsoleStore contract (${name})`, () => {
    let store: ConsoleStore | undefined;
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    test("search: substrings in any script, newest first, a tenant's own documents only, notes included", async () => {
      store = await open();
      const s1 = `s1-${clock}`;
      const s2 = `s2-${clock}`;
      const other = `o-${clock}`;
      await store.index([
        ev("t1", s1, { type: "started", visitorId: "v" }),
        ev("t1", s1, msg("我的订单在哪里？Where is my ORDER 2024-77?")),
        ev("t1", s1, { type: "note", clientMsgId: "n1", text: "VIP order, refund approved" }, agent),
        ev("t2", other, msg("another tenant's order")),
      ]);
      await store.index([ev("t1", s2, msg("order arrived broken"))]);
      const r = await store.search({ tenantId: "t1", text: "order", limit: 10 });
      expect(r.hits.map((h) => [h.sessionId, h.kind])).toEqual([
        [s2, "message"],
        [s1, "note"],
        [s1, "message"],
      ]);
      expect(r.scanLimited).toBe(false);
      expect((await store.search({ tenantId: "t1", text: "订单在", limit: 10 })).hits.map((h) => h.seq)).toEqual([2]);
      // Two characters: the short-text path (the newest documents), still tenant-scoped.
      const short = await store.search({ tenantId: "t1", text: "订单", limit: 10 });
      expect(short.hits.map((h) => h.text)).toEqual(["我的订单在哪里？Where is my ORDER 2024-77?"]);
      expect(short.scanLimited).toBe(true);
      expect((await store.search({ tenantId: "t2", text: "VIP", limit: 10 })).hits).toEqual([]);
      // LIKE wildcards and FTS syntax in the text are literal.
      expect((await store.search({ tenantId: "t1", text: '%"_ OR', limit: 10 })).hits).toEqual([]);
    });

    test("search pages: a cursor continues after the last hit, without repeats or gaps", async () => {
      store = await open();
      const events: SessionEvent[] = [];
      for (let i = 0; i < 7; i++) events.push(ev("t1", `p${i % 3}-${clock}`, msg(`refund request ${i}`)));
      await store.index(events);
      await store.index(events); // idempotent
      const seen: string[] = [];
      let before: { atUnixMs: number; sessionId: string; seq: number } | undefined;
      for (let page = 0; page < 5; page++) {
        const r = await store.search({ tenantId: "t1", text: "refund", limit: 3, ...(before ? { before } : {}) });
        seen.push(...r.hits.map((h) => h.text));
        const last = r.hits.at(-1);
        if (!last || r.hits.length < 3) break;
        before = { atUnixMs: last.atUnixMs, sessionId: last.sessionId, seq: last.seq };
      }
      expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `refund request ${i}`));
    });

    test("window facts: bot resolution counts closed sessions never queued; first response = first agent message after assignment", async () => {
      store = await open();
      const from = clock;
      const bot = `b-${clock}`;
      const human = `h-${clock}`;
      await store.index([
        ev("t1", bot, { type: "started", visitorId: "v" }),
        ev("t1", bot, msg("hi")),
        ev("t1", bot, state("bot", "closed")),
        ev("t1", human, { type: "started", visitorId: "v" }),
        ev("t1", human, state("bot", "queued")),
      ]);
      await store.index([ev("t1", human, state("queued", "assigned"))]);
      clock += 4_999; // the agent answers 5 s after the assignment
      await store.index([ev("t1", human, msg("hello, I am Ann", "a-1"), agent)]);
      await store.index([ev("t1", human, msg("second answer", "a-2"), agent)]);
      await store.index([ev("t1", human, state("assigned", "closed"))]);
      await store.index([ev("t2", `x-${clock}`, state("bot", "closed"))]);
      const f = await store.windowFacts("t1", from, clock + 1);
      expect(f.closed).toBe(2);
      expect(f.closedWithoutHandoff).toBe(1);
      expect(f.firstResponsesMs).toEqual([5000]);
      expect((await store.windowFacts("t1", clock + 1, clock + 2)).closed).toBe(0);
    });

    test("canned responses: per tenant, upsert, filter, delete, bounded", async () => {
      store = await open();
      const base = { tenantId: "t1", updatedAtMs: 1, updatedBy: "boss" };
      expect(
        await store.putCanned({ ...base, id: "greet", title: "Greeting", text: "Hello! How can I help?" }),
      ).toEqual({
        created: true,
      });
      expect(await store.putCanned({ ...base, id: "greet", title: "Greeting", text: "Hi! How can I help?" })).toEqual({
        created: false,
      });
      await store.putCanned({ ...base, id: "refund", title: "Refund policy", text: "Refunds take 3–5 days (100%)." });
      await store.putCanned({ ...base, tenantId: "t2", id: "x", title: "Other", text: "Hello from t2" });
      expect((await store.listCanned("t1")).map((c) => c.id)).toEqual(["greet", "refund"]);
      expect((await store.listCanned("t1", "HOW CAN")).map((c) => c.text)).toEqual(["Hi! How can I help?"]);
      expect((await store.listCanned("t1", "100%")).map((c) => c.id)).toEqual(["refund"]);
      expect((await store.listCanned("t1", "_")).map((c) => c.id)).toEqual([]);
      expect(await store.getCanned("t2", "greet")).toBeUndefined();
      expect(await store.deleteCanned("t1", "greet")).toBe(true);
      expect(await store.deleteCanned("t1", "greet")).toBe(false);
      for (let i = 0; i < MAX_CANNED - 1; i++)
        await store.putCanned({ ...base, tenantId: "t3", id: `c${i}`, title: `T${i}`, text: "x" });
      await store.putCanned({ ...base, tenantId: "t3", id: "last", title: "Last", text: "x" });
      await expect(
        store.putCanned({ ...base, tenantId: "t3", id: "over", title: "Over", text: "x" }),
      ).rejects.toMatchObject({
        code: "canned_full",
        status: 409,
      });
      // Replacing one at the bound is allowed.
      expect(await store.putCanned({ ...base, tenantId: "t3", id: "last", title: "Last", text: "y" })).toEqual({
        created: false,
      });
    });

    test(`short texts scan only the newest ${SHORT_QUERY_SCAN_ROWS} documents (the bound is reported)`, async () => {
      store = await open();
      const r = await store.search({ tenantId: "none", text: "ab", limit: 5 });
      expect(r).toEqual({ hits: [], scanLimited: true });
    });
  });
}
