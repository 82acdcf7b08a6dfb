/**
 * One call to one target: pulls the provider stream up to the first token (with the
 * target's first-byte timeout), then chunk by chunk (with its idle timeout). Aborting
 * fires the provider's signal and settles whatever is waiting at once, so a provider
 * that ignores its signal cannot hold the router.
 *
 * Every attempt ends exactly once (`ended`), with an outcome for metrics, the breaker
 * and the latency tracker.
 *
 * @example
 *   const a = new Attempt({ target: "openai-day", provider, model: "gpt-4o", req, reason: "primary",
 *                           clock, timers, firstByteMs: 15_000, idleMs: 30_000 });
 *   await a.first;            // a.head holds the chunks up to the first token
 *   const r = await a.next(); // the rest, one by one
 */
import type { Clock } from "../../clock.ts";
import { Cancel } from "../cancel.ts";
import {
  type CallContext,
  type ChatChunk,
  type ChatRequest,
  LlmError,
  type LlmErrorCode,
  type LlmProvider,
} from "../types.ts";
import { Outcome } from "./outcome.ts";
import type { Timers } from "./timers.ts";

/** Why an attempt was started. */
export type AttemptReason = "primary" | "failover" | "hedge" | "restart" | "forced";

/** How an attempt ended: "ok", a lost hedge race, cancelled by the caller, or an error code. */
export type AttemptOutcome = "ok" | "lost_hedge" | "cancelled" | LlmErrorCode;

/** The end of an attempt. */
export interface AttemptEnd {
  outcome: AttemptOutcome;
  error?: LlmError;
  /** Set when a first token came. */
  ttftMs?: number;
  /** The attempt was one whole-answer call: `ttftMs` is the time to the complete answer, not to a first token. */
  whole?: true;
  totalMs: number;
  tokensIn?: number;
  tokensOut?: number;
}

/** What an attempt needs. */
export interface AttemptInit {
  target: string;
  provider: LlmProvider;
  model: string;
  req: ChatRequest;
  reason: AttemptReason;
  clock: Clock;
  timers: Timers;
  firstByteMs: number;
  idleMs: number;
  /**
   * Ask for the whole answer in one call (`provider.complete`) when the provider can:
   * the first token is then the whole answer, and `wholeMs` (not `firstByteMs`) bounds it.
   */
  whole?: { wholeMs: number } | undefined;
  /** When it started, if the caller just read the clock (default: now). */
  startedAt?: number | undefined;
}

interface Waiter {
  resolve(r: IteratorResult<ChatChunk>): void;
  reject(e: unknown): void;
}

/** A provider's context: `cancel` for the shared upstream layers, `signal` made on first read. */
class AttemptContext implements CallContext {
  constructor(
    readonly cancel: Cancel,
    readonly model: string,
  ) {}

  get signal(): AbortSignal {
    return this.cancel.signal;
  }
}

