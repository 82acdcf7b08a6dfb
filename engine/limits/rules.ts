/**
 * Rate-limit rules and block rules: their wire form (JSON, snake_case, TypeBox
 * schemas the admin API validates with), and their compiled form that matches a
 * request and builds its bucket keys.
 *
 * A rule matches by route (`api`: an exact path, `:name` for one segment, a final
 * `*` for everything below) and optional methods, and keys its buckets by any of
 * tenant, API key, route, client IP and client fingerprint. A block denies an IP
 * or a fingerprint, optionally until an expiry.
 *
 * @example
 *   const rule = compileRule({ id: "chat", api: "/v1/chat", key: ["tenant"], token_bucket: { capacity: 100, rate: 5 } });
 *   rule.matches("POST", "/v1/chat"); // true
 *   ruleKey(rule, { method: "POST", path: "/v1/chat", tenant: "t1" }, 256); // "chat|t1"
 */
import { type Static, Type as T } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { KefuError } from "../errors.ts";
import type { LimitRule } from "./limit-store.ts";

/** What a bucket can be keyed by. */
export const KEY_PARTS = ["tenant", "api_key", "route", "ip", "fingerprint"] as const;
/** One key dimension. */
export type KeyPart = (typeof KEY_PARTS)[number];

/** Longest wait a leaky bucket may give a request, ms (below Bun's default 30 s idle timeout of a silent connection). */
export const MAX_DELAY_MS = 25_000;
/** The wait bound of a leaky rule without `max_delay_ms`, ms. */
export const DEFAULT_DELAY_MS = 10_000;

const Id = T.String({ pattern: "^[A-Za-z0-9_.-]{1,64}$", description: "Letters, digits, _ . - (1 to 64)" });

