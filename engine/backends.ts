/**
 * Builds the stateful backends the config names (the ports of DESIGN.md), checks
 * that they answer, and closes them in order on shutdown.
 *
 * @example
 *   const backends = await createBackends(config, { logger });
 *   const report = await backends.readiness(); // { ok: true, backends: { eventStore: { ok: true, kind: "sqlite" }, … } }
 *   await backends.close();
 */
import { join, resolve } from "node:path";
import { createMemoryBus } from "./bus/bus.memory.ts";
import { createRedisBus } from "./bus/bus.redis.ts";
import type { Bus } from "./bus/bus.ts";
import { type Clock, systemClock } from "./clock.ts";
import { redisOptions } from "./cluster/redis-client.ts";
import type { Config } from "./config.ts";
import { createMemoryHotHistory } from "./history/hot-history.memory.ts";
import { createRedisHotHistory } from "./history/hot-history.redis.ts";
import type { HotHistory } from "./history/hot-history.ts";
import { createRedisIdempotencyStore } from "./idempotency/idempotency-store.redis.ts";
import { createSqliteIdempotencyStore } from "./idempotency/idempotency-store.sqlite.ts";
import type { IdempotencyStore } from "./idempotency/idempotency-store.ts";
import { createMemoryLimitStore } from "./limits/limit-store.memory.ts";
import { createRedisLimitStore } from "./limits/limit-store.redis.ts";
import type { LimitStore } from "./limits/limit-store.ts";
import type { Logger } from "./logger.ts";
import { loadEventBatchDecoder } from "./storage/event-codec.ts";
import { createPostgresEventStore, postgresOptions } from "./storage/event-store.postgres.ts";
import { createSqliteEventStore } from "./storage/event-store.sqlite.ts";
import type { CommitInfo, EventStore } from "./storage/event-store.ts";
import { type Kernels, loadKernels } from "./vector/kernels.ts";

/** One backend's line in the readiness report. */
export interface BackendStatus {
  ok: boolean;
  kind: string;
  error?: string;
}

/** What `/readyz` reports. */
export interface ReadinessReport {
  ok: boolean;
  backends: Record<string, BackendStatus>;
}

/** The process's backends. */
export interface Backends {
  eventStore: EventStore;
  hotHistory: HotHistory;
  bus: Bus;
  limits: LimitStore;
  idempotency: IdempotencyStore;
  kernels: Kernels;
  /** Called after each EventStore group commit (metrics: batch size, commit time). */
  onEventStoreCommit(fn: (info: CommitInfo) => void): void;
  /** Counters kept by the backends: errors the Redis clients reported. */
  stats(): { redisErrors: number; postgresErrors: number };
  /** Called after the Redis bus re-subscribed following a reconnect (never for the memory bus). */
  onBusResubscribed(fn: () => void): void;
  /** Pings every backend (each bounded by `timeoutMs`) and reports which answer. */
  readiness(timeoutMs?: number): Promise<ReadinessReport>;
  /** Flushes and closes every backend; safe to call twice. */
  close(): Promise<void>;
}

interface Pingable {
  kind: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

async function probe(b: Pingable, timeoutMs: number): Promise<BackendStatus> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      b.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, kind: b.kind };
  } catch (e) {
    return { ok: false, kind: b.kind, error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Creates the backends named by `config` (embedded adapters by default). */
export async function createBackends(
  config: Config,
  deps: { logger: Logger; clock?: Clock; kernels?: Kernels },
): Promise<Backends> {
  const clock = deps.clock ?? systemClock;
  const s = config.storage;
  const decoder = loadEventBatchDecoder({ logger: deps.logger });
  let commitListener: ((info: CommitInfo) => void) | undefined;
  const onCommit = (info: CommitInfo) => commitListener?.(info);
  // PostgreSQL client errors (idle connections the server closed or reset), counted for kefu_postgres_client_errors_total.
  let postgresErrors = 0;
  const eventStore: EventStore =
    s.eventStore === "postgres"
      ? await createPostgresEventStore({
          ...postgresOptions(s.postgres),
          maxBatch: s.groupCommitMaxBatch,
          clock,
          decoder,
          logger: deps.logger,
          onCommit,
          onClientError: () => {
            postgresErrors++;
          },
        })
      : createSqliteEventStore({
          path: join(resolve(config.dataDir), "events.db"),
          maxBatch: s.groupCommitMaxBatch,
          clock,
          decoder,
          onCommit,
        });
  let resubscribed: (() => void) | undefined;
  const onHandlerError = (error: unknown, topic: string) => deps.logger.warn("bus handler failed", { topic, error });
  // Redis adapters (one connection each; the bus has two). See README "Scaling out".
  let redisErrors = 0;
  const redis = () =>
    redisOptions(s.redis, (error) => {
      redisErrors++;
      deps.logger.warn("redis connection error", { error: (error as Error).message });
    });
  const hotHistory =
    s.hotHistory === "redis"
      ? await createRedisHotHistory({
          ...redis(),
          perSession: s.hotHistorySize,
          ttlMs: s.redis.hotHistoryTtlSec * 1000,
          decoder,
        })
      : createMemoryHotHistory({ perSession: s.hotHistorySize });
  const bus =
    s.bus === "redis"
      ? await createRedisBus({
          ...redis(),
          nodeId: s.redis.nodeId || undefined,
          sharded: s.redis.sharded,
          heartbeatMs: s.redis.heartbeatMs,
          onHandlerError,
          // Pub/sub dropped whatever was published while the subscriber was away: let the relay re-read.
          onResubscribed: (info) => {
            if (info.reconnect) resubscribed?.();
          },
        })
      : createMemoryBus({ onHandlerError });
  const limits =
    s.limits === "redis"
      ? await createRedisLimitStore({ ...redis(), failMode: s.redis.limitsFailMode })
      : createMemoryLimitStore({ clock });
  const idempotency =
    s.idempotency === "redis"
      ? await createRedisIdempotencyStore(redis())
      : createSqliteIdempotencyStore({ path: join(resolve(config.dataDir), "idempotency.db"), clock });
  const kernels = deps.kernels ?? loadKernels({ logger: deps.logger });
  const all: Record<string, Pingable> = { eventStore, hotHistory, bus, limits, idempotency };
  let closing: Promise<void> | undefined;

  return {
    eventStore,
    hotHistory,
    bus,
    limits,
    idempotency,
    kernels,
    stats: () => ({ redisErrors, postgresErrors }),
    onEventStoreCommit(fn) {
      commitListener = fn;
    },
    onBusResubscribed(fn) {
      resubscribed = fn;
    },
    async readiness(timeoutMs = 1000) {
      const entries = await Promise.all(
        Object.entries(all).map(async ([name, b]) => [name, await probe(b, timeoutMs)] as const),
      );
      const backends = Object.fromEntries(entries);
      return { ok: entries.every(([, st]) => st.ok), backends };
    },
    close() {
      // Writers first, so nothing is published about events that were not stored.
      closing ??= (async () => {
        for (const b of [eventStore, hotHistory, bus, limits, idempotency]) {
          try {
            await b.close();
          } catch (error) {
            deps.logger.error("backend close failed", { backend: b.kind, error });
          }
        }
      })();
      return closing;
    },
  };
}
