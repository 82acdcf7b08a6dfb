/**
 * The SeatStore and PresenceStore contract suites: every adapter runs them.
 *
 * @example
 *   runSeatStoreContract("memory", () => createMemorySeatStore());
 *   runPresenceContract("memory", () => { const c = manualClock(0); return { store: createMemoryPresence({ clock: c }), advance: async (ms) => c.advance(ms) }; });
 */
import { describe, expect, test } from "bun:test";
import { KefuError } from "../errors.ts";
import type { PresenceStore, SeatFields, SeatStore } from "./presence.ts";

const seat = (over: Partial<SeatFields> = {}): SeatFields => ({
  tenantId: "t1",
  groups: ["sales"],
  capacity: 2,
  state: "online",
  ...over,
});

/** Runs the SeatStore contract against fresh stores made by `factory`. */
export function runSeatStoreContract(name: string, factory: () => SeatStore | Promise<SeatStore>): void {
  describe(`SeatStore contract: ${name}`, () => {
    test("put creates at version 1 and then needs the current version (CAS)", async () => {
      const s = await factory();
      expect(await s.put("a1", seat(), 0)).toBe(1);
      expect(await s.put("a1", seat({ state: "busy" }), 1)).toBe(2);
      const err = await s.put("a1", seat({ state: "away" }), 1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KefuError);
      expect(err).toMatchObject({ code: "version_conflict", status: 409 });
      await expect(s.put("a1", seat(), 0)).rejects.toMatchObject({ code: "version_conflict" });
      await expect(s.put("nobody", seat(), 3)).rejects.toMatchObject({ code: "version_conflict" });
      expect(await s.get("a1")).toEqual({
        agentId: "a1",
        tenantId: "t1",
        groups: ["sales"],
        capacity: 2,
        state: "busy",
        version: 2,
        sessions: [],
      });
      expect(await s.get("nobody")).toBeUndefined();
      await s.close();
    });

    test("concurrent writers with the same version: exactly one wins", async () => {
      const s = await factory();
      await s.put("a1", seat(), 0);
      const results = await Promise.allSettled(
        (["busy", "away", "offline", "busy", "away"] as const).map((state) => s.put("a1", seat({ state }), 1)),
      );
      expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
      expect((await s.get("a1"))?.version).toBe(2);
      await s.close();
    });

    test("assign respects state and capacity, atomically under concurrency", async () => {
      const s = await factory();
      expect(await s.assign("a1", "s0")).toBe("not_found");
      await s.put("a1", seat({ capacity: 3 }), 0);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => s.assign("a1", `s${i}`)));
      expect(results.filter((r) => r === "assigned").length).toBe(3);
      expect(results.filter((r) => r === "full").length).toBe(7);
      const held = (await s.get("a1"))?.sessions ?? [];
      expect(held.length).toBe(3);
      expect(await s.assign("a1", held[0] as string)).toBe("already");
      expect(await s.release("a1", held[0] as string)).toBe(true);
      expect(await s.release("a1", held[0] as string)).toBe(false);
      expect((await s.get("a1"))?.version).toBe(1); // load changes do not bump the version
      await s.put("a1", seat({ capacity: 3, state: "busy" }), 1);
      expect(await s.assign("a1", "new")).toBe("not_online");
      expect((await s.remove("a1")).sort()).toEqual(held.slice(1).sort());
      expect(await s.get("a1")).toBeUndefined();
      await s.close();
    });
  });
}

/** What the presence contract needs from an adapter under test. */
export interface PresenceFixture {
  store: PresenceStore;
  advance(ms: number): Promise<void>;
}

/** Runs the PresenceStore contract (entries live 200 ms, so a Redis run sleeps a little). */
export function runPresenceContract(name: string, factory: () => PresenceFixture | Promise<PresenceFixture>): void {
  describe(`PresenceStore contract: ${name}`, () => {
    test("a member is present on each node that heartbeats, until its TTL lapses", async () => {
      const { store, advance } = await factory();
      await store.heartbeat("agent:a1", "node-b", 200);
      await store.heartbeat("agent:a1", "node-a", 10_000);
      expect(await store.nodesOf("agent:a1")).toEqual(["node-a", "node-b"]);
      expect(await store.nodesOf("agent:a2")).toEqual([]);
      await advance(250); // node-b died: it stopped heartbeating
      expect(await store.nodesOf("agent:a1")).toEqual(["node-a"]);
      await store.leave("agent:a1", "node-a");
      expect(await store.nodesOf("agent:a1")).toEqual([]);
      await store.close();
    });

    test("a heartbeat extends presence", async () => {
      const { store, advance } = await factory();
      await store.heartbeat("m", "n1", 200);
      await advance(120);
      await store.heartbeat("m", "n1", 200);
      await advance(120);
      expect(await store.nodesOf("m")).toEqual(["n1"]);
      await store.close();
    });
  });
}
