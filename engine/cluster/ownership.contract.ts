/**
 * The OwnershipStore contract suite: every adapter runs it. `factory` gives a fresh
 * store and a way to let time pass (a manual clock, or a real sleep for Redis).
 *
 * @example
 *   runOwnershipContract("memory", () => { const c = manualClock(0); return { store: createMemoryOwnership({ clock: c }), advance: async (ms) => c.advance(ms) }; });
 */
import { describe, expect, test } from "bun:test";
import { createOwnership, type OwnershipStore } from "./ownership.ts";

/** What the contract needs from an adapter under test. */
export interface OwnershipFixture {
  store: OwnershipStore;
  /** Lets `ms` pass on the store's clock. */
  advance(ms: number): Promise<void>;
}

/** Runs the contract. Lease TTLs are 200 ms, so a Redis run sleeps a little. */
export function runOwnershipContract(name: string, factory: () => OwnershipFixture | Promise<OwnershipFixture>): void {
  describe(`Ownership contract: ${name}`, () => {
    const ttl = 200;

    test("one holder at a time; the holder renews and keeps its token", async () => {
      const { store } = await factory();
      const a = await store.acquire("s1", "node-a", ttl);
      expect(a).toMatchObject({ key: "s1", owner: "node-a" });
      expect(await store.acquire("s1", "node-b", ttl)).toBeUndefined();
      const again = await store.acquire("s1", "node-a", ttl);
      expect(again?.token).toBe(a?.token as number);
      expect(await store.holder("s1")).toMatchObject({ owner: "node-a", token: a?.token });
      expect(await store.acquire("s2", "node-b", ttl)).toMatchObject({ owner: "node-b" });
      await store.close();
    });

    test("an expired lease is taken by another node with a larger token", async () => {
      const { store, advance } = await factory();
      const a = await store.acquire("s1", "node-a", ttl);
      await advance(ttl + 50);
      expect(await store.holder("s1")).toBeUndefined();
      const b = await store.acquire("s1", "node-b", ttl);
      expect(b?.owner).toBe("node-b");
      expect(b?.token).toBeGreaterThan(a?.token as number);
      // The old holder's renew and release are refused: it lost the lease.
      expect(await store.renew("s1", "node-a", a?.token as number, ttl)).toBe(false);
      expect(await store.release("s1", "node-a", a?.token as number)).toBe(false);
      expect((await store.holder("s1"))?.owner).toBe("node-b");
      await store.close();
    });

    test("renew extends a lease; release frees it at once; both CAS on owner and token", async () => {
      const { store, advance } = await factory();
      const a = await store.acquire("s1", "node-a", ttl);
      await advance(ttl / 2);
      expect(await store.renew("s1", "node-a", a?.token as number, ttl)).toBe(true);
      await advance(ttl / 2 + 20);
      expect((await store.holder("s1"))?.owner).toBe("node-a"); // alive only thanks to the renewal
      expect(await store.renew("s1", "node-a", (a?.token as number) + 1, ttl)).toBe(false);
      expect(await store.release("s1", "node-b", a?.token as number)).toBe(false);
      expect(await store.release("s1", "node-a", a?.token as number)).toBe(true);
      expect(await store.acquire("s1", "node-b", ttl)).toMatchObject({ owner: "node-b" });
      await store.close();
    });

    test("concurrent claims: exactly one node wins", async () => {
      const { store } = await factory();
      const nodes = Array.from({ length: 20 }, (_, i) => `node-${i}`);
      const won = await Promise.all(nodes.map((n) => store.acquire("hot", n, ttl)));
      expect(won.filter((l) => l !== undefined).length).toBe(1);
      await store.close();
    });

    test("rejects a TTL outside 1 ms … 1 day", async () => {
      const { store } = await factory();
      await expect(store.acquire("s1", "a", 0)).rejects.toThrow(RangeError);
      await store.close();
    });

    test("createOwnership: a dead node's session moves to a live one", async () => {
      const { store, advance } = await factory();
      await store.acquire("session:s1", "node-a", ttl); // node-a then dies: it never renews
      const b = createOwnership({ store, nodeId: "node-b", ttlMs: ttl, renewEveryMs: 50 });
      expect(await b.claim("session:s1")).toBe(false);
      await advance(ttl + 50);
      expect(await b.claim("session:s1")).toBe(true);
      expect(b.held()).toEqual(["session:s1"]);
      await b.close();
      expect(await store.holder("session:s1")).toBeUndefined(); // close released it
      await store.close();
    });

    test("createOwnership: a lease taken over while this node stalled is reported lost", async () => {
      const { store } = await factory();
      const lost: string[] = [];
      const a = createOwnership({
        store,
        nodeId: "node-a",
        ttlMs: 10_000,
        renewEveryMs: 20,
        onLost: (k) => lost.push(k),
      });
      expect(await a.claim("session:s1")).toBe(true);
      // As if the lease had expired during a stall and node-b had taken it.
      await store.release("session:s1", "node-a", a.token("session:s1") as number);
      await store.acquire("session:s1", "node-b", 10_000);
      for (let i = 0; i < 200 && lost.length === 0; i++) await Bun.sleep(10);
      expect(lost).toEqual(["session:s1"]);
      expect(a.held()).toEqual([]);
      await a.close();
      expect((await store.holder("session:s1"))?.owner).toBe("node-b");
      await store.close();
    });
  });
}
