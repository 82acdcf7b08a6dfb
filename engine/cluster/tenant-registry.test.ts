import { describe, expect, test } from "bun:test";
import { createMemoryTenantRegistry, createRedisTenantRegistry, type TenantRegistry } from "./tenant-registry.ts";
import { testPrefix, testRedisUrl } from "./test-redis.ts";

function contract(name: string, make: () => Promise<TenantRegistry> | TenantRegistry) {
  describe(`tenant registry (${name})`, () => {
    test("seats: a newer version replaces, an older one is refused, delete removes, listed by id, per tenant", async () => {
      const r = await make();
      try {
        await r.putAgent("t1", { id: "b", groups: ["sales"], capacity: 2, state: "online", version: 3 });
        await r.putAgent("t1", { id: "a", groups: ["x"], capacity: 1, state: "offline", version: 1 });
        expect(await r.putAgent("t1", { id: "a", groups: ["x", "y"], capacity: 4, state: "away", version: 2 })).toBe(
          true,
        );
        // Compare-and-set on the version: a late write of an older (or the same) version loses.
        expect(await r.putAgent("t1", { id: "a", groups: ["old"], capacity: 9, state: "online", version: 1 })).toBe(
          false,
        );
        expect(await r.putAgent("t1", { id: "a", groups: ["old"], capacity: 9, state: "online", version: 2 })).toBe(
          false,
        );
        await r.putAgent("t2", { id: "c", groups: ["z"], capacity: 1, state: "online", version: 1 });
        expect(await r.agents("t1")).toEqual([
          { id: "a", groups: ["x", "y"], capacity: 4, state: "away", version: 2 },
          { id: "b", groups: ["sales"], capacity: 2, state: "online", version: 3 },
        ]);
        await r.deleteAgent("t1", "b");
        expect((await r.agents("t1")).map((a) => a.id)).toEqual(["a"]);
        expect((await r.agents("t2")).map((a) => a.id)).toEqual(["c"]);
        expect(await r.agents("t3")).toEqual([]);
      } finally {
        await r.close();
      }
    });

    test("sessions: a set per tenant, bounded by limit", async () => {
      const r = await make();
      try {
        for (let i = 0; i < 2500; i++) await r.addSession("t1", `s${i}`);
        await r.addSession("t1", "s0");
        await r.addSession("t2", "other");
        await r.removeSession("t1", "s1");
        const all = await r.sessions("t1", 10_000);
        expect(all.length).toBe(2499);
        expect(new Set(all).size).toBe(2499);
        expect(all).not.toContain("s1");
        expect(all).not.toContain("other");
        expect((await r.sessions("t1", 10)).length).toBe(10);
      } finally {
        await r.close();
      }
    });
  });
}

contract("memory", () => createMemoryTenantRegistry());
contract("redis", () => createRedisTenantRegistry({ url: testRedisUrl(), keyPrefix: testPrefix() }));
