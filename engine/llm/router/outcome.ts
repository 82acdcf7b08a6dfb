/**
 * A result that becomes a promise only when someone asks for one. The router settles
 * a few per request (each attempt's first token and end, the race, the call); most are
 * read synchronously (listeners) or not at all, so a promise per result — with its
 * reaction jobs, and an unhandled rejection when nobody awaits a failure — would be
 * pure overhead.
 *
 * @example
 *   const o = new Outcome<number>();
 *   o.listen((v) => use(v), (e) => report(e)); // called synchronously on settle
 *   o.resolve(42);
 *   await o.promise(); // 42
 */
interface Listener<T> {
  ok(v: T): void;
  failed(e: unknown): void;
}

export class Outcome<T> {
  private state: "pending" | "ok" | "failed" = "pending";
  private value: T | undefined;
  private error: unknown;
  private made: Promise<T> | undefined;
  // Most outcomes get one listener: it is kept in two fields, the rest (rare) in a list.
  private firstOk: ((v: T) => void) | undefined;
  private firstFailed: ((e: unknown) => void) | undefined;
  private more: Listener<T>[] | undefined;

  /** Whether it has settled. */
  get settled(): boolean {
    return this.state !== "pending";
  }

  /** Settles with a value (the first settle wins); listeners run before this returns. */
  resolve(v: T): void {
    if (this.state !== "pending") return;
    this.state = "ok";
    this.value = v;
    this.notify();
  }

  /** Settles with an error (the first settle wins); listeners run before this returns. */
  reject(e: unknown): void {
    if (this.state !== "pending") return;
    this.state = "failed";
    this.error = e;
    this.notify();
  }

  /** Adds a synchronous listener, called once: on settle, or at once when already settled. */
  listen(ok: (v: T) => void, failed: (e: unknown) => void): void {
    if (this.state !== "pending") this.deliver(ok, failed);
    else if (this.firstOk === undefined) {
      this.firstOk = ok;
      this.firstFailed = failed;
    } else if (this.more) this.more.push({ ok, failed });
    else this.more = [{ ok, failed }];
  }

  /** The result as a promise (made on the first call, then the same one). */
  promise(): Promise<T> {
    this.made ??= new Promise<T>((resolve, reject) => this.listen(resolve, reject));
    return this.made;
  }

  /** Calls the listeners in the order they were added. */
  private notify(): void {
    const ok = this.firstOk;
    const failed = this.firstFailed;
    const more = this.more;
    this.firstOk = undefined;
    this.firstFailed = undefined;
    this.more = undefined;
    if (ok) this.deliver(ok, failed as (e: unknown) => void);
    if (more) for (const l of more) this.deliver(l.ok, l.failed);
  }

  private deliver(ok: (v: T) => void, failed: (e: unknown) => void): void {
    if (this.state === "ok") ok(this.value as T);
    else failed(this.error);
  }
}
