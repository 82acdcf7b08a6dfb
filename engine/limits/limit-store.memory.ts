/**
 * Token and leaky buckets in process memory. The embedded default: single node
 * only (use the Redis LimitStore for more than one node). Decisions are also
 * available synchronously (`store.sync`), which the HTTP middleware and the
 * WebSocket hook use so a decision costs no Promise.
 *
 * @example
 *   const limits = createMemoryLimitStore({ clock: systemClock, maxKeys: 1_000_000 });
 *   limits.sync?.take("tenant:t1", { capacity: 100, refillPerSec: 10 }).allowed; // true
 */
import { type Clock, systemClock } from "../clock.ts";
import {
  type BucketRule,
  EPSILON,
  type LimitCheck,
  type LimitDecision,
  type LimitRule,
  type LimitStore,
  leakyMaxDelayMs,
  type MultiDecision,
  type SyncLimitDecider,
  validateCheck,
} from "./limit-store.ts";

/** Options of the in-memory LimitStore. */
export interface MemoryLimitStoreOptions {
  clock?: Clock;
  /**
   * Most buckets held; beyond it a bucket not used since the eviction hand last
   * passed is forgotten (it starts full again): CLOCK, the second-chance
   * approximation of least-recently-used that costs no reordering per decision.
   */
  maxKeys?: number;
}

/** One key's state: tokens and when they were counted (token bucket), and the next free slot (leaky bucket). */
interface Bucket {
  t: number;
  a: number;
  q: number;
  /** Used since the eviction hand last passed (second chance). */
  u: boolean;
}

/** A decision not yet committed: the state it would leave. */
interface Pending {
  d: LimitDecision;
  t: number;
  q: number;
}

/** The state the last `evaluate` would leave (read right after it; saves an object per decision). */
let nextT = 0;
let nextQ = 0;

/**
 * Decides one check against a bucket's state at `now` without changing it; the
 * state it would leave is in `nextT` / `nextQ` until the next call.
 *
 * @example
 *   const d = evaluate(undefined, { token: { capacity: 5, refillPerSec: 1 } }, 1, 0); // d.allowed === true
 */
function evaluate(b: Bucket | undefined, rule: LimitRule, cost: number, now: number): LimitDecision {
  let allowed = true;
  let retry = 0;
  let remaining = Number.POSITIVE_INFINITY;
  let reset = 0;
  let delay = 0;
  let t = Number.NaN; // NaN: no token state (a leaky-only rule)
  let q = 0;
  const tr = rule.token;
  if (tr) {
    let tokens = tr.capacity;
    if (b && !Number.isNaN(b.t))
      tokens = Math.min(tr.capacity, b.t + (Math.max(0, now - b.a) / 1000) * tr.refillPerSec);
    if (tokens + EPSILON >= cost) {
      t = Math.max(0, tokens - cost);
      remaining = Math.floor(t + EPSILON);
      reset = Math.ceil(((tr.capacity - t) / tr.refillPerSec) * 1000);
    } else {
      allowed = false;
      t = tokens;
      remaining = Math.floor(tokens + EPSILON);
      retry = Math.ceil(((cost - tokens) / tr.refillPerSec) * 1000);
      reset = Math.ceil(((tr.capacity - tokens) / tr.refillPerSec) * 1000);
    }
  }
  const lr = rule.leaky;
  if (lr) {
    const interval = 1000 / lr.ratePerSec;
    const max = leakyMaxDelayMs(lr);
    const tat = b && b.q > now ? b.q : now;
    const wait = tat - now;
    if (wait <= max + EPSILON) {
      q = tat + interval * cost;
      delay = Math.max(0, Math.ceil(wait - EPSILON));
      remaining = Math.min(remaining, Math.max(0, Math.floor((max - (q - now)) / interval + EPSILON) + 1));
      reset = Math.max(reset, Math.ceil(q - now));
    } else {
      allowed = false;
      q = tat;
      remaining = 0;
      retry = Math.max(retry, Math.ceil(wait - max - EPSILON));
      reset = Math.max(reset, Math.ceil(wait));
    }
  }
  if (!allowed) {
    retry = Math.max(retry, 1);
    delay = 0;
  }
  nextT = t;
  nextQ = q;
  return { allowed, remaining, retryAfterMs: allowed ? 0 : retry, delayMs: delay, resetMs: reset };
}

