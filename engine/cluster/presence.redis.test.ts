import { expect, test } from "bun:test";
import { runPresenceContract, runSeatStoreContract } from "./presence.contract.ts";
import { createRedisPresence, createRedisSeatStore } from "./presence.redis.ts";
import { spawnRedis, testPrefix, testRedisUrl } from "./test-redis.ts";

runSeatStoreContract("redis", () => createRedisSeatStore({ url: testRedisUrl(), keyPrefix: testPrefix() }));
// Presence expires on the Redis server's clock, so time passes by sleeping.
runPresenceContract("redis", async () => ({
  store: await createRedisPresence({ url: testRedisUrl(), keyPrefix: testPrefix() }),
  advance: (ms) => Bun.sleep(ms),
}));

test("two nodes assigning to one seat never over-fill it", async () => {
  const keyPrefix = testPrefix();
  const a = await createRedisSeatStore({ url: testRedisUrl(), keyPrefix, name: "node-a" });
  const b = await createRedisSeatStore({ url: testRedisUrl(), keyPrefix, name: "node-b" });
  await a.put("agent", { tenantId: "t1", groups: ["g"], capacity: 5, state: "online" }, 0);
  const tries = (s: typeof a, p: string) =>
    Promise.all(Array.from({ length: 50 }, (_, i) => s.assign("agent", `${p}${i}`)));
  const [ra, rb] = await Promise.all([tries(a, "a"), tries(b, "b")]);
  expect([...ra, ...rb].filter((r) => r === "assigned").length).toBe(5);
  expect((await b.get("agent"))?.sessions.length).toBe(5);
  await a.close();
  await b.close();
});

test("seat and presence calls reject with redis_unavailable when Redis is down", async () => {
  const server = await spawnRedis();
  const seats = await createRedisSeatStore({ url: server.url, commandTimeoutMs: 200 });
  const presence = await createRedisPresence({ url: server.url, commandTimeoutMs: 200 });
  await server.stop();
  await expect(seats.assign("a", "s")).rejects.toMatchObject({ code: "redis_unavailable", retryable: true });
  await expect(presence.heartbeat("m", "n", 1000)).rejects.toMatchObject({ code: "redis_unavailable" });
  await seats.close();
  await presence.close();
});
