/**
 * One way to connect to Redis for every Redis adapter (HotHistory, Bus, LimitStore,
 * ownership, presence), tuned to fail fast: bounded connect and command timeouts,
 * no offline queue (a command sent while disconnected rejects at once), at most
 * `maxRetriesPerRequest` retries, and reconnection in the background with a capped
 * back-off. Failures surface as `KefuError("redis_unavailable", 503, retryable)`.
 *
 * @example
 *   const redis = createRedisClient({ url: "redis://127.0.0.1:6379", commandTimeoutMs: 500 });
 *   await guard(redis.ping(), "ping"); // rejects with KefuError redis_unavailable when Redis is down
 */
import Redis from "ioredis";
import { KefuError } from "../errors.ts";

/** Connection options shared by the Redis adapters; every bound has a default. */
export interface RedisClientOptions {
  /** `redis://[user:pass@]host:port[/db]` or `rediss://…`. */
  url: string;
  /** Longest wait for a TCP connection + handshake. Default 2000 ms. */
  connectTimeoutMs?: number;
  /** Longest wait for any command's reply. Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Retries of one command across a reconnect. Default 1. */
  maxRetriesPerRequest?: number;
  /** Longest pause between reconnect attempts. Default 1000 ms. */
  maxReconnectDelayMs?: number;
  /** Prefix of every key and channel (so several deployments share one Redis). Default "kefu:". */
  keyPrefix?: string;
  /** Connection name shown by `CLIENT LIST`. */
  name?: string;
  /** Told of connection errors (ioredis emits them while reconnecting). */
  onError?: (error: unknown) => void;
}

/** Default bounds, in one place for docs and tests. */
export const redisDefaults = {
  connectTimeoutMs: 2000,
  commandTimeoutMs: 1000,
  maxRetriesPerRequest: 1,
  maxReconnectDelayMs: 1000,
  keyPrefix: "kefu:",
} as const;

/**
 * Creates an ioredis client with the fail-fast settings. It connects in the
 * background; until it is ready, commands reject with "stream isn't writeable".
 *
 * @example
 *   const redis = createRedisClient({ url, name: "kefu-bus-sub" });
 *   await waitReady(redis, 2000);
 */
export function createRedisClient(opts: RedisClientOptions): Redis {
  const client = new Redis(opts.url, {
    connectTimeout: opts.connectTimeoutMs ?? redisDefaults.connectTimeoutMs,
    commandTimeout: opts.commandTimeoutMs ?? redisDefaults.commandTimeoutMs,
    maxRetriesPerRequest: opts.maxRetriesPerRequest ?? redisDefaults.maxRetriesPerRequest,
    enableOfflineQueue: false,
    autoResubscribe: false,
    connectionName: opts.name,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), opts.maxReconnectDelayMs ?? 1000),
    reconnectOnError: () => false,
  });
  client.on("error", (e) => opts.onError?.(e));
  return client;
}

/**
 * Resolves when the client is ready; rejects with `redis_unavailable` after `ms`.
 *
 * @example
 *   await waitReady(redis, 2000);
 */
export function waitReady(client: Redis, ms: number): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off("ready", onReady);
      reject(unavailable(`not connected within ${ms} ms (status ${client.status})`));
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once("ready", onReady);
  });
}

/**
 * Waits until `client` is ready (bounded by `connectTimeoutMs`); on failure it
 * disconnects the client and rejects with `redis_unavailable`.
 *
 * @example
 *   await connected(redis, opts);
 */
export async function connected(
  client: Redis,
  opts: Pick<RedisClientOptions, "connectTimeoutMs" | "url">,
): Promise<void> {
  try {
    await waitReady(client, opts.connectTimeoutMs ?? redisDefaults.connectTimeoutMs);
  } catch (e) {
    client.disconnect();
    throw unavailable(`cannot reach ${redact(opts.url)}: ${(e as Error).message}`, e);
  }
}

/**
 * A Redis URL without its password, for logs and errors.
 *
 * @example
 *   redact("redis://:secret@h:6379"); // "redis://:***@h:6379"
 */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}

/**
 * The typed error for an unreachable or failing Redis.
 *
 * @example
 *   throw unavailable("XADD: Command timed out");
 */
export function unavailable(message: string, cause?: unknown): KefuError {
  return new KefuError("redis_unavailable", `redis: ${message}`, { status: 503, retryable: true, cause });
}

/**
 * Awaits a Redis call and turns any failure into `KefuError("redis_unavailable")`;
 * a `KefuError` passes through unchanged. When the call timed out and `client` is
 * given, the connection is dropped and re-made: a reply that never came (a
 * blackholed link) would otherwise pair every later reply with the wrong command.
 *
 * @example
 *   const n = await guard(redis.xlen(key), "XLEN", redis);
 */
export async function guard<T>(p: Promise<T>, what: string, client?: Redis): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof KefuError) throw e;
    const message = (e as Error).message ?? String(e);
    if (client && /timed out/i.test(message) && client.status === "ready") client.disconnect(true);
    throw unavailable(`${what}: ${message}`, e);
  }
}

/** A Lua script registered on a client with `defineScript`. */
export type ScriptCall<T> = (keys: readonly string[], args: readonly (string | number | Buffer)[]) => Promise<T>;

/**
 * Registers a Lua script (EVALSHA, falling back to EVAL once per connection) and
 * returns a typed caller whose failures are `redis_unavailable`. `buffer` makes
 * bulk replies Buffers instead of strings.
 *
 * @example
 *   const take = defineScript<[number, number, number]>(redis, "kefuTake", 1, TAKE_LUA);
 *   const [allowed] = await take(["kefu:lim:k"], [5, 2, 1, ""]);
 */
export function defineScript<T>(
  client: Redis,
  name: string,
  numberOfKeys: number,
  lua: string,
  opts: { buffer?: boolean } = {},
): ScriptCall<T> {
  client.defineCommand(name, { numberOfKeys, lua });
  const method = opts.buffer ? `${name}Buffer` : name;
  const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[method];
  if (!fn) throw new Error(`ioredis did not define ${method}`);
  return (keys, args) => guard(fn.call(client, ...keys, ...args), name, client);
}

/** The `storage.redis` config section (see engine/config.ts). */
export interface RedisConfig {
  url: string;
  keyPrefix: string;
  nodeId: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxRetriesPerRequest: number;
  sharded: boolean;
  heartbeatMs: number;
  hotHistoryTtlSec: number;
  homeLeaseMs: number;
  rpcTimeoutMs: number;
  botTurnTimeoutMs: number;
  maxAdoptSessions: number;
  limitsFailMode: "open" | "closed";
}

/**
 * Client options from the `storage.redis` config; throws a `ConfigError`-style
 * `KefuError("invalid_config")` when no URL is set.
 *
 * @example
 *   const opts = redisOptions(config.storage.redis, (e) => logger.warn("redis", { error: e }));
 */
export function redisOptions(c: RedisConfig, onError?: (error: unknown) => void): RedisClientOptions {
  if (!c.url)
    throw new KefuError(
      "invalid_config",
      "storage.redis.url (env KEFU_STORAGE_REDIS_URL) must be set when storage.hotHistory, storage.bus or storage.limits is redis",
    );
  return {
    url: c.url,
    keyPrefix: c.keyPrefix,
    connectTimeoutMs: c.connectTimeoutMs,
    commandTimeoutMs: c.commandTimeoutMs,
    maxRetriesPerRequest: c.maxRetriesPerRequest,
    onError,
  };
}
