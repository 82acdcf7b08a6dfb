/**
 * A circuit breaker per target, on errors and on latency.
 *
 * - **closed**: outcomes go into a rolling window (`windowMs`, ten slices, on the
 *   injected clock). With at least `minRequests` outcomes it trips when the share of
 *   failures reaches `errorRate`, or when the p95 time to first token exceeds
 *   `ttftP95Ms` (with at least `minRequests` samples; 0 turns this off).
 * - **open**: the target is skipped for the ejection time: `baseEjectMs`, doubled on
 *   each trip in a row, capped at `maxEjectMs`, back to base once the breaker stayed
 *   closed for `healthyResetMs`.
 * - **half-open** (when the ejection is over): up to `halfOpenProbes` trial requests;
 *   when that many succeeded (a success slower than `ttftP95Ms` is a failure) it
 *   closes with an empty window; any failure re-opens it with the next ejection.
 *
 * Only failures with `countsForBreaker` are failures (5xx, resets, timeouts; not
 * 400/401/422). A 429 never trips it: it marks the target *cooling* until its
 * Retry-After (or `rateLimitCoolMs`) has passed, and cooling targets are skipped.
 *
 * **The route degrades, it never refuses for breaker reasons alone.** When every
 * target of a route is open or cooling, `selectAvailable` returns the one that
 * recovers soonest, and the router tries it anyway (a *forced* attempt, which acts as
 * a probe: its success moves an open breaker to half-open).
 *
 * @example
 *   const b = new CircuitBreaker("openai-day", clock, config.breaker, (s) => gauge.set({ target: "openai-day" }, BREAKER_GAUGE[s]));
 *   const permit = b.acquire();
 *   if (permit) b.record(permit, { ok: true, ttftMs: 420 });
 */
import type { Clock } from "../../clock.ts";
import type { BreakerConfig } from "./config.ts";

/** Breaker states. */
export type BreakerState = "closed" | "half_open" | "open";

/** Gauge values of the states: 0 closed, 1 half-open, 2 open. */
export const BREAKER_GAUGE: Readonly<Record<BreakerState, 0 | 1 | 2>> = { closed: 0, half_open: 1, open: 2 };

/** Leave to make one attempt; hand it back with `record` or `release`. */
export interface BreakerPermit {
  readonly probe: boolean;
  readonly forced: boolean;
  readonly generation: number;
}

/** The outcome of one attempt. `ttftMs` is set when a first token came. */
export interface BreakerOutcome {
  ok: boolean;
  ttftMs?: number;
}

const SLICES = 10;
const SAMPLES_PER_SLICE = 128;

/**
 * Outcomes over the last `windowMs`, in ten slices. Each slice keeps its counts, up
 * to 128 TTFT samples, and how many of those exceed the latency threshold, so the
 * p95 check on every outcome is a sum over ten slices, not a sort: by nearest rank,
 * p95 > threshold exactly when at least `n − rank + 1` samples are above it.
 */
class RollingWindow {
  private readonly epoch = new Float64Array(SLICES).fill(-1);
  private readonly total = new Uint32Array(SLICES);
  private readonly failed = new Uint32Array(SLICES);
  private readonly slow = new Uint32Array(SLICES);
  private readonly ttft: number[][] = Array.from({ length: SLICES }, () => []);

  constructor(
    private windowMs: number,
    private thresholdMs: number,
  ) {}

  setWindow(ms: number, thresholdMs: number): void {
    if (ms !== this.windowMs) {
      this.windowMs = ms;
      this.clear();
    }
    if (thresholdMs !== this.thresholdMs) {
      this.thresholdMs = thresholdMs;
      for (let i = 0; i < SLICES; i++) {
        let n = 0;
        for (const t of this.ttft[i] as number[]) if (t > thresholdMs) n++;
        this.slow[i] = n;
      }
    }
  }

  clear(): void {
    this.epoch.fill(-1);
    this.total.fill(0);
    this.failed.fill(0);
    this.slow.fill(0);
    for (const s of this.ttft) s.length = 0;
  }

