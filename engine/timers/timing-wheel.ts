/**
 * A hierarchical timing wheel (Varghese & Lauck; the classic Linux / Netty /
 * Kafka design) for the conversation engine's many short-lived timers: visitor
 * idle close, first-response SLA, queue-wait alerts, return-to-bot. Schedule,
 * cancel and reschedule are O(1) and allocate nothing once the node pool has
 * grown; most timers are cancelled or reset long before they fire.
 *
 * Time is the injected Clock, in ticks of `tickMs`: a timer due at `now + delay`
 * fires on the first `advance()` whose clock reading has reached that time
 * rounded up to a tick boundary — never early, and at most one tick late when
 * `advance()` runs every tick. Single process, single thread; a timer lives in
 * memory only (persist deadlines elsewhere if they must survive a restart).
 *
 * @example
 *   const wheel = createTimingWheel({ clock: systemClock });
 *   wheel.start(); // unref'd setInterval(tickMs) calling advance()
 *   const idle = wheel.schedule(15 * 60_000, () => closeConversation(id));
 *   wheel.reschedule(idle, 15 * 60_000); // a message arrived: reset the idle timer
 *   wheel.cancel(idle); // conversation closed by the visitor
 */
import type { Clock } from "../clock.ts";

declare const timerBrand: unique symbol;

/**
 * Identifies one scheduled timer: a plain number (no allocation), branded so
 * that an arbitrary number is not mistaken for one. It carries a generation, so
 * a stale handle whose node was reused for a newer timer matches nothing.
 *
 * @example
 *   const h: TimerHandle = wheel.schedule(1_000, () => {});
 *   wheel.cancel(h); // true
 *   wheel.cancel(h); // false: already cancelled, and never touches a newer timer
 */
export type TimerHandle = number & { readonly [timerBrand]: true };

/**
 * Options of `createTimingWheel`. Level 0 holds the next 2^wheelBits ticks;
 * level L holds 2^wheelBits slots of 2^(wheelBits·L) ticks each, so the wheel
 * spans `tickMs · 2^(wheelBits·levels)` ms (10 ms · 2^32 ≈ 497 days by
 * default). Later timers wait in an overflow list that is re-examined each time
 * the top level wraps; they are not clamped.
 *
 * @example
 *   const opts: TimingWheelOptions = { clock: manualClock(0), tickMs: 100, maxTimers: 200_000 };
 */
export interface TimingWheelOptions {
  clock: Clock;
  /** Tick length in ms, an integer ≥ 1; the firing granularity. Default 10. */
  tickMs?: number;
  /** Slots per level = 2^wheelBits, 1..16. Default 8 (256 slots). */
  wheelBits?: number;
  /** Number of levels, 1..8, with wheelBits·levels ≤ 48. Default 4. */
  levels?: number;
  /** Most pending timers, 1..2^30; `schedule` beyond it throws a RangeError. Default 1,000,000. */
  maxTimers?: number;
  /**
   * Receives what a timer callback throws; the other due timers still fire.
   * Default: `console.error`. An error thrown by `onError` itself is dropped.
   */
  onError?: (error: unknown) => void;
}

/**
 * Counters for tests and metrics. `ticks` counts ticks visited one by one and
 * `jumps` the empty stretches skipped, so a long clock jump is visibly cheap.
 *
 * @example
 *   const { fired, cascaded } = wheel.stats();
 */
export interface TimingWheelStats {
  /** Ticks processed one at a time by `advance`. */
  ticks: number;
  /** Times `advance` skipped an empty stretch of ticks in one step. */
  jumps: number;
  /** Timers moved down a level (or out of overflow) as the wheel turned. */
  cascaded: number;
  /** Callbacks run. */
  fired: number;
  /** Callbacks that threw. */
  errors: number;
  /** Timer nodes allocated (the pool's high-water mark; never shrinks). */
  capacity: number;
}

/**
 * The timing wheel. Not re-entrant: `advance` must not be called from inside
 * a timer callback (it throws), but callbacks may schedule, cancel and
 * reschedule any timer, including the one running.
 *
 * @example
 *   const clock = manualClock(0);
 *   const wheel = createTimingWheel({ clock });
 *   wheel.schedule(25, () => console.log("due"));
 *   clock.advance(30);
 *   wheel.advance(); // 1: logs "due"
 */
