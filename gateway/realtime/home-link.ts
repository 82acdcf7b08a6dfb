/**
 * The pieces a node needs to take part in tenant homes (README "Scaling out"):
 * the RPC end on the bus, the home leases, the tenant registry and agent presence
 * (engine/cluster/presence.redis.ts), all on the configured Redis, built from
 * `storage.redis.*`.
 *
 * @example
 *   const home = await createHomeLink({ config, bus, logger, listener: service.homeListener });
 *   createConversationService({ …, home: home.link });
 */
import type { Bus } from "../../engine/bus/bus.ts";
import { createRedisOwnership } from "../../engine/cluster/ownership.redis.ts";
import { createRedisPresence } from "../../engine/cluster/presence.redis.ts";
import { redisOptions } from "../../engine/cluster/redis-client.ts";
import { createRpc } from "../../engine/cluster/rpc.ts";
import { createTenantHomes } from "../../engine/cluster/tenant-homes.ts";
import { createRedisTenantRegistry } from "../../engine/cluster/tenant-registry.ts";
import type { Config } from "../../engine/config.ts";
import type { HomeLink } from "../../engine/conversations/service.ts";
import type { Logger } from "../../engine/logger.ts";

/** What `createHomeLink` is told about homes changing. */
export interface HomeListener {
  adopted(tenantId: string): void;
  lost(tenantId: string): void;
  moved(tenantId: string, node: string): void;
}

/** Options of `createHomeLink`. */
export interface HomeLinkOptions {
  config: Config;
  /** The Redis bus (its node id names this node). */
  bus: Bus & { nodeId?: string };
  logger: Logger;
  listener: HomeListener;
}

/** Builds the link; rejects with `redis_unavailable` when Redis cannot be reached. */
export async function createHomeLink(opts: HomeLinkOptions): Promise<{ link: HomeLink; close(): Promise<void> }> {
  const r = opts.config.storage.redis;
  const nodeId = opts.bus.nodeId;
  if (!nodeId) throw new Error("tenant homes need the Redis bus (it names the node)");
  const onError = (error: unknown) => opts.logger.warn("redis connection error", { error: (error as Error).message });
  const store = await createRedisOwnership(redisOptions(r, onError));
  const registry = await createRedisTenantRegistry(redisOptions(r, onError));
  const presenceStore = await createRedisPresence(redisOptions(r, onError));
  // This node's agents are present while it heartbeats them (3 beats per lease); a dead node's lapse with it.
  const mine = new Set<string>();
  const beat = (agentId: string) =>
    presenceStore
      .heartbeat(`agent:${agentId}`, nodeId, r.homeLeaseMs)
      .catch((error) => opts.logger.warn("agent presence heartbeat failed", { agentId, error }));
  const beats = setInterval(
    () => {
      for (const a of mine) void beat(a);
    },
    Math.max(1, Math.floor(r.homeLeaseMs / 3)),
  );
  beats.unref?.();
  const presence = {
    here(agentId: string, on: boolean) {
      if (on) {
        mine.add(agentId);
        void beat(agentId);
      } else if (mine.delete(agentId)) {
        presenceStore.leave(`agent:${agentId}`, nodeId).catch(() => {});
      }
    },
    nodesOf: (agentId: string) => presenceStore.nodesOf(`agent:${agentId}`),
  };
  const rpc = await createRpc({
    bus: opts.bus,
    nodeId,
    timeoutMs: r.rpcTimeoutMs,
    onError: (error) => opts.logger.warn("node call failed", { error }),
  });
  const homes = createTenantHomes({
    store,
    nodeId,
    leaseMs: r.homeLeaseMs,
    onAdopt: (t) => {
      opts.logger.info("tenant home taken", { tenantId: t, nodeId });
      opts.listener.adopted(t);
    },
    onLost: (t) => opts.listener.lost(t),
    onMoved: (t, node) => opts.listener.moved(t, node),
    onError: (error, tenantId) => opts.logger.warn("tenant home lease error", { tenantId, error }),
  });
  return {
    link: {
      homes,
      rpc,
      registry,
      presence,
      botTurnTimeoutMs: r.botTurnTimeoutMs,
      maxAdoptSessions: r.maxAdoptSessions,
    },
    async close() {
      clearInterval(beats);
      await Promise.allSettled([...mine].map((a) => presenceStore.leave(`agent:${a}`, nodeId)));
      await homes.close().catch(() => {});
      await rpc.close().catch(() => {});
      await Promise.allSettled([store.close(), registry.close(), presenceStore.close()]);
    },
  };
}
