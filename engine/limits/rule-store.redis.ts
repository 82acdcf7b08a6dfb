/**
 * Rate-limit rules and blocks in Redis: two hashes (`<prefix>limits:rules`,
 * `<prefix>limits:blocks`, id → JSON), so every node reads the same registry.
 * The bound on their size is checked inside a Lua script (atomic across nodes).
 *
 * @example
 *   const store = await createRedisRuleStore({ url: "redis://127.0.0.1:6379", keyPrefix: "kefu:" });
 */
import {
  connected,
  createRedisClient,
  defineScript,
  guard,
  type RedisClientOptions,
  redisDefaults,
} from "../cluster/redis-client.ts";
import { full, type LimitRuleStore } from "./rule-store.ts";
import type { BlockRule, RateLimitRule } from "./rules.ts";

// KEYS[1] hash; ARGV id, json, max. Returns 1 when stored, 0 when full.
const PUT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/** Creates the Redis adapter once Redis answers (rejects with `redis_unavailable` otherwise). */
export async function createRedisRuleStore(opts: RedisClientOptions): Promise<LimitRuleStore> {
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}limits:`;
  const rulesKey = `${prefix}rules`;
  const blocksKey = `${prefix}blocks`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-limit-rules" });
  const put = defineScript<number>(redis, "kefuLimitRulePut", 1, PUT);
  await connected(redis, opts);

  const all = async (key: string) => {
    const h = await guard(redis.hgetall(key), "HGETALL", redis);
    return Object.keys(h)
      .sort()
      .map((id) => JSON.parse(h[id] as string));
  };
  return {
    kind: "redis",
    async load() {
      const [rules, blocks] = await Promise.all([all(rulesKey), all(blocksKey)]);
      return { rules: rules as RateLimitRule[], blocks: blocks as BlockRule[] };
    },
    async putRule(rule, max) {
      if ((await put([rulesKey], [rule.id, JSON.stringify(rule), max])) !== 1) throw full("rules", max);
    },
    async deleteRule(id) {
      return (await guard(redis.hdel(rulesKey, id), "HDEL", redis)) > 0;
    },
    async putBlock(block, max) {
      if ((await put([blocksKey], [block.id, JSON.stringify(block), max])) !== 1) throw full("blocks", max);
    },
    async deleteBlock(id) {
      return (await guard(redis.hdel(blocksKey, id), "HDEL", redis)) > 0;
    },
    async close() {
      redis.disconnect();
    },
  } satisfies LimitRuleStore;
}
