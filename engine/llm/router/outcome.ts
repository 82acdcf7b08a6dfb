/**
 * A result that becomes a promise only when someone asks for one. The router settles
 * one per attempt and one per request on every call; most are read synchronously
 * (a listener) or not at all, so a promise per result — with its reaction jobs, and
 * an unhandled rejection when nobody awaits a failure — would be pure overhead.
 *
 * @example
 *   const o = new Outcome<number>();
 *   o.listen((v) => use(v), (e) => report(e)); // called synchronously on settle
 *   o.resolve(42);
 *   await o.promise(); // 42
 */
export class Outcome<T> {
  private state: "pending" | "ok" | "failed" = "pending";
  private value: T | undefined;
  private error: unknown;
  private made: Promise<T> | undefined;
  private settleMade: { resolve(v: T): void; reject(e: unknown): void } | undefined;
  private listener: { ok(v: T): void; failed(e: unknown): void } | undefined;

  /** Whether it has settled. */
  get settled(): boolean {
    return this.state !== "pending";
  }

  /** Settles with a value (the first settle wins); the listener runs before this returns. */
  resolve(v: T): void {
    if (this.state !== "pending") return;
    this.state = "ok";
    this.value = v;
    this.settleMade?.resolve(v);
    this.listener?.ok(v);
  }

  /** Settles with an error (the first settle wins). */
  reject(e: unknown): void {
    if (this.state !== "pending") return;
    this.state = "failed";
    this.error = e;
    this.settleMade?.reject(e);
    this.listener?.failed(e);
  }

  /** Sets the one synchronous listener; called at once when already settled. */
  listen(ok: (v: T) => void, failed: (e: unknown) => void): void {
    this.listener = { ok, failed };
    if (this.state === "ok") ok(this.value as T);
    else if (this.state === "failed") failed(this.error);
  }

  /** The result as a promise (made on the first call, then the same one). */
  promise(): Promise<T> {
    if (this.made) return this.made;
    if (this.state === "ok") this.made = Promise.resolve(this.value as T);
    else if (this.state === "failed") this.made = Promise.reject(this.error);
    else
      this.made = new Promise<T>((resolve, reject) => {
        this.settleMade = { resolve, reject };
      });
    return this.made;
  }
}
