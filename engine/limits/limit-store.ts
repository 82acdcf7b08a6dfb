/**
 * LimitStore: atomic rate-limit decisions on token buckets and leaky buckets.
 *
 * Contract (every adapter passes `runLimitStoreContract`):
 * - Token bucket: starts full with `capacity` tokens and refills continuously at
 *   `refillPerSec`, never above `capacity`. A `cost` above `capacity` can never
 *   succeed: the call rejects with a RangeError.
 * - Leaky bucket (GCRA, "virtual scheduling"): requests leave at `ratePerSec`
 *   (cost units per second), evenly spaced. A request that finds the slot free
 *   passes at once (`delayMs` 0); otherwise it is admitted with `delayMs` until
 *   its slot when at most `maxQueue` earlier requests are waiting and the wait is
 *   at most `maxDelayMs`, else denied.
 * - One rule may carry both; it passes only when both pass.
 * - Every decision is atomic: `decide` over several checks (the rules one request
 *   matched) commits all of them or none. A denied decision consumes nothing, and
 *   `retryAfterMs` is when the same request would pass (retrying exactly then passes).
 * - Buckets that are full (token) or drained (leaky) again carry no state, so
 *   adapters may forget them.
 *
 * Adapters: `createMemoryLimitStore` (embedded default, single node only; also
 * answers synchronously through `sync`) and `createRedisLimitStore` (one Lua
 * script per decision on Redis `TIME`, exact across nodes).
 *
 * @example
 *   const d = await limits.take("tenant:t1", { capacity: 100, refillPerSec: 10 });
 *   if (!d.allowed) reply429(d.retryAfterMs);
 *   const many = await limits.decide([{ key: "ip:1.2.3.4", rule: { leaky: { ratePerSec: 5, maxQueue: 10 } } }]);
 *   if (many.allowed) await sleep(many.delayMs);
 */

/** A token-bucket rule. */
export interface BucketRule {
  capacity: number;
  refillPerSec: number;
}

/** A leaky-bucket rule: a smooth output rate with a bounded queue. */
export interface LeakyRule {
  /** Cost units leaving per second (one request of cost 1 every 1000/ratePerSec ms). */
  ratePerSec: number;
  /** Most requests (of cost 1) waiting for their slot; 0: no waiting, only spacing. */
  maxQueue: number;
  /** Longest wait a request may be given, ms (default: no bound beyond maxQueue). */
  maxDelayMs?: number;
}

/** A rule as one decision sees it: either or both algorithms. */
export interface LimitRule {
  token?: BucketRule;
  leaky?: LeakyRule;
}

/** One key under one rule, with what the request costs. */
export interface LimitCheck {
  key: string;
  rule: LimitRule;
  /** Default 1. */
  cost?: number;
}

/** The outcome of one check. */
export interface LimitDecision {
  allowed: boolean;
  /** Requests of cost 1 that would still pass right after this decision. */
  remaining: number;
  /** When denied: milliseconds until the request would be allowed; 0 when allowed. */
  retryAfterMs: number;
  /** When allowed by a leaky bucket: milliseconds to wait for the request's slot. */
  delayMs: number;
  /** Milliseconds until the bucket is full (token) and drained (leaky) again. */
  resetMs: number;
}

/** The outcome of several checks decided together. */
export interface MultiDecision {
  /** Every check allowed (and then all were committed; otherwise none was). */
  allowed: boolean;
  /** The longest leaky-bucket wait among the checks. */
  delayMs: number;
  /** When denied: the longest wait among the denied checks. */
  retryAfterMs: number;
  /** One per check, in order. */
  results: LimitDecision[];
}

/** Synchronous decisions (in-process adapters only): the hot path without a Promise. */
export interface SyncLimitDecider {
  take(key: string, rule: BucketRule, cost?: number): LimitDecision;
  /** One check under a rule of either or both algorithms (`decide` of one check, without the arrays). */
  check(key: string, rule: LimitRule, cost?: number): LimitDecision;
  decide(checks: readonly LimitCheck[]): MultiDecision;
}

/** The rate-limit state port. */
export interface LimitStore {
  readonly kind: string;
  /** One token-bucket decision. */
  take(key: string, rule: BucketRule, cost?: number): Promise<LimitDecision>;
  /** One leaky-bucket decision. */
  leak(key: string, rule: LeakyRule, cost?: number): Promise<LimitDecision>;
  /** Several checks at once, all or nothing. */
  decide(checks: readonly LimitCheck[]): Promise<MultiDecision>;
  /** Present on in-process adapters: the same decisions without a Promise. */
  readonly sync?: SyncLimitDecider;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Checks a rule's numbers and a cost; throws RangeError for a rule that cannot
 * decide (non-positive rates, negative queues) or a cost above a token capacity.
 *
 * @example
 *   validateCheck({ token: { capacity: 5, refillPerSec: 1 } }, 6); // RangeError
 */
export function validateCheck(rule: LimitRule, cost: number): void {
  if (!rule.token && !rule.leaky) throw new RangeError("a limit rule needs token or leaky");
  if (!(cost > 0) || !Number.isFinite(cost)) throw new RangeError(`cost must be a positive number, got ${cost}`);
  const t = rule.token;
  if (t) {
    if (!(t.capacity > 0) || !(t.refillPerSec > 0)) throw new RangeError("capacity and refillPerSec must be > 0");
    if (cost > t.capacity) throw new RangeError(`cost ${cost} exceeds bucket capacity ${t.capacity}`);
  }
  const l = rule.leaky;
  if (l) {
    if (!(l.ratePerSec > 0)) throw new RangeError("ratePerSec must be > 0");
    if (!(l.maxQueue >= 0)) throw new RangeError("maxQueue must be >= 0");
    if (l.maxDelayMs !== undefined && !(l.maxDelayMs >= 0)) throw new RangeError("maxDelayMs must be >= 0");
  }
}

/**
 * The longest wait a leaky rule admits, ms: `maxQueue` slots, capped by `maxDelayMs`.
 *
 * @example
 *   leakyMaxDelayMs({ ratePerSec: 10, maxQueue: 5 }); // 500
 */
export function leakyMaxDelayMs(l: LeakyRule): number {
  const q = (l.maxQueue * 1000) / l.ratePerSec;
  return l.maxDelayMs === undefined ? q : Math.min(q, l.maxDelayMs);
}

/** Floating-point slack when comparing token counts and times (never enough to pass a real shortfall). */
export const EPSILON = 1e-9;
