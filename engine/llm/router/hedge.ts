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

type RaceEvent =
  | { type: "token"; attempt: Attempt }
  | { type: "error"; attempt: Attempt; error: unknown }
  | { type: "hedge" }
  | { type: "abort" };

/** The error for a request whose caller went away. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted", "AbortError");
}

/**
 * Runs the race; resolves with the winning attempt (first token in `winner.head`),
 * rejects with an LlmError (or the caller's abort reason).
 */
export async function raceToFirstToken(input: RaceInput): Promise<Attempt> {
  const { candidates, hedge, timers, signal } = input;
  if (signal.aborted) throw abortError(signal);
  const events: RaceEvent[] = [];
  let wake: (() => void) | undefined;
  const push = (e: RaceEvent) => {
    events.push(e);
    const w = wake;
    wake = undefined;
    w?.();
  };
  const inFlight: Attempt[] = [];
  let next = 0;
  let launched = 0;
  let budgetSpent = false;
  let lastError: LlmError | undefined;
  const failures: string[] = [];
  let cancelHedge: (() => void) | undefined;

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
      r.first.then(
        () => push({ type: "token", attempt: r }),
        (error) => push({ type: "error", attempt: r, error }),
      );
      return r;
    }
    return undefined;
  };
  const armHedge = () => {
    cancelHedge?.();
    cancelHedge = undefined;
    if (!hedge || next >= candidates.length || inFlight.length === 0 || inFlight.length >= hedge.maxParallel) return;
    cancelHedge = timers.after(hedge.afterMs, () => {
      cancelHedge = undefined;
      push({ type: "hedge" });
    });
  };
  const abortAll = (why: "lost_hedge" | "cancelled", except?: Attempt) => {
    cancelHedge?.();
    for (const a of inFlight) if (a !== except) a.abort(why);
  };
  const onAbort = () => push({ type: "abort" });
  let unsubscribe: () => void;
  if (input.onAbort) unsubscribe = input.onAbort(onAbort);
  else {
    signal.addEventListener("abort", onAbort, { once: true });
    unsubscribe = () => signal.removeEventListener("abort", onAbort);
  }

  try {
    if (!start(input.firstReason ?? "primary", input.firstIsExtra ?? false)) {
      throw (
        lastError ??
        new LlmError("no_target", budgetSpent ? "retry budget exhausted" : "no target available", {
          status: 503,
          retryable: false,
          countsForBreaker: false,
        })
      );
    }
    armHedge();
    for (;;) {
      if (events.length === 0) await new Promise<void>((r) => (wake = r));
      const ev = events.shift() as RaceEvent;
      if (ev.type === "abort") {
        abortAll("cancelled");
        throw abortError(signal);
      }
      if (ev.type === "token") {
        abortAll("lost_hedge", ev.attempt);
        return ev.attempt;
      }
      if (ev.type === "hedge") {
        if (inFlight.length >= (hedge ? hedge.maxParallel : 1)) continue;
        const from = inFlight[inFlight.length - 1] as Attempt;
        const a = start("hedge", true);
        if (a) input.onHedge?.(from.target, a.target);
        armHedge();
        continue;
      }
      // An attempt failed before its first token.
      inFlight.splice(inFlight.indexOf(ev.attempt), 1);
      const err = ev.error instanceof LlmError ? ev.error : new LlmError("upstream_protocol", String(ev.error));
      lastError = err;
      failures.push(`${ev.attempt.target}: ${err.code}`);
      if (!err.retryable) {
        abortAll("cancelled");
        throw err;
      }
      if (inFlight.length > 0) {
        if (!cancelHedge) armHedge();
        continue;
      }
      const a = start("failover", true);
      if (a) {
        input.onFailover?.(ev.attempt.target, a.target, err);
        armHedge();
        continue;
      }
      if (budgetSpent || launched === 1) throw err;
      throw new LlmError("all_targets_failed", `every target failed: ${failures.join("; ")}`, {
        status: err.status,
        retryable: true,
        countsForBreaker: false,
        ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
        cause: err,
      });
    }
  } finally {
    unsubscribe();
    cancelHedge?.();
  }
}
