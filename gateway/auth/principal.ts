/**
 * Who is calling an HTTP route: the one place that turns a request's credentials
 * into a principal. Rate limits (keys by tenant and API key), idempotency (scopes by
 * tenant) and permission checks (RBAC) all read it through `Authenticate`, which is
 * cached per request so a credential is verified once however many plugins ask.
 *
 * Credentials understood now: the operator's admin key (`Authorization: Bearer
 * <auth.adminKey>`, every tenant) and kefu's signed tokens (agents, supervisors,
 * visitors). API keys and rotating JWT key sets extend `createAuthenticate`.
 *
 * @example
 *   const authenticate = createAuthenticate({ config, tokens });
 *   const p = await authenticate(request); // { kind: "token", role: "agent", tenantId: "t1", subject: "a1" } | undefined
 */
import { timingSafeEqual } from "node:crypto";
import type { TokenService } from "../../engine/auth/tokens.ts";
import type { Config } from "../../engine/config.ts";

/** Roles of the access model (see the permission matrix). */
export type AccessRole = "owner" | "admin" | "supervisor" | "agent" | "viewer" | "service" | "visitor";

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

/**
 * The authenticator for the credentials above.
 *
 * @example
 *   const authenticate = createAuthenticate({ config, tokens });
 */
export function createAuthenticate(deps: { config: Config; tokens: TokenService }): Authenticate {
  const adminKey = deps.config.auth.adminKey ? Buffer.from(deps.config.auth.adminKey) : undefined;
  return cachedAuthenticate(async (request) => {
    const cred = bearer(request);
    if (!cred) return undefined;
    const given = Buffer.from(cred);
    if (adminKey && given.length === adminKey.length && timingSafeEqual(given, adminKey)) {
      return { kind: "admin_key", role: "owner", subject: "admin-key" };
    }
    const p = await deps.tokens.verify(cred);
    return {
      kind: "token",
      role: p.role,
      tenantId: p.tenantId,
      subject: p.subject,
      ...(p.sessionId ? { sessionId: p.sessionId } : {}),
    };
  });
}