  add(now: number, ok: boolean, ttftMs: number | undefined): void {
    const e = Math.floor(now / (this.windowMs / SLICES));
    const i = e % SLICES;
    if (this.epoch[i] !== e) {
      this.epoch[i] = e;
      this.total[i] = 0;
      this.failed[i] = 0;
      this.slow[i] = 0;
      (this.ttft[i] as number[]).length = 0;
    }
    this.total[i] = (this.total[i] as number) + 1;
    if (!ok) this.failed[i] = (this.failed[i] as number) + 1;
    const samples = this.ttft[i] as number[];
    if (ttftMs !== undefined && samples.length < SAMPLES_PER_SLICE) {
      samples.push(ttftMs);
      if (ttftMs > this.thresholdMs) this.slow[i] = (this.slow[i] as number) + 1;
    }
  }

  /** Counts within the window ending at `now`: outcomes, failures, TTFT samples and those above the threshold. */
  stats(now: number): { total: number; failed: number; samples: number; slow: number } {
    const e = Math.floor(now / (this.windowMs / SLICES));
    let total = 0;
    let failed = 0;
    let samples = 0;
    let slow = 0;
    for (let i = 0; i < SLICES; i++) {
      const ep = this.epoch[i] as number;
      if (ep < 0 || ep <= e - SLICES) continue;
      total += this.total[i] as number;
      failed += this.failed[i] as number;
      samples += (this.ttft[i] as number[]).length;
      slow += this.slow[i] as number;
    }
    return { total, failed, samples, slow };
  }

  /** The TTFT samples within the window ending at `now` (for the trip message). */
  samples(now: number): number[] {
    const e = Math.floor(now / (this.windowMs / SLICES));
    const out: number[] = [];
    for (let i = 0; i < SLICES; i++) {
      const ep = this.epoch[i] as number;
      if (ep < 0 || ep <= e - SLICES) continue;
      for (const t of this.ttft[i] as number[]) out.push(t);
    }
    return out;
  }
}

/** Zero-based index of the p-th quantile (0..1) of `n` sorted values, by nearest rank. */
const rankIndex = (n: number, p: number) => Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));

/** The p-th quantile (0..1) of `xs` by nearest rank; NaN when empty. */
export function quantile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = Float64Array.from(xs).sort();
  return sorted[rankIndex(sorted.length, p)] as number;
}

/**
 * The breaker of one target. Single-threaded; reads time from the clock on each call.
 *
 * @example
 *   const b = new CircuitBreaker("qwen", manualClock(0), config.breaker);
 *   b.state(); // "closed"
 */
export class CircuitBreaker {
  private current: BreakerState = "closed";
  private gen = 0;
  private readonly window: RollingWindow;
  private openUntil = 0;
  private coolingUntil = 0;
  private tripsInRow = 0;
  private closedSince: number;
  private probesInFlight = 0;
  private probeSuccesses = 0;
  /** Why it last tripped, for logs and meta. */
  lastTrip: string | undefined;

  constructor(
    readonly id: string,
    private readonly clock: Clock,
    private opts: BreakerConfig,
    private readonly onState?: (state: BreakerState) => void,
  ) {
    this.window = new RollingWindow(opts.windowMs, opts.ttftP95Ms);
    this.closedSince = clock.now();
  }

  /** Applies new settings (after a config reload), keeping the state. */
  setOptions(opts: BreakerConfig): void {
    this.opts = opts;
    this.window.setWindow(opts.windowMs, opts.ttftP95Ms);
  }

  /** The state now; an ejection that is over becomes half-open here. */
  state(): BreakerState {
    if (this.current === "open" && this.clock.now() >= this.openUntil) this.move("half_open");
    return this.current;
  }

  /** True while a 429's Retry-After has not passed. */
  cooling(): boolean {
    // No clock read on the common path: never rate-limited.
    return this.coolingUntil !== 0 && this.clock.now() < this.coolingUntil;
  }

