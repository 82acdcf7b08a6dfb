import { describe, expect, test } from "bun:test";
import { createMemoryBus } from "../bus/bus.memory.ts";
import { createRedisBus } from "../bus/bus.redis.ts";
import { manualClock } from "../clock.ts";
import { testPrefix, testRedisUrl } from "../cluster/test-redis.ts";
import { createLimitRegistry, type LimitRegistry } from "./registry.ts";
import { createRedisRuleStore } from "./rule-store.redis.ts";
import { full, type LimitRuleStore } from "./rule-store.ts";

const rule = { id: "chat", api: "/v1/chat", key: ["tenant" as const], token_bucket: { capacity: 10, rate: 1 } };

/** Polls `fn` every 5 ms until it is true; false after `ms`. */
async function within(ms: number, fn: () => boolean): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return true;
    await Bun.sleep(5);
  }
  return fn();
}

describe("limit registry across nodes (Redis store + Redis bus)", () => {
  test("a change on one node reaches the other within a second (the bus message), deletes too", async () => {
    const keyPrefix = testPrefix();
    const node = async (name: string) => {
      const bus = await createRedisBus({ url: testRedisUrl(), keyPrefix, nodeId: name });
      const registry = await createLimitRegistry({
        store: await createRedisRuleStore({ url: testRedisUrl(), keyPrefix }),
        bus,
        maxRules: 10,
        maxBlocks: 10,
        reloadMs: 0, // no safety net: only the bus can carry the change
      });
      return { bus, registry };
    };
    const a = await node("a");
    const b = await node("b");
    try {
      await a.registry.putRule(rule);
      expect(a.registry.snapshot().rules.length).toBe(1); // applied on the writer before it answers
      expect(await within(1000, () => b.registry.snapshot().rules.length === 1)).toBe(true);
      expect(b.registry.getRule("chat")).toMatchObject(rule);
      await b.registry.putBlock({ ip: "192.0.2.1" });
      expect(await within(1000, () => a.registry.blocked("192.0.2.1", undefined) !== undefined)).toBe(true);
      await a.registry.deleteRule("chat");
      expect(await within(1000, () => b.registry.snapshot().rules.length === 0)).toBe(true);
    } finally {
      for (const n of [a, b]) {
        await n.registry.close();
        await n.bus.close();
      }
    }
  });

  test("without the bus message, the periodic re-read picks the change up (safety net)", async () => {
    const keyPrefix = testPrefix();
    const mk = async (reloadMs: number) =>
      createLimitRegistry({
        store: await createRedisRuleStore({ url: testRedisUrl(), keyPrefix }),
        maxRules: 10,
        maxBlocks: 10,
        reloadMs,
      });
    const writer = await mk(0);
    const reader = await mk(50);
    try {
      await writer.putRule(rule);
      expect(reader.snapshot().rules.length).toBe(0);
      expect(await within(2000, () => reader.snapshot().rules.length === 1)).toBe(true);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});

describe("limit registry on one node", () => {
  const memoryStore = (): LimitRuleStore & { failLoads: boolean } => {
    const rules = new Map<string, unknown>();
    const blocks = new Map<string, unknown>();
    const s = {
      kind: "test",
      failLoads: false,
      async load() {
        if (s.failLoads) throw new Error("store down");
        return { rules: [...rules.values()], blocks: [...blocks.values()] } as never;
      },
      async putRule(r: { id: string }) {
        rules.set(r.id, r);
      },
      async deleteRule(id: string) {
        return rules.delete(id);
      },
      async putBlock(b: { id: string }, max: number) {
        if (!blocks.has(b.id) && blocks.size >= max) throw full("blocks", max);
        blocks.set(b.id, b);
      },
      async deleteBlock(id: string) {
        return blocks.delete(id);
      },
      async close() {},
    };
    return s;
  };

  test("a failed reload keeps the previous rules; a bus message triggers a reload", async () => {
    const store = memoryStore();
    const bus = createMemoryBus();
    const registry: LimitRegistry = await createLimitRegistry({ store, bus, maxRules: 10, maxBlocks: 10, reloadMs: 0 });
    await registry.putRule(rule);
    store.failLoads = true;
    await expect(registry.reload()).rejects.toThrow("store down");
    expect(registry.snapshot().rules.length).toBe(1);
    store.failLoads = false;
    await store.deleteRule("chat"); // behind the registry's back, as another node would
    await bus.publish("limits:changed", new Uint8Array(0));
    expect(await within(1000, () => registry.snapshot().rules.length === 0)).toBe(true);
    await registry.close();
  });

  test("blocks expire on the registry's clock; the longest-lasting block of a client applies", async () => {
    const clock = manualClock(0);
    const registry = await createLimitRegistry({
      store: memoryStore(),
      clock,
      maxRules: 10,
      maxBlocks: 10,
      reloadMs: 0,
    });
    await registry.putBlock({ id: "short", ip: "192.0.2.1", ttl_seconds: 10 });
    await registry.putBlock({ id: "long", ip: "192.0.2.1", ttl_seconds: 100 });
    await registry.putBlock({ fingerprint: "00000000000000ff" });
    clock.advance(50_000);
    expect(registry.blocked("192.0.2.1", undefined)?.id).toBe("long");
    clock.advance(50_000);
    expect(registry.blocked("192.0.2.1", undefined)).toBeUndefined();
    expect(registry.blocked("192.0.2.9", () => "00000000000000ff")?.id).toBe("fp-00000000000000ff");
    expect(registry.snapshot().needsFingerprint).toBe(true);
    // Expired blocks do not count toward maxBlocks: the next block write drops them.
    const small = await createLimitRegistry({ store: memoryStore(), clock, maxRules: 10, maxBlocks: 2, reloadMs: 0 });
    await small.putBlock({ ip: "192.0.2.1", ttl_seconds: 1 });
    await small.putBlock({ ip: "192.0.2.2", ttl_seconds: 1 });
    clock.advance(1000);
    await small.putBlock({ ip: "192.0.2.3" });
    expect(small.listBlocks().map((b) => b.id)).toEqual(["ip-192.0.2.3"]);
    await small.close();
    await registry.close();
  });
});
