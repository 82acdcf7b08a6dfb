/**
 * Cancellation without an AbortSignal until someone needs one. Every routed call
 * makes one per attempt; a real AbortController (a native object, plus a native
 * listener per layer that watches it) costs more than the rest of the attempt's
 * bookkeeping, and most attempts are never cancelled.
 *
 * `SignalLike` is the part of AbortSignal kefu's upstream layers use (http1.ts,
 * upstream.ts, stream.ts): an AbortSignal is one, and so is a `Cancel`. Where a real
 * AbortSignal is needed (`fetch`, a provider's own code), `toAbortSignal` gives one
 * that aborts with it.
 *
 * @example
 *   const c = new Cancel();
 *   c.addEventListener("abort", () => socket.destroy());
 *   await fetch(url, { signal: c.signal }); // a real AbortSignal, made on first use
 *   c.abort(new Error("deadline"));          // listeners run, c.signal aborts, c.reason is the error
 */

/** The part of AbortSignal that kefu's upstream layers read. */
export interface SignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  /** Adds a listener run once, at the abort (never when added after it, as AbortSignal). */
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** A one-shot cancellation: a SignalLike that is its own controller. */
export class Cancel implements SignalLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] | undefined;
  private controller: AbortController | undefined;

  /** A real AbortSignal that aborts with this one (made on first use). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  addEventListener(_type: "abort", listener: () => void): void {
    if (this.aborted) return;
    if (this.listeners) this.listeners.push(listener);
    else this.listeners = [listener];
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const ls = this.listeners;
    if (!ls) return;
    const i = ls.indexOf(listener);
    if (i >= 0) ls.splice(i, 1);
  }

  /**
   * Aborts once (later calls do nothing): `reason` defaults to an AbortError, as
   * AbortController's. As with AbortController, every listener runs and one that
   * throws is reported (`reportError`: an uncaught exception), not thrown to the caller.
   */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
    const ls = this.listeners;
    this.listeners = undefined;
    if (ls)
      for (const fn of ls) {
        try {
          fn();
        } catch (error) {
          reportError(error);
        }
      }
    this.controller?.abort(this.reason);
  }
}

/**
 * A real AbortSignal for `s`: itself, a Cancel's own, or a new one that follows `s`.
 *
 * @example
 *   await fetch(url, { signal: toAbortSignal(ctx.cancel ?? ctx.signal) });
 */
export function toAbortSignal(s: SignalLike): AbortSignal {
  if (s instanceof AbortSignal) return s;
  if (s instanceof Cancel) return s.signal;
  const ac = new AbortController();
  if (s.aborted) ac.abort(s.reason);
  else s.addEventListener("abort", () => ac.abort(s.reason));
  return ac.signal;
}
