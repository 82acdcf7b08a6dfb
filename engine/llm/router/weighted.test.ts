import { describe, expect, test } from "bun:test";
import { seededRandom } from "../../random.ts";
import { answer, ask, harness, testConfig } from "./test-utils.ts";
import { orderWeighted } from "./weighted.ts";

const weights: Record<string, number> = { a: 70, b: 20, c: 10 };
const weightOf = (id: string) => weights[id] ?? 0;

describe("weighted strategy", () => {
  test("first picks follow the weights within 1.5 points over 10k seeded draws", () => {
    const random = seededRandom(20240601);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) {
      const first = orderWeighted(["a", "b", "c"], weightOf, random)[0] as string;
      counts[first] = (counts[first] as number) + 1;
    }
    expect(Math.abs((counts.a as number) / 100 - 70)).toBeLessThan(1.5);
    expect(Math.abs((counts.b as number) / 100 - 20)).toBeLessThan(1.5);
    expect(Math.abs((counts.c as number) / 100 - 10)).toBeLessThan(1.5);
  });

  test("the failover order is a weighted draw of the rest: after a, b comes before c 2 times in 3", () => {
    const random = seededRandom(7);
    let bFirst = 0;
    let n = 0;
    for (let i = 0; i < 10_000; i++) {
      const o = orderWeighted(["a", "b", "c"], weightOf, random);
      if (o[0] !== "a") continue;
      n++;
      if (o[1] === "b") bFirst++;
    }
    expect(Math.abs(bFirst / n - 2 / 3)).toBeLessThan(0.02);
  });

  test("weight 0 comes last, in written order; every target appears once", () => {
    const random = seededRandom(3);
    for (let i = 0; i < 100; i++) {
      const o = orderWeighted(["z1", "a", "z2", "b"], (id) => (id.startsWith("z") ? 0 : 1), random);
      expect(o.slice(2)).toEqual(["z1", "z2"]);
      expect([...o].sort()).toEqual(["a", "b", "z1", "z2"]);
    }
  });

  test("the router skips an open target and keeps the weights among the others", async () => {
    const config = testConfig({
      targets: {
        a: { provider: "mock", weight: 70 },
        b: { provider: "mock", weight: 20 },
        c: { provider: "mock", weight: 10 },
      },
      routes: { main: { strategy: "weighted", targets: ["a", "b", "c"] } },
      breaker: { minRequests: 1, baseEjectMs: 3_600_000, maxEjectMs: 3_600_000 },
    });
    const h = harness(config, { a: answer("A"), b: answer("B"), c: answer("C") }, { random: seededRandom(11) });
    const a = h.router.breaker("a");
    a.record(a.acquire() as NonNullable<ReturnType<typeof a.acquire>>, { ok: false });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 600; i++) {
      const s = h.router.stream(ask(), { signal: new AbortController().signal });
      const m = await s.first;
      counts[m.target] = (counts[m.target] ?? 0) + 1;
      for await (const _ of s.chunks);
    }
    expect(counts.a).toBeUndefined();
    expect(Math.abs((counts.b as number) / 600 - 2 / 3)).toBeLessThan(0.06);
    expect((counts.b as number) + (counts.c as number)).toBe(600);
  });
});
