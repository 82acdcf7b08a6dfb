/**
 * The race to the first token, with failover and hedging.
 *
 * Candidates are tried in order. A retryable error before the first token starts
 * the next candidate (failover, transparent to the caller). With hedging, when the
 * attempts in flight have produced no first token `afterMs` after the last start,
 * the next candidate starts *in parallel* (up to `maxParallel` in flight); the first
 * attempt to produce a token wins and every other is aborted (its provider signal
 * fires). Every attempt after the first — failover or hedge — must be granted by
 * `launch` (the router asks its retry budget there); when it is refused, the race
 * fails with the last error.
 *
 * A non-retryable error (say upstream_rejected, a 400) ends the race at once with
 * that error, aborting the others: the request itself is wrong.
 *
 * @example
 *   const winner = await raceToFirstToken({ candidates: ["openai-day", "qwen"], hedge: { afterMs: 500, maxParallel: 2 },
 *     timers, signal, launch: (target, reason, extra) => startAttempt(target, reason, extra) });
 */
import { LlmError } from "../types.ts";
import type { Attempt, AttemptReason } from "./attempt.ts";
import type { HedgeConfig } from "./config.ts";
import { Outcome } from "./outcome.ts";
import type { Timers } from "./timers.ts";

/** What `launch` says: an attempt, or skip this target (breaker), or stop (budget spent). */
export type LaunchResult = Attempt | "skip" | "budget";

/** Inputs of a race. */
export interface RaceInput {
  candidates: readonly string[];
  hedge: HedgeConfig | false;
  timers: Timers;
  /** The caller's signal: aborting it aborts every attempt and rejects the race. */
  signal: AbortSignal;
  /**
   * Subscribes to the caller's abort; returns the unsubscribe. Default: a listener on
   * `signal`. The router passes its own (one listener per request, not one per race).
   */
  onAbort?(fn: () => void): () => void;
  /**
   * Starts an attempt on `target`. `extra` is true for every attempt after the first
   * of a request (the router takes one from the retry budget, or answers "budget").
   */
  launch(target: string, reason: AttemptReason, extra: boolean): LaunchResult;
  /** Reason of the race's first attempt (default "primary"). */
  firstReason?: AttemptReason;
  /** Whether the race's first attempt is itself extra (a restart after the first token). */
  firstIsExtra?: boolean;
  onHedge?(from: string, to: string): void;
  onFailover?(from: string, to: string, error: LlmError): void;
}

/** The error for a request whose caller went away. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted", "AbortError");
}

/**
 * Runs the race; its outcome is the winning attempt (first token in `winner.head`),
 * or an LlmError (or the caller's abort reason). Driven by callbacks
 * (attempt settled, hedge timer, caller abort), not an async loop: a race is on the
 * path of every request and most end with the first attempt's first token.
 */
export function raceToFirstToken(input: RaceInput): Outcome<Attempt> {
  return new Race(input).run();
}

