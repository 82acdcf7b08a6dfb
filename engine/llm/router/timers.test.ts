import { describe, expect, test } from "bun:test";
import { coalescedTimers, type TimerHost } from "./timers.ts";

/** A host whose real timers are a list the test fires by hand, at the time it sets. */
function fakeHost() {
  let now = 0;
  let id = 0;
  const armed = new Map<number, { at: number; fn: () => void }>();
  const host: TimerHost = {
    now: () => now,
    set(fn, ms) {
      armed.set(++id, { at: now + ms, fn });
      return id;
    },
    clear: (h) => {
      armed.delete(h as number);
    },
  };
  /** Moves time to `t`, firing the real timers due by then in time order. */
  const runTo = (t: number) => {
    for (;;) {
      const due = [...armed].filter(([, a]) => a.at <= t).sort((x, y) => x[1].at - y[1].at)[0];
      if (!due) break;
      armed.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = t;
  };
  return { host, armed, runTo, setNow: (t: number) => (now = t) };
}

describe("coalescedTimers", () => {
  test("timers due in the same millisecond share one real timer and fire in the order armed", () => {
    const h = fakeHost();
    const timers = coalescedTimers(h.host);
    const fired: string[] = [];
    h.setNow(10.2);
    timers.after(100, () => fired.push("a"));
    h.setNow(10.7);
    timers.after(100, () => fired.push("b"));
    timers.after(100, () => fired.push("c"));
    expect(h.armed.size).toBe(1);
    h.runTo(110.9);
    expect(fired).toEqual([]);
    h.runTo(111);
    expect(fired).toEqual(["a", "b", "c"]);
    expect(timers.slots()).toBe(0);
  });

  test("never fires early; a long timer fires at most ms / 256 late", () => {
    const h = fakeHost();
    const timers = coalescedTimers(h.host);
    const at: number[] = [];
    h.setNow(3.3);
    timers.after(120_000, () => at.push(h.host.now()));
    timers.after(500, () => at.push(h.host.now()));
    h.runTo(200_000);
    expect(at).toHaveLength(2);
    const [long, hedge] = [at[1] as number, at[0] as number];
    expect(hedge).toBeGreaterThanOrEqual(503.3);
    expect(hedge - 503.3).toBeLessThanOrEqual(1);
    expect(long).toBeGreaterThanOrEqual(120_003.3);
    expect(long - 120_003.3).toBeLessThanOrEqual(120_000 / 256);
  });

  test("cancelling skips the timer; cancelling a slot's last timer clears the real one", () => {
    const h = fakeHost();
    const timers = coalescedTimers(h.host);
    const fired: string[] = [];
    const cancelA = timers.after(50, () => fired.push("a"));
    const cancelB = timers.after(50, () => fired.push("b"));
    cancelA();
    expect(h.armed.size).toBe(1);
    cancelB();
    cancelB(); // idempotent
    expect(h.armed.size).toBe(0);
    expect(timers.slots()).toBe(0);
    timers.after(50, () => fired.push("c"));
    h.runTo(100);
    expect(fired).toEqual(["c"]);
  });

  test("a timer cancelled by another of its slot does not fire; one armed while firing gets its own slot", () => {
    const h = fakeHost();
    const timers = coalescedTimers(h.host);
    const fired: string[] = [];
    let cancelB: () => void = () => {};
    timers.after(20, () => {
      fired.push("a");
      cancelB();
      timers.after(0, () => fired.push("later"));
    });
    cancelB = timers.after(20, () => fired.push("b"));
    h.runTo(20);
    expect(fired).toEqual(["a", "later"]);
    expect(timers.slots()).toBe(0);
  });

  test("an exception in one timer does not stop the others of its slot; it is re-thrown after", () => {
    const h = fakeHost();
    const timers = coalescedTimers(h.host);
    const fired: string[] = [];
    timers.after(5, () => {
      throw new Error("boom");
    });
    timers.after(5, () => fired.push("b"));
    expect(() => h.runTo(5)).toThrow("boom");
    expect(fired).toEqual(["b"]);
    expect(timers.slots()).toBe(0);
  });

  test("the default host runs on real timers", async () => {
    const timers = coalescedTimers();
    const fired = await new Promise<string>((resolve) => timers.after(1, () => resolve("fired")));
    expect(fired).toBe("fired");
  });
});
