/**
 * Token buckets in process memory. The embedded default: single node only
 * (use the Redis LimitStore for more than one node).
 *
 * @example
 *   const limits = createMemoryLimitStore({ clock: systemClock, maxKeys: 1_000_000 });
 */
import { type Clock, systemClock } from "../clock.ts";
import type { LimitStore } from "./limit-store.ts";

/** Options of the in-memory LimitStore. */
export interface MemoryLimitStoreOptions {
  clock?: Clock;
  /** Most buckets held; beyond it the least recently used bucket is forgotten (it refills as new). */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Creates the in-memory adapter. */
export function createMemoryLimitStore(opts: MemoryLimitStoreOptions = {}): LimitStore {
  const clock = opts.clock ?? systemClock;
  const maxKeys = opts.maxKeys ?? 1_000_000;
  const buckets = new Map<string, Bucket>();

  return {
    kind: "memory",
    async take(key, rule, cost = 1) {
      if (!(rule.capacity > 0) || !(rule.refillPerSec > 0))
        throw new RangeError("capacity and refillPerSec must be > 0");
      if (cost > rule.capacity) throw new RangeError(`cost ${cost} exceeds bucket capacity ${rule.capacity}`);
      const now = clock.now();
      let b = buckets.get(key);
      if (b) {
        buckets.delete(key); // re-inserted below: keeps Map order least-recently-used first
        b.tokens = Math.min(rule.capacity, b.tokens + ((now - b.at) / 1000) * rule.refillPerSec);
        b.at = now;
      } else {
        b = { tokens: rule.capacity, at: now };
        if (buckets.size >= maxKeys) {
          const lru = buckets.keys().next().value;
          if (lru !== undefined) buckets.delete(lru);
        }
      }
      buckets.set(key, b);
      if (b.tokens >= cost) {
        b.tokens -= cost;
        return { allowed: true, remaining: Math.floor(b.tokens), retryAfterMs: 0 };
      }
      const retryAfterMs = Math.ceil(((cost - b.tokens) / rule.refillPerSec) * 1000);
      return { allowed: false, remaining: Math.floor(b.tokens), retryAfterMs };
    },
    async ping() {},
    async close() {
      buckets.clear();
    },
  } satisfies LimitStore;
}
