/**
 * The retry budget: extra attempts (failover, hedge, restart) are allowed only
 * while, over the last `windowMs`,
 *
 *     extra attempts < budgetRatio × requests + minRetriesPerSec × windowMs / 1000
 *
 * so a 5xx storm multiplies upstream load by at most 1 + budgetRatio instead of by
 * the number of targets (Finagle's RetryBudget, Envoy's retry budgets). The first
 * attempt of a request is never refused. Counted in ten slices on the injected clock.
 *
 * @example
 *   const budget = new RetryBudget(clock, { budgetRatio: 0.2, minRetriesPerSec: 1, windowMs: 10_000 });
 *   budget.request();            // every routed request
 *   if (budget.tryExtra()) startNextCandidate(); else throw lastError;
 */
import type { Clock } from "../../clock.ts";
import type { RetryConfig } from "./config.ts";

const SLICES = 10;

/** A token budget of extra attempts proportional to the request rate. */
export class RetryBudget {
  private readonly epoch = new Float64Array(SLICES).fill(-1);
  private readonly requests = new Float64Array(SLICES);
  private readonly extras = new Float64Array(SLICES);

  constructor(
    private readonly clock: Clock,
    private opts: RetryConfig,
  ) {}

  /** Applies new settings (after a reload), keeping the counts when the window is unchanged. */
  setOptions(opts: RetryConfig): void {
    if (opts.windowMs !== this.opts.windowMs) this.epoch.fill(-1);
    this.opts = opts;
  }

  /** Counts one routed request (a deposit of `budgetRatio`). */
  request(): void {
    const i = this.slot();
    this.requests[i] = (this.requests[i] as number) + 1;
  }

  /** Takes one extra attempt if the budget has one; false means fail with the last error. */
  tryExtra(): boolean {
    if (this.available() < 1) return false;
    const i = this.slot();
    this.extras[i] = (this.extras[i] as number) + 1;
    return true;
  }

  /** Extra attempts the budget holds now (may be fractional). */
  available(): number {
    this.slot();
    const e = this.epochOf(this.clock.now());
    let req = 0;
    let ext = 0;
    for (let i = 0; i < SLICES; i++) {
      const ep = this.epoch[i] as number;
      if (ep < 0 || ep <= e - SLICES) continue;
      req += this.requests[i] as number;
      ext += this.extras[i] as number;
    }
    return this.opts.budgetRatio * req + (this.opts.minRetriesPerSec * this.opts.windowMs) / 1000 - ext;
  }

  private epochOf(now: number): number {
    return Math.floor(now / (this.opts.windowMs / SLICES));
  }

  private slot(): number {
    const e = this.epochOf(this.clock.now());
    const i = e % SLICES;
    if (this.epoch[i] !== e) {
      this.epoch[i] = e;
      this.requests[i] = 0;
      this.extras[i] = 0;
    }
    return i;
  }
}
