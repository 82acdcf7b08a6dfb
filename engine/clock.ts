/**
 * Time as a port, so timers, breakers and limits are tested without sleeping.
 *
 * @example
 *   const clock = manualClock(0);
 *   clock.advance(1_500);
 *   clock.now(); // 1500
 */
export interface Clock {
  /** Milliseconds since the Unix epoch (may be fractional for manual clocks). */
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** How long `preciseClock` runs on one anchor to the wall clock, ms. */
export const PRECISE_ANCHOR_MS = 1_000;

/**
 * Wall-clock time with sub-millisecond precision, for measuring durations and
 * deadlines on hot paths (the LLM router reads the clock about ten times per
 * request): the monotonic clock (`performance.now()`: fractions of a millisecond, and
 * durations that a stepped wall clock does not bend)
 * plus an offset to the wall clock taken again every `PRECISE_ANCHOR_MS`, so a wall
 * clock that is stepped is followed within a second. Fractional: not for stored
 * timestamps (use `systemClock`).
 *
 * @example
 *   const t0 = preciseClock.now(); await work(); const ms = preciseClock.now() - t0; // e.g. 0.734
 */
export const preciseClock: Clock = createPreciseClock({ wall: () => Date.now(), monotonic: () => performance.now() });

/**
 * `preciseClock` over given clocks (tests pass fake ones).
 *
 * @example
 *   const c = createPreciseClock({ wall: () => Date.now(), monotonic: () => performance.now() });
 */
export function createPreciseClock(host: { wall(): number; monotonic(): number }): Clock {
  const start = host.monotonic();
  let offset = host.wall() - start;
  let anchoredUntil = start + PRECISE_ANCHOR_MS;
  return {
    now() {
      const p = host.monotonic();
      if (p >= anchoredUntil) {
        offset = host.wall() - p;
        anchoredUntil = p + PRECISE_ANCHOR_MS;
      }
      return offset + p;
    },
  };
}

/** A clock that moves only when told to; for tests. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

/**
 * Creates a manual clock starting at `startMs`.
 *
 * @example
 *   const c = manualClock(1000); c.advance(5); c.now(); // 1005
 */
export function manualClock(startMs = 0): ManualClock {
  let t = startMs;
  return {
    now: () => t,
    advance: (ms) => {
      if (ms < 0) throw new RangeError("a clock cannot go backwards");
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}
