import { expect, test } from "bun:test";
import { testPrefix, testRedisUrl } from "../cluster/test-redis.ts";
import { runIdempotencyContract } from "./idempotency-store.contract.ts";
import { createRedisIdempotencyStore } from "./idempotency-store.redis.ts";

runIdempotencyContract("redis", (clock) =>
  createRedisIdempotencyStore({ url: testRedisUrl(), keyPrefix: testPrefix(), clock, ttlMs: 1000, lockMs: 100 }),
);

test("two nodes share one key: the second node sees in_progress, then the first node's response", async () => {
  const keyPrefix = testPrefix();
  const a = await createRedisIdempotencyStore({ url: testRedisUrl(), keyPrefix, name: "node-a" });
  const b = await createRedisIdempotencyStore({ url: testRedisUrl(), keyPrefix, name: "node-b" });
  expect(await a.begin("t1", "k", "f")).toEqual({ state: "new" });
  expect(await b.begin("t1", "k", "f")).toEqual({ state: "in_progress" });
  const response = { status: 201, headers: { "content-type": "application/json" }, body: '{"id":"x"}' };
  await a.complete("t1", "k", response);
  expect(await b.begin("t1", "k", "f")).toEqual({ state: "done", response });
  expect(await b.begin("t1", "k", "g")).toEqual({ state: "mismatch" });
  await a.close();
  await b.close();
});

test("a scope cannot be forged through the key (scope 'a:b' + key 'c' differs from scope 'a' + key 'b:c')", async () => {
  const s = await createRedisIdempotencyStore({ url: testRedisUrl(), keyPrefix: testPrefix() });
  expect(await s.begin("a:b", "c", "f")).toEqual({ state: "new" });
  expect(await s.begin("a", "b:c", "g")).toEqual({ state: "new" });
  await s.close();
});
