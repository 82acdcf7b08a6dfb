/**
 * LimitStore: atomic rate-limit decisions (token buckets).
 *
 * Contract (every adapter passes `runLimitStoreContract`):
 * - A bucket starts full with `capacity` tokens and refills continuously at
 *   `refillPerSec`, never above `capacity`.
 * - `take` is atomic per key: it removes `cost` tokens and allows, or removes
 *   nothing and denies with `retryAfterMs` until enough tokens will be there.
 * - A `cost` above `capacity` can never succeed: `take` rejects with a RangeError.
 * - Buckets that are full again carry no state, so adapters may forget them.
 *
 * Adapters: `createMemoryLimitStore` (embedded default, single node only) and
 * `createRedisLimitStore` (one Lua script per decision on Redis `TIME`, exact across nodes).
 *
 * @example
 *   const d = await limits.take("tenant:t1", { capacity: 100, refillPerSec: 10 });
 *   if (!d.allowed) reply429(d.retryAfterMs);
 */

/** A token-bucket rule. */
export interface BucketRule {
  capacity: number;
  refillPerSec: number;
}

/** The outcome of one `take`. */
export interface LimitDecision {
  allowed: boolean;
  /** Whole tokens left after this decision. */
  remaining: number;
  /** When denied: milliseconds until the request would be allowed; 0 when allowed. */
  retryAfterMs: number;
}

/** The rate-limit state port. */
export interface LimitStore {
  readonly kind: string;
  take(key: string, rule: BucketRule, cost?: number): Promise<LimitDecision>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