export interface TimingWheel {
  /**
   * Runs `fn` once, on the first `advance()` whose clock reading has reached
   * `now + delayMs` rounded up to a tick boundary (never early). A negative
   * delay counts as 0. A tick `advance()` has already processed is not
   * revisited: a timer due inside it (delay 0, or a clock that went backwards)
   * fires on the next tick. Throws a RangeError when `maxTimers` timers are
   * pending or `delayMs` is NaN or exceeds 2^47 ms.
   */
  schedule(delayMs: number, fn: () => void): TimerHandle;
  /** Cancels a pending timer: true if it was pending; false (and no effect) for a fired, cancelled or stale handle. */
  cancel(handle: TimerHandle): boolean;
  /**
   * Moves a pending timer to `now + delayMs` keeping its handle and callback
   * (an idle reset). Called from a timer's own callback it re-arms that timer,
   * which is how to build an interval. False if the handle is not pending.
   */
  reschedule(handle: TimerHandle, delayMs: number): boolean;
  /**
   * Fires every timer due at `clock.now()`, in due-tick order, and returns how
   * many fired. Empty stretches are skipped, so catching up after a long pause
   * costs about one step per occupied slot, not one per elapsed tick.
   */
  advance(): number;
  /** Starts a real-time driver: `setInterval(advance, tickMs)`, unref'd so it never keeps the process alive. Idempotent. */
  start(): void;
  /** Stops the driver started by `start`. Idempotent; pending timers stay pending. */
  stop(): void;
  /** Pending timers. */
  readonly size: number;
  /** Clock time (ms) at which `advance()` will fire the earliest pending timer, or undefined when none is pending. O(slots). */
  nextDueAt(): number | undefined;
  /** A snapshot of the counters. */
  stats(): TimingWheelStats;
}

/** Largest accepted delay, so due ticks stay exact integers in a double. */
const MAX_DELAY_MS = 2 ** 47;
const FREE = 0;
const PENDING = 1;
const RUNNING = 2;
const INITIAL_NODES = 1024;

function checkInt(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max)
    throw new RangeError(`timing wheel: ${name} must be an integer in [${min}, ${max}], got ${v}`);
  return v;
}

/**
 * Creates a timing wheel on `opts.clock`. Memory: about 33 bytes per timer
 * node plus the callback; the node pool grows by doubling up to `maxTimers`
 * and is reused through a free list.
 *
 * @example
 *   const wheel = createTimingWheel({ clock: systemClock, tickMs: 10, maxTimers: 500_000 });
 */
