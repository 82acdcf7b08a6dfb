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
  const { candidates, hedge, timers, signal } = input;
  const result = new Outcome<Attempt>();
  if (signal.aborted) {
    result.reject(abortError(signal));
    return result;
  }
  const resolve = (a: Attempt) => result.resolve(a);
  const reject = (e: unknown) => result.reject(e);
  const inFlight: Attempt[] = [];
  let next = 0;
  let launched = 0;
  let budgetSpent = false;
  let over = false;
  const failures: string[] = [];
  let cancelHedge: (() => void) | undefined;
  let unsubscribe: () => void = () => {};

  const end = (fn: () => void) => {
    over = true;
    unsubscribe();
    cancelHedge?.();
    cancelHedge = undefined;
    fn();
  };
  const abortAll = (why: "lost_hedge" | "cancelled", except?: Attempt) => {
    for (const a of inFlight) if (a !== except) a.abort(why);
  };
  const onToken = (a: Attempt) => {
    if (over) return;
    end(() => {
      abortAll("lost_hedge", a);
      resolve(a);
    });
  };
  /** Anything thrown while starting an attempt (a provider factory, say) ends the race with it. */
  const fail = (e: unknown) =>
    end(() => {
      abortAll("cancelled");
      reject(e);
    });
  const onError = (a: Attempt, error: unknown) => {
    if (over) return;
    try {
      afterError(a, error);
    } catch (e) {
      fail(e);
    }
  };
  const afterError = (a: Attempt, error: unknown) => {
    // An attempt failed before its first token.
    inFlight.splice(inFlight.indexOf(a), 1);
    const err = error instanceof LlmError ? error : new LlmError("upstream_protocol", String(error));
    failures.push(`${a.target}: ${err.code}`);
    if (!err.retryable) {
      end(() => {
        abortAll("cancelled");
        reject(err);
      });
      return;
    }
    if (inFlight.length > 0) {
      if (!cancelHedge) armHedge();
      return;
    }
    const b = start("failover", true);
    if (b) {
      input.onFailover?.(a.target, b.target, err);
      armHedge();
      return;
    }
    end(() =>
      reject(
        budgetSpent || launched === 1
          ? err
          : new LlmError("all_targets_failed", `every target failed: ${failures.join("; ")}`, {
              status: err.status,
              retryable: true,
              countsForBreaker: false,
              ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
              cause: err,
            }),
      ),
    );
  };
  const start = (reason: AttemptReason, extra: boolean): Attempt | undefined => {
    while (next < candidates.length) {
      const target = candidates[next++] as string;
      const r = input.launch(target, reason, extra);
      if (r === "skip") continue;
      if (r === "budget") {
        budgetSpent = true;
        next--; // not tried
        return undefined;
      }
      launched++;
      inFlight.push(r);
      r.listen(onToken, (error) => onError(r, error));
      return r;
    }
    return undefined;
  };
  const onHedgeTimer = () => {
    cancelHedge = undefined;
    if (over || inFlight.length >= (hedge ? hedge.maxParallel : 1)) return;
    const from = inFlight[inFlight.length - 1] as Attempt;
    try {
      const a = start("hedge", true);
      if (a) input.onHedge?.(from.target, a.target);
      armHedge();
    } catch (e) {
      fail(e);
    }
  };
  const armHedge = () => {
    cancelHedge?.();
    cancelHedge = undefined;
    if (!hedge || next >= candidates.length || inFlight.length === 0 || inFlight.length >= hedge.maxParallel) return;
    cancelHedge = timers.after(hedge.afterMs, onHedgeTimer);
  };
  const onAbort = () => {
    if (over) return;
    end(() => {
      abortAll("cancelled");
      reject(abortError(signal));
    });
  };
  if (input.onAbort) unsubscribe = input.onAbort(onAbort);
  else {
    signal.addEventListener("abort", onAbort, { once: true });
    unsubscribe = () => signal.removeEventListener("abort", onAbort);
  }
  try {
    if (!start(input.firstReason ?? "primary", input.firstIsExtra ?? false)) {
      end(() =>
        reject(
          new LlmError("no_target", budgetSpent ? "retry budget exhausted" : "no target available", {
            status: 503,
            retryable: false,
            countsForBreaker: false,
          }),
        ),
      );
      return result;
    }
  } catch (e) {
    fail(e);
    return result;
  }
  armHedge();
  return result;
}
