/**
 * HotHistory in Redis Streams: one stream per session (`<prefix>hh:{<session>}`),
 * each entry `{s: seq, e: epoch, p: protobuf SessionEvent}`, trimmed on every
 * write to the newest `perSession` entries (MAXLEN) and to the last `ttlMs`
 * (MINID from Redis `TIME`); both keys expire `ttlMs` after the last write.
 * Use it for more than one node: any node can replay any session.
 *
 * Epoch: a hash `<prefix>hh:{<session>}:m` holds a random epoch, created with the
 * stream and copied into every entry. A stream whose meta is gone (evicted,
 * flushed, expired apart) is from an unknown incarnation: the next push deletes
 * it and starts a new epoch, and `after` answers `complete: false` for entries of
 * another epoch or when the meta is missing. Together with the seq check (the
 * answer is complete only when it is exactly `lastSeq + 1` … newest, without a
 * hole), a flushed, evicted or restarted Redis never yields a partial replay: the
 * caller falls back to the EventStore.
 *
 * Degrades, never blocks: Redis failures do not reject. `push` drops the event
 * (the hole makes later replays fall back to the EventStore) and `after` answers
 * `{ events: [], complete: false }`, both within the command timeout; each failure
 * goes to `onError` as `KefuError("redis_unavailable")`. `drop` and `ping` reject.
 *
 * Both keys of a session share a hash tag, so the scripts run on Redis Cluster too.
 *
 * @example
 *   const hot = await createRedisHotHistory({ url: "redis://127.0.0.1:6379", perSession: 512 });
 *   await hot.push(event);
 *   const { events, complete } = await hot.after("s1", 41);
 */
import { randomBytes } from "node:crypto";
import {
  connected,
  createRedisClient,
  defineScript,
  guard,
  type RedisClientOptions,
  redisDefaults,
} from "../cluster/redis-client.ts";
import { decodeEvent, encodeEvent, type SessionEvent } from "../events.ts";
import type { EventBatchDecoder } from "../storage/event-codec.ts";
import type { HotHistory, HotRange } from "./hot-history.ts";

/** Options of the Redis HotHistory. */
export interface RedisHotHistoryOptions extends RedisClientOptions {
  /** Most events kept per session (MAXLEN). */
  perSession: number;
  /** Oldest event kept and idle lifetime of a session's stream. Default 24 h. */
  ttlMs?: number;
  /** Decodes many payloads at once (the native batch decoder); default one by one. */
  decoder?: EventBatchDecoder;
}

// KEYS stream, meta; ARGV seq, payload, maxlen, ttlMs, fresh epoch.
// Returns 1 when stored, 0 when ignored (seq not above the newest held).
const PUSH = `
local epoch = redis.call('HGET', KEYS[2], 'e')
if not epoch then
  redis.call('DEL', KEYS[1])
  epoch = ARGV[5]
  redis.call('HSET', KEYS[2], 'e', epoch)
else
  local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  if #last > 0 and tonumber(ARGV[1]) <= tonumber(last[1][2][2]) then return 0 end
end
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[4])
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], '*', 's', ARGV[1], 'e', epoch, 'p', ARGV[2])
redis.call('XTRIM', KEYS[1], 'MINID', tostring(nowMs - ttl))
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return 1
`;

// KEYS stream, meta; ARGV lastSeq, most entries.
// Returns {epoch or '', whole (1 when an entry at or below lastSeq was seen or the
// stream holds no more), then seq, entryEpoch, payload triples in ascending seq}.
const AFTER = `
local epoch = redis.call('HGET', KEYS[2], 'e')
if not epoch then return {'', '0'} end
local lastSeq = tonumber(ARGV[1])
local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if #newest == 0 then return {epoch, '0'} end
local want = tonumber(newest[1][2][2]) - lastSeq + 1
if want < 1 then want = 1 end
if want > tonumber(ARGV[2]) then want = tonumber(ARGV[2]) end
local entries = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', want)
local out = {epoch, '0'}
local picked = {}
for i = 1, #entries do
  local f = entries[i][2]
  if tonumber(f[2]) <= lastSeq then out[2] = '1'; break end
  picked[#picked + 1] = f
end
for i = #picked, 1, -1 do
  local f = picked[i]
  out[#out + 1] = f[2]
  out[#out + 1] = f[4]
  out[#out + 1] = f[6]
end
return out
`;

/**
 * Creates the Redis adapter once Redis answers; rejects with `redis_unavailable`
 * after `connectTimeoutMs`.
 */
export async function createRedisHotHistory(opts: RedisHotHistoryOptions): Promise<HotHistory> {
  if (!Number.isInteger(opts.perSession) || opts.perSession < 1)
    throw new RangeError("perSession must be an integer ≥ 1");
  const ttlMs = opts.ttlMs ?? 86_400_000;
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}hh:`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-hot-history" });
  const push = defineScript<number>(redis, "kefuHotPush", 2, PUSH);
  const after = defineScript<Buffer[]>(redis, "kefuHotAfter", 2, AFTER, { buffer: true });
  const keys = (sessionId: string) => [`${prefix}{${sessionId}}`, `${prefix}{${sessionId}}:m`];
  const decode = (payloads: Buffer[]): SessionEvent[] =>
    opts.decoder ? opts.decoder.decode(payloads) : payloads.map((p) => decodeEvent(p));
  await connected(redis, opts);

  return {
    kind: "redis",
    async push(e) {
      try {
        await push(keys(e.sessionId), [
          e.seq,
          Buffer.from(encodeEvent(e)),
          opts.perSession,
          ttlMs,
          randomBytes(8).toString("hex"),
        ]);
      } catch (err) {
        opts.onError?.(err);
      }
    },
    async after(sessionId, lastSeq): Promise<HotRange> {
      let reply: Buffer[];
      try {
        reply = await after(keys(sessionId), [lastSeq, opts.perSession]);
      } catch (err) {
        opts.onError?.(err);
        return { events: [], complete: false };
      }
      const epoch = reply[0]?.toString() ?? "";
      if (epoch === "") return { events: [], complete: false }; // unknown stream
      const seqs: number[] = [];
      const payloads: Buffer[] = [];
      let sameEpoch = true;
      for (let i = 2; i + 2 < reply.length; i += 3) {
        seqs.push(Number((reply[i] as Buffer).toString()));
        if ((reply[i + 1] as Buffer).toString() !== epoch) sameEpoch = false;
        payloads.push(reply[i + 2] as Buffer);
      }
      if (seqs.length === 0) {
        // Nothing newer: complete when the stream holds something at or below lastSeq.
        return { events: [], complete: reply[1]?.toString() === "1" };
      }
      const events = decode(payloads);
      let complete = sameEpoch && seqs[0] === lastSeq + 1;
      for (let i = 1; complete && i < seqs.length; i++) if (seqs[i] !== (seqs[i - 1] as number) + 1) complete = false;
      return { events, complete };
    },
    async drop(sessionId) {
      await guard(redis.del(...keys(sessionId)), "DEL", redis);
    },
    async ping() {
      await guard(redis.ping(), "PING", redis);
    },
    async close() {
      redis.disconnect();
    },
  } satisfies HotHistory;
}
