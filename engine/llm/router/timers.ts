/**
 * One-shot timers as a port, so hedging, first-byte and idle timeouts run on the
 * injected clock: production uses `systemTimers` (setTimeout) or a timing wheel,
 * tests use `manualTimers(clock)` and never sleep.
 *
 * @example
 *   const cancel = systemTimers.after(500, () => startHedge());
 *   cancel(); // the primary answered first
 */
import type { ManualClock } from "../../clock.ts";
import type { TimingWheel } from "../../timers/timing-wheel.ts";

/** Schedules `fn` once after `ms`; the returned function cancels it (idempotent). */
export interface Timers {
  after(ms: number, fn: () => void): () => void;
}

/**
 * Timers on `setTimeout`, unref'd so a pending hedge never keeps the process alive.
 *
 * @example
 *   createLlmRouter({ config, providers, clock: systemClock, timers: systemTimers });
 */
export const systemTimers: Timers = {
  after(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    (t as { unref?: () => void }).unref?.();
    return () => clearTimeout(t);
  },
};

/** The real timer underneath `coalescedTimers` (injectable for tests). */
export interface TimerHost {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realHost: TimerHost = {
  now: () => performance.now(),
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    (t as { unref?: () => void }).unref?.();
    return t;
  },
  clear: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
};

/** A timer of `ms` may fire up to ms / COALESCE_DIVISOR late (a power of two ms, at least 1). */
export const COALESCE_DIVISOR = 256;

/**
 * Millisecond timers that share one real timer among all those due in the same slot.
 * The router arms two per request (the hedge and the attempt's deadline) and cancels
 * both when the answer comes; under load, the requests of one millisecond then share
 * one `setTimeout` instead of one each. A timer fires no earlier than asked and at most
 * `max(1 ms, ms / 256)` later (a 500 ms hedge: ≤ 2 ms; a 120 s deadline: ≤ 256 ms).
 * Timers of one slot fire in the order they were armed; an exception in one is
 * re-thrown after the others ran.
 *
 * @example
 *   createLlmRouter({ config, providers, clock: systemClock, timers: coalescedTimers() });
 */
export function coalescedTimers(host: TimerHost = realHost): Timers & { slots(): number } {
  const slots = new Map<number, { entries: Set<{ fn: () => void }>; handle: unknown }>();
  // The router asks for the same few delays (its hedge, its deadlines): their grains are kept.
  const grains = new Map<number, number>();
  const grainOf = (wait: number) => {
    let g = grains.get(wait);
    if (g === undefined) {
      g = wait < 2 * COALESCE_DIVISOR ? 1 : 2 ** Math.floor(Math.log2(wait / COALESCE_DIVISOR));
      if (grains.size < 64) grains.set(wait, g);
    }
    return g;
  };
  const fire = (due: number) => {
    const slot = slots.get(due);
    if (!slot) return;
    slots.delete(due);
    let error: { e: unknown } | undefined;
    for (const entry of slot.entries) {
      try {
        entry.fn();
      } catch (e) {
        error ??= { e };
      }
    }
    if (error) throw error.e;
  };
  return {
    after(ms, fn) {
      const wait = Math.max(0, ms);
      const grain = grainOf(wait);
      const now = host.now();
      const due = Math.ceil((now + wait) / grain) * grain;
      let slot = slots.get(due);
      if (!slot) {
        const made = { entries: new Set<{ fn: () => void }>(), handle: undefined as unknown };
        made.handle = host.set(() => fire(due), due - now);
        slots.set(due, made);
        slot = made;
      }
      const entry = { fn };
      const mine = slot;
      mine.entries.add(entry);
      return () => {
        if (!mine.entries.delete(entry) || mine.entries.size > 0 || slots.get(due) !== mine) return;
        // The slot's last timer was cancelled: so is the real one.
        slots.delete(due);
        host.clear(mine.handle);
      };
    },
    slots: () => slots.size,
  };
}

/**
 * Timers on a started timing wheel (O(1) schedule/cancel; fires up to one tick late).
 *
 * @example
 *   const wheel = createTimingWheel({ clock: systemClock, tickMs: 10 }); wheel.start();
 *   createLlmRouter({ config, providers, clock: systemClock, timers: wheelTimers(wheel) });
 */
export function wheelTimers(wheel: TimingWheel): Timers {
  return {
    after(ms, fn) {
      const h = wheel.schedule(Math.max(0, ms), fn);
      return () => {
        wheel.cancel(h);
      };
    },
  };
}

/** Timers that fire only when a test advances its manual clock. */
export interface ManualTimers extends Timers {
  /**
   * Moves the clock forward by `ms`, firing due timers in time order with the clock set
   * to each one's due time, and letting promises settle after each (so work a timer
   * starts can schedule timers that are due within the same advance).
   */
  advance(ms: number): Promise<void>;
  /** Timers scheduled and not yet fired or cancelled. */
  pending(): number;
}

/** Lets every queued promise reaction run (a macrotask turn); not a sleep. */
export const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Manual timers over a manual clock, for tests.
 *
 * @example
 *   const clock = manualClock(0); const timers = manualTimers(clock);
 *   timers.after(500, () => console.log("hedge"));
 *   await timers.advance(499); // nothing
 *   await timers.advance(1);   // "hedge", clock.now() === 500
 */
export function manualTimers(clock: ManualClock): ManualTimers {
  let seq = 0;
  const queue: { due: number; seq: number; fn: () => void }[] = [];
  return {
    after(ms, fn) {
      const entry = { due: clock.now() + Math.max(0, ms), seq: seq++, fn };
      queue.push(entry);
      return () => {
        const i = queue.indexOf(entry);
        if (i >= 0) queue.splice(i, 1);
      };
    },
    async advance(ms) {
      const end = clock.now() + ms;
      await settle();
      for (;;) {
        let next: (typeof queue)[number] | undefined;
        for (const e of queue)
          if (e.due <= end && (!next || e.due < next.due || (e.due === next.due && e.seq < next.seq))) next = e;
        if (!next) break;
        queue.splice(queue.indexOf(next), 1);
        if (next.due > clock.now()) clock.set(next.due);
        next.fn();
        await settle();
      }
      clock.set(end);
      await settle();
    },
    pending: () => queue.length,
  };
}
