/**
 * Latency strategy: lowest time to first token first. Each target's TTFT is an
 * exponentially weighted moving average (EWMA) of its recent first tokens. Targets
 * never measured go first (to measure them); with probability `explore` a random
 * other target is moved to the front, so a target that was slow (or ejected) and has
 * recovered gets re-measured and can win its place back.
 *
 * @example
 *   const tracker = new LatencyTracker();
 *   tracker.observe("a", 300); tracker.observe("b", 900);
 *   orderByLatency(["a", "b"], tracker, Math.random, 0.05).ids; // ["a","b"] about 95% of the time
 */

/** EWMA of time to first token per target, shared by all routes of a router. */
export class LatencyTracker {
  private readonly ewma = new Map<string, number>();

  /** `alpha`: weight of the newest sample (0..1]. */
  constructor(private readonly alpha = 0.3) {}

  /** A first token after `ttftMs`. */
  observe(id: string, ttftMs: number): void {
    const prev = this.ewma.get(id);
    this.ewma.set(id, prev === undefined ? ttftMs : prev + this.alpha * (ttftMs - prev));
  }

  /**
   * No first token after `ms` (the attempt lost a hedge, or timed out): the true TTFT is
   * at least `ms`, so the estimate moves up toward it, never down.
   */
  observeAtLeast(id: string, ms: number): void {
    const prev = this.ewma.get(id);
    if (prev === undefined || ms > prev) this.observe(id, ms);
  }

  /** The estimate, or undefined before the first sample. */
  estimate(id: string): number | undefined {
    return this.ewma.get(id);
  }

  /** Drops targets not in `ids` (after a config reload). */
  retain(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of [...this.ewma.keys()]) if (!keep.has(id)) this.ewma.delete(id);
  }
}

/**
 * Orders `targets` fastest first. `explored` names the target moved to the front by
 * exploration (or by never having been measured), for the strategy path.
 *
 * @example
 *   orderByLatency(["slow", "fast"], tracker, seededRandom(7), 0.05); // { ids: ["fast", "slow"] }
 */
export function orderByLatency(
  targets: readonly string[],
  tracker: LatencyTracker,
  random: () => number,
  explore: number,
): { ids: string[]; explored?: string } {
  const ids = targets
    .map((id, i) => ({ id, i, t: tracker.estimate(id) ?? Number.NEGATIVE_INFINITY }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.id);
  const first = ids[0];
  if (first !== undefined && tracker.estimate(first) === undefined) return { ids, explored: first };
  const roll = random();
  if (ids.length > 1 && roll < explore) {
    // Reuse the roll: roll/explore is uniform in [0,1) given roll < explore.
    const k = 1 + Math.min(ids.length - 2, Math.floor((roll / explore) * (ids.length - 1)));
    const [picked] = ids.splice(k, 1);
    ids.unshift(picked as string);
    return { ids, explored: picked as string };
  }
  return { ids };
}
