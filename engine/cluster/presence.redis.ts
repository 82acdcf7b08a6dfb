/**
 * Presence and seats in Redis, each write one atomic Lua script. Use them for
 * more than one node. Calls reject with `KefuError("redis_unavailable")` within
 * the command timeout when Redis is unreachable.
 *
 * - Seat: hash `<prefix>seat:{<agent>}` (`d` = JSON of the writable fields, `v` =
 *   version) and set `<prefix>seat:{<agent>}:s` of held sessions (same hash tag).
 *   `put` compares the version and writes; `assign` checks state and capacity
 *   and adds in the same script, so nodes never over-fill a seat.
 * - Presence: sorted set `<prefix>pres:{<member>}` of node → expiry (Redis `TIME`),
 *   pruned on every read and write, the key expiring with its last entry.
 *
 * @example
 *   const seats = await createRedisSeatStore({ url: "redis://127.0.0.1:6379" });
 *   const presence = await createRedisPresence({ url: "redis://127.0.0.1:6379" });
 */
import type { SeatState } from "../agents/seats.ts";
import { checkTtl } from "./ownership.ts";
import { type AssignResult, type PresenceStore, type SeatStore, versionConflict } from "./presence.ts";
import {
  connected,
  createRedisClient,
  defineScript,
  guard,
  type RedisClientOptions,
  redisDefaults,
} from "./redis-client.ts";

// KEYS seat; ARGV expected version, JSON fields → new version, or -current on conflict.
const PUT = `
local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if v ~= tonumber(ARGV[1]) then return -v - 1 end
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'v', v + 1)
return v + 1
`;

// KEYS seat, sessions; ARGV session → result name.
const ASSIGN = `
local d = redis.call('HGET', KEYS[1], 'd')
if not d then return 'not_found' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 'already' end
local seat = cjson.decode(d)
if seat.state ~= 'online' then return 'not_online' end
if redis.call('SCARD', KEYS[2]) >= tonumber(seat.capacity) then return 'full' end
redis.call('SADD', KEYS[2], ARGV[1])
return 'assigned'
`;

// KEYS seat, sessions → held sessions (then both keys are gone).
const REMOVE = `
local held = redis.call('SMEMBERS', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2])
return held
`;

// KEYS presence; ARGV node, ttlMs ('' = read only / leave with ARGV[3] = '1') → live nodes.
const PRESENCE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if ARGV[3] == '1' then redis.call('ZREM', KEYS[1], ARGV[1]) end
if ARGV[2] ~= '' then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
end
local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if #top == 0 then return {} end
redis.call('PEXPIREAT', KEYS[1], math.ceil(tonumber(top[2])))
return redis.call('ZRANGE', KEYS[1], 0, -1)
`;

/** Creates the Redis SeatStore once Redis answers. */
export async function createRedisSeatStore(opts: RedisClientOptions): Promise<SeatStore> {
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}seat:`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-seats" });
  const put = defineScript<number>(redis, "kefuSeatPut", 1, PUT);
  const assign = defineScript<AssignResult>(redis, "kefuSeatAssign", 2, ASSIGN);
  const remove = defineScript<string[]>(redis, "kefuSeatRemove", 2, REMOVE);
  const keys = (agentId: string) => [`${prefix}{${agentId}}`, `${prefix}{${agentId}}:s`];
  await connected(redis, opts);

  return {
    kind: "redis",
    async get(agentId) {
      const [k, ks] = keys(agentId) as [string, string];
      const r = await guard(redis.multi().hmget(k, "d", "v").smembers(ks).exec(), "HMGET", redis);
      const [d, v] = (r?.[0]?.[1] ?? []) as (string | null)[];
      if (!d || !v) return undefined;
      const f = JSON.parse(d) as { tenantId: string; groups: string[]; capacity: number; state: SeatState };
      return { agentId, ...f, version: Number(v), sessions: (r?.[1]?.[1] ?? []) as string[] };
    },
    async put(agentId, seat, expectedVersion) {
      const fields = { tenantId: seat.tenantId, groups: seat.groups, capacity: seat.capacity, state: seat.state };
      const r = await put([keys(agentId)[0] as string], [expectedVersion, JSON.stringify(fields)]);
      if (r < 0) throw versionConflict(agentId, -r - 1, expectedVersion);
      return r;
    },
    assign: (agentId, sessionId) => assign(keys(agentId), [sessionId]),
    async release(agentId, sessionId) {
      return (await guard(redis.srem(keys(agentId)[1] as string, sessionId), "SREM", redis)) === 1;
    },
    remove: (agentId) => remove(keys(agentId), []),
    async ping() {
      await guard(redis.ping(), "PING", redis);
    },
    async close() {
      redis.disconnect();
    },
  } satisfies SeatStore;
}

/** Creates the Redis PresenceStore once Redis answers. */
export async function createRedisPresence(opts: RedisClientOptions): Promise<PresenceStore> {
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}pres:`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-presence" });
  const presence = defineScript<string[]>(redis, "kefuPresence", 1, PRESENCE);
  const key = (member: string) => [`${prefix}{${member}}`];
  await connected(redis, opts);

  return {
    kind: "redis",
    async heartbeat(member, nodeId, ttlMs) {
      checkTtl(ttlMs);
      await presence(key(member), [nodeId, ttlMs, "0"]);
    },
    async leave(member, nodeId) {
      await presence(key(member), [nodeId, "", "1"]);
    },
    async nodesOf(member) {
      return (await presence(key(member), ["", "", "0"])).sort();
    },
    async ping() {
      await guard(redis.ping(), "PING", redis);
    },
    async close() {
      redis.disconnect();
    },
  } satisfies PresenceStore;
}
