import { describe, expect, test } from "bun:test";
import { seededRandom } from "../../random.ts";
import { LatencyTracker, orderByLatency } from "./latency.ts";
import { answer, ask, harness, testConfig } from "./test-utils.ts";

describe("latency strategy", () => {
  test("EWMA per target; a lower bound only raises the estimate", () => {
    const t = new LatencyTracker(0.5);
    t.observe("a", 100);
    t.observe("a", 300);
    expect(t.estimate("a")).toBe(200);
    t.observeAtLeast("a", 150);
    expect(t.estimate("a")).toBe(200);
    t.observeAtLeast("a", 600);
    expect(t.estimate("a")).toBe(400);
    t.retain(["b"]);
    expect(t.estimate("a")).toBeUndefined();
  });

  test("unmeasured targets go first, then fastest first", () => {
    const t = new LatencyTracker();
    t.observe("slow", 900);
    t.observe("fast", 200);
    expect(orderByLatency(["slow", "new", "fast"], t, () => 0.99, 0.05)).toEqual({
      ids: ["new", "fast", "slow"],
      explored: "new",
    });
    t.observe("new", 500);
    expect(orderByLatency(["slow", "new", "fast"], t, () => 0.99, 0.05)).toEqual({ ids: ["fast", "new", "slow"] });
  });

  test("prefers the faster target, explores the others about `explore` of the time", () => {
    const t = new LatencyTracker();
    t.observe("slow", 900);
    t.observe("mid", 500);
    t.observe("fast", 200);
    const random = seededRandom(99);
    const firsts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const o = orderByLatency(["slow", "mid", "fast"], t, random, 0.1);
      const f = o.ids[0] as string;
      firsts[f] = (firsts[f] ?? 0) + 1;
    }
    expect(Math.abs((firsts.fast as number) / 10_000 - 0.9)).toBeLessThan(0.015);
    expect(Math.abs((firsts.mid as number) / 10_000 - 0.05)).toBeLessThan(0.01);
    expect(Math.abs((firsts.slow as number) / 10_000 - 0.05)).toBeLessThan(0.01);
  });

  test("through the router: a slow target loses its place, exploration re-measures it after it recovers", async () => {
    const config = testConfig({ routes: { main: { strategy: "latency", targets: ["a", "b"], explore: 0.1 } } });
    let aDelay = 800;
    const h = harness(
      config,
      { a: () => [{ wait: aDelay }, ...answer("A")], b: [{ wait: 300 }, ...answer("B")] },
      { random: seededRandom(5) },
    );
    const run = async () => {
      const s = h.router.stream(ask(), { signal: new AbortController().signal });
      await h.timers.advance(1_000);
      const m = await s.first;
      for await (const _ of s.chunks);
      return m;
    };
    // Both unmeasured at first: each gets measured once.
    expect((await run()).target).toBe("a");
    expect((await run()).target).toBe("b");
    const paths: string[] = [];
    for (let i = 0; i < 60; i++) paths.push((await run()).pathText);
    const onB = paths.filter((p) => p.endsWith("> latency > b")).length;
    const explorations = paths.filter((p) => p.endsWith("> latency(explore a) > a")).length;
    expect(onB + explorations).toBe(60);
    expect(explorations).toBeGreaterThan(0); // a still gets re-measured now and then
    expect(onB).toBeGreaterThan(45);
    // a recovers: exploration re-measures it, its estimate falls, and it takes over.
    aDelay = 100;
    const later: string[] = [];
    for (let i = 0; i < 200; i++) later.push((await run()).target);
    expect(later.slice(-50).filter((t) => t === "a").length).toBeGreaterThan(40);
  });
});
