// The hot path's histogram child against prom-client's own: the same values give the same exposition.
import { describe, expect, test } from "bun:test";
import { Histogram, Registry } from "prom-client";
import { histogramChild } from "./metrics.ts";

function pair() {
  const make = () => {
    const registry = new Registry();
    const h = new Histogram({
      name: "t_seconds",
      help: "test",
      labelNames: ["method", "route"] as const,
      buckets: [0.001, 0.01, 0.1, 1],
      registers: [registry],
    });
    return { registry, h };
  };
  return { ours: make(), theirs: make() };
}

const values = [0, 0.0005, 0.001, 0.0010001, 0.01, 0.05, 0.1, 0.99, 1, 1.5, 42];

describe("histogramChild", () => {
  test("gives the exposition prom-client's own child gives, per label set", async () => {
    const { ours, theirs } = pair();
    const a = histogramChild(ours.h, { method: "POST", route: "/a" });
    const b = histogramChild(ours.h, { method: "GET", route: "/b" });
    for (const v of values) {
      a.observe(v);
      theirs.h.labels("POST", "/a").observe(v);
    }
    for (const v of values.slice(3)) {
      b.observe(v);
      theirs.h.labels("GET", "/b").observe(v);
    }
    const text = await ours.registry.metrics();
    expect(text).toBe(await theirs.registry.metrics());
    expect(text).toContain('t_seconds_bucket{le="0.001",method="POST",route="/a"} 3');
    expect(text).toContain('t_seconds_count{method="POST",route="/a"} 11');
  });

  test("two children of one series, and prom-client's own child, add up instead of resetting each other", async () => {
    const { ours, theirs } = pair();
    const a1 = histogramChild(ours.h, { method: "POST", route: "/a" });
    a1.observe(0.005);
    const a2 = histogramChild(ours.h, { method: "POST", route: "/a" });
    a2.observe(0.05);
    ours.h.labels("POST", "/a").observe(0.5);
    a1.observe(5);
    for (const v of [0.005, 0.05, 0.5, 5]) theirs.h.labels("POST", "/a").observe(v);
    const text = await ours.registry.metrics();
    expect(text).toBe(await theirs.registry.metrics());
    expect(text).toContain('t_seconds_count{method="POST",route="/a"} 4');
  });

  test("keeps counting after a reset, and refuses a value that is not a finite number", async () => {
    const { ours, theirs } = pair();
    const a = histogramChild(ours.h, { method: "POST", route: "/a" });
    a.observe(0.5);
    ours.h.reset();
    a.observe(0.05);
    theirs.h.labels("POST", "/a").observe(0.05);
    expect(await ours.registry.metrics()).toBe(await theirs.registry.metrics());
    expect(() => a.observe(Number.NaN)).toThrow(TypeError);
  });
});
