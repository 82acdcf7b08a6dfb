import { describe, expect, test } from "bun:test";
import { type ManualClock, manualClock } from "../clock.ts";
import { seededRandom } from "../random.ts";
import { createTimingWheel, type TimerHandle, type TimingWheel, type TimingWheelOptions } from "./timing-wheel.ts";

function setup(opts: Partial<TimingWheelOptions> = {}, start = 0): { clock: ManualClock; wheel: TimingWheel } {
  const clock = manualClock(start);
  return { clock, wheel: createTimingWheel({ clock, ...opts }) };
}

describe("firing time", () => {
  const tick = 10;
  // Delays in ticks at every level boundary of the default wheel (8 bits × 4 levels) and into overflow.
  const boundaryTicks = [
    1,
    2,
    255,
    256,
    257,
    511,
    512,
    65_535,
    65_536,
    65_537,
    2 ** 24 - 1,
    2 ** 24,
    2 ** 24 + 1,
    2 ** 32 - 1,
    2 ** 32,
    2 ** 32 + 257,
  ];
  // Start times: aligned with every level, and not aligned at all.
  for (const start of [0, 1_234_567]) {
    for (const ticks of boundaryTicks) {
      test(`a ${ticks}-tick delay from t=${start} fires exactly on the advance that reaches its tick`, () => {
        const { clock, wheel } = setup({ tickMs: tick }, start);
        let fired = 0;
        const delay = ticks * tick;
        wheel.schedule(delay, () => fired++);
        const due = start + delay;
        const fireAt = Math.ceil(due / tick) * tick; // first tick boundary at or after due
        // Walk there in uneven steps so cascades happen on the way, not only in one jump.
        for (const f of [0.1, 0.37, 0.5, 0.9, 0.999]) {
          clock.set(Math.max(clock.now(), Math.floor(start + (fireAt - 1 - start) * f)));
          wheel.advance();
          expect(fired).toBe(0);
        }
        clock.set(fireAt - 1);
        expect(wheel.advance()).toBe(0);
        expect(fired).toBe(0);
        expect(wheel.nextDueAt()).toBe(fireAt);
        clock.set(fireAt);
        expect(wheel.advance()).toBe(1);
        expect(fired).toBe(1);
        expect(wheel.size).toBe(0);
      });
    }
  }

  test("sub-tick delays (1 ms, tickMs − 1) round up to the tick and never fire early", () => {
    const { clock, wheel } = setup({ tickMs: 10 }, 3);
    const at: number[] = [];
    wheel.schedule(1, () => at.push(clock.now())); // due 4 → tick 1
    wheel.schedule(9, () => at.push(clock.now())); // due 12 → tick 2
    for (let t = 3; t <= 25; t++) {
      clock.set(t);
      wheel.advance();
    }
    expect(at).toEqual([10, 20]);
  });

  test("fractional clock readings never fire early", () => {
    const { clock, wheel } = setup({ tickMs: 10 }, 3.7);
    const at: number[] = [];
    wheel.schedule(6.3, () => at.push(clock.now())); // due 10.0 exactly
    wheel.schedule(6.4, () => at.push(clock.now())); // due 10.1 → tick 2
    for (const t of [9.9, 10, 10.05, 19.99, 20]) {
      clock.set(t);
      wheel.advance();
    }
    expect(at).toEqual([10, 20]);
  });

  test("a timer fires at most one tick after it is due when advance runs on every tick boundary", () => {
    const { clock, wheel } = setup({ tickMs: 10 }, 0);
    const r = seededRandom(7);
    const late: number[] = [];
    for (let i = 0; i < 500; i++) {
      const due = clock.now() + r() * 5_000;
      wheel.schedule(due - clock.now(), () => late.push(clock.now() - due));
    }
    while (wheel.size > 0) {
      clock.advance(10);
      wheel.advance();
    }
    expect(late).toHaveLength(500);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...late)).toBeLessThan(10);
  });

  test("timers fire in due-tick order, whatever order they were scheduled in", () => {
    const { clock, wheel } = setup({ tickMs: 1 });
    const r = seededRandom(3);
    const order: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const d = Math.floor(r() * 300_000);
      wheel.schedule(d, () => order.push(d));
    }
    clock.advance(300_000);
    expect(wheel.advance()).toBe(2_000);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  test("a negative delay counts as 0; a tick already processed is not revisited; NaN, Infinity and > 2^47 are refused", () => {
    const { clock, wheel } = setup({ tickMs: 10 }, 100);
    let fired = 0;
    wheel.schedule(-50, () => fired++); // due at 100 = now: tick 10, not yet processed
    expect(wheel.advance()).toBe(1);
    wheel.schedule(0, () => fired++); // due at 100 too, but tick 10 is done: waits for tick 11
    expect(wheel.advance()).toBe(0);
    clock.advance(9);
    expect(wheel.advance()).toBe(0);
    clock.advance(1);
    expect(wheel.advance()).toBe(1);
    expect(fired).toBe(2);
    expect(() => wheel.schedule(Number.NaN, () => {})).toThrow(RangeError);
    expect(() => wheel.schedule(Number.POSITIVE_INFINITY, () => {})).toThrow(RangeError);
    expect(() => wheel.schedule(2 ** 48, () => {})).toThrow(RangeError);
  });

  test("a clock that goes backwards delays timers rather than firing them early", () => {
    const { clock, wheel } = setup({ tickMs: 10 }, 1_000);
    const at: number[] = [];
    clock.set(500);
    wheel.schedule(100, () => at.push(clock.now())); // due 600, but tick 100 has already been processed
    clock.set(600);
    expect(wheel.advance()).toBe(0);
    clock.set(1_010);
    expect(wheel.advance()).toBe(1);
    expect(at).toEqual([1_010]);
  });
});

