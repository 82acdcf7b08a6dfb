/**
 * The rate-limit middleware: every HTTP request (routes, unknown paths and
 * WebSocket upgrades alike) passes it before its body is read.
 *
 * - A blocked IP or fingerprint gets 403 `blocked`.
 * - A WebSocket upgrade is limited by the rules not keyed by tenant or API key
 *   (its credential is in the query); tenant-keyed rules count its frames instead.
 * - The request's matching rules are decided together (all or nothing). Denied:
 *   429 `rate_limited` with `Retry-After` (whole seconds, rounded up) and the
 *   IETF RateLimit fields. A leaky-bucket rule that admits with a delay holds the
 *   request until its slot (bounded by the rule's max_queue / max_delay_ms), then
 *   lets it through.
 * - Answers of limited routes carry `RateLimit-Policy` and `RateLimit` in the
 *   structured-field form of draft-ietf-httpapi-ratelimit-headers-10/-11: one list
 *   member per rule, `"<rule id>";q=<quota>;w=<window s>` and
 *   `"<rule id>";r=<remaining>;t=<seconds until full again>`.
 *
 * @example
 *   new Elysia().use(rateLimits({ limiter, config, authenticate })).get("/v1/chat", () => "ok");
 */
import { Elysia } from "elysia";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";
import type { LimitDecision } from "../../engine/limits/limit-store.ts";
import type { Limiter, LimitVerdict } from "../../engine/limits/limiter.ts";
import { type CompiledRule, fingerprint, normalizeIp, type RequestFacts } from "../../engine/limits/rules.ts";
import type { Authenticate } from "../auth/principal.ts";

/** Options of the middleware. */
export interface RateLimitOptions {
  limiter: Limiter;
  config: Pick<Config, "limits">;
  /** Resolves tenant and API key for rules keyed by them; absent: they are "-". */
  authenticate?: Authenticate;
  /** Holds a leaky-bucket request until its slot (tests pass a recorder). Default Bun.sleep. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The path of a request URL without parsing it into a URL object.
 *
 * @example
 *   pathOf("http://h:1/v1/chat?x=1"); // "/v1/chat"
 */
export function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const q = url.indexOf("?", start);
  const h = url.indexOf("#", start);
  const end = q < 0 ? (h < 0 ? url.length : h) : h < 0 ? q : Math.min(q, h);
  return url.slice(start, end);
}

/**
 * The client IP: the first address of the configured header (behind a trusted
 * proxy), else the socket's address.
 *
 * @example
 *   clientIp(request, server, "x-forwarded-for"); // "203.0.113.9"
 */
export function clientIp(
  request: Request,
  server: { requestIP(r: Request): { address: string } | null } | null,
  header: string,
): string | undefined {
  if (header) {
    const v = request.headers.get(header);
    if (v) {
      const comma = v.indexOf(",");
      return normalizeIp(comma < 0 ? v : v.slice(0, comma));
    }
  }
  const addr = server?.requestIP(request)?.address;
  return addr === undefined ? undefined : normalizeIp(addr);
}

/**
 * A request's fingerprint as the config defines it (IP, User-Agent, configured headers).
 *
 * @example
 *   requestFingerprint(request, "203.0.113.9", ["accept-language"]); // "9f3a…" (16 hex)
 */
export function requestFingerprint(request: Request, ip: string | undefined, headers: readonly string[]): string {
  return fingerprint(
    ip ?? "",
    request.headers.get("user-agent") ?? "",
    headers.map((h) => request.headers.get(h) ?? ""),
  );
}

const policies = new WeakMap<CompiledRule, string>();

/** A rule's `RateLimit-Policy` member, built once per compiled rule. */
function policy(r: CompiledRule): string {
  let p = policies.get(r);
  if (p === undefined) {
    p = policyOf(r);
    policies.set(r, p);
  }
  return p;
}

/** Quota and window of a rule: `w` is the seconds for an empty bucket to fill (token) or a full queue to drain. */
function policyOf(r: CompiledRule): string {
  const t = r.spec.token_bucket;
  const l = r.spec.leaky_bucket;
  let q: number;
  let w: number;
  if (t) {
    q = Math.floor(t.capacity);
    w = Math.max(1, Math.ceil(t.capacity / t.rate));
  } else {
    const slots = (l?.max_queue ?? 0) + 1;
    q = slots;
    w = Math.max(1, Math.ceil(slots / (l?.rate ?? 1)));
  }
  return `"${r.spec.id}";q=${q};w=${w}`;
}

/**
 * The IETF RateLimit fields for a decision (draft-ietf-httpapi-ratelimit-headers-10/-11 syntax).
 *
 * @example
 *   rateLimitHeaders(rules, decision); // { "ratelimit-policy": '"chat";q=10;w=5', ratelimit: '"chat";r=9;t=1' }
 */
