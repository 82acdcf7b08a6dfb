import { describe, expect, test } from "bun:test";
import { manualClock } from "../../clock.ts";
import { BreakerSet, CircuitBreaker, quantile, selectAvailable } from "./breaker.ts";
import type { BreakerConfig } from "./config.ts";

const opts: BreakerConfig = {
  windowMs: 10_000,
  minRequests: 10,
  errorRate: 0.5,
  ttftP95Ms: 2_000,
  baseEjectMs: 1_000,
  maxEjectMs: 8_000,
  halfOpenProbes: 2,
  healthyResetMs: 60_000,
  rateLimitCoolMs: 1_000,
};

function setup(o: Partial<BreakerConfig> = {}) {
  const clock = manualClock(1_000_000);
  const states: string[] = [];
  const b = new CircuitBreaker("t", clock, { ...opts, ...o }, (s) => states.push(s));
  const run = (ok: boolean, ttftMs?: number) => {
    const p = b.acquire();
    if (!p) throw new Error("no permit");
    b.record(p, ttftMs === undefined ? { ok } : { ok, ttftMs });
  };
  return { clock, b, states, run };
}

describe("circuit breaker", () => {
  test("trips on error rate only with enough requests", () => {
    const { b, run, states } = setup();
    for (let i = 0; i < 4; i++) run(false);
    for (let i = 0; i < 5; i++) run(true, 100);
    expect(b.state()).toBe("closed"); // 4/9 failed, and only 9 requests
    run(false); // 5/10 = 50%
    expect(b.state()).toBe("open");
    expect(states).toEqual(["open"]);
    expect(b.snapshot().lastTrip).toBe("error rate 50% over 10 requests");
    expect(b.acquire()).toBeUndefined();
    expect(b.available()).toBe(false);
  });

  test("old outcomes leave the rolling window", () => {
    const { b, run, clock } = setup();
    for (let i = 0; i < 9; i++) run(false);
    clock.advance(11_000); // the window moved past them
    for (let i = 0; i < 9; i++) run(true, 100);
    run(false);
    expect(b.state()).toBe("closed");
  });

  test("trips when p95 time to first token exceeds ttftP95Ms, with no errors at all", () => {
    const { b, run } = setup();
    for (let i = 0; i < 39; i++) run(true, 300);
    run(true, 5_000);
    expect(b.state()).toBe("closed"); // 1 slow in 40: p95 (the 38th) is 300 ms
    for (let i = 0; i < 2; i++) run(true, 5_000);
    expect(b.state()).toBe("open");
    expect(b.snapshot().lastTrip).toMatch(/^ttft p95 5000 ms > 2000 ms$/);
  });

  test("the p95 check agrees with the nearest-rank quantile at the boundary, and after a threshold change", () => {
    // 20 samples: p95 is the 19th smallest, so one slow sample leaves it fast and two make it slow.
    const { b, run } = setup({ minRequests: 20 });
    for (let i = 0; i < 19; i++) run(true, 100);
    run(true, 2_001);
    expect(quantile([...Array(19).fill(100), 2_001], 0.95)).toBe(100);
    expect(b.state()).toBe("closed");
    run(true, 2_000); // not above the threshold
    expect(b.state()).toBe("closed");
    run(true, 2_500);
    expect(b.state()).toBe("open");
    expect(b.snapshot().lastTrip).toBe("ttft p95 2001 ms > 2000 ms");

    // A lower threshold applies to the samples already in the window.
    const s2 = setup({ minRequests: 20 });
    for (let i = 0; i < 18; i++) s2.run(true, 100);
    for (let i = 0; i < 2; i++) s2.run(true, 1_500);
    expect(s2.b.state()).toBe("closed");
    s2.b.setOptions({ ...opts, minRequests: 20, ttftP95Ms: 1_000 });
    s2.run(true, 100); // 21 samples, 2 above 1000 ms: p95 (the 20th) is 1500
    expect(s2.b.state()).toBe("open");
  });

  test("errors that do not count are never recorded: callers release instead", () => {
    const { b } = setup();
    for (let i = 0; i < 50; i++) {
      const p = b.acquire();
      if (p) b.release(p); // a 400 / 401 / 422: the router releases, the breaker stays closed
    }
    expect(b.state()).toBe("closed");
  });

  test("half-open after the ejection, probes close it, a failed probe re-opens with double ejection", () => {
    const { b, run, clock, states } = setup();
    for (let i = 0; i < 10; i++) run(false);
    expect(b.snapshot().openUntil).toBe(clock.now() + 1_000);
    clock.advance(999);
    expect(b.state()).toBe("open");
    clock.advance(1);
    expect(b.state()).toBe("half_open");
    // Two probe slots, then no more until they report.
    const p1 = b.acquire();
    const p2 = b.acquire();
    expect(p1?.probe && p2?.probe).toBe(true);
    expect(b.acquire()).toBeUndefined();
    b.record(p1 as NonNullable<typeof p1>, { ok: true, ttftMs: 100 });
    b.record(p2 as NonNullable<typeof p2>, { ok: false });
    expect(b.state()).toBe("open");
    expect(b.snapshot().openUntil).toBe(clock.now() + 2_000); // doubled
    clock.advance(2_000);
    expect(b.state()).toBe("half_open");
    run(true, 100);
    expect(b.state()).toBe("half_open"); // needs both probes
    run(true, 100);
    expect(b.state()).toBe("closed");
    expect(states).toEqual(["open", "half_open", "open", "half_open", "closed"]);
  });

  test("a slow probe is a failed probe", () => {
    const { b, run, clock } = setup({ halfOpenProbes: 1 });
    for (let i = 0; i < 10; i++) run(false);
    clock.advance(1_000);
    run(true, 3_000);
    expect(b.state()).toBe("open");
  });

  test("ejection doubles on trips in a row, capped at maxEjectMs, back to base after a healthy period", () => {
    const { b, run, clock } = setup({ halfOpenProbes: 1 });
    const ejections: number[] = [];
    for (let k = 0; k < 6; k++) {
      if (k === 0) for (let i = 0; i < 10; i++) run(false);
      else run(false); // the half-open probe fails
      ejections.push(b.snapshot().openUntil - clock.now());
      clock.advance(b.snapshot().openUntil - clock.now());
    }
    expect(ejections).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    run(true, 100); // probe succeeds: closed
    expect(b.state()).toBe("closed");
    clock.advance(1_000);
    for (let i = 0; i < 10; i++) run(false); // trips again soon: still in a row
    expect(b.snapshot().openUntil - clock.now()).toBe(8_000);
    clock.advance(8_000);
    run(true, 100);
    clock.advance(60_000); // healthy for healthyResetMs
    for (let i = 0; i < 10; i++) run(false);
    expect(b.snapshot().openUntil - clock.now()).toBe(1_000);
  });

  test("429 cools the target until Retry-After, without tripping", () => {
    const { b, clock, states } = setup();
    b.rateLimited(2_500);
    expect(b.cooling()).toBe(true);
    expect(b.available()).toBe(false);
    expect(b.recoveryAt()).toBe(clock.now() + 2_500);
    clock.advance(2_499);
    expect(b.available()).toBe(false);
    clock.advance(1);
    expect(b.available()).toBe(true);
    b.rateLimited(undefined); // no Retry-After: rateLimitCoolMs
    expect(b.recoveryAt()).toBe(clock.now() + 1_000);
    expect(b.state()).toBe("closed");
    expect(states).toEqual([]);
  });

  test("outcomes from before a state change do not count", () => {
    const { b, run } = setup();
    const early = b.acquire();
    for (let i = 0; i < 10; i++) run(false);
    expect(b.state()).toBe("open");
    b.record(early as NonNullable<typeof early>, { ok: false });
    expect(b.snapshot().tripsInRow).toBe(1);
  });

  test("a forced attempt that succeeds while open moves it on to half-open", () => {
    const { b, run } = setup({ halfOpenProbes: 1 });
    for (let i = 0; i < 10; i++) run(false);
    const p = b.acquire(true);
    expect(p?.forced).toBe(true);
    b.record(p as NonNullable<typeof p>, { ok: true, ttftMs: 50 });
    expect(b.state()).toBe("closed"); // one probe needed, and it was this one
  });
});