  /** Whether a normal (not forced) attempt would get a permit now. */
  available(): boolean {
    if (this.cooling()) return false;
    const s = this.state();
    return (
      s === "closed" || (s === "half_open" && this.probesInFlight + this.probeSuccesses < this.opts.halfOpenProbes)
    );
  }

  /** When the target is expected to be available again (now, when it is). */
  recoveryAt(): number {
    const now = this.clock.now();
    const s = this.state();
    return Math.max(now, this.coolingUntil, s === "open" ? this.openUntil : now);
  }

  /** Ejection length of the next trip, ms. */
  nextEjectMs(): number {
    return Math.min(this.opts.maxEjectMs, this.opts.baseEjectMs * 2 ** this.tripsBefore());
  }

  /** Trips in a row so far; a breaker closed for `healthyResetMs` starts over. */
  private tripsBefore(): number {
    const healthy = this.current === "closed" && this.clock.now() - this.closedSince >= this.opts.healthyResetMs;
    return healthy ? 0 : this.tripsInRow;
  }

  /**
   * Asks for one attempt. Returns undefined when the breaker says no; `force` always
   * gets a permit (the route's last resort when every target is out).
   */
  acquire(force = false): BreakerPermit | undefined {
    if (!force && !this.available()) return undefined;
    const s = this.state();
    if (s === "closed") return { probe: false, forced: force, generation: this.gen };
    if (s === "half_open" && this.probesInFlight + this.probeSuccesses < this.opts.halfOpenProbes) {
      this.probesInFlight++;
      return { probe: true, forced: force, generation: this.gen };
    }
    return { probe: false, forced: true, generation: this.gen };
  }

  /** Reports the outcome of a permitted attempt, which ended at `now` (default: the clock's now). */
  record(permit: BreakerPermit, outcome: BreakerOutcome, now = this.clock.now()): void {
    const s = this.state();
    const slow = this.opts.ttftP95Ms > 0 && outcome.ttftMs !== undefined && outcome.ttftMs > this.opts.ttftP95Ms;
    if (permit.generation !== this.gen) {
      // Issued before the last state change. Only a forced attempt still says something:
      // the target answered while ejected.
      if (permit.forced && outcome.ok && !slow && s !== "closed") {
        if (s === "open") this.move("half_open");
        this.probeSuccess();
      }
      return;
    }
    if (permit.probe) {
      this.probesInFlight--;
      if (!outcome.ok || slow)
        this.trip(slow ? `half-open probe slow (ttft ${outcome.ttftMs} ms)` : "half-open probe failed");
      else this.probeSuccess();
      return;
    }
    if (permit.forced && s !== "closed") {
      if (outcome.ok && !slow) {
        if (s === "open") this.move("half_open");
        this.probeSuccess();
      } else if (s === "half_open") this.trip("forced attempt failed while half-open");
      return;
    }
    if (s !== "closed") return;
    this.window.add(now, outcome.ok, outcome.ttftMs);
    const { total, failed, samples, slow: slowSamples } = this.window.stats(now);
    if (total >= this.opts.minRequests && failed / total >= this.opts.errorRate) {
      this.trip(`error rate ${Math.round((100 * failed) / total)}% over ${total} requests`);
    } else if (
      this.opts.ttftP95Ms > 0 &&
      samples >= this.opts.minRequests &&
      slowSamples >= samples - rankIndex(samples, 0.95)
    ) {
      const p95 = quantile(this.window.samples(now), 0.95);
      this.trip(`ttft p95 ${Math.round(p95)} ms > ${this.opts.ttftP95Ms} ms`);
    }
  }

  /** Hands back a permit without a verdict (the attempt was cancelled, or rate-limited). */
  release(permit: BreakerPermit): void {
    if (permit.probe && permit.generation === this.gen) this.probesInFlight--;
  }

  /** A 429: skip the target until `retryAfterMs` (or `rateLimitCoolMs`) has passed. Never trips. */
  rateLimited(retryAfterMs: number | undefined): void {
    const until = this.clock.now() + (retryAfterMs ?? this.opts.rateLimitCoolMs);
    if (until > this.coolingUntil) this.coolingUntil = until;
  }

