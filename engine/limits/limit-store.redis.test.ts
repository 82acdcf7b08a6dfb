import { afterAll, describe, expect, test } from "bun:test";
import { spawnRedis, testPrefix, testRedisUrl } from "../cluster/test-redis.ts";
import { KefuError } from "../errors.ts";
import { runLimitStoreContract } from "./limit-store.contract.ts";
import { createRedisLimitStore } from "./limit-store.redis.ts";

runLimitStoreContract("redis", (clock) =>
  createRedisLimitStore({ url: testRedisUrl(), keyPrefix: testPrefix(), clock }),
);

describe("redis limit store across nodes", () => {
  test("two nodes hammering one bucket never allow more than its capacity (Redis TIME)", async () => {
    const keyPrefix = testPrefix();
    const a = await createRedisLimitStore({ url: testRedisUrl(), keyPrefix, name: "node-a" });
    const b = await createRedisLimitStore({ url: testRedisUrl(), keyPrefix, name: "node-b" });
    // Refill so slow that no token comes back during the test: exactly `capacity` may pass.
    const rule = { capacity: 300, refillPerSec: 0.001 };
    // Each node sends 20 rounds of 25 concurrent takes; the two loops interleave on Redis.
    const hammer = async (s: typeof a) => {
      const out = [];
      for (let round = 0; round < 20; round++)
        out.push(...(await Promise.all(Array.from({ length: 25 }, () => s.take("tenant:t1", rule)))));
      return out;
    };
    const [ra, rb] = await Promise.all([hammer(a), hammer(b)]);
    const allowed = [...ra, ...rb].filter((d) => d.allowed).length;
    expect(allowed).toBe(300);
    // Both nodes got a share, so the decisions really interleaved across connections.
    expect(ra.some((d) => d.allowed) && rb.some((d) => d.allowed)).toBe(true);
    const denied = [...ra, ...rb].find((d) => !d.allowed);
    expect(denied?.retryAfterMs).toBeGreaterThan(0);
    await a.close();
    await b.close();
  });

  test("Redis TIME refills: a bucket emptied at 1000 tokens/s allows again shortly after", async () => {
    const s = await createRedisLimitStore({ url: testRedisUrl(), keyPrefix: testPrefix() });
    const rule = { capacity: 2, refillPerSec: 1000 };
    await s.take("k", rule, 2);
    let d = await s.take("k", rule, 2);
    for (let i = 0; i < 100 && !d.allowed; i++) {
      await Bun.sleep(2);
      d = await s.take("k", rule, 2);
    }
    expect(d.allowed).toBe(true);
    await s.close();
  });
});

describe("redis limit store when Redis is gone", () => {
  const servers: Array<{ stop(): Promise<void> }> = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  test("fail-closed rejects with a retryable redis_unavailable; fail-open allows", async () => {
    const server = await spawnRedis();
    servers.push(server);
    const closed = await createRedisLimitStore({ url: server.url, commandTimeoutMs: 200 });
    const open = await createRedisLimitStore({ url: server.url, commandTimeoutMs: 200, failMode: "open" });
    const rule = { capacity: 1, refillPerSec: 1 };
    expect((await closed.take("k", rule)).allowed).toBe(true);
    expect((await closed.take("k", rule)).allowed).toBe(false);
    await server.stop();
    const err = await closed.take("k", rule).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KefuError);
    expect(err).toMatchObject({ code: "redis_unavailable", status: 503, retryable: true });
    expect(await open.take("k", rule)).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterMs: 0,
      delayMs: 0,
      resetMs: 0,
    });
    await expect(closed.ping()).rejects.toMatchObject({ code: "redis_unavailable" });
    await closed.close();
    await open.close();
  });

  test("a Redis that cannot be reached fails the start-up with redis_unavailable", async () => {
    const server = await spawnRedis();
    await server.stop();
    await expect(createRedisLimitStore({ url: server.url, connectTimeoutMs: 300 })).rejects.toMatchObject({
      code: "redis_unavailable",
    });
  });
});