describe("selectAvailable: the route degrades, it never refuses for breaker reasons alone", () => {
  test("skips open and cooling targets, keeps the order", () => {
    const clock = manualClock(0);
    const set = new BreakerSet(clock, opts);
    set.get("b").rateLimited(5_000);
    expect(selectAvailable(["a", "b", "c"], (id) => set.get(id))).toEqual({ ids: ["a", "c"], forced: false });
  });

  test("when every target is out, the one that recovers soonest is tried anyway", () => {
    const clock = manualClock(0);
    const set = new BreakerSet(clock, { ...opts, minRequests: 1 });
    const trip = (id: string) => {
      const b = set.get(id);
      b.record(b.acquire() as NonNullable<ReturnType<typeof b.acquire>>, { ok: false });
    };
    trip("a"); // open until 1000
    clock.advance(300);
    trip("b"); // open until 1300
    set.get("c").rateLimited(500); // cooling until 800
    expect(selectAvailable(["a", "b", "c"], (id) => set.get(id))).toEqual({ ids: ["c"], forced: true });
    clock.advance(600); // c available again
    expect(selectAvailable(["a", "b", "c"], (id) => set.get(id))).toEqual({ ids: ["c"], forced: false });
    set.get("c").rateLimited(60_000);
    expect(selectAvailable(["a", "b", "c"], (id) => set.get(id))).toEqual({ ids: ["a"], forced: true }); // t=900: a is back first
    clock.advance(100);
    expect(selectAvailable(["a", "b", "c"], (id) => set.get(id))).toEqual({ ids: ["a"], forced: false }); // a half-open
  });

  test("BreakerSet keeps state of surviving targets and exposes gauges", () => {
    const clock = manualClock(0);
    const changes: string[] = [];
    const set = new BreakerSet(clock, { ...opts, minRequests: 1 }, (id, s) => changes.push(`${id}:${s}`));
    const a = set.get("a");
    a.record(a.acquire() as NonNullable<ReturnType<typeof a.acquire>>, { ok: false });
    set.get("b");
    expect(set.gauges()).toEqual({ a: 2, b: 0 });
    set.sync(["a", "c"], opts);
    expect(set.gauges()).toEqual({ a: 2, c: 0 });
    expect(set.get("a")).toBe(a);
    expect(changes).toEqual(["a:open"]);
  });

  test("quantile by nearest rank", () => {
    expect(quantile([5, 1, 4, 2, 3], 0.95)).toBe(5);
    expect(
      quantile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.95,
      ),
    ).toBe(95);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
