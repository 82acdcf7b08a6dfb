/**
 * IdempotencyStore in Redis: one hash per (scope, key) `{f, c, d, r}` claimed and
 * read by one atomic Lua script, so every node of a cluster shares the same keys
 * (use it for more than one node; the SQLite adapter is single node only).
 * Expiry is logical (the record's claim time against `now`, Redis `TIME` by default)
 * with a `PEXPIRE` of the larger of `ttlMs` and `lockMs` as garbage collection.
 *
 * @example
 *   const store = await createRedisIdempotencyStore({ url: "redis://127.0.0.1:6379", ttlMs: 86_400_000 });
 *   const r = await store.begin("tenant:t1", "key-1", "sha256-of-body");
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
import type { BeginResult, IdempotencyStore, StoredResponse } from "./idempotency-store.ts";

/** Options of the Redis idempotency store. */
export interface RedisIdempotencyOptions extends RedisClientOptions {
  /** How long a completed response is replayed. Default 24 h. */
  ttlMs?: number;
  /** How long an unfinished claim blocks the key (a crashed request). Default 60 s. */
  lockMs?: number;
  /** Time source; default Redis `TIME` (one clock for all nodes). For tests with a manual clock. */
  clock?: Clock;
}

const NOW = `
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[1])
end
`;

// KEYS[1] record; ARGV now ('' = TIME), fingerprint, ttlMs, lockMs.
const BEGIN = `${NOW}
local fp = ARGV[2]
local ttl = tonumber(ARGV[3])
local lock = tonumber(ARGV[4])
local h = redis.call('HMGET', KEYS[1], 'f', 'c', 'd', 'r')
if h[1] then
  local age = now - tonumber(h[2])
  local live
  if h[3] == '1' then live = age < ttl else live = age < lock end
  if live then
    if h[1] ~= fp then return {'mismatch'} end
    if h[3] ~= '1' then return {'in_progress'} end
    return {'done', h[4]}
  end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'f', fp, 'c', now, 'd', '0')
redis.call('PEXPIRE', KEYS[1], math.max(ttl, lock))
return {'new'}
`;

// KEYS[1] record; ARGV response JSON, ttlMs. A record that expired meanwhile is not recreated.
const COMPLETE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'd', '1', 'r', ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

/**
 * Creates the Redis adapter once Redis answers; rejects with `redis_unavailable`
 * after `connectTimeoutMs`. Keys: `<keyPrefix>idem:<scope>:<key>`.
 */
export async function createRedisIdempotencyStore(opts: RedisIdempotencyOptions): Promise<IdempotencyStore> {
  const ttlMs = opts.ttlMs ?? 86_400_000;
  const lockMs = opts.lockMs ?? 60_000;
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}idem:`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-idempotency" });
  const begin = defineScript<[string, string?]>(redis, "kefuIdemBegin", 1, BEGIN);
  const complete = defineScript<number>(redis, "kefuIdemComplete", 1, COMPLETE);
  await connected(redis, opts);
  // Scopes and keys are length-bounded by the caller; the scope is length-prefixed so no key can forge another scope.
  const k = (scope: string, key: string) => `${prefix}${scope.length}:${scope}:${key}`;
  const now = () => (opts.clock ? String(opts.clock.now()) : "");

  return {
    kind: "redis",
    async begin(scope, key, fingerprint): Promise<BeginResult> {
      const [state, response] = await begin([k(scope, key)], [now(), fingerprint, ttlMs, lockMs]);
      if (state === "done") return { state, response: JSON.parse(response as string) as StoredResponse };
      return { state: state as "new" | "in_progress" | "mismatch" };
    },
    async complete(scope, key, response) {
      await complete([k(scope, key)], [JSON.stringify(response), ttlMs]);
    },
    async abandon(scope, key) {
      await guard(redis.del(k(scope, key)), "DEL", redis);
    },
    async ping() {
      await guard(redis.ping(), "PING", redis);
    },
    async close() {
      redis.disconnect();
    },
  } satisfies IdempotencyStore;
}
