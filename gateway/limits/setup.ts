/**
 * Wires rate limiting for a gateway: the rule registry on its persistent store
 * (a SQLite file `<dataDir>/limits.db` on one node; Redis when `storage.limits` or
 * `storage.bus` is redis, so every node reads the same rules), the limiter on
 * the backends' LimitStore, the decision metric, and one Elysia plugin that
 * carries both the middleware and the admin API.
 *
 * @example
 *   const limiting = await createRateLimiting({ config, backends, registry: metrics.registry, logger });
 *   const app = createApp({ ...deps, limits: { limiting, authenticate } });
 *   await limiting.close();
 */
import { join, resolve } from "node:path";
import { Elysia } from "elysia";
import type { Registry } from "prom-client";
import type { Backends } from "../../engine/backends.ts";
import type { Clock } from "../../engine/clock.ts";
import { redisOptions } from "../../engine/cluster/redis-client.ts";
import type { Config } from "../../engine/config.ts";
import { createLimiter, type Limiter } from "../../engine/limits/limiter.ts";
import { createLimitRegistry, type LimitRegistry } from "../../engine/limits/registry.ts";
import { createRedisRuleStore } from "../../engine/limits/rule-store.redis.ts";
import { createSqliteRuleStore } from "../../engine/limits/rule-store.sqlite.ts";
import type { Logger } from "../../engine/logger.ts";
import type { Authenticate } from "../auth/principal.ts";
import type { FrameLimit } from "../realtime/socket.ts";
import { limitsAdminApi } from "./admin.ts";
import { createFrameLimit } from "./frames.ts";
import { type RateLimitOptions, rateLimits } from "./index.ts";
import { createLimitMetrics } from "./metrics.ts";

/** A gateway's rate limiting. */
export interface RateLimiting {
  config: Config;
  registry: LimitRegistry;
  limiter: Limiter;
  /** The realtime socket hook. */
  frameLimit: FrameLimit;
  close(): Promise<void>;
}

/** Builds the registry (loading the stored rules) and the limiter. */
export async function createRateLimiting(opts: {
  config: Config;
  backends: Pick<Backends, "limits" | "bus">;
  /** Where the decision metric registers. */
  registry: Registry;
  logger: Logger;
  clock?: Clock;
}): Promise<RateLimiting> {
  const { config, logger } = opts;
  const s = config.storage;
  const store =
    s.limits === "redis" || s.bus === "redis"
      ? await createRedisRuleStore(
          redisOptions(s.redis, (error) => logger.warn("redis connection error", { error: (error as Error).message })),
        )
      : createSqliteRuleStore({ path: join(resolve(config.dataDir), "limits.db") });
  const registry = await createLimitRegistry({
    store,
    bus: opts.backends.bus,
    logger,
    maxRules: config.limits.maxRules,
    maxBlocks: config.limits.maxBlocks,
    reloadMs: config.limits.reloadMs,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const limiter = createLimiter({
    registry,
    store: opts.backends.limits,
    maxKeyLength: config.limits.maxKeyLength,
    onDecision: createLimitMetrics(opts.registry),
  });
  return {
    config,
    registry,
    limiter,
    frameLimit: createFrameLimit({ limiter, registry }),
    close: () => registry.close(),
  };
}

/** What `createApp` needs for rate limits. */
export interface RateLimitDeps {
  limiting: RateLimiting;
  authenticate?: Authenticate;
  /** Holds delayed (leaky-bucket) requests; tests record instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The limit check's options for a gateway: the middleware's and the hot path's
 * (gateway/openai/fast.ts) are the same.
 *
 * @example
 *   const limit = limitCheck(limitOptions({ limiting, authenticate }));
 */
export function limitOptions(deps: RateLimitDeps): RateLimitOptions {
  return {
    limiter: deps.limiting.limiter,
    config: deps.limiting.config,
    ...(deps.authenticate ? { authenticate: deps.authenticate } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
}

/**
 * The middleware on every HTTP request plus the admin API, as one plugin.
 *
 * @example
 *   app.use(rateLimiting({ limiting, authenticate }));
 */
export function rateLimiting(deps: RateLimitDeps) {
  const { limiting } = deps;
  return new Elysia({ name: "kefu/rate-limiting" })
    .use(rateLimits(limitOptions(deps)))
    .use(limitsAdminApi({ config: limiting.config, registry: limiting.registry }));
}