describe("cancel and reschedule", () => {
  test("cancel before it fires; cancel is idempotent; cancel after firing is false", () => {
    const { clock, wheel } = setup();
    let fired = 0;
    const a = wheel.schedule(100, () => fired++);
    const b = wheel.schedule(100, () => fired++);
    expect(wheel.cancel(a)).toBe(true);
    expect(wheel.cancel(a)).toBe(false);
    expect(wheel.size).toBe(1);
    clock.advance(100);
    expect(wheel.advance()).toBe(1);
    expect(fired).toBe(1);
    expect(wheel.cancel(b)).toBe(false);
    expect(wheel.size).toBe(0);
  });

  test("a stale handle never cancels or moves the newer timer that reuses its node (ABA)", () => {
    const { clock, wheel } = setup();
    const a = wheel.schedule(100, () => {});
    wheel.cancel(a);
    let fired = 0;
    const b = wheel.schedule(100, () => fired++); // reuses a's node
    expect(b).not.toBe(a);
    expect(wheel.cancel(a)).toBe(false);
    expect(wheel.reschedule(a, 10_000)).toBe(false);
    clock.advance(100);
    expect(wheel.advance()).toBe(1);
    expect(fired).toBe(1);
    // The same after firing: b's node is reused by c.
    const c = wheel.schedule(100, () => fired++);
    expect(wheel.cancel(b)).toBe(false);
    clock.advance(100);
    wheel.advance();
    expect(fired).toBe(2);
    expect(wheel.cancel(c)).toBe(false);
  });

  test("numbers that were never handles are ignored", () => {
    const { wheel } = setup();
    wheel.schedule(100, () => {});
    for (const n of [0, 1, -1, 0.5, Number.NaN, 2 ** 52, 123_456_789]) {
      expect(wheel.cancel(n as TimerHandle)).toBe(false);
      expect(wheel.reschedule(n as TimerHandle, 5)).toBe(false);
    }
    expect(wheel.size).toBe(1);
  });

  test("reschedule later (idle reset) and earlier keeps the handle and callback", () => {
    const { clock, wheel } = setup({ tickMs: 10 });
    const at: number[] = [];
    const h = wheel.schedule(1_000, () => at.push(clock.now()));
    clock.set(900);
    wheel.advance();
    expect(wheel.reschedule(h, 1_000)).toBe(true); // now due at 1900
    clock.set(1_000);
    expect(wheel.advance()).toBe(0);
    expect(wheel.reschedule(h, 50)).toBe(true); // earlier: due at 1050
    clock.set(1_040);
    expect(wheel.advance()).toBe(0);
    clock.set(1_050);
    expect(wheel.advance()).toBe(1);
    expect(at).toEqual([1_050]);
    expect(wheel.reschedule(h, 10)).toBe(false); // fired: no longer pending
    expect(wheel.size).toBe(0);
  });

  test("100k idle resets of one timer, then it fires once", () => {
    const { clock, wheel } = setup({ tickMs: 10 });
    let fired = 0;
    const h = wheel.schedule(60_000, () => fired++);
    for (let i = 0; i < 100_000; i++) {
      clock.advance(1);
      wheel.advance();
      expect(wheel.reschedule(h, 60_000)).toBe(true);
    }
    expect(fired).toBe(0);
    clock.advance(60_000);
    wheel.advance();
    expect(fired).toBe(1);
  });

  test("1M schedule/cancel cycles reuse nodes instead of growing the pool", () => {
    const { wheel } = setup();
    const live: TimerHandle[] = [];
    const fn = () => {};
    for (let i = 0; i < 100; i++) live.push(wheel.schedule(i * 1_000, fn));
    for (let i = 0; i < 1_000_000; i++) wheel.cancel(wheel.schedule((i % 5_000) * 100, fn));
    expect(wheel.size).toBe(100);
    expect(wheel.stats().capacity).toBe(101);
  });
});

