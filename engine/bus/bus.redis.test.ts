import { afterAll, describe, expect, test } from "bun:test";
import { spawnRedis, testPrefix, testRedisUrl } from "../cluster/test-redis.ts";
import { KefuError } from "../errors.ts";
import { createFaultProxy, type FaultProxy } from "../testing/fault-proxy.ts";
import { runBusContract, until } from "./bus.contract.ts";
import { createRedisBus } from "./bus.redis.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

runBusContract("redis", () => createRedisBus({ url: testRedisUrl(), keyPrefix: testPrefix() }));
runBusContract("redis sharded (SPUBLISH)", () =>
  createRedisBus({ url: testRedisUrl(), keyPrefix: testPrefix(), sharded: true }),
);

function proxyFor(url: string): Promise<FaultProxy> {
  const u = new URL(url);
  return createFaultProxy({ target: { host: u.hostname, port: Number(u.port) } });
}

describe("redis bus across nodes", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });
  const bus = async (o: Parameters<typeof createRedisBus>[0]) => {
    const b = await createRedisBus(o);
    cleanup.push(() => b.close());
    return b;
  };

  test("a message reaches the other node once, and the sender's local subscribers once", async () => {
    const keyPrefix = testPrefix();
    const a = await bus({ url: testRedisUrl(), keyPrefix, nodeId: "a" });
    const b = await bus({ url: testRedisUrl(), keyPrefix, nodeId: "b" });
    const onA: string[] = [];
    const onB: string[] = [];
    await a.subscribe("t", (p) => onA.push(dec.decode(p)));
    await b.subscribe("t", (p) => onB.push(dec.decode(p)));
    for (let i = 0; i < 50; i++) await a.publish("t", enc.encode(`a${i}`));
    await b.publish("t", enc.encode("b0"));
    await until(() => onB.length === 51 && onA.length === 51);
    await Bun.sleep(50); // any echo of a's own messages would have arrived by now
    // Order holds per publisher (across publishers, local delivery may overtake Redis).
    const fromA = Array.from({ length: 50 }, (_, i) => `a${i}`);
    expect(onA.filter((m) => m.startsWith("a"))).toEqual(fromA);
    expect(onB.filter((m) => m.startsWith("a"))).toEqual(fromA);
    expect(onA.filter((m) => m === "b0").length).toBe(1);
    expect(onB.filter((m) => m === "b0").length).toBe(1);
  });

  test("the liveness probe finds a silently dead (blackholed) subscription and re-makes it", async () => {
    const keyPrefix = testPrefix();
    const proxy = await proxyFor(testRedisUrl());
    cleanup.push(() => proxy.close());
    let lost = 0;
    const a = await bus({
      url: `redis://127.0.0.1:${proxy.port}`,
      keyPrefix,
      nodeId: "a",
      heartbeatMs: 50,
      heartbeatTimeoutMs: 250,
      commandTimeoutMs: 200,
      connectTimeoutMs: 300,
      onSubscriptionLost: () => lost++,
    });
    const b = await bus({ url: testRedisUrl(), keyPrefix, nodeId: "b" });
    const got: string[] = [];
    await a.subscribe("t", (p) => got.push(dec.decode(p)));
    await b.publish("t", enc.encode("before"));
    await until(() => got.length === 1);
    proxy.blackhole(); // TCP stays up, nothing flows: no error, no close
    await b.publish("t", enc.encode("lost"));
    await until(() => lost >= 1, 5000);
    expect(a.stats().deadSubscriptions).toBeGreaterThanOrEqual(1);
    proxy.pass();
    proxy.dropConnections();
    await until(() => a.stats().resubscribes >= 1, 10_000);
    await b.publish("t", enc.encode("after"));
    await until(() => got.includes("after"), 5000);
    expect(got).toEqual(["before", "after"]);
  });

  test("publish fails fast to local-only delivery when Redis is blackholed or down", async () => {
    const server = await spawnRedis();
    cleanup.push(() => server.stop());
    const proxy = await proxyFor(server.url);
    cleanup.push(() => proxy.close());
    const errors: unknown[] = [];
    const a = await bus({
      url: `redis://127.0.0.1:${proxy.port}`,
      commandTimeoutMs: 200,
      onError: (e) => errors.push(e),
    });
    const got: string[] = [];
    await a.subscribe("t", (p) => got.push(dec.decode(p)));
    proxy.blackhole();
    await a.publish("t", enc.encode("1")); // resolves after the command timeout, not never
    expect(a.stats().remoteFailures).toBe(1);
    expect(errors.find((e) => e instanceof KefuError)).toMatchObject({ code: "redis_unavailable", retryable: true });
    await server.stop();
    proxy.reset();
    await a.publish("t", enc.encode("2"));
    expect(a.stats().remoteFailures).toBe(2);
    await expect(a.ping()).rejects.toMatchObject({ code: "redis_unavailable" });
    await until(() => got.length === 2);
    expect(got).toEqual(["1", "2"]);
  });

  test("a bus cannot start on an unreachable Redis", async () => {
    const server = await spawnRedis();
    await server.stop();
    await expect(createRedisBus({ url: server.url, connectTimeoutMs: 300 })).rejects.toMatchObject({
      code: "redis_unavailable",
    });
  });
});
