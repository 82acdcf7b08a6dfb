import { describe, expect, test } from "bun:test";
import { createFaultProxy } from "../testing/fault-proxy.ts";
import { runOwnershipContract } from "./ownership.contract.ts";
import { createRedisOwnership } from "./ownership.redis.ts";
import { testPrefix, testRedisUrl } from "./test-redis.ts";

// Leases expire on the Redis server's clock, so time passes by sleeping.
runOwnershipContract("redis", async () => ({
  store: await createRedisOwnership({ url: testRedisUrl(), keyPrefix: testPrefix() }),
  advance: (ms) => Bun.sleep(ms),
}));

describe("redis ownership when Redis is unreachable", () => {
  test("acquire rejects with redis_unavailable within the command timeout (blackhole)", async () => {
    const u = new URL(testRedisUrl());
    const proxy = await createFaultProxy({ target: { host: u.hostname, port: Number(u.port) } });
    const store = await createRedisOwnership({
      url: `redis://127.0.0.1:${proxy.port}`,
      keyPrefix: testPrefix(),
      commandTimeoutMs: 150,
    });
    try {
      expect(await store.acquire("s1", "node-a", 1000)).toMatchObject({ owner: "node-a" });
      proxy.blackhole();
      await expect(store.acquire("s1", "node-a", 1000)).rejects.toMatchObject({
        code: "redis_unavailable",
        status: 503,
        retryable: true,
      });
      await expect(store.holder("s1")).rejects.toMatchObject({ code: "redis_unavailable" });
    } finally {
      await store.close();
      await proxy.close();
    }
  });
});