describe("callbacks during advance", () => {
  test("a timer that re-arms itself from its callback is an interval", () => {
    const { clock, wheel } = setup({ tickMs: 10 });
    const at: number[] = [];
    const h: TimerHandle = wheel.schedule(10, () => {
      at.push(clock.now());
      if (at.length < 5) expect(wheel.reschedule(h, 10)).toBe(true);
    });
    for (let i = 0; i < 10; i++) {
      clock.advance(10);
      wheel.advance();
    }
    expect(at).toEqual([10, 20, 30, 40, 50]);
    expect(wheel.size).toBe(0);
  });

  test("an interval catching up after a pause runs once, then keeps its period from now", () => {
    const { clock, wheel } = setup({ tickMs: 10 });
    const at: number[] = [];
    const h: TimerHandle = wheel.schedule(100, () => {
      at.push(clock.now());
      wheel.reschedule(h, 100);
    });
    clock.set(10_000);
    expect(wheel.advance()).toBe(1);
    clock.set(10_100);
    expect(wheel.advance()).toBe(1);
    expect(at).toEqual([10_000, 10_100]);
  });

  test("a callback may cancel itself (false: it is running), a later timer of the same tick, or schedule more", () => {
    const { clock, wheel } = setup({ tickMs: 10 });
    const log: string[] = [];
    const results: boolean[] = [];
    let b: TimerHandle;
    const a: TimerHandle = wheel.schedule(10, () => {
      log.push("a");
      results.push(wheel.cancel(a), wheel.cancel(b));
      wheel.schedule(0, () => log.push("next-tick"));
      wheel.schedule(2_560, () => log.push("one-turn-later")); // lands in the very slot being fired
    });
    b = wheel.schedule(10, () => log.push("b"));
    clock.set(10);
    expect(wheel.advance()).toBe(1);
    expect(results).toEqual([false, true]);
    expect(log).toEqual(["a"]);
    expect(wheel.size).toBe(2);
    clock.set(20);
    wheel.advance();
    expect(log).toEqual(["a", "next-tick"]);
    clock.set(2_570);
    wheel.advance();
    expect(log).toEqual(["a", "next-tick", "one-turn-later"]);
    expect(wheel.size).toBe(0);
  });

  test("re-arm then cancel from its own callback frees the timer once", () => {
    const { clock, wheel } = setup({ tickMs: 10 });
    let fired = 0;
    const h: TimerHandle = wheel.schedule(10, () => {
      fired++;
      expect(wheel.reschedule(h, 10)).toBe(true);
      expect(wheel.cancel(h)).toBe(true);
    });
    clock.set(100);
    wheel.advance();
    expect(fired).toBe(1);
    expect(wheel.size).toBe(0);
    const fresh = wheel.schedule(10, () => {});
    expect(wheel.size).toBe(1);
    expect(wheel.cancel(fresh)).toBe(true);
  });

  test("a throwing callback does not stop the others and is reported to onError", () => {
    const errors: unknown[] = [];
    const { clock, wheel } = setup({ tickMs: 10, onError: (e) => errors.push(e) });
    const fired: number[] = [];
    for (let i = 0; i < 5; i++)
      wheel.schedule(10 * (1 + (i % 2)), () => {
        fired.push(i);
        if (i === 0 || i === 3) throw new Error(`boom ${i}`);
      });
    clock.set(20);
    expect(wheel.advance()).toBe(5);
    expect(fired.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(errors.map((e) => (e as Error).message)).toEqual(["boom 0", "boom 3"]);
    expect(wheel.stats().errors).toBe(2);
    expect(wheel.size).toBe(0);
  });

  test("an onError that throws does not strand the remaining timers", () => {
    const { clock, wheel } = setup({
      onError: () => {
        throw new Error("reporter down");
      },
    });
    let fired = 0;
    wheel.schedule(10, () => {
      throw new Error("x");
    });
    wheel.schedule(10, () => fired++);
    clock.set(10);
    expect(wheel.advance()).toBe(2);
    expect(fired).toBe(1);
  });

  test("advance() from inside a callback is refused (reported as that callback's error)", () => {
    const errors: unknown[] = [];
    const { clock, wheel } = setup({ onError: (e) => errors.push(e) });
    wheel.schedule(10, () => wheel.advance());
    clock.set(10);
    wheel.advance();
    expect(String(errors[0])).toContain("inside a timer callback");
  });
});

describe("catch-up after a long pause", () => {
  test("a 30-day clock jump fires 10k timers in due order, visiting occupied ticks only", () => {
    const { clock, wheel } = setup({ tickMs: 10 }, 1_700_000_000_000);
    const r = seededRandom(11);
    const day = 86_400_000;
    const dues: number[] = [];
    const fired: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const d = Math.floor(r() * 30 * day);
      dues.push(d);
      wheel.schedule(d, () => fired.push(d));
    }
    wheel.schedule(31 * day, () => fired.push(-1)); // not due yet
    clock.advance(30 * day);
    expect(wheel.advance()).toBe(10_000);
    expect(fired).toEqual(dues.sort((a, b) => a - b));
    expect(wheel.size).toBe(1);
    // 30 days is 259,200,000 ticks; only occupied ticks and the cascade points of occupied
    // slots are visited: at most one per timer per level (4 levels).
    const s = wheel.stats();
    expect(s.ticks).toBeLessThan(4 * 10_000);
    expect(s.jumps).toBeLessThan(4 * 10_000);
  });

  test("an empty wheel skips any gap in one step", () => {
    const { clock, wheel } = setup();
    clock.advance(365 * 86_400_000);
    expect(wheel.advance()).toBe(0);
    expect(wheel.stats().ticks).toBe(0);
  });
});