/** The wire form of a rate-limit rule (PUT /v1/admin/rate_limits). */
export const RateLimitRuleSchema = T.Object(
  {
    id: T.Optional(Id),
    api: T.String({
      minLength: 1,
      maxLength: 256,
      pattern: "^/",
      description: "Path pattern: exact, :name for one segment, a final * for everything below",
    }),
    methods: T.Optional(
      T.Array(T.String({ pattern: "^[A-Z]{3,7}$" }), { maxItems: 8, description: "HTTP methods; default all" }),
    ),
    key: T.Optional(
      T.Array(T.Union(KEY_PARTS.map((k) => T.Literal(k))), {
        maxItems: 5,
        uniqueItems: true,
        description: 'Bucket key dimensions; default ["tenant"]; [] is one bucket for everyone',
      }),
    ),
    token_bucket: T.Optional(
      T.Object(
        {
          capacity: T.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
          rate: T.Number({ exclusiveMinimum: 0, maximum: 1e9, description: "Tokens refilled per second" }),
        },
        { additionalProperties: false },
      ),
    ),
    leaky_bucket: T.Optional(
      T.Object(
        {
          rate: T.Number({ exclusiveMinimum: 0, maximum: 1e9, description: "Requests let through per second" }),
          max_queue: T.Integer({ minimum: 0, maximum: 100_000, description: "Requests that may wait for a slot" }),
          max_delay_ms: T.Optional(
            T.Integer({ minimum: 0, maximum: MAX_DELAY_MS, description: "Longest wait, ms (default 10000)" }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    cost: T.Optional(T.Number({ exclusiveMinimum: 0, maximum: 1e9, description: "Units one request costs (1)" })),
  },
  { additionalProperties: false },
);
/** A rate-limit rule as sent by an operator. */
export type RateLimitRuleInput = Static<typeof RateLimitRuleSchema>;
/** A stored rate-limit rule: the id and defaults filled in. */
export type RateLimitRule = RateLimitRuleInput & { id: string; key: KeyPart[]; updated_at: string };

/** The wire form of a block rule (PUT /v1/admin/blocks). */
export const BlockRuleSchema = T.Object(
  {
    id: T.Optional(Id),
    ip: T.Optional(T.String({ minLength: 1, maxLength: 64 })),
    fingerprint: T.Optional(T.String({ pattern: "^[0-9a-f]{16}$", description: "As computed by kefu (16 hex)" })),
    ttl_seconds: T.Optional(
      T.Integer({ minimum: 1, maximum: 365 * 86_400, description: "Expires after; default never" }),
    ),
    reason: T.Optional(T.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);
/** A block rule as sent by an operator. */
export type BlockRuleInput = Static<typeof BlockRuleSchema>;
/** A stored block rule. */
export interface BlockRule {
  id: string;
  ip?: string;
  fingerprint?: string;
  reason?: string;
  /** ISO time after which it no longer applies; absent: never expires. */
  expires_at?: string;
  updated_at: string;
}

/** An id from free text: other characters become `_`, at most 64 in all (the id pattern). */
const slug = (s: string, prefix = "") =>
  (prefix + (s.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^_+|_+$/g, "") || "root")).slice(0, 64);

const invalid = (message: string) => new KefuError("invalid_request", message, { status: 400 });

/**
 * Fills a rule's defaults and checks what the schema cannot (at least one
 * algorithm, a token capacity not below the cost). Throws `invalid_request`.
 *
 * @example
 *   normalizeRule({ api: "/v1/chat", token_bucket: { capacity: 10, rate: 1 } }, new Date(0)).id; // "v1_chat"
 */
export function normalizeRule(input: RateLimitRuleInput, now: Date): RateLimitRule {
  if (!Value.Check(RateLimitRuleSchema, input)) {
    const e = Value.Errors(RateLimitRuleSchema, input).First();
    throw invalid(`rate limit rule ${e?.path || "(body)"}: ${e?.message ?? "invalid"}`);
  }
  if (!input.token_bucket && !input.leaky_bucket) throw invalid("a rule needs token_bucket, leaky_bucket or both");
  const cost = input.cost ?? 1;
  if (input.token_bucket && cost > input.token_bucket.capacity)
    throw invalid(`cost ${cost} exceeds token_bucket.capacity ${input.token_bucket.capacity}: it could never pass`);
  compilePattern(input.api);
  return {
    ...input,
    id: input.id ?? slug(input.api),
    key: (input.key ?? ["tenant"]) as KeyPart[],
    updated_at: now.toISOString(),
  };
}

/**
 * Fills a block's id and expiry. Throws `invalid_request` unless exactly one of ip / fingerprint is set.
 *
 * @example
 *   normalizeBlock({ ip: "203.0.113.9", ttl_seconds: 60 }, new Date(0)); // { id: "ip-203.0.113.9", expires_at: "1970-01-01T00:01:00.000Z", … }
 */
export function normalizeBlock(input: BlockRuleInput, now: Date): BlockRule {
  if (!Value.Check(BlockRuleSchema, input)) {
    const e = Value.Errors(BlockRuleSchema, input).First();
    throw invalid(`block ${e?.path || "(body)"}: ${e?.message ?? "invalid"}`);
  }
  if ((input.ip === undefined) === (input.fingerprint === undefined))
    throw invalid("a block names exactly one of ip or fingerprint");
  const b: BlockRule = {
    id: input.id ?? (input.ip !== undefined ? slug(normalizeIp(input.ip), "ip-") : `fp-${input.fingerprint}`),
    updated_at: now.toISOString(),
  };
  if (input.ip !== undefined) b.ip = normalizeIp(input.ip);
  if (input.fingerprint !== undefined) b.fingerprint = input.fingerprint;
  if (input.reason !== undefined) b.reason = input.reason;
  if (input.ttl_seconds !== undefined) b.expires_at = new Date(now.getTime() + input.ttl_seconds * 1000).toISOString();
  return b;
}

/**
 * A path pattern as a matcher: exact paths compare as strings, others as an anchored regex.
 *
 * @example
 *   compilePattern("/v1/sessions/:id/*")("/v1/sessions/s1/messages"); // true
 */
export function compilePattern(api: string): (path: string) => boolean {
  if (!api.includes(":") && !api.includes("*")) return (path) => path === api;
  const segs = api.split("/").slice(1);
  const parts = segs.map((s, i) => {
    if (s === "*") {
      if (i !== segs.length - 1) throw invalid(`api ${api}: * may only be the last segment`);
      return null;
    }
    if (s.startsWith(":")) return "[^/]+";
    if (s.includes("*") || s.includes(":")) throw invalid(`api ${api}: * and :name must be whole segments`);
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  const last = parts[parts.length - 1];
  const body = (last === null ? parts.slice(0, -1) : parts).map((p) => `/${p}`).join("");
  const re = new RegExp(last === null ? `^${body}(?:/.*)?$` : `^${body}$`);
  return (path) => re.test(path);
}

/** What a request offers to match and key on (the gateway fills it). */
export interface RequestFacts {
  method: string;
  path: string;
  tenant?: string | undefined;
  apiKey?: string | undefined;
  ip?: string | undefined;
  /** Computed on demand: only rules keyed by fingerprint and fingerprint blocks ask. */
  fingerprint?: (() => string) | undefined;
}

/** A rule ready to match. */
export interface CompiledRule {
  spec: RateLimitRule;
  /** The LimitStore rule (same object for every request: no allocation per decision). */
  limit: LimitRule;
  cost: number;
  matches(method: string, path: string): boolean;
  /** Whether it also limits realtime frames (key only by tenant and/or fingerprint). */
  frames: boolean;
}

/**
 * Compiles a stored rule.
 *
 * @example
 *   compileRule(rule).matches("GET", "/v1/kb"); // false
 */
export function compileRule(spec: RateLimitRule): CompiledRule {
  const path = compilePattern(spec.api);
  const methods = spec.methods && spec.methods.length > 0 ? new Set(spec.methods) : undefined;
  const limit: LimitRule = {};
  if (spec.token_bucket) limit.token = { capacity: spec.token_bucket.capacity, refillPerSec: spec.token_bucket.rate };
  if (spec.leaky_bucket) {
    limit.leaky = {
      ratePerSec: spec.leaky_bucket.rate,
      maxQueue: spec.leaky_bucket.max_queue,
      maxDelayMs: Math.min(spec.leaky_bucket.max_delay_ms ?? DEFAULT_DELAY_MS, MAX_DELAY_MS),
    };
  }
  return {
    spec,
    limit,
    cost: spec.cost ?? 1,
    matches: (method, p) => (!methods || methods.has(method)) && path(p),
    frames: spec.key.length > 0 && spec.key.every((k) => k === "tenant" || k === "fingerprint"),
  };
}

/**
 * The bucket key of a request under a rule: the rule id and each key part's
 * value ("-" when the request has none, e.g. no tenant). Keys longer than
 * `maxKeyLength` keep the rule id and hash the rest.
 *
 * @example
 *   ruleKey(rule, { method: "GET", path: "/v1/kb", ip: "203.0.113.9" }, 256); // "kb|203.0.113.9"
 */
export function ruleKey(rule: CompiledRule, f: RequestFacts, maxKeyLength: number): string {
  const parts = rule.spec.key;
  let key = rule.spec.id;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const v =
      p === "tenant"
        ? f.tenant
        : p === "api_key"
          ? f.apiKey
          : p === "route"
            ? `${f.method} ${f.path}`
            : p === "ip"
              ? f.ip
              : f.fingerprint?.();
    key += `|${v || "-"}`;
  }
  if (key.length <= maxKeyLength) return key;
  return `${rule.spec.id}|#${Bun.hash(key.slice(rule.spec.id.length)).toString(16)}`;
}

/**
 * One spelling per address, so a block and a request agree: IPv4-mapped IPv6
 * (`::ffff:203.0.113.9`) as plain IPv4, IPv6 in lower case.
 *
 * @example
 *   normalizeIp("::FFFF:203.0.113.9"); // "203.0.113.9"
 */
export function normalizeIp(ip: string): string {
  const lower = ip.trim().toLowerCase();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(lower) ? lower.slice(7) : lower;
}

/**
 * A client fingerprint: 16 hex digits hashing the IP, the User-Agent and the
 * configured headers (in order). Not a secret and not an identity: it groups
 * requests that look alike so a flood can be limited or blocked as one.
 *
 * @example
 *   fingerprint("203.0.113.9", "curl/8", ["en"]); // "5d0c…" (16 hex)
 */
export function fingerprint(ip: string, userAgent: string, headers: readonly string[]): string {
  let s = `${ip}\n${userAgent}`;
  for (const h of headers) s += `\n${h}`;
  return Bun.hash.wyhash(s).toString(16).padStart(16, "0");
}
