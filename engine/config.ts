/**
 * kefu's one typed configuration object.
 *
 * Precedence: defaults < config file (`KEFU_CONFIG=path`, JSON or TOML) < `KEFU_*`
 * environment variables. Every leaf has an environment name derived from its path:
 * `port` → `KEFU_PORT`, `shutdown.timeoutMs` → `KEFU_SHUTDOWN_TIMEOUT_MS`.
 * Validation names the key, the bad value and what is allowed; unknown keys and
 * unknown `KEFU_*` variables are errors too (a typo must not pass silently); `KEFU_TEST_*`
 * belong to the test harness and are ignored.
 *
 * @example
 *   const config = loadConfig(process.env); // throws ConfigError
 *   config.port; // 8080
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { type Static, Type as T, type TLiteral, type TSchema, type TUnion } from "@sinclair/typebox";
import { Value, ValueErrorType } from "@sinclair/typebox/value";

const Int = (min: number, max: number, dflt: number, description: string) =>
  T.Integer({ minimum: min, maximum: max, default: dflt, description });
const Enum = <const V extends string[]>(values: V, dflt: V[number], description: string) =>
  T.Union(
    values.map((v) => T.Literal(v)),
    { default: dflt, description },
  ) as TUnion<TLiteral<V[number]>[]>;

/** The configuration schema: types, bounds, defaults and descriptions in one place. */
export const ConfigSchema = T.Object(
  {
    host: T.String({ minLength: 1, default: "127.0.0.1", description: "Address the HTTP/WebSocket server binds to" }),
    port: Int(0, 65535, 8080, "TCP port (0 picks a free one)"),
    dataDir: T.String({ minLength: 1, default: "./data", description: "Directory for the embedded SQLite files" }),
    logLevel: Enum(["debug", "info", "warn", "error"], "info", "Lowest log level written"),
    mode: Enum(
      ["production", "development"],
      "production",
      "development: the /docs page offers a token generator for test credentials (POST /docs/dev-token); never in production",
    ),
    http: T.Object(
      {
        maxBodyBytes: Int(1, 64 * 1024 * 1024, 1024 * 1024, "Largest accepted HTTP request body, bytes"),
        idleTimeoutSec: Int(
          1,
          255,
          30,
          "Close an HTTP connection after this many seconds without a byte either way (slow headers or bodies, stuck clients)",
        ),
        reusePort: T.Boolean({
          default: false,
          description:
            "Let several gateway processes listen on the same port (SO_REUSEPORT; the kernel spreads connections)",
        }),
        fastPaths: T.Boolean({
          default: true,
          description:
            "Serve plain POST /v1/chat/completions requests on a dedicated hot path (same checks, answers and metrics as the general route; false: every request takes the general route)",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    shutdown: T.Object(
      {
        timeoutMs: Int(100, 600_000, 10_000, "How long SIGTERM waits for requests in flight before forcing"),
      },
      { additionalProperties: false, default: {} },
    ),
    auth: T.Object(
      {
        secret: T.String({
          default: "",
          description:
            "HMAC key (≥ 32 chars) signing visitor and agent tokens; empty: generated once and kept in <dataDir>/auth.key",
        }),
        adminKey: T.String({
          default: "",
          description: "Bearer key for /v1/admin/* (registering agents); empty disables the admin API",
        }),
        visitorTokenTtlSec: Int(60, 30 * 86_400, 86_400, "Lifetime of a visitor token, seconds"),
        agentTokenTtlSec: Int(60, 30 * 86_400, 43_200, "Lifetime of an agent token, seconds"),
        tokenMaxTtlSec: Int(
          60,
          30 * 86_400,
          86_400,
          "Longest lifetime of a token minted by POST /v1/tenants/:tenant/tokens, seconds",
        ),
        jwtRotationSec: Int(
          3600,
          365 * 86_400,
          7 * 86_400,
          "Period of one JWT signing key, seconds: a new kid signs each period; old keys verify until their tokens expire",
        ),
        apiKeyGraceSec: Int(0, 30 * 86_400, 86_400, "How long a rotated API key keeps working by default, seconds"),
      },
      { additionalProperties: false, default: {} },
    ),
    realtime: T.Object(
      {
        maxFrameBytes: Int(
          256,
          16 * 1024 * 1024,
          65_536,
          "Largest WebSocket frame accepted (error frame above it; the socket closes above 4×)",
        ),
        messagesPerSecond: Int(1, 10_000, 20, "Frames per second a connection may send, sustained"),
        burst: Int(1, 100_000, 40, "Frames a connection may send in a burst"),
        maxBufferedBytes: Int(
          16_384,
          256 * 1024 * 1024,
          1_048_576,
          "Unsent bytes buffered for a slow connection before it is closed (code 4008)",
        ),
        heartbeatSec: Int(5, 3600, 30, "Ping interval; a silent connection is closed after twice this"),
        allowedOrigins: T.Array(T.String({ minLength: 1 }), {
          default: [],
          description: "Browser origins allowed to connect besides the gateway's own; * allows any",
        }),
        attachmentMaxBytes: Int(
          1024,
          64 * 1024 * 1024,
          1024 * 1024,
          "Largest image a visitor may upload (POST /v1/visitor/attachments; 413 above it); http.maxBodyBytes bounds it too",
        ),
        attachmentsPerSession: Int(0, 10_000, 50, "Most images one session may upload (429 above it; 0: uploads off)"),
      },
      { additionalProperties: false, default: {} },
    ),
    conversations: T.Object(
      {
        maxTextChars: Int(1, 100_000, 8_000, "Longest chat message, characters"),
        visitorIdleMs: Int(1_000, 7 * 86_400_000, 1_800_000, "A session with no message for this long is closed"),
        agentFirstResponseMs: Int(
          1_000,
          86_400_000,
          60_000,
          "First-response SLA: alert when an agent has not answered",
        ),
        queueWaitAlertMs: Int(1_000, 86_400_000, 120_000, "Alert supervisors when a session waits this long"),
        agentReconnectGraceMs: Int(
          0,
          3_600_000,
          30_000,
          "An agent's sessions return to the bot after it is gone this long",
        ),
        maxQueuePerGroup: Int(
          1,
          1_000_000,
          10_000,
          "Sessions waiting per tenant and group before handoffs are refused",
        ),
        maxReplayEvents: Int(1, 1_000_000, 10_000, "Most events replayed for one resume; a larger gap is refused"),
      },
      { additionalProperties: false, default: {} },
    ),
    llm: T.Object(
      {
        configFile: T.String({
          default: "",
          description: "LLM routing config (JSON or TOML), reloaded when it changes; empty: the local provider only",
        }),
        systemPrompt: T.String({
          default: "You are a helpful, concise customer-service assistant.",
          description: "System prompt the bot sends before the conversation",
        }),
        historyMessages: Int(0, 200, 20, "Earlier messages of the session sent to the model as context"),
      },
      { additionalProperties: false, default: {} },
    ),
    metrics: T.Object(
      {
        perTenant: T.Boolean({
          default: false,
          description: "Also count sessions, messages and bot answers per tenant (kefu_tenant_* metrics)",
        }),
        maxTenants: Int(
          1,
          10_000,
          100,
          "Tenants with their own label in the per-tenant metrics; later ones count as _other",
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    kb: T.Object(
      {
        demo: T.Boolean({
          default: true,
          description: 'Load the demo e-commerce knowledge base for tenant "default" when it has none',
        }),
        faqThreshold: T.Number({
          minimum: 0,
          maximum: 1,
          default: 0.5,
          description: "FAQ confidence above which the bot answers from the knowledge base without a model",
        }),
        intentThreshold: T.Number({
          minimum: 0,
          maximum: 1,
          default: 0.5,
          description: "Intent confidence above which an intent's action (template, collect, handoff) is taken",
        }),
        intentsDir: T.String({
          default: "",
          description:
            "Directory of per-tenant intents files (<tenant>.json or <tenant>.toml), loaded at start and reloaded when they change; empty: none",
        }),
        ragSources: Int(0, 20, 4, "Knowledge-base chunks given to the model as numbered sources (0: no retrieval)"),
        ragMaxTokens: Int(0, 32_000, 1200, "Token budget of those sources together"),
        answerCacheTtlSeconds: Int(
          0,
          30 * 86_400,
          0,
          "Semantic answer cache: how long a model answer is reused for a similar question; 0: off",
        ),
        answerCacheThreshold: T.Number({
          minimum: 0,
          maximum: 1,
          default: 0.92,
          description: "Least cosine between two questions for the cache to reuse an answer",
        }),
        answerCacheMaxEntries: Int(
          1,
          1_000_000,
          1000,
          "Answers the cache keeps per tenant (least recently used go first)",
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    embed: T.Object(
      {
        modelDir: T.String({
          default: "",
          description:
            "Directory of a BERT-class sentence-embedding model (config.json, tokenizer.json, model.safetensors; all-MiniLM-L6-v2 from `bash .ci/fetch-embed-model.sh`) the knowledge base embeds with, run by the native addon; empty: the hashed n-gram embedder",
        }),
        device: Enum(
          ["auto", "cpu", "cuda"],
          "auto",
          "Where that model runs: auto picks CUDA when the addon has the cuda feature and a device loads, else the CPU",
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    limits: T.Object(
      {
        maxRules: Int(1, 100_000, 1000, "Most rate-limit rules (PUT /v1/admin/rate_limits beyond it: 409)"),
        maxBlocks: Int(1, 10_000_000, 100_000, "Most block rules (PUT /v1/admin/blocks beyond it: 409)"),
        maxKeyLength: Int(32, 4096, 256, "Longest rate-limit bucket key; longer keys are hashed"),
        reloadMs: Int(
          0,
          600_000,
          5000,
          "Safety-net re-read of the rate-limit rules, ms (changes also arrive on the bus at once); 0: none",
        ),
        clientIpHeader: T.String({
          default: "",
          description:
            "Header holding the client IP behind a trusted proxy (first address of e.g. x-forwarded-for); empty: the socket address",
        }),
        fingerprintHeaders: T.Array(T.String({ minLength: 1 }), {
          default: ["accept-language"],
          description: "Request headers hashed with the client IP and User-Agent into the client fingerprint",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    channels: T.Object(
      {
        tenantId: T.String({
          minLength: 1,
          default: "default",
          description: "Tenant whose sessions the channels' users (webhook, WeChat) write to",
        }),
        webhook: T.Object(
          {
            secret: T.String({
              default: "",
              description:
                "HMAC-SHA256 secret of POST /v1/channels/webhook/:channel (header x-kefu-signature); empty: the channel is off",
            }),
            outboundUrl: T.String({
              default: "",
              description: "URL that receives the webhook sessions' bot and agent replies as signed POSTs; empty: none",
            }),
            outboundSecret: T.String({
              default: "",
              description: "Secret signing those outbound POSTs; empty: channels.webhook.secret",
            }),
            toleranceSec: Int(1, 3600, 300, "Largest distance between a signature's timestamp and now, seconds"),
          },
          { additionalProperties: false, default: {} },
        ),
        wechat: T.Object(
          {
            token: T.String({
              default: "",
              description:
                "WeChat Official Account server token (GET/POST /v1/channels/wechat signatures); empty: the channel is off",
            }),
            appId: T.String({ default: "", description: "WeChat AppID (safe mode decryption, access tokens)" }),
            appSecret: T.String({
              default: "",
              description: "WeChat AppSecret (access tokens for customer-service pushes)",
            }),
            encodingAesKey: T.String({
              default: "",
              description: "43-character EncodingAESKey: safe-mode (encrypt_type=aes) messages; empty: plaintext only",
            }),
            apiBase: T.String({
              minLength: 1,
              default: "https://api.weixin.qq.com",
              description: "Base URL of the WeChat API (tests point it at a mock)",
            }),
            replyWindowMs: Int(
              100,
              4_900,
              4_000,
              "Wait this long for the bot's passive reply; after it answer success and push the reply later",
            ),
            welcome: T.String({
              default: "",
              maxLength: 600,
              description: "Passive reply to a new follower (subscribe event); empty: none",
            }),
            maxTextBytes: Int(
              64,
              2_048,
              2_048,
              "Longest text (UTF-8 bytes) of one WeChat message: longer replies are pushed, split at characters",
            ),
            maxParts: Int(
              1,
              5,
              5,
              "Most customer-service messages one reply is split into (WeChat allows 5 per user message); the last part is cut with …",
            ),
          },
          { additionalProperties: false, default: {} },
        ),
        delivery: T.Object(
          {
            maxAttempts: Int(1, 100, 8, "Tries of one outbound channel message before it is dead-lettered"),
            baseDelayMs: Int(1, 600_000, 500, "First retry's backoff cap, ms (doubles each try, full jitter)"),
            maxDelayMs: Int(1, 3_600_000, 60_000, "Largest backoff between two tries, ms"),
            timeoutMs: Int(100, 120_000, 5_000, "Longest wait for one outbound HTTP call, ms"),
            maxPending: Int(1, 10_000_000, 10_000, "Outbound messages waiting at once; more are dead-lettered"),
          },
          { additionalProperties: false, default: {} },
        ),
        allowPrivateDestinations: T.Boolean({
          default: false,
          description:
            "Let outbound webhooks (channel replies, event subscriptions) reach internal addresses: loopback, private, link-local, CGNAT, ULA, …",
        }),
        allowedDestinations: T.Array(T.String({ minLength: 1 }), {
          default: [],
          description: "IPs or CIDRs outbound webhooks may reach even inside an internal range (e.g. 10.0.5.0/24)",
        }),
        subscriptions: T.Object(
          {
            maxPerTenant: Int(1, 1000, 20, "Event subscriptions (outbound webhooks) one tenant may have"),
            concurrency: Int(1, 256, 8, "Event deliveries in flight at once"),
            maxPending: Int(1, 10_000_000, 100_000, "Event deliveries waiting at once; more are dead-lettered"),
            keepDeliveredHours: Int(0, 8760, 72, "Delivered event deliveries kept for the admin API, hours"),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    storage: T.Object(
      {
        eventStore: Enum(["sqlite", "postgres"], "sqlite", "EventStore adapter"),
        hotHistory: Enum(["memory", "redis"], "memory", "HotHistory adapter (redis: Streams, shared by the nodes)"),
        hotHistorySize: Int(
          1,
          1_000_000,
          512,
          "Events kept per session by the HotHistory (memory ring, Redis stream length)",
        ),
        bus: Enum(["memory", "redis"], "memory", "Bus adapter (cross-node fan-out; redis: pub/sub)"),
        limits: Enum(["memory", "redis"], "memory", "LimitStore adapter (redis: exact across nodes)"),
        idempotency: Enum(
          ["sqlite", "redis"],
          "sqlite",
          "IdempotencyStore adapter (X-Idempotency-Key records; redis: shared by the nodes)",
        ),
        groupCommitMaxBatch: Int(1, 100_000, 512, "Most events written in one EventStore transaction"),
        postgres: T.Object(
          {
            url: T.String({
              default: "",
              description: "PostgreSQL URL of the event store (required when storage.eventStore is postgres)",
            }),
            poolSize: Int(1, 1000, 10, "Most PostgreSQL connections per process"),
            connectTimeoutMs: Int(100, 600_000, 5000, "Longest wait for a PostgreSQL connection, ms"),
            queryTimeoutMs: Int(100, 600_000, 10_000, "Longest wait for one PostgreSQL query or commit, ms"),
            migrateOnStart: T.Boolean({ default: true, description: "Apply pending schema migrations at start-up" }),
            partitionInterval: Enum(["day", "month"], "day", "Time span of one session_events partition"),
            partitionsAhead: Int(1, 366, 3, "Upcoming session_events partitions kept created"),
            retentionDays: Int(0, 36_500, 0, "Drop event partitions older than this many days (0 keeps all)"),
            maintenanceIntervalMs: Int(1000, 86_400_000, 3_600_000, "How often partitions are created and dropped, ms"),
          },
          { additionalProperties: false, default: {} },
        ),
        redis: T.Object(
          {
            url: T.String({
              default: "",
              description: "Redis URL (redis:// or rediss://); required when hotHistory, bus or limits is redis",
            }),
            keyPrefix: T.String({ default: "kefu:", description: "Prefix of every Redis key and channel" }),
            nodeId: T.String({ default: "", description: "This node's id on the bus; empty: random at start" }),
            connectTimeoutMs: Int(
              100,
              600_000,
              2000,
              "Longest wait for a Redis connection, ms (start-up fails after it)",
            ),
            commandTimeoutMs: Int(10, 600_000, 1000, "Longest wait for one Redis command, ms"),
            maxRetriesPerRequest: Int(0, 20, 1, "Retries of one Redis command across a reconnect"),
            sharded: T.Boolean({
              default: false,
              description: "Bus uses sharded pub/sub (SPUBLISH), for Redis Cluster",
            }),
            heartbeatMs: Int(50, 600_000, 1000, "Bus liveness probe period, ms (silent for 3× it: re-subscribe)"),
            hotHistoryTtlSec: Int(60, 30 * 86_400, 86_400, "History kept in a session's Redis stream, seconds"),
            homeLeaseMs: Int(
              500,
              600_000,
              5000,
              "Lease of a tenant's home node (its bot, timers and routing), ms; a dead home is replaced after it",
            ),
            rpcTimeoutMs: Int(50, 600_000, 3000, "Longest wait for another node to answer a forwarded call, ms"),
            botTurnTimeoutMs: Int(1000, 600_000, 120_000, "Longest wait for a bot answer run on the tenant's home, ms"),
            maxAdoptSessions: Int(
              1,
              10_000_000,
              100_000,
              "Most open sessions a node reloads when it takes a tenant over",
            ),
            limitsFailMode: Enum(
              ["closed", "open"],
              "closed",
              "When Redis is unreachable, limits refuse (503, closed) or allow (open)",
            ),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

/** The validated configuration. */
export type Config = Static<typeof ConfigSchema>;

/** Raised for any invalid configuration; `main` prints it and exits with code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

interface Leaf {
  path: string[];
  env: string;
  schema: TSchema;
}

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

function leaves(schema: TSchema, path: string[] = []): Leaf[] {
  if (schema.type === "object" && schema.properties) {
    return Object.entries(schema.properties as Record<string, TSchema>).flatMap(([k, s]) => leaves(s, [...path, k]));
  }
  return [{ path, env: `KEFU_${path.map(snake).join("_")}`, schema }];
}

/** Every configurable leaf with its environment variable name, for docs and errors. */
export const configKeys: readonly Leaf[] = leaves(ConfigSchema);

/** Human words for what a schema allows, e.g. "an integer from 0 to 65535". */
export function allowed(schema: TSchema): string {
  if (schema.const !== undefined) return `one of ${JSON.stringify(schema.const)}`;
  if (schema.anyOf) return `one of ${(schema.anyOf as TSchema[]).map((s) => JSON.stringify(s.const)).join(", ")}`;
  if (schema.type === "integer") return `an integer from ${schema.minimum} to ${schema.maximum}`;
  if (schema.type === "string") return (schema.minLength ?? 0) > 0 ? "a non-empty string" : "a string";
  if (schema.type === "boolean") return "true or false";
  if (schema.type === "number") return `a number from ${schema.minimum} to ${schema.maximum}`;
  if (schema.type === "object") return "an object";
  if (schema.type === "array") return "a comma-separated list";
  return String(schema.type);
}

function coerceEnv(leaf: Leaf, raw: string): unknown {
  const s = leaf.schema;
  if (s.type === "integer") return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (s.type === "number") return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (s.type === "array")
    return raw
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  if (s.type === "boolean") return raw === "true" || raw === "1" ? true : raw === "false" || raw === "0" ? false : raw;
  return raw;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1] as string] = value;
}

function readFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(resolve(path), "utf8");
  } catch (e) {
    throw new ConfigError(`KEFU_CONFIG=${path}: cannot read the file (${(e as Error).message})`);
  }
  try {
    const parsed: unknown = extname(path) === ".toml" ? Bun.TOML.parse(text) : JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("top level is not an object");
    return parsed as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(
      `KEFU_CONFIG=${path}: not valid ${extname(path) === ".toml" ? "TOML" : "JSON"} (${(e as Error).message})`,
    );
  }
}

/** Environment variables of the test harness (KEFU_TEST_PG_URL, …): never gateway settings. */
const TEST_PREFIX = "KEFU_TEST_";

/**
 * Builds and validates the configuration from an environment (usually `process.env`).
 * Throws `ConfigError` naming the key, the value and what is allowed.
 *
 * @example
 *   loadConfig({ KEFU_PORT: "9000" }).port // 9000
 *   loadConfig({ KEFU_PORT: "http" })      // ConfigError: KEFU_PORT (port) = "http": expected an integer from 0 to 65535
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw: Record<string, unknown> = env.KEFU_CONFIG ? readFile(env.KEFU_CONFIG) : {};
  const origin = new Map<string, string>(); // path -> where the value came from, for messages
  for (const leaf of configKeys) origin.set(leaf.path.join("."), env.KEFU_CONFIG ? `${env.KEFU_CONFIG}` : "default");

  const known = new Set(configKeys.map((l) => l.env));
  known.add("KEFU_CONFIG");
  for (const [name, value] of Object.entries(env)) {
    // KEFU_TEST_* belong to the test harness (.ci/test.sh exports them), not to the gateway.
    if (!name.startsWith("KEFU_") || name.startsWith(TEST_PREFIX) || value === undefined) continue;
    if (!known.has(name)) {
      throw new ConfigError(`${name}: unknown setting. Known: ${[...known].sort().join(", ")}`);
    }
    const leaf = configKeys.find((l) => l.env === name);
    if (!leaf) continue;
    setPath(raw, leaf.path, coerceEnv(leaf, value));
    origin.set(leaf.path.join("."), name);
  }

  const withDefaults = Value.Default(ConfigSchema, Value.Clone(raw));
  const first = Value.Errors(ConfigSchema, withDefaults).First();
  if (first) {
    const path = first.path.split("/").filter(Boolean);
    const key = path.join(".");
    const leaf = configKeys.find((l) => l.path.join(".") === key);
    if (!leaf) {
      // Not a known leaf: an unknown key in the file, or a wrong type for a section.
      const what =
        first.type === ValueErrorType.ObjectAdditionalProperties ? "unknown key" : `must be ${allowed(first.schema)}`;
      const parent = path.slice(0, -1).join(".");
      const hint = configKeys
        .filter((l) => l.path.slice(0, -1).join(".") === parent)
        .map((l) => l.path.join("."))
        .join(", ");
      throw new ConfigError(
        `${key || "(top level)"} in ${env.KEFU_CONFIG ?? "config"}: ${what}${hint ? `. Known keys here: ${hint}` : ""}`,
      );
    }
    const from = origin.get(key);
    const where = from?.startsWith("KEFU_") ? `${from} (${key})` : `${key} in ${from} (env ${leaf.env})`;
    throw new ConfigError(`${where} = ${JSON.stringify(first.value)}: expected ${allowed(leaf.schema)}`);
  }
  return withDefaults as Config;
}
