import { afterAll, describe, expect, test } from "bun:test";
import Redis from "ioredis";
import { spawnRedis, testPrefix, testRedisUrl } from "../cluster/test-redis.ts";
import { KefuError } from "../errors.ts";
import { ev, runHotHistoryContract } from "./hot-history.contract.ts";
import { createRedisHotHistory } from "./hot-history.redis.ts";

runHotHistoryContract("redis", (perSession) =>
  createRedisHotHistory({ url: testRedisUrl(), keyPrefix: testPrefix(), perSession }),
);

describe("redis hot history: epochs and lost streams", () => {
  test("two nodes share one history", async () => {
    const keyPrefix = testPrefix();
    const a = await createRedisHotHistory({ url: testRedisUrl(), keyPrefix, perSession: 100 });
    const b = await createRedisHotHistory({ url: testRedisUrl(), keyPrefix, perSession: 100 });
    for (let s = 1; s <= 3; s++) await a.push(ev("s", s));
    await b.push(ev("s", 3)); // a replay from another node is ignored
    await b.push(ev("s", 4));
    const r = await a.after("s", 1);
    expect(r).toEqual({ events: [ev("s", 2), ev("s", 3), ev("s", 4)], complete: true });
    await a.close();
    await b.close();
  });

  test("a stream whose epoch meta was evicted is unknown, and the next push starts a new epoch", async () => {
    const keyPrefix = testPrefix();
    const h = await createRedisHotHistory({ url: testRedisUrl(), keyPrefix, perSession: 100 });
    const raw = new Redis(testRedisUrl());
    for (let s = 1; s <= 5; s++) await h.push(ev("s", s));
    await raw.del(`${keyPrefix}hh:{s}:m`); // what eviction of one key looks like
    expect(await h.after("s", 2)).toEqual({ events: [], complete: false });
    await h.push(ev("s", 9)); // new incarnation: the old entries are gone
    expect(await h.after("s", 2)).toEqual({ events: [ev("s", 9)], complete: false });
    expect(await h.after("s", 8)).toEqual({ events: [ev("s", 9)], complete: true });
    raw.disconnect();
    await h.close();
  });

  test("entries of another epoch make the answer incomplete", async () => {
    const keyPrefix = testPrefix();
    const h = await createRedisHotHistory({ url: testRedisUrl(), keyPrefix, perSession: 100 });
    const raw = new Redis(testRedisUrl());
    for (let s = 1; s <= 3; s++) await h.push(ev("s", s));
    await raw.hset(`${keyPrefix}hh:{s}:m`, "e", "someone-else"); // meta recreated apart from the stream
    expect((await h.after("s", 0)).complete).toBe(false);
    raw.disconnect();
    await h.close();
  });

  test("a flushed Redis makes replay fall back instead of replaying a partial gap", async () => {
    const server = await spawnRedis();
    try {
      const h = await createRedisHotHistory({ url: server.url, perSession: 100 });
      for (let s = 1; s <= 10; s++) await h.push(ev("s", s));
      const raw = new Redis(server.url);
      await raw.flushall();
      for (let s = 11; s <= 12; s++) await h.push(ev("s", s));
      // 6..10 are gone: the caller must read the EventStore.
      expect((await h.after("s", 5)).complete).toBe(false);
      expect(await h.after("s", 10)).toEqual({ events: [ev("s", 11), ev("s", 12)], complete: true });
      raw.disconnect();
      await h.close();
    } finally {
      await server.stop();
    }
  });

  test("keys expire with the TTL and the stream keeps only ttlMs of history", async () => {
    const keyPrefix = testPrefix();
    const h = await createRedisHotHistory({ url: testRedisUrl(), keyPrefix, perSession: 100, ttlMs: 60_000 });
    const raw = new Redis(testRedisUrl());
    await h.push(ev("s", 1));
    const ttl = await raw.pttl(`${keyPrefix}hh:{s}`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await raw.pttl(`${keyPrefix}hh:{s}:m`)).toBeGreaterThan(50_000);
    raw.disconnect();
    await h.close();
  });
});

describe("redis hot history when Redis is gone", () => {
  const servers: Array<{ stop(): Promise<void> }> = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  test("push and after degrade (no rejection, incomplete) and report redis_unavailable", async () => {
    const server = await spawnRedis();
    servers.push(server);
    const errors: unknown[] = [];
    const h = await createRedisHotHistory({
      url: server.url,
      perSession: 10,
      commandTimeoutMs: 200,
      onError: (e) => errors.push(e),
    });
    await h.push(ev("s", 1));
    await server.stop();
    await h.push(ev("s", 2));
    expect(await h.after("s", 0)).toEqual({ events: [], complete: false });
    const reported = errors.filter((e) => e instanceof KefuError);
    expect(reported.length).toBe(2);
    expect(reported[0]).toMatchObject({ code: "redis_unavailable", retryable: true });
    await expect(h.ping()).rejects.toMatchObject({ code: "redis_unavailable" });
    // Back up, empty: once reconnected, the hole is reported, never papered over.
    await server.start();
    for (let i = 0; i < 200; i++) {
      if (
        await h.ping().then(
          () => true,
          () => false,
        )
      )
        break;
      await Bun.sleep(20);
    }
    await h.push(ev("s", 3));
    expect(await h.after("s", 0)).toEqual({ events: [ev("s", 3)], complete: false });
    expect(await h.after("s", 2)).toEqual({ events: [ev("s", 3)], complete: true });
    await h.close();
  });
});
