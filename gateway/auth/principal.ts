/**
 * Who is calling an HTTP route: the one place that turns a request's credentials
 * into a principal. Rate limits (keys by tenant and API key), idempotency (scopes by
 * tenant) and permission checks (RBAC) all read it through `Authenticate`, which is
 * cached per request so a credential is verified once however many plugins ask.
 *
 * Credentials understood: the operator's admin key (`Authorization: Bearer
 * <auth.adminKey>`: role owner on every tenant), tenant API keys (`kf_live_…`,
 * engine/auth/api-keys.ts: the key's role on its tenant) and kefu's signed tokens
 * (JWTs of the rotating key set, engine/auth/tokens.ts: any role on one tenant).
 * A credential of a disabled tenant is refused with 403 `tenant_disabled`.
 *
 * @example
 *   const authenticate = createAuthenticate({ config, tokens });
 *   const p = await authenticate(request); // { kind: "token", role: "agent", tenantId: "t1", subject: "a1" } | undefined
 */
import { timingSafeEqual } from "node:crypto";
import { type ApiKeys, looksLikeApiKey } from "../../engine/auth/api-keys.ts";
import type { IdentityStore } from "../../engine/auth/identity-store.ts";
import type { AccessRole } from "../../engine/auth/permissions.ts";
import type { TokenService } from "../../engine/auth/tokens.ts";
import { type Clock, systemClock } from "../../engine/clock.ts";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";

/** Roles of the access model (see the permission matrix, engine/auth/permissions.ts). */
export type { AccessRole };

/** An authenticated caller. */
export interface RequestPrincipal {
  /** Which credential proved it. */
  kind: "admin_key" | "api_key" | "token";
  role: AccessRole;
  /** The tenant it acts for; undefined only for the operator's admin key (every tenant). */
  tenantId?: string;
  /** Agent, visitor or key id. */
  subject: string;
  /** API keys: the key's public id (rate limits key by it; revocation names it). */
  keyId?: string;
  /** Visitor tokens: the one session it may touch. */
  sessionId?: string;
}

/**
 * Resolves a request's principal: undefined when it carries no credential; throws
 * `KefuError("unauthorized", 401)` for a credential that does not verify.
 */
export type Authenticate = (request: Request) => Promise<RequestPrincipal | undefined>;

/**
 * Wraps an authenticator so each Request object is verified at most once.
 *
 * @example
 *   const authenticate = cachedAuthenticate(async (req) => verify(req));
 */
export function cachedAuthenticate(fn: Authenticate): Authenticate {
  const seen = new WeakMap<Request, Promise<RequestPrincipal | undefined>>();
  return (request) => {
    let p = seen.get(request);
    if (!p) {
      p = fn(request);
      seen.set(request, p);
    }
    return p;
  };
}

/** The bearer credential of a request, if any. @example bearer(req) // "eyJ…" */
export function bearer(request: Request): string | undefined {
  const h = request.headers.get("authorization");
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** What `createAuthenticate` needs; all but `config` are optional (an app without them knows the admin key only). */
export interface AuthenticateDeps {
  config: Config;
  tokens?: TokenService;
  apiKeys?: ApiKeys;
  /** Tenants: a disabled tenant's credentials are refused. */
  identity?: IdentityStore;
  clock?: Clock;
}

/** How long a tenant's status is cached, ms (disabling takes effect within it on every node). */
export const TENANT_STATUS_TTL_MS = 1000;

/**
 * The authenticator for the credentials above.
 *
 * @example
 *   const authenticate = createAuthenticate({ config, tokens, apiKeys, identity });
 */
export function createAuthenticate(deps: AuthenticateDeps): Authenticate {
  const adminKey = deps.config.auth.adminKey ? Buffer.from(deps.config.auth.adminKey) : undefined;
  const clock = deps.clock ?? systemClock;
  const status = new Map<string, { disabled: boolean; at: number }>();
  async function disabled(tenantId: string): Promise<boolean> {
    if (!deps.identity) return false;
    const now = clock.now();
    const hit = status.get(tenantId);
    if (hit && now - hit.at < TENANT_STATUS_TTL_MS) return hit.disabled;
    const t = await deps.identity.getTenant(tenantId);
    const d = t?.status === "disabled";
    if (status.size >= 10_000) status.clear();
    status.set(tenantId, { disabled: d, at: now });
    return d;
  }
  return cachedAuthenticate(async (request) => {
    const cred = bearer(request);
    if (!cred) return undefined;
    const given = Buffer.from(cred);
    if (adminKey && given.length === adminKey.length && timingSafeEqual(given, adminKey)) {
      return { kind: "admin_key", role: "owner", subject: "admin-key" };
    }
    let p: RequestPrincipal;
    if (looksLikeApiKey(cred)) {
      if (!deps.apiKeys) throw new KefuError("unauthorized", "API keys are not enabled here", { status: 401 });
      const k = await deps.apiKeys.verify(cred);
      p = { kind: "api_key", role: k.role, tenantId: k.tenantId, subject: `key:${k.id}`, keyId: k.id };
    } else {
      if (!deps.tokens) throw new KefuError("unauthorized", "a valid admin key is required", { status: 401 });
      const t = await deps.tokens.verify(cred);
      p = {
        kind: "token",
        role: t.role,
        tenantId: t.tenantId,
        subject: t.subject,
        ...(t.sessionId ? { sessionId: t.sessionId } : {}),
      };
    }
    if (p.tenantId !== undefined && (await disabled(p.tenantId)))
      throw new KefuError("tenant_disabled", `tenant ${p.tenantId} is disabled`, { status: 403 });
    return p;
  });
}