export function rateLimitHeaders(rules: readonly CompiledRule[], results: readonly LimitDecision[]) {
  let p = "";
  let s = "";
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i] as CompiledRule;
    const d = results[i] as LimitDecision;
    const sep = i === 0 ? "" : ", ";
    p += sep + policy(r);
    s += `${sep}"${r.spec.id}";r=${d.remaining};t=${Math.ceil(d.resetMs / 1000)}`;
  }
  return { "ratelimit-policy": p, ratelimit: s };
}

/** Response headers a limit check adds (the IETF RateLimit fields). */
export type HeaderBag = Record<string, string | number>;

/**
 * The limit check of one request, shared by the middleware below and the hot paths
 * (gateway/openai/fast.ts): undefined when the request may go on at once, a promise
 * when a leaky-bucket rule holds it (resolves at its slot); throws 403 `blocked` or
 * 429 `rate_limited` (a KefuError with its headers). Admitted requests of limited
 * routes get `RateLimit-Policy` and `RateLimit` in `headers`.
 *
 * @example
 *   const limit = limitCheck({ limiter, config, authenticate });
 *   const held = limit(request, server, headers); if (held) await held;
 */
export function limitCheck(
  opts: RateLimitOptions,
): (
  request: Request,
  server: { requestIP(r: Request): { address: string } | null } | null,
  headers: HeaderBag,
) => Promise<void> | undefined {
  const { limiter } = opts;
  const cfg = opts.config.limits;
  const sleep = opts.sleep ?? ((ms: number) => Bun.sleep(ms));

  const respond = (v: LimitVerdict, headersOut: HeaderBag): Promise<void> | undefined => {
    if (v.outcome === "none") return undefined;
    // Refusals are thrown, so they pass the error handler and the after-response hooks (HTTP metrics) like any answer.
    if (v.outcome === "blocked") throw new KefuError("blocked", "this client is blocked", { status: 403 });
    const headers = rateLimitHeaders(v.rules, v.decision.results);
    if (v.outcome === "rejected") {
      const secs = Math.max(1, Math.ceil(v.decision.retryAfterMs / 1000));
      throw new KefuError("rate_limited", `rate limit exceeded: retry in ${secs} s`, {
        status: 429,
        retryable: true,
        headers: { ...headers, "retry-after": String(secs) },
      });
    }
    headersOut["ratelimit-policy"] = headers["ratelimit-policy"];
    headersOut.ratelimit = headers.ratelimit;
    if (v.outcome === "delayed") return sleep(v.decision.delayMs);
    return undefined;
  };

  const withPrincipal = async (request: Request, facts: RequestFacts, rules: CompiledRule[], headers: HeaderBag) => {
    // A bad credential is the route's to refuse (401); here it only means "no tenant".
    const p = await opts.authenticate?.(request).catch(() => undefined);
    facts.tenant = p?.tenantId;
    facts.apiKey = p?.keyId;
    const v = limiter.check(facts, rules);
    await respond(v instanceof Promise ? await v : v, headers);
  };

  return (request, server, headers) => {
    if (!limiter.active()) return undefined;
    const path = pathOf(request.url);
    // The limits' own admin API is never limited or blocked: a bad rule can always be undone.
    if (path.startsWith("/v1/admin/rate_limits") || path.startsWith("/v1/admin/blocks")) return undefined;
    let { rules, needsPrincipal } = limiter.match(request.method, path);
    if (needsPrincipal && request.headers.get("upgrade")?.toLowerCase() === "websocket") {
      // A WebSocket upgrade carries its credential in the query (the realtime endpoint checks it):
      // rules keyed by tenant or API key skip the upgrade (tenant-keyed ones count its frames: frames.ts).
      rules = rules.filter((r) => !r.spec.key.some((k) => k === "tenant" || k === "api_key"));
      needsPrincipal = false;
    }
    const ip = clientIp(request, server, cfg.clientIpHeader);
    let fp: string | undefined;
    const facts: RequestFacts = {
      method: request.method,
      path,
      ip,
      fingerprint: () => {
        fp ??= requestFingerprint(request, ip, cfg.fingerprintHeaders);
        return fp;
      },
    };
    if (needsPrincipal && opts.authenticate) return withPrincipal(request, facts, rules, headers);
    const v = limiter.check(facts, rules);
    return v instanceof Promise ? v.then((r) => respond(r, headers)) : respond(v, headers);
  };
}

/** The middleware plugin. */
export function rateLimits(opts: RateLimitOptions) {
  const limit = limitCheck(opts);
  return new Elysia({ name: "kefu/rate-limit" }).onRequest(async ({ request, set, server }) => {
    const held = limit(request, server, set.headers);
    if (held) await held;
  });
}