export function createTimingWheel(opts: TimingWheelOptions): TimingWheel {
  const clock = opts.clock;
  const tickMs = checkInt("tickMs", opts.tickMs ?? 10, 1, 2 ** 31);
  const bits = checkInt("wheelBits", opts.wheelBits ?? 8, 1, 16);
  const levels = checkInt("levels", opts.levels ?? 4, 1, 8);
  if (bits * levels > 48) throw new RangeError(`timing wheel: wheelBits·levels must be ≤ 48, got ${bits * levels}`);
  const maxTimers = checkInt("maxTimers", opts.maxTimers ?? 1_000_000, 1, 2 ** 30);
  const onError =
    opts.onError ??
    ((e: unknown) => {
      console.error("timing wheel: a timer callback threw", e);
    });

  const slots = 1 << bits;
  const mask = slots - 1;
  /** span[L] = ticks per slot at level L; span[levels] = ticks the whole wheel covers. */
  const span: number[] = [];
  for (let l = 0; l <= levels; l++) span.push(2 ** (bits * l));
  const range = span[levels] as number;

  // Node indices 0..SENTINELS-1 are list sentinels (circular doubly-linked lists):
  // one per slot, then the overflow list, the list being fired and a scratch list for cascades.
  const OVERFLOW = levels * slots;
  const FIRING = OVERFLOW + 1;
  const SCRATCH = OVERFLOW + 2;
  const SENTINELS = OVERFLOW + 3;
  const maxNodes = SENTINELS + maxTimers + 1; // +1: the timer whose callback is running
  const idxBits = Math.ceil(Math.log2(maxNodes));
  const idxSpan = 2 ** idxBits;
  const idxMask = idxSpan - 1;
  const genLimit = 2 ** (53 - idxBits);

  let cap = Math.min(maxNodes, SENTINELS + INITIAL_NODES);
  let next = new Int32Array(cap);
  let prev = new Int32Array(cap);
  let due = new Float64Array(cap); // due tick
  let gen = new Float64Array(cap);
  let state = new Uint8Array(cap);
  const fns: ((() => void) | undefined)[] = new Array(SENTINELS).fill(undefined);
  for (let s = 0; s < SENTINELS; s++) {
    next[s] = s;
    prev[s] = s;
  }
  let used = SENTINELS; // first never-used node
  let freeHead = -1; // free list, chained through next[]
  let live = 0;
  let advancing = false;
  let driver: ReturnType<typeof setInterval> | undefined;
  const st = { ticks: 0, jumps: 0, cascaded: 0, fired: 0, errors: 0 };

  const floorTick = (ms: number): number => {
    let k = Math.floor(ms / tickMs);
    if (k * tickMs > ms) k--;
    return k;
  };
  const ceilTick = (ms: number): number => {
    let k = Math.ceil(ms / tickMs);
    if (k * tickMs < ms) k++;
    return k;
  };

  /** The next tick to process: every timer due before it has fired. */
  let cur = floorTick(clock.now());

  function grow(): void {
    const n = Math.min(maxNodes, cap * 2);
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    next = copy(next, new Int32Array(n));
    prev = copy(prev, new Int32Array(n));
    due = copy(due, new Float64Array(n));
    gen = copy(gen, new Float64Array(n));
    state = copy(state, new Uint8Array(n));
    cap = n;
  }

  function alloc(): number {
    if (freeHead >= 0) {
      const i = freeHead;
      freeHead = next[i] as number;
      return i;
    }
    if (used === cap) grow();
    fns.push(undefined);
    return used++;
  }

  function release(i: number): void {
    state[i] = FREE;
    fns[i] = undefined;
    const g = (gen[i] as number) + 1;
    gen[i] = g < genLimit ? g : 0;
    next[i] = freeHead;
    freeHead = i;
  }

  function unlink(i: number): void {
    const n = next[i] as number;
    const p = prev[i] as number;
    next[p] = n;
    prev[n] = p;
  }

  function linkTail(s: number, i: number): void {
    const p = prev[s] as number;
    next[p] = i;
    prev[i] = p;
    next[i] = s;
    prev[s] = i;
  }

  /** Moves the whole list of sentinel `from` to the empty list of sentinel `to`. */
  function spliceAll(from: number, to: number): void {
    const first = next[from] as number;
    const last = prev[from] as number;
    next[to] = first;
    prev[first] = to;
    prev[to] = last;
    next[last] = to;
    next[from] = from;
    prev[from] = from;
  }

  /** Files node i (due tick t ≥ cur) in the slot its distance from cur selects. */
  function place(i: number, t: number): void {
    const d = t - cur;
    let s: number;
    if (d < slots) s = (t >>> 0) & mask;
    else if (d >= range) s = OVERFLOW;
    else {
      let l = 1;
      while (d >= (span[l + 1] as number)) l++;
      s = l * slots + ((Math.floor(t / (span[l] as number)) >>> 0) & mask);
    }
    linkTail(s, i);
  }

  function dueTick(delayMs: number): number {
    if (!(delayMs <= MAX_DELAY_MS))
      throw new RangeError(`timing wheel: delayMs must be a number ≤ 2^47 ms, got ${delayMs}`);
    return Math.max(ceilTick(clock.now() + Math.max(delayMs, 0)), cur);
  }

  /** The node of a pending or running handle, or -1. */
  function nodeOf(h: number): number {
    const i = h & idxMask;
    if (i < SENTINELS || i >= used || gen[i] !== (h - i) / idxSpan) return -1;
    return i;
  }

  /** Re-files every timer of list `s` relative to cur (a cascade). */
  function cascade(s: number): void {
    if (next[s] === s) return;
    spliceAll(s, SCRATCH);
    while (next[SCRATCH] !== SCRATCH) {
      const i = next[SCRATCH] as number;
      unlink(i);
      place(i, due[i] as number);
      st.cascaded++;
    }
  }

  /** Processes tick cur: cascades the levels that wrap here, then fires its slot. */
  function runTick(): number {
    const t = cur;
    st.ticks++;
    let q = t;
    for (let l = 1; l <= levels; l++) {
      if (((q >>> 0) & mask) !== 0) break;
      q = Math.floor(q / slots);
      cascade(l === levels ? OVERFLOW : l * slots + ((q >>> 0) & mask));
    }
    const s = (t >>> 0) & mask;
    cur = t + 1;
    if (next[s] === s) return 0;
    // Fire from a detached list: timers scheduled by callbacks for tick t + 2^bits land in slot s.
    spliceAll(s, FIRING);
    let n = 0;
    while (next[FIRING] !== FIRING) {
      const i = next[FIRING] as number;
      unlink(i);
      state[i] = RUNNING;
      live--;
      const fn = fns[i] as () => void;
      try {
        fn();
      } catch (e) {
        st.errors++;
        try {
          onError(e);
        } catch {
          // an error reporter that throws must not strand the timers still to fire
        }
      }
      if (state[i] === RUNNING) release(i); // not re-armed by its callback
      n++;
    }
    st.fired += n;
    return n;
  }

  /** The next tick ≥ cur at which a slot fires or a non-empty slot cascades (Infinity if none). */
  function nextEvent(): number {
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < slots; k++) {
      const s = ((cur + k) >>> 0) & mask;
      if (next[s] !== s) {
        best = cur + k;
        break;
      }
    }
    for (let l = 1; l < levels; l++) {
      const x = span[l] as number;
      let u = Math.ceil(cur / x);
      for (let k = 0; k < slots; k++, u++) {
        if (u * x >= best) break;
        const s = l * slots + ((u >>> 0) & mask);
        if (next[s] !== s) {
          best = u * x;
          break;
        }
      }
    }
    if (next[OVERFLOW] !== OVERFLOW) best = Math.min(best, Math.ceil(cur / range) * range);
    return best;
  }

  function minDueIn(s: number, best: number): number {
    for (let i = next[s] as number; i !== s; i = next[i] as number) {
      const t = due[i] as number;
      if (t < best) best = t;
    }
    return best;
  }

  function advance(): number {
    if (advancing) throw new Error("timing wheel: advance() called from inside a timer callback");
    const target = floorTick(clock.now());
    if (target < cur) return 0;
    advancing = true;
    let fired = 0;
    try {
      while (cur <= target) {
        if (live === 0) {
          cur = target + 1;
          break;
        }
        if (target - cur >= slots) {
          const e = nextEvent();
          if (e > target) {
            cur = target + 1;
            st.jumps++;
            break;
          }
          if (e > cur) {
            cur = e;
            st.jumps++;
          }
        }
        fired += runTick();
      }
    } finally {
      advancing = false;
    }
    return fired;
  }

  const wheel: TimingWheel = {
    schedule(delayMs, fn) {
      if (typeof fn !== "function") throw new TypeError("timing wheel: schedule needs a callback function");
      const t = dueTick(delayMs);
      if (live >= maxTimers)
        throw new RangeError(
          `timing wheel: ${maxTimers} timers are pending (maxTimers); cancel some or raise maxTimers`,
        );
      const i = alloc();
      due[i] = t;
      fns[i] = fn;
      state[i] = PENDING;
      place(i, t);
      live++;
      return ((gen[i] as number) * idxSpan + i) as TimerHandle;
    },
    cancel(handle) {
      const i = nodeOf(handle);
      if (i < 0 || state[i] !== PENDING) return false;
      unlink(i);
      release(i);
      live--;
      return true;
    },
    reschedule(handle, delayMs) {
      const i = nodeOf(handle);
      if (i < 0) return false;
      const was = state[i];
      if (was === FREE) return false;
      const t = dueTick(delayMs);
      if (was === PENDING) unlink(i);
      else {
        state[i] = PENDING; // re-armed from its own callback
        live++;
      }
      due[i] = t;
      place(i, t);
      return true;
    },
    advance,
    start() {
      if (driver) return;
      driver = setInterval(() => {
        if (!advancing) advance();
      }, tickMs);
      driver.unref?.();
    },
    stop() {
      if (!driver) return;
      clearInterval(driver);
      driver = undefined;
    },
    get size() {
      return live;
    },
    nextDueAt() {
      if (live === 0) return undefined;
      let best = minDueIn(FIRING, Number.POSITIVE_INFINITY); // only non-empty inside a callback
      for (let l = 0; l < levels; l++) {
        const x = span[l] as number;
        let u = Math.ceil(cur / x);
        for (let k = 0; k < slots; k++, u++) {
          const s = l * slots + ((u >>> 0) & mask);
          if (next[s] !== s) {
            best = minDueIn(s, best);
            break;
          }
        }
      }
      best = minDueIn(OVERFLOW, best);
      return best * tickMs;
    },
    stats() {
      return { ...st, capacity: used - SENTINELS };
    },
  };
  return wheel;
}