describe("bounds and bookkeeping", () => {
  test("maxTimers is a hard bound with a clear RangeError; freed room can be reused", () => {
    const { wheel } = setup({ maxTimers: 3 });
    const hs = [1, 2, 3].map((d) => wheel.schedule(d * 100, () => {}));
    expect(() => wheel.schedule(100, () => {})).toThrow(RangeError);
    expect(() => wheel.schedule(100, () => {})).toThrow(/3 timers are pending \(maxTimers\)/);
    wheel.cancel(hs[0] as TimerHandle);
    expect(() => wheel.schedule(100, () => {})).not.toThrow();
    expect(wheel.size).toBe(3);
  });

  test("invalid options are refused", () => {
    const clock = manualClock(0);
    expect(() => createTimingWheel({ clock, tickMs: 0 })).toThrow(RangeError);
    expect(() => createTimingWheel({ clock, tickMs: 2.5 })).toThrow(RangeError);
    expect(() => createTimingWheel({ clock, wheelBits: 17 })).toThrow(RangeError);
    expect(() => createTimingWheel({ clock, levels: 0 })).toThrow(RangeError);
    expect(() => createTimingWheel({ clock, wheelBits: 16, levels: 4 })).toThrow(/≤ 48/);
    expect(() => createTimingWheel({ clock, maxTimers: 0 })).toThrow(RangeError);
  });

  test("size and nextDueAt follow schedule, cancel, reschedule and firing", () => {
    const { clock, wheel } = setup({ tickMs: 10 }, 5);
    expect(wheel.size).toBe(0);
    expect(wheel.nextDueAt()).toBeUndefined();
    const a = wheel.schedule(1_000_000, () => {}); // a high level
    expect(wheel.nextDueAt()).toBe(1_000_010);
    const b = wheel.schedule(95, () => {});
    wheel.schedule(3_000, () => {});
    expect(wheel.size).toBe(3);
    expect(wheel.nextDueAt()).toBe(100);
    wheel.cancel(b);
    expect(wheel.nextDueAt()).toBe(3_010);
    wheel.reschedule(a, 1);
    expect(wheel.nextDueAt()).toBe(10);
    expect(wheel.size).toBe(2);
    clock.set(3_010);
    expect(wheel.advance()).toBe(2);
    expect(wheel.size).toBe(0);
    expect(wheel.stats().fired).toBe(2);
  });
});

describe("start/stop driver", () => {
  test("the driver calls advance() on the injected clock, and stop() ends it", async () => {
    const { clock, wheel } = setup({ tickMs: 1 });
    const fired = new Promise<number>((resolve) => wheel.schedule(3_600_000, () => resolve(clock.now())));
    wheel.start();
    wheel.start(); // idempotent
    clock.advance(3_600_000); // only the manual clock says an hour has passed
    expect(await fired).toBe(3_600_000);
    wheel.stop();
    wheel.stop();
    let late = 0;
    wheel.schedule(1, () => late++);
    clock.advance(10);
    await Bun.sleep(20); // a stopped driver must not fire it; not a timing assertion
    expect(late).toBe(0);
    expect(wheel.advance()).toBe(1);
  });
});

