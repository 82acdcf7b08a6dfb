/**
 * Token and leaky buckets in Redis: one atomic Lua script per decision (however
 * many checks it holds), timed by Redis `TIME`, so every node shares one exact
 * bucket per key (use it for more than one node). A bucket is a hash
 * `{t: tokens, a: at ms, q: next free leaky slot ms}` that expires once it would
 * be full and drained again (such buckets carry no state).
 *
 * When Redis is unreachable, a decision answers within the command timeout
 * according to `failMode`: "closed" rejects with `KefuError("redis_unavailable",
 * 503, retryable)`, "open" allows (and reports the error to `onError`).
 *
 * @example
 *   const limits = await createRedisLimitStore({ url: "redis://127.0.0.1:6379", failMode: "closed" });
 *   const d = await limits.take("tenant:t1", { capacity: 100, refillPerSec: 10 });
 */
import type { Clock } from "../clock.ts";
import {
  connected,
  createRedisClient,
  guard,
  type RedisClientOptions,
  redisDefaults,
} from "../cluster/redis-client.ts";
import {
  type LimitCheck,
  type LimitDecision,
  type LimitStore,
  leakyMaxDelayMs,
  type MultiDecision,
  validateCheck,
} from "./limit-store.ts";

/** Options of the Redis LimitStore. */
export interface RedisLimitStoreOptions extends RedisClientOptions {
  /** What a decision does when Redis cannot answer: "closed" rejects (default), "open" allows. */
  failMode?: "open" | "closed";
  /**
   * Time source. Default: Redis `TIME` inside the script (one clock for all nodes).
   * A clock here is for tests with a manual clock only.
   */
  clock?: Clock;
}

// KEYS[i] bucket i; ARGV[1] now ms ("" = Redis TIME); then 5 numbers per key:
// capacity, refillPerSec (0 0: no token bucket), leak ratePerSec, max delay ms (0 rate: no leaky), cost.
// Returns 5 integers per key: allowed, remaining, retryAfterMs, delayMs, resetMs. Commits all or nothing.
const DECIDE = `
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
else
  now = tonumber(ARGV[1])
end
local eps = 1e-9
local n = #KEYS
local out = {}
local commit = {}
local all = 1
for i = 1, n do
  local o = 1 + (i - 1) * 5
  local cap = tonumber(ARGV[o + 1])
  local refill = tonumber(ARGV[o + 2])
  local rate = tonumber(ARGV[o + 3])
  local maxd = tonumber(ARGV[o + 4])
  local cost = tonumber(ARGV[o + 5])
  local b = redis.call('HMGET', KEYS[i], 't', 'a', 'q')
  local allowed = 1
  local retry = 0
  local remaining = -1
  local reset = 0
  local delay = 0
  local nt = nil
  local nq = nil
  if cap > 0 then
    local tokens = cap
    local bt = tonumber(b[1])
    local ba = tonumber(b[2])
    if bt ~= nil and ba ~= nil then
      local el = now - ba
      if el < 0 then el = 0 end
      tokens = math.min(cap, bt + el / 1000 * refill)
    end
    if tokens + eps >= cost then
      nt = tokens - cost
      if nt < 0 then nt = 0 end
      remaining = math.floor(nt + eps)
      reset = math.ceil((cap - nt) / refill * 1000)
    else
      allowed = 0
      remaining = math.floor(tokens + eps)
      retry = math.ceil((cost - tokens) / refill * 1000)
      reset = math.ceil((cap - tokens) / refill * 1000)
    end
  end
  if rate > 0 then
    local interval = 1000 / rate
    local tat = tonumber(b[3])
    if tat == nil or tat < now then tat = now end
    local wait = tat - now
    if wait <= maxd + eps then
      nq = tat + interval * cost
      delay = math.ceil(wait - eps)
      local left = math.floor((maxd - (nq - now)) / interval + eps) + 1
      if left < 0 then left = 0 end
      if remaining < 0 or left < remaining then remaining = left end
      reset = math.max(reset, math.ceil(nq - now))
    else
      allowed = 0
      remaining = 0
      retry = math.max(retry, math.ceil(wait - maxd - eps))
      reset = math.max(reset, math.ceil(wait))
    end
  end
  if allowed == 0 then
    all = 0
    delay = 0
    if retry < 1 then retry = 1 end
  end
  if remaining < 0 then remaining = 0 end
  out[#out + 1] = allowed
  out[#out + 1] = remaining
  out[#out + 1] = retry
  out[#out + 1] = delay
  out[#out + 1] = reset
  commit[i] = {nt, nq, reset}
end
if all == 1 then
  for i = 1, n do
    local c = commit[i]
    if c[1] ~= nil then
      redis.call('HSET', KEYS[i], 't', string.format('%.17g', c[1]), 'a', string.format('%.17g', now))
    end
    if c[2] ~= nil then
      redis.call('HSET', KEYS[i], 'q', string.format('%.17g', c[2]))
    end
    redis.call('PEXPIRE', KEYS[i], c[3] + 1000)
  end
else
  for i = 1, n do out[(i - 1) * 5 + 4] = 0 end
end
return out
`;

