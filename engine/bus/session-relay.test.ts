import { afterAll, describe, expect, test } from "bun:test";
import { testPrefix, testRedisUrl } from "../cluster/test-redis.ts";
import type { SessionEvent } from "../events.ts";
import { ev } from "../history/hot-history.contract.ts";
import { createMemoryHotHistory } from "../history/hot-history.memory.ts";
import { createRedisHotHistory } from "../history/hot-history.redis.ts";
import { createFaultProxy } from "../testing/fault-proxy.ts";
import { until } from "./bus.contract.ts";
import { createMemoryBus } from "./bus.memory.ts";
import { createRedisBus } from "./bus.redis.ts";
import { createSessionRelay, type RepairInfo, type SessionRelay } from "./session-relay.ts";

/** An EventStore stand-in holding every event (the engine appends before it publishes). */
function arrayStore(all: SessionEvent[]) {
  return {
    async readAfter(sessionId: string, afterSeq: number, limit: number) {
      return all.filter((e) => e.sessionId === sessionId && e.seq > afterSeq).slice(0, limit);
    },
  };
}

describe("session relay on one process", () => {
  test("a jump is repaired from the EventStore when HotHistory lacks it; duplicates are dropped", async () => {
    const bus = createMemoryBus();
    const hot = createMemoryHotHistory({ perSession: 2 }); // too small for the gap
    const stored: SessionEvent[] = [];
    const got: number[] = [];
    const repairs: RepairInfo[] = [];
    const relay = createSessionRelay({
      bus,
      hot,
      store: arrayStore(stored),
      deliver: (e) => got.push(e.seq),
      onRepair: (r) => repairs.push(r),
    });
    await relay.follow("s", 0);
    for (let s = 1; s <= 6; s++) {
      stored.push(ev("s", s));
      await hot.push(ev("s", s));
    }
    await relay.publish(ev("s", 1));
    await relay.publish(ev("s", 1));
    await relay.publish(ev("s", 5)); // 2..4 were never published here
    await relay.publish(ev("s", 6));
    await until(() => got.length === 6);
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
    expect(repairs[0]).toEqual({ sessionId: "s", reason: "jump", fromSeq: 2, toSeq: 6, source: "store" });
    await bus.close();
  });
});

describe("session relay across nodes on Redis", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  /** Node A publishes directly; node B subscribes through a fault proxy. */
  async function twoNodes(resyncOnResubscribe: boolean) {
    const keyPrefix = testPrefix();
    const u = new URL(testRedisUrl());
    const proxy = await createFaultProxy({ target: { host: u.hostname, port: Number(u.port) } });
    cleanup.push(() => proxy.close());
    const hot = await createRedisHotHistory({ url: testRedisUrl(), keyPrefix, perSession: 100 });
    cleanup.push(() => hot.close());
    const stored: SessionEvent[] = [];
    const busA = await createRedisBus({ url: testRedisUrl(), keyPrefix, nodeId: "a" });
    cleanup.push(() => busA.close());
    let relayB: SessionRelay | undefined;
    const busB = await createRedisBus({
      url: `redis://127.0.0.1:${proxy.port}`,
      keyPrefix,
      nodeId: "b",
      onResubscribed: ({ reconnect }) => {
        if (reconnect && resyncOnResubscribe) void relayB?.resync();
      },
    });
    cleanup.push(() => busB.close());
    const relayA = createSessionRelay({ bus: busA, hot, store: arrayStore(stored), deliver: () => {} });
    const got: number[] = [];
    const repairs: RepairInfo[] = [];
    relayB = createSessionRelay({
      bus: busB,
      hot,
      store: arrayStore(stored),
      deliver: (e) => got.push(e.seq),
      onRepair: (r) => repairs.push(r),
    });
    await relayB.follow("s", 0);
    // What the engine does per event: append, push to HotHistory, publish.
    const send = async (seq: number) => {
      stored.push(ev("s", seq));
      await hot.push(ev("s", seq));
      await relayA.publish(ev("s", seq));
    };
    return { proxy, busB, got, repairs, send };
  }

  test("a dropped subscriber repairs the lost tail when it re-subscribes", async () => {
    const { proxy, busB, got, repairs, send } = await twoNodes(true);
    await send(1);
    await send(2);
    await until(() => got.length === 2);
    proxy.reset(); // B's connections are torn down and refused
    await send(3); // published during the gap: B cannot hear them
    await send(4);
    proxy.pass();
    await until(() => busB.stats().resubscribes >= 1, 10_000);
    await until(() => got.length === 4, 5000);
    expect(repairs).toEqual([{ sessionId: "s", reason: "resubscribed", fromSeq: 3, toSeq: 4, source: "hot" }]);
    await send(5);
    await until(() => got.length === 5);
    expect(got).toEqual([1, 2, 3, 4, 5]);
  });

  test("without a resync, the next event's seq jump triggers the repair of the missing range", async () => {
    const { proxy, busB, got, repairs, send } = await twoNodes(false);
    await send(1);
    await until(() => got.length === 1);
    proxy.reset();
    await send(2);
    await send(3);
    proxy.pass();
    await until(() => busB.stats().resubscribes >= 1, 10_000);
    expect(got).toEqual([1]);
    await send(4);
    await until(() => got.length === 4, 5000);
    expect(got).toEqual([1, 2, 3, 4]);
    expect(repairs).toEqual([{ sessionId: "s", reason: "jump", fromSeq: 2, toSeq: 4, source: "hot" }]);
  });
});