/** The naive reference: an array of pending timers, fired by sorting on the due tick. */
interface RefTimer {
  h: TimerHandle;
  due: number;
  interval: number; // re-arm period in ms, 0 for one-shot
}

function randomized(name: string, opts: Partial<TimingWheelOptions>, maxDelay: number, seed: number): void {
  test(`randomized against a sorted-array reference: ${name}`, () => {
    const tickMs = opts.tickMs ?? 10;
    const r = seededRandom(seed);
    const { clock, wheel } = setup(opts, 987_654_321);
    const ceilTick = (ms: number) => Math.ceil(ms / tickMs);
    let cur = Math.floor(clock.now() / tickMs); // the reference's next tick to process
    const pending = new Map<TimerHandle, RefTimer>();
    const gone: TimerHandle[] = [];
    let firedNow: TimerHandle[] = [];
    const dueTick = (delay: number) => Math.max(ceilTick(clock.now() + Math.max(delay, 0)), cur);

    const randomDelay = (): number => {
      const k = r();
      if (k < 0.3) return Math.floor(r() * tickMs * 4) - tickMs; // includes negatives and sub-tick
      if (k < 0.6) return Math.floor(r() * tickMs * 300);
      if (k < 0.9) return Math.floor(r() * maxDelay);
      return Math.floor(r() * maxDelay * 3); // past the top level: overflow
    };
    const schedule = (interval: number) => {
      const delay = randomDelay();
      const t = dueTick(delay);
      const h: TimerHandle = wheel.schedule(delay, () => {
        firedNow.push(h);
        const ref = pending.get(h);
        if (!ref) throw new Error("fired a timer the reference does not hold");
        if (ref.interval > 0) {
          ref.due = dueTick(ref.interval);
          wheel.reschedule(h, ref.interval);
        } else {
          pending.delete(h);
          gone.push(h);
        }
      });
      pending.set(h, { h, due: t, interval });
    };
    const pick = (): RefTimer | undefined => {
      if (pending.size === 0) return undefined;
      let n = Math.floor(r() * pending.size);
      for (const t of pending.values()) if (n-- === 0) return t;
      return undefined;
    };

    for (let op = 0; op < 20_000; op++) {
      const k = r();
      if (k < 0.35) schedule(r() < 0.05 ? tickMs * (1 + Math.floor(r() * 50)) : 0);
      else if (k < 0.5) {
        const t = pick();
        if (t) {
          expect(wheel.cancel(t.h)).toBe(true);
          pending.delete(t.h);
          gone.push(t.h);
        }
      } else if (k < 0.65) {
        const t = pick();
        if (t) {
          const delay = randomDelay();
          t.due = dueTick(delay);
          expect(wheel.reschedule(t.h, delay)).toBe(true);
        }
      } else if (k < 0.68 && gone.length > 0) {
        const h = gone[Math.floor(r() * gone.length)] as TimerHandle; // stale handles do nothing
        expect(wheel.cancel(h)).toBe(false);
        expect(wheel.reschedule(h, 5)).toBe(false);
      } else {
        const j = r();
        const step = j < 0.7 ? r() * tickMs * 3 : j < 0.95 ? r() * tickMs * 600 : r() * maxDelay * 2;
        clock.advance(Math.floor(step * 4) / 4); // fractional readings too
        const target = Math.floor(clock.now() / tickMs);
        const expected = [...pending.values()].filter((t) => t.due <= target);
        const dueOf = new Map(expected.map((t) => [t.h, t.due]));
        firedNow = [];
        const n = wheel.advance();
        // Same timers, in non-decreasing due tick (order inside one tick is not specified).
        expect(n).toBe(expected.length);
        expect(new Set(firedNow)).toEqual(new Set(dueOf.keys()));
        const ticks = firedNow.map((h) => dueOf.get(h) as number);
        expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
        cur = Math.max(cur, target + 1);
      }
      expect(wheel.size).toBe(pending.size);
      if (op % 50 === 0) {
        const min = Math.min(...[...pending.values()].map((t) => t.due));
        expect(wheel.nextDueAt()).toBe(pending.size ? min * tickMs : undefined);
      }
    }
  });
}

randomized("default wheel (10 ms × 2^8 × 4 levels)", { tickMs: 10 }, 3_600_000, 42);
randomized(
  "tiny wheel (2^3 × 3 levels) so cascades and overflow happen constantly",
  { tickMs: 10, wheelBits: 3, levels: 3 },
  20_000,
  7,
);
randomized("one level of 2^4 slots", { tickMs: 5, wheelBits: 4, levels: 1 }, 2_000, 99);