/** One race: its state in fields and its steps as methods (a race runs on every request). */
class Race {
  private readonly result = new Outcome<Attempt>();
  private readonly inFlight: Attempt[] = [];
  /** The next candidate to try. */
  private next = 0;
  private launched = 0;
  private budgetSpent = false;
  private over = false;
  private readonly failures: string[] = [];
  private cancelHedge: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly input: RaceInput) {}

  run(): Outcome<Attempt> {
    const { input } = this;
    const signal = input.signal;
    if (signal.aborted) {
      this.result.reject(abortError(signal));
      return this.result;
    }
    if (input.onAbort) this.unsubscribe = input.onAbort(this.onAbort);
    else {
      signal.addEventListener("abort", this.onAbort);
      this.unsubscribe = () => signal.removeEventListener("abort", this.onAbort);
    }
    try {
      if (!this.start(input.firstReason ?? "primary", input.firstIsExtra ?? false)) {
        this.end();
        this.result.reject(
          new LlmError("no_target", this.budgetSpent ? "retry budget exhausted" : "no target available", {
            status: 503,
            retryable: false,
            countsForBreaker: false,
          }),
        );
        return this.result;
      }
    } catch (e) {
      this.fail(e);
      return this.result;
    }
    this.armHedge();
    return this.result;
  }

  /** The race is over: no more listening, no hedge timer. */
  private end(): void {
    this.over = true;
    this.unsubscribe?.();
    this.cancelHedge?.();
    this.cancelHedge = undefined;
  }

  private abortAll(why: "lost_hedge" | "cancelled", except?: Attempt): void {
    for (const a of this.inFlight) if (a !== except) a.abort(why);
  }

  private readonly onToken = (a: Attempt) => {
    if (this.over) return;
    this.end();
    this.abortAll("lost_hedge", a);
    this.result.resolve(a);
  };

  /** Anything thrown while starting an attempt (a provider factory, say) ends the race with it. */
  private fail(e: unknown): void {
    this.end();
    this.abortAll("cancelled");
    this.result.reject(e);
  }

  private onError(a: Attempt, error: unknown): void {
    if (this.over) return;
    try {
      this.afterError(a, error);
    } catch (e) {
      this.fail(e);
    }
  }

  /** An attempt failed before its first token. */
  private afterError(a: Attempt, error: unknown): void {
    const { inFlight, input } = this;
    inFlight.splice(inFlight.indexOf(a), 1);
    const err = error instanceof LlmError ? error : new LlmError("upstream_protocol", String(error));
    this.failures.push(`${a.target}: ${err.code}`);
    if (!err.retryable) {
      this.end();
      this.abortAll("cancelled");
      this.result.reject(err);
      return;
    }
    if (inFlight.length > 0) {
      if (!this.cancelHedge) this.armHedge();
      return;
    }
    const b = this.start("failover", true);
    if (b) {
      input.onFailover?.(a.target, b.target, err);
      this.armHedge();
      return;
    }
    this.end();
    this.result.reject(
      this.budgetSpent || this.launched === 1
        ? err
        : new LlmError("all_targets_failed", `every target failed: ${this.failures.join("; ")}`, {
            status: err.status,
            retryable: true,
            countsForBreaker: false,
            ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
            cause: err,
          }),
    );
  }

  private start(reason: AttemptReason, extra: boolean): Attempt | undefined {
    const { candidates } = this.input;
    while (this.next < candidates.length) {
      const target = candidates[this.next++] as string;
      const r = this.input.launch(target, reason, extra);
      if (r === "skip") continue;
      if (r === "budget") {
        this.budgetSpent = true;
        this.next--; // not tried
        return undefined;
      }
      this.launched++;
      this.inFlight.push(r);
      r.listen(this.onToken, (error) => this.onError(r, error));
      return r;
    }
    return undefined;
  }

  private readonly onHedgeTimer = () => {
    this.cancelHedge = undefined;
    const { hedge } = this.input;
    if (this.over || this.inFlight.length >= (hedge ? hedge.maxParallel : 1)) return;
    const from = this.inFlight[this.inFlight.length - 1] as Attempt;
    try {
      const a = this.start("hedge", true);
      if (a) this.input.onHedge?.(from.target, a.target);
      this.armHedge();
    } catch (e) {
      this.fail(e);
    }
  };

  private armHedge(): void {
    this.cancelHedge?.();
    this.cancelHedge = undefined;
    const { hedge, candidates, timers } = this.input;
    const n = this.inFlight.length;
    if (!hedge || this.next >= candidates.length || n === 0 || n >= hedge.maxParallel) return;
    this.cancelHedge = timers.after(hedge.afterMs, this.onHedgeTimer);
  }

  private readonly onAbort = () => {
    if (this.over) return;
    this.end();
    this.abortAll("cancelled");
    this.result.reject(abortError(this.input.signal));
  };
}
