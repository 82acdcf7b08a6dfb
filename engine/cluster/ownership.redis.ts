/**
 * Ownership leases in Redis: one hash per key (`<prefix>own:{<key>}` holding owner
 * and token, with the lease's PX expiry measured by the Redis server) and a fencing
 * counter beside it; acquire, renew and release are each one atomic Lua
 * compare-and-set. Use it for more than one node. Both keys share a hash tag,
 * so it runs on Redis Cluster. Calls reject with `redis_unavailable` within the
 * command timeout when Redis is unreachable (a node that cannot renew loses its
 * leases after their TTL, and another node takes over).
 *
 * @example
 *   const store = await createRedisOwnership({ url: "redis://127.0.0.1:6379" });
 *   const lease = await store.acquire("session:s1", "node-a", 10_000);
 */
import { checkTtl, type Lease, type OwnershipStore } from "./ownership.ts";
import {
  connected,
  createRedisClient,
  defineScript,
  guard,
  type RedisClientOptions,
  redisDefaults,
} from "./redis-client.ts";

// KEYS lease, fence; ARGV owner, ttlMs, fenceTtlMs → {1|0, owner, token, pttl}
const ACQUIRE = `
local owner = redis.call('HGET', KEYS[1], 'o')
if owner and owner ~= ARGV[1] then
  return {0, owner, tonumber(redis.call('HGET', KEYS[1], 't')), redis.call('PTTL', KEYS[1])}
end
local token
if owner then
  token = tonumber(redis.call('HGET', KEYS[1], 't'))
else
  token = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  redis.call('HSET', KEYS[1], 'o', ARGV[1], 't', token)
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, ARGV[1], token, tonumber(ARGV[2])}
`;

// KEYS lease; ARGV owner, token, ttlMs (or '' to release) → 1 | 0
const CAS = `
local h = redis.call('HMGET', KEYS[1], 'o', 't')
if h[1] ~= ARGV[1] or h[2] ~= ARGV[2] then return 0 end
if ARGV[3] == '' then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`;

/** Options of the Redis ownership store. */
export type RedisOwnershipOptions = RedisClientOptions;

/**
 * Creates the Redis adapter once Redis answers; rejects with `redis_unavailable`
 * after `connectTimeoutMs`.
 */
export async function createRedisOwnership(opts: RedisOwnershipOptions): Promise<OwnershipStore> {
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}own:`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-ownership" });
  const acquire = defineScript<[number, string, number, number]>(redis, "kefuOwnAcquire", 2, ACQUIRE);
  const cas = defineScript<number>(redis, "kefuOwnCas", 1, CAS);
  const keys = (key: string) => [`${prefix}{${key}}`, `${prefix}{${key}}:f`];
  await connected(redis, opts);

  return {
    kind: "redis",
    async acquire(key, owner, ttlMs): Promise<Lease | undefined> {
      checkTtl(ttlMs);
      const [ok, , token, ttl] = await acquire(keys(key), [owner, ttlMs, Math.max(86_400_000, 10 * ttlMs)]);
      return ok === 1 ? { key, owner, token, ttlMs: ttl } : undefined;
    },
    async renew(key, owner, token, ttlMs) {
      checkTtl(ttlMs);
      return (await cas([keys(key)[0] as string], [owner, token, ttlMs])) === 1;
    },
    async release(key, owner, token) {
      return (await cas([keys(key)[0] as string], [owner, token, ""])) === 1;
    },
    async holder(key) {
      const k = keys(key)[0] as string;
      const [h, ttl] = await guard(
        redis
          .multi()
          .hmget(k, "o", "t")
          .pttl(k)
          .exec()
          .then((r) => [r?.[0]?.[1] as (string | null)[], r?.[1]?.[1] as number] as const),
        "HMGET",
        redis,
      );
      if (!h?.[0] || !h[1] || ttl < 0) return undefined;
      return { key, owner: h[0], token: Number(h[1]), ttlMs: ttl };
    },
    async ping() {
      await guard(redis.ping(), "PING", redis);
    },
    async close() {
      redis.disconnect();
    },
  } satisfies OwnershipStore;
}