/**
 * Creates the Redis adapter once Redis answers; rejects with `redis_unavailable`
 * after `connectTimeoutMs` (a node does not start on a Redis it cannot reach).
 */
export async function createRedisLimitStore(opts: RedisLimitStoreOptions): Promise<LimitStore> {
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}lim:`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-limits" });
  // The key count varies per call, so the script takes it as its first argument (numberOfKeys unset).
  redis.defineCommand("kefuLimitDecide", { lua: DECIDE });
  const call = (redis as unknown as Record<string, (...a: (string | number)[]) => Promise<number[]>>)
    .kefuLimitDecide as (...a: (string | number)[]) => Promise<number[]>;
  const script = (keys: string[], args: (string | number)[]) =>
    guard(call.call(redis, keys.length, ...keys, ...args), "kefuLimitDecide", redis);
  const failMode = opts.failMode ?? "closed";
  await connected(redis, opts);

  const openDecision = (): LimitDecision => ({
    allowed: true,
    remaining: 0,
    retryAfterMs: 0,
    delayMs: 0,
    resetMs: 0,
  });

  async function decide(checks: readonly LimitCheck[]): Promise<MultiDecision> {
    const keys: string[] = [];
    const args: (string | number)[] = [opts.clock ? String(opts.clock.now()) : ""];
    for (const c of checks) {
      const cost = c.cost ?? 1;
      validateCheck(c.rule, cost);
      keys.push(prefix + c.key);
      const t = c.rule.token;
      const l = c.rule.leaky;
      args.push(t?.capacity ?? 0, t?.refillPerSec ?? 0, l?.ratePerSec ?? 0, l ? leakyMaxDelayMs(l) : 0, cost);
    }
    let raw: number[];
    try {
      raw = await script(keys, args);
    } catch (e) {
      if (failMode === "closed") throw e;
      opts.onError?.(e);
      const results = checks.map(openDecision);
      return { allowed: true, delayMs: 0, retryAfterMs: 0, results };
    }
    const results: LimitDecision[] = [];
    let allowed = true;
    let delayMs = 0;
    let retryAfterMs = 0;
    for (let i = 0; i < checks.length; i++) {
      const o = i * 5;
      const d: LimitDecision = {
        allowed: raw[o] === 1,
        remaining: raw[o + 1] as number,
        retryAfterMs: raw[o + 2] as number,
        delayMs: raw[o + 3] as number,
        resetMs: raw[o + 4] as number,
      };
      if (!d.allowed) allowed = false;
      delayMs = Math.max(delayMs, d.delayMs);
      retryAfterMs = Math.max(retryAfterMs, d.retryAfterMs);
      results.push(d);
    }
    return { allowed, delayMs, retryAfterMs, results };
  }

  return {
    kind: "redis",
    async take(key, rule, cost = 1) {
      return (await decide([{ key, rule: { token: rule }, cost }])).results[0] as LimitDecision;
    },
    async leak(key, rule, cost = 1) {
      return (await decide([{ key, rule: { leaky: rule }, cost }])).results[0] as LimitDecision;
    },
    decide,
    async ping() {
      await guard(redis.ping(), "PING", redis);
    },
    async close() {
      redis.disconnect();
    },
  } satisfies LimitStore;
}