/** Wraps anything a provider throws as an LlmError naming the target. */
export function toLlmError(e: unknown, target: string): LlmError {
  if (e instanceof LlmError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new LlmError("upstream_protocol", `${target}: ${msg}`, { target, cause: e });
}

/** One call to one target. */
export class Attempt {
  readonly target: string;
  readonly reason: AttemptReason;
  readonly startedAt: number;
  /** Chunks up to and including the first token (a delta or a finish). */
  readonly head: ChatChunk[] = [];
  /** Settles at the first token, or fails with an LlmError (or when aborted). */
  private readonly firstOutcome = new Outcome<Attempt>();
  ttftMs: number | undefined;
  finished = false;
  /** Whether this attempt is one whole-answer call (`provider.complete`). */
  readonly whole: boolean;

  /** The provider's cancellation: an AbortSignal is made only if the provider reads `ctx.signal`. */
  private readonly cancel = new Cancel();
  private readonly init: AttemptInit;
  private iterator: AsyncIterator<ChatChunk> | undefined;
  private waiter: Waiter | undefined;
  private failure: unknown;
  private over = false;
  private cancelTimer: () => void = () => {};
  private lastActivity: number;
  private tokensIn: number | undefined;
  private tokensOut: number | undefined;
  /** Settles once, when the attempt is over for any reason. */
  private readonly endOutcome = new Outcome<AttemptEnd>();

  constructor(init: AttemptInit) {
    this.init = init;
    this.target = init.target;
    this.reason = init.reason;
    this.startedAt = init.startedAt ?? init.clock.now();
    this.lastActivity = this.startedAt;
    const complete = init.whole ? init.provider.complete : undefined;
    this.whole = complete !== undefined;
    let syncError: LlmError | undefined;
    let answer: Promise<ChatChunk[]> | undefined;
    try {
      const ctx = new AttemptContext(this.cancel, init.model);
      if (complete) answer = complete.call(init.provider, init.req, ctx);
      else this.iterator = init.provider.stream(init.req, ctx)[Symbol.asyncIterator]();
    } catch (e) {
      syncError = toLlmError(e, init.target);
    }
    const deadlineMs = init.whole && complete ? init.whole.wholeMs : init.firstByteMs;
    this.cancelTimer = init.timers.after(deadlineMs, () =>
      this.fail(
        new LlmError(
          "upstream_timeout",
          `${init.target}: ${this.whole ? "no complete answer" : "no first token"} after ${deadlineMs} ms`,
          { status: 504, target: init.target },
        ),
      ),
    );
    if (syncError) this.fail(syncError);
    if (answer) this.takeWhole(answer);
    else
      this.pumpFirst().then(
        () => this.firstOutcome.resolve(this),
        (e) => this.firstOutcome.reject(e),
      );
  }

  /** Resolves at the first token; rejects with an LlmError (or when aborted). */
  get first(): Promise<Attempt> {
    return this.firstOutcome.promise();
  }

  /** Calls `ok` at the first token, or `failed` with the error: synchronously, once (the race's one listener). */
  listen(ok: (a: Attempt) => void, failed: (e: unknown) => void): void {
    this.firstOutcome.listen(ok, failed);
  }

  /** Resolves once, when the attempt is over for any reason. */
  get ended(): Promise<AttemptEnd> {
    return this.endOutcome.promise();
  }

  /** Calls `fn` once when the attempt is over for any reason: at once if it is over already. */
  whenEnded(fn: (end: AttemptEnd) => void): void {
    this.endOutcome.listen(fn, () => {}); // an attempt's end never fails
  }

  /** The signal given to the provider (fires on abort, timeout or failure). */
  get signal(): AbortSignal {
    return this.cancel.signal;
  }

  /** The next chunk after the head; rejects with an LlmError when the stream fails or stalls. */
  async next(): Promise<IteratorResult<ChatChunk>> {
    if (this.finished) return { done: true, value: undefined };
    // Time the consumer took before asking again is backpressure, not an upstream stall.
    this.lastActivity = this.init.clock.now();
    const r = await this.pull();
    this.lastActivity = this.init.clock.now();
    if (r.done) {
      const e = new LlmError("stream_interrupted", `${this.target}: the stream ended without a finish`, {
        target: this.target,
      });
      this.fail(e);
      throw e;
    }
    this.take(r.value);
    return r;
  }

  /**
   * Stops the attempt: the provider's signal fires, a pending pull settles at once.
   * `why` is the outcome reported when it had not ended already.
   */
  abort(why: "lost_hedge" | "cancelled"): void {
    if (this.over) return;
    const e = new LlmError(
      "upstream_unavailable",
      `${this.target}: ${why === "lost_hedge" ? "lost the hedge race" : "cancelled"}`,
      {
        target: this.target,
        retryable: false,
        countsForBreaker: false,
      },
    );
    this.settle(why, e);
  }

  /** Releases the provider stream after a normal finish. */
  close(): void {
    if (!this.over) this.settle("ok", undefined);
  }

  private take(c: ChatChunk): void {
    if (c.type === "usage") {
      this.tokensIn = c.promptTokens;
      this.tokensOut = c.completionTokens;
    } else if (c.type === "finish") {
      this.finished = true;
    }
  }

  /** Whole-answer mode: the first token is the complete answer; the attempt ends with it. */
  private takeWhole(answer: Promise<ChatChunk[]>): void {
    const first = this.firstOutcome;
    // An abort or timeout settles the attempt at once, whatever the provider does.
    this.waiter = { resolve: () => {}, reject: (e) => first.reject(e) };
    answer.then(
      (chunks) => {
        if (this.over) return;
        this.waiter = undefined;
        for (const c of chunks) {
          this.head.push(c);
          this.take(c);
        }
        if (!this.finished) {
          const e = new LlmError("stream_interrupted", `${this.target}: the answer ended without a finish`, {
            target: this.target,
          });
          this.fail(e);
          first.reject(e);
          return;
        }
        const now = this.init.clock.now();
        this.ttftMs = now - this.startedAt;
        this.settle("ok", undefined, now);
        first.resolve(this);
      },
      (e) => {
        if (this.over) return;
        this.waiter = undefined;
        const err = toLlmError(e, this.target);
        this.fail(err);
        first.reject(err);
      },
    );
  }

  private async pumpFirst(): Promise<Attempt> {
    for (;;) {
      const r = await this.pull();
      if (r.done) {
        const e = new LlmError("upstream_protocol", `${this.target}: the stream ended before the first token`, {
          target: this.target,
        });
        this.fail(e);
        throw e;
      }
      this.head.push(r.value);
      this.take(r.value);
      if (r.value.type !== "usage") {
        const now = this.init.clock.now();
        this.ttftMs = now - this.startedAt;
        this.lastActivity = now;
        this.cancelTimer();
        if (this.finished) {
          if (!this.over) this.settle("ok", undefined, now);
        } else this.armIdle(this.init.idleMs);
        return this;
      }
    }
  }

  private armIdle(ms: number): void {
    const { clock, timers, idleMs } = this.init;
    this.cancelTimer = timers.after(ms, () => {
      if (this.over) return;
      if (!this.waiter) return this.armIdle(idleMs); // nothing asked of the provider right now
      const quiet = clock.now() - this.lastActivity;
      if (quiet >= idleMs) {
        this.fail(
          new LlmError("upstream_timeout", `${this.target}: no chunk for ${idleMs} ms mid-stream`, {
            status: 504,
            target: this.target,
          }),
        );
      } else this.armIdle(idleMs - quiet);
    });
  }

  private pull(): Promise<IteratorResult<ChatChunk>> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const it = this.iterator as AsyncIterator<ChatChunk>;
    return new Promise((resolve, reject) => {
      const w: Waiter = { resolve, reject };
      this.waiter = w;
      it.next().then(
        (r) => {
          if (this.waiter !== w) return;
          this.waiter = undefined;
          resolve(r);
        },
        (e) => {
          if (this.waiter !== w) return;
          this.waiter = undefined;
          const err = toLlmError(e, this.target);
          this.fail(err);
          reject(err);
        },
      );
    });
  }

  /** The attempt failed: report, stop the provider, reject whoever waits. */
  private fail(e: LlmError): void {
    if (this.over) return;
    this.settle(e.code as LlmErrorCode, e);
  }

  private settle(outcome: AttemptOutcome, e: LlmError | undefined, now = this.init.clock.now()): void {
    this.over = true;
    this.cancelTimer();
    if (e) this.failure = e;
    const w = this.waiter;
    this.waiter = undefined;
    if (w && e) w.reject(e);
    if (outcome !== "ok" || !this.finished) this.cancel.abort(e);
    const it = this.iterator;
    if (it?.return) {
      // An async generator suspended in an await queues this until its pending next settles.
      Promise.resolve()
        .then(() => it.return?.())
        .catch(() => {});
    }
    const end: AttemptEnd = { outcome, totalMs: now - this.startedAt };
    if (e && outcome !== "lost_hedge" && outcome !== "cancelled") end.error = e;
    if (this.ttftMs !== undefined) end.ttftMs = this.ttftMs;
    if (this.whole) end.whole = true;
    if (this.tokensIn !== undefined) end.tokensIn = this.tokensIn;
    if (this.tokensOut !== undefined) end.tokensOut = this.tokensOut;
    this.endOutcome.resolve(end);
  }
}