/** Creates the in-memory adapter. */
export function createMemoryLimitStore(opts: MemoryLimitStoreOptions = {}): LimitStore {
  const clock = opts.clock ?? systemClock;
  const maxKeys = opts.maxKeys ?? 1_000_000;
  const buckets = new Map<string, Bucket>();

  /** The bucket of `key`, marked as used (or undefined when new). */
  const touch = (key: string): Bucket | undefined => {
    const b = buckets.get(key);
    if (b) b.u = true;
    return b;
  };
  /** Makes room for one bucket: the hand walks Map order, moving used buckets to the back (second chance). */
  const evict = () => {
    for (const [k, b] of buckets) {
      buckets.delete(k);
      if (!b.u) return;
      b.u = false;
      buckets.set(k, b);
    }
  };
  const commit = (key: string, b: Bucket | undefined, t: number, q: number, now: number) => {
    if (b) {
      b.t = t;
      b.a = now;
      b.q = q;
      return;
    }
    if (buckets.size >= maxKeys) evict();
    buckets.set(key, { t, a: now, q, u: false });
  };

  const one = (key: string, rule: LimitRule, cost: number): LimitDecision => {
    validateCheck(rule, cost);
    const now = clock.now();
    const b = touch(key);
    const d = evaluate(b, rule, cost, now);
    if (d.allowed) commit(key, b, nextT, nextQ, now);
    return d;
  };
  const tokenRules = new WeakMap<BucketRule, LimitRule>();
  const asRule = (rule: BucketRule): LimitRule => {
    let r = tokenRules.get(rule);
    if (!r) {
      r = { token: rule };
      tokenRules.set(rule, r);
    }
    return r;
  };

  const sync: SyncLimitDecider = {
    take: (key, rule, cost = 1) => one(key, asRule(rule), cost),
    check: (key, rule, cost = 1) => one(key, rule, cost),
    decide(checks: readonly LimitCheck[]): MultiDecision {
      if (checks.length === 1) {
        const c = checks[0] as LimitCheck;
        const d = one(c.key, c.rule, c.cost ?? 1);
        return { allowed: d.allowed, delayMs: d.delayMs, retryAfterMs: d.retryAfterMs, results: [d] };
      }
      for (const c of checks) validateCheck(c.rule, c.cost ?? 1);
      const now = clock.now();
      const states = checks.map((c) => touch(c.key));
      const pending: Pending[] = checks.map((c, i) => {
        const d = evaluate(states[i], c.rule, c.cost ?? 1, now);
        return { d, t: nextT, q: nextQ };
      });
      let allowed = true;
      let delayMs = 0;
      let retryAfterMs = 0;
      for (const p of pending) {
        if (!p.d.allowed) allowed = false;
        delayMs = Math.max(delayMs, p.d.delayMs);
        retryAfterMs = Math.max(retryAfterMs, p.d.retryAfterMs);
      }
      if (allowed)
        for (let i = 0; i < checks.length; i++)
          commit((checks[i] as LimitCheck).key, states[i], (pending[i] as Pending).t, (pending[i] as Pending).q, now);
      else delayMs = 0;
      return {
        allowed,
        delayMs,
        retryAfterMs,
        results: pending.map((p) => (allowed || !p.d.allowed ? p.d : { ...p.d, delayMs: 0 })),
      };
    },
  };

  return {
    kind: "memory",
    sync,
    async take(key, rule, cost = 1) {
      return sync.take(key, rule, cost);
    },
    async leak(key, rule, cost = 1) {
      return one(key, { leaky: rule }, cost);
    },
    async decide(checks) {
      return sync.decide(checks);
    },
    async ping() {},
    async close() {
      buckets.clear();
    },
  } satisfies LimitStore;
}
