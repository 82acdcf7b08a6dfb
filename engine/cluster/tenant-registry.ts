/**
 * What a tenant's home node must hand over when it dies: the tenant's agent seats
 * (groups, capacity, state) and its open sessions. The home writes them as they
 * change; the node that adopts the tenant reads them to rebuild routing, queues
 * and timers (see tenant-homes.ts). PostgreSQL stays the source of truth for each
 * session's state; this is only the list of what to reload.
 *
 * Adapters: `createMemoryTenantRegistry` (tests, one process) and
 * `createRedisTenantRegistry` (a hash of seats and a set of sessions per tenant,
 * both under the tenant's hash tag).
 *
 * @example
 *   await registry.putAgent("t1", { id: "a1", groups: ["sales"], capacity: 3, state: "online", version: 2 });
 *   await registry.addSession("t1", "s1");
 *   (await registry.sessions("t1", 10_000)).includes("s1"); // true
 */
import type { SeatState } from "../agents/seats.ts";
import {
  connected,
  createRedisClient,
  defineScript,
  guard,
  type RedisClientOptions,
  redisDefaults,
} from "./redis-client.ts";

// KEYS agents hash; ARGV agent id, JSON, version → 1 written, 0 a version at least as new is stored.
const PUT_SEAT = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur and tonumber(cjson.decode(cur).version or 0) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/** A seat as the registry keeps it. */
export interface AgentRecord {
  id: string;
  groups: string[];
  capacity: number;
  state: SeatState;
  /** The seat's version, kept across a takeover (compare-and-set goes on working). */
  version: number;
  /** Display name, when the agent was registered with one. */
  name?: string;
}

/** The registry port. */
export interface TenantRegistry {
  readonly kind: string;
  /**
   * Stores a seat unless a version at least as new is stored (atomic compare-and-set on
   * the version): a home that lost its lease and writes late cannot undo a newer state.
   * True when written.
   */
  putAgent(tenantId: string, agent: AgentRecord): Promise<boolean>;
  deleteAgent(tenantId: string, agentId: string): Promise<void>;
  /** Every stored seat of a tenant, by id. */
  agents(tenantId: string): Promise<AgentRecord[]>;
  addSession(tenantId: string, sessionId: string): Promise<void>;
  removeSession(tenantId: string, sessionId: string): Promise<void>;
  /** Up to `limit` open sessions of a tenant, in no particular order. */
  sessions(tenantId: string, limit: number): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The in-process adapter (several services in one process share one).
 *
 * @example
 *   const registry = createMemoryTenantRegistry();
 */
export function createMemoryTenantRegistry(): TenantRegistry {
  const agents = new Map<string, Map<string, AgentRecord>>();
  const sessions = new Map<string, Set<string>>();
  const of = <T>(m: Map<string, T>, k: string, make: () => T): T => {
    let v = m.get(k);
    if (!v) {
      v = make();
      m.set(k, v);
    }
    return v;
  };
  return {
    kind: "memory",
    async putAgent(tenantId, agent) {
      const m = of(agents, tenantId, () => new Map<string, AgentRecord>());
      if ((m.get(agent.id)?.version ?? 0) >= agent.version) return false;
      m.set(agent.id, structuredClone(agent));
      return true;
    },
    async deleteAgent(tenantId, agentId) {
      agents.get(tenantId)?.delete(agentId);
    },
    async agents(tenantId) {
      return [...(agents.get(tenantId)?.values() ?? [])]
        .map((a) => structuredClone(a))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async addSession(tenantId, sessionId) {
      of(sessions, tenantId, () => new Set()).add(sessionId);
    },
    async removeSession(tenantId, sessionId) {
      sessions.get(tenantId)?.delete(sessionId);
    },
    async sessions(tenantId, limit) {
      return [...(sessions.get(tenantId) ?? [])].slice(0, limit);
    },
    async close() {},
  };
}

/**
 * The Redis adapter; rejects with `redis_unavailable` after `connectTimeoutMs`.
 *
 * @example
 *   const registry = await createRedisTenantRegistry({ url: "redis://127.0.0.1:6379" });
 */
export async function createRedisTenantRegistry(opts: RedisClientOptions): Promise<TenantRegistry> {
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}reg:`;
  const redis = createRedisClient({ ...opts, name: opts.name ?? "kefu-registry" });
  const agentsKey = (t: string) => `${prefix}{${t}}:agents`;
  const sessionsKey = (t: string) => `${prefix}{${t}}:sessions`;
  const putSeat = defineScript<number>(redis, "kefuRegistryPutSeat", 1, PUT_SEAT);
  await connected(redis, opts);
  return {
    kind: "redis",
    async putAgent(tenantId, agent) {
      return (await putSeat([agentsKey(tenantId)], [agent.id, JSON.stringify(agent), agent.version])) === 1;
    },
    async deleteAgent(tenantId, agentId) {
      await guard(redis.hdel(agentsKey(tenantId), agentId), "HDEL", redis);
    },
    async agents(tenantId) {
      const all = await guard(redis.hgetall(agentsKey(tenantId)), "HGETALL", redis);
      return Object.keys(all)
        .sort()
        .map((id) => JSON.parse(all[id] as string) as AgentRecord);
    },
    async addSession(tenantId, sessionId) {
      await guard(redis.sadd(sessionsKey(tenantId), sessionId), "SADD", redis);
    },
    async removeSession(tenantId, sessionId) {
      await guard(redis.srem(sessionsKey(tenantId), sessionId), "SREM", redis);
    },
    async sessions(tenantId, limit) {
      const out = new Set<string>();
      let cursor = "0";
      do {
        const [next, batch] = await guard(redis.sscan(sessionsKey(tenantId), cursor, "COUNT", 1000), "SSCAN", redis);
        cursor = next;
        for (const id of batch) if (out.size < limit) out.add(id); // SSCAN may repeat an id
      } while (cursor !== "0" && out.size < limit);
      return [...out];
    },
    async close() {
      redis.disconnect();
    },
  };
}