  /** A snapshot for logs and tests. */
  snapshot(): {
    state: BreakerState;
    openUntil: number;
    coolingUntil: number;
    tripsInRow: number;
    lastTrip: string | undefined;
  } {
    return {
      state: this.state(),
      openUntil: this.openUntil,
      coolingUntil: this.coolingUntil,
      tripsInRow: this.tripsInRow,
      lastTrip: this.lastTrip,
    };
  }

  private probeSuccess(): void {
    this.probeSuccesses++;
    if (this.probeSuccesses >= this.opts.halfOpenProbes) {
      this.closedSince = this.clock.now();
      this.move("closed");
    }
  }

  private trip(reason: string): void {
    const eject = this.nextEjectMs();
    this.tripsInRow = this.tripsBefore() + 1;
    this.openUntil = this.clock.now() + eject;
    this.lastTrip = reason;
    this.move("open");
  }

  private move(to: BreakerState): void {
    if (to === this.current) return;
    this.current = to;
    this.gen++;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
    this.window.clear();
    this.onState?.(to);
  }
}

/**
 * The targets worth trying, in the given order: those whose breaker is closed (or
 * half-open with a probe slot) and not cooling. When none is, the one that recovers
 * soonest (first in order on a tie), marked `forced`: the route degrades, it never
 * refuses for breaker reasons alone.
 *
 * @example
 *   const { ids, forced } = selectAvailable(["a", "b"], (id) => breakers.get(id));
 */
export function selectAvailable(
  ids: readonly string[],
  breakerOf: (id: string) => CircuitBreaker,
): { ids: readonly string[]; forced: boolean } {
  // Usually every target is available: the route's own list, no copy.
  let all = true;
  for (const id of ids)
    if (!breakerOf(id).available()) {
      all = false;
      break;
    }
  if (all) return { ids, forced: false };
  const ok = ids.filter((id) => breakerOf(id).available());
  if (ok.length > 0 || ids.length === 0) return { ids: ok, forced: false };
  let best = ids[0] as string;
  let bestAt = breakerOf(best).recoveryAt();
  for (const id of ids.slice(1)) {
    const at = breakerOf(id).recoveryAt();
    if (at < bestAt) {
      best = id;
      bestAt = at;
    }
  }
  return { ids: [best], forced: true };
}

/**
 * The breakers of a router, one per target id; kept across config reloads for the
 * targets that still exist.
 *
 * @example
 *   const set = new BreakerSet(clock, config.breaker, (id, s) => gauge.set({ target: id }, BREAKER_GAUGE[s]));
 *   set.sync(Object.keys(config.targets), config.breaker);
 */
export class BreakerSet {
  private readonly map = new Map<string, CircuitBreaker>();

  constructor(
    private readonly clock: Clock,
    private opts: BreakerConfig,
    private readonly onState?: (target: string, state: BreakerState) => void,
  ) {}

  /** The breaker of `id`, created closed on first use. */
  get(id: string): CircuitBreaker {
    let b = this.map.get(id);
    if (!b) {
      b = new CircuitBreaker(id, this.clock, this.opts, this.onState ? (s) => this.onState?.(id, s) : undefined);
      this.map.set(id, b);
    }
    return b;
  }

  /** Whether `id` has a breaker (targets removed by a reload do not). */
  has(id: string): boolean {
    return this.map.has(id);
  }

  /** Keeps the breakers of `ids` (with new settings) and drops the others. */
  sync(ids: Iterable<string>, opts: BreakerConfig): void {
    this.opts = opts;
    const keep = new Set(ids);
    for (const id of [...this.map.keys()]) if (!keep.has(id)) this.map.delete(id);
    for (const id of keep) this.get(id).setOptions(opts);
  }

  /** Gauge values of every known breaker, for a metrics collect callback. */
  gauges(): Record<string, 0 | 1 | 2> {
    const out: Record<string, 0 | 1 | 2> = {};
    for (const [id, b] of this.map) out[id] = BREAKER_GAUGE[b.state()];
    return out;
  }
}
