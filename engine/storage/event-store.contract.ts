/**
 * The EventStore contract suite: every adapter runs it.
 *
 * @example
 *   runEventStoreContract("sqlite", () => createSqliteEventStore({ path: ":memory:" }));
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { NewEvent, SessionEvent } from "../events.ts";
import type { EventStore } from "./event-store.ts";

/** A visitor message in session `sessionId`. */
export function msg(sessionId: string, clientMsgId: string, text = clientMsgId, tenantId = "t1"): NewEvent {
  return { tenantId, sessionId, actor: { kind: "visitor", id: "v1" }, body: { type: "message", clientMsgId, text } };
}

/** Runs the contract against fresh stores made by `factory`. */
export function runEventStoreContract(name: string, factory: () => EventStore | Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    test("seq starts at 1 and increases per session, independently", async () => {
      const a1 = await store.append(msg("a", "1"));
      const b1 = await store.append(msg("b", "1"));
      const a2 = await store.append(msg("a", "2"));
      expect([a1.event.seq, b1.event.seq, a2.event.seq]).toEqual([1, 1, 2]);
      expect(await store.lastSeq("a")).toBe(2);
      expect(await store.lastSeq("never")).toBe(0);
    });

    test("concurrent appends get distinct, gap-free seqs in call order", async () => {
      const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.append(msg("c", `m${i}`))));
      expect(results.map((r) => r.event.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      const read = await store.readAfter("c", 0, 2000);
      expect(read.map((e) => (e.body.type === "message" ? e.body.clientMsgId : ""))).toEqual(
        Array.from({ length: 1000 }, (_, i) => `m${i}`),
      );
    });

    test("a resent client_msg_id returns the stored event, not a duplicate", async () => {
      const first = await store.append(msg("d", "same", "hello"));
      const again = await store.append(msg("d", "same", "hello (resent)"));
      expect(first.duplicate).toBe(false);
      expect(again.duplicate).toBe(true);
      expect(again.event.seq).toBe(first.event.seq);
      expect(again.event.body).toEqual(first.event.body);
      expect(await store.lastSeq("d")).toBe(1);
    });

    test("an internal note is stored and read back as a note; its client_msg_id dedupes like a message's", async () => {
      const note = (id: string, text: string): NewEvent => ({
        tenantId: "t1",
        sessionId: "n",
        actor: { kind: "agent", id: "a1" },
        body: { type: "note", clientMsgId: id, text },
      });
      const [first, racing] = await Promise.all([store.append(note("n1", "VIP")), store.append(note("n1", "VIP"))]);
      const again = await store.append(note("n1", "VIP (resent)"));
      expect([first?.duplicate, racing?.duplicate, again.duplicate]).toEqual([false, true, true]);
      // Enough events for the native batch decoder, whose layout has no notes: it falls back to protobufjs.
      for (const m of ["m1", "m2", "m3", "m4"]) await store.append(msg("n", m));
      const read = await store.readAfter("n", 0, 10);
      expect(read.map((e) => e.body)).toEqual([
        { type: "note", clientMsgId: "n1", text: "VIP" },
        ...["m1", "m2", "m3", "m4"].map((m) => ({ type: "message" as const, clientMsgId: m, text: m })),
      ]);
    });

    test("duplicates inside one group-commit batch are caught too", async () => {
      const [x, y] = await Promise.all([store.append(msg("e", "k")), store.append(msg("e", "k"))]);
      expect(x?.duplicate).toBe(false);
      expect(y?.duplicate).toBe(true);
      expect(y?.event.seq).toBe(x?.event.seq);
    });

    test("the same client_msg_id in another session is a different message", async () => {
      await store.append(msg("f1", "k"));
      const other = await store.append(msg("f2", "k"));
      expect(other.duplicate).toBe(false);
    });

    test("readAfter returns the events after a seq, in order, bounded by limit", async () => {
      for (let i = 1; i <= 10; i++) await store.append(msg("g", `m${i}`));
      const after = await store.readAfter("g", 4, 3);
      expect(after.map((e) => e.seq)).toEqual([5, 6, 7]);
      expect(await store.readAfter("g", 10, 5)).toEqual([]);
    });

    test("events round-trip every field", async () => {
      const { event } = await store.append({
        tenantId: "t9",
        sessionId: "h",
        actor: { kind: "system", id: "router" },
        body: {
          type: "state_changed",
          from: "bot",
          to: "queued",
          reason: "visitor asked for a human",
          group: "billing",
        },
      });
      const [read] = await store.readAfter("h", 0, 1);
      expect(read).toEqual(event);
      expect(event.atUnixMs).toBeGreaterThan(0);
    });

    test("close flushes appends that were accepted but not yet committed", async () => {
      const pending = store.append(msg("i", "late"));
      await store.close();
      const r = await pending;
      expect(r.event.seq).toBe(1);
      store = await factory(); // afterEach closes this one
    });

    test("readRange pages a time range in (time, session, seq) order, optionally for one tenant", async () => {
      const stored: SessionEvent[] = [];
      for (let i = 0; i < 6; i++)
        stored.push((await store.append(msg(`r${i % 3}`, `m${i}`, `x${i}`, i % 2 ? "tb" : "ta"))).event);
      const from = Math.min(...stored.map((e) => e.atUnixMs));
      const to = Math.max(...stored.map((e) => e.atUnixMs)) + 1;
      const key = (e: SessionEvent) => [e.atUnixMs, e.sessionId, e.seq] as const;
      const order = (a: SessionEvent, b: SessionEvent) => {
        const [x, y] = [key(a), key(b)];
        return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || x[2] - y[2];
      };
      const pages: SessionEvent[][] = [];
      let after: SessionEvent | undefined;
      for (;;) {
        const page = await store.readRange({ fromMs: from, toMs: to, limit: 4, after });
        if (page.length === 0) break;
        pages.push(page);
        after = page[page.length - 1];
      }
      expect(pages.map((p) => p.length)).toEqual([4, 2]);
      expect(pages.flat()).toEqual([...stored].sort(order));
      const tb = await store.readRange({ fromMs: from, toMs: to, tenantId: "tb", limit: 100 });
      expect(tb).toEqual(stored.filter((e) => e.tenantId === "tb").sort(order));
      expect(await store.readRange({ fromMs: to, toMs: to + 1000, limit: 100 })).toEqual([]);
    });

    test("ping answers while open", async () => {
      await store.ping();
    });
  });
}
