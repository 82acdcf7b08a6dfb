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
