/**
 * Token buckets in Redis: one atomic Lua script per decision, timed by Redis
 * `TIME`, so every node shares one exact bucket per key (use it for more than one
 * node). A bucket is a hash `{t: tokens, a: at ms}` that expires once it would be
 * full again (full buckets carry no state).
 *
 * When Redis is unreachable, `take` answers within the command timeout according
 * to `failMode`: "closed" rejects with `KefuError("redis_unavailable", 503,
 * retryable)`, "open" allows (and reports the error to `onError`).
 *
 * @example
 *   const limits = createRedisLimitStore({ url: "redis://127.0.0.1:6379", failMode: "closed" });
 *   const d = await limits.take("tenant:t1", { capacity: 100, refillPerSec: 10 });
 */
import type { Clock } from "../clock.ts";
import {
  connected,
  createRedisClient,
  defineScript,
  guard,
  type RedisClientOptions,
  redisDefaults,
} from "../cluster/redis-client.ts";
import type { LimitDecision, LimitStore } from "./limit-store.ts";

/** Options of the Redis LimitStore. */
export interface RedisLimitStoreOptions extends RedisClientOptions {
  /** What `take` does when Redis cannot answer: "closed" rejects (default), "open" allows. */
  failMode?: "open" | "closed";
  /**
   * Time source. Default: Redis `TIME` inside the script (one clock for all nodes).
   * A clock here is for tests with a manual clock only.
   */
  clock?: Clock;
}

// KEYS[1] bucket; ARGV capacity, refillPerSec, cost, now ms ("" = Redis TIME).
const TAKE = `
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now
if ARGV[4] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
else
  now = tonumber(ARGV[4])
end
local b = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if tokens == nil or at == nil then tokens = cap; at = now end
local elapsed = now - at
if elapsed < 0 then elapsed = 0 end
tokens = math.min(cap, tokens + elapsed / 1000 * rate)
local allowed = 0
local retry = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  retry = math.ceil((cost - tokens) / rate * 1000)
end
if tokens >= cap then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'a', string.format('%.17g', now))
  redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) / rate * 1000) + 1000)
end
return {allowed, math.floor(tokens), retry}
`;

/**
 * Creates the Redis adapter once Redis answers; rejects with `redis_unavailable`
 * after `connectTimeoutMs` (a node does not start on a Redis it cannot reach).
 */
export async function createRedisLimitStore(opts: RedisLimitStoreOptions): Promise<LimitStore> {
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}lim:`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-limits" });
  const take = defineScript<[number, number, number]>(redis, "kefuLimitTake", 1, TAKE);
  const failMode = opts.failMode ?? "closed";
  await connected(redis, opts);

  return {
    kind: "redis",
    async take(key, rule, cost = 1): Promise<LimitDecision> {
      if (!(rule.capacity > 0) || !(rule.refillPerSec > 0))
        throw new RangeError("capacity and refillPerSec must be > 0");
      if (cost > rule.capacity) throw new RangeError(`cost ${cost} exceeds bucket capacity ${rule.capacity}`);
      const now = opts.clock ? String(opts.clock.now()) : "";
      try {
        const [allowed, remaining, retryAfterMs] = await take(
          [prefix + key],
          [rule.capacity, rule.refillPerSec, cost, now],
        );
        return { allowed: allowed === 1, remaining, retryAfterMs };
      } catch (e) {
        if (failMode === "closed") throw e;
        opts.onError?.(e);
        return { allowed: true, remaining: 0, retryAfterMs: 0 };
      }
    },
    async ping() {
      await guard(redis.ping(), "PING", redis);
    },
    async close() {
      redis.disconnect();
    },
  } satisfies LimitStore;
}
