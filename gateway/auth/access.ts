/**
 * The permission check of every HTTP route (RBAC): one global hook that looks the
 * matched route up in the table of engine/auth/permissions.ts, authenticates the
 * caller (gateway/auth/principal.ts) and refuses with a typed error:
 * - route not in the table: 403 `route_undeclared` (fail closed);
 * - no credential: 401 `unauthorized`; a role without the permission: 403 `forbidden`;
 * - a platform route called with a tenant's credential, or a `:tenant` route of another
 *   tenant: 403 `tenant_forbidden` (nothing of tenant A is reachable with B's credential).
 * It runs before body validation, so an unauthorised caller learns nothing from 400s.
 *
 * Handlers read the caller with `principalOf(request)`, confine a tenant named
 * elsewhere than the path with `requireTenant`, and leave a trace with `recordAudit`.
 *
 * @example
 *   new Elysia().use(accessControl({ authenticate, audit })).get("/healthz", () => "ok");
 */
import { Elysia } from "elysia";
import type { AuditEntry, AuditLog, AuditRecord } from "../../engine/audit/audit-log.ts";
import { type AccessRole, can, canMint, routeRule } from "../../engine/auth/permissions.ts";
import { KefuError } from "../../engine/errors.ts";
import type { Authenticate, RequestPrincipal } from "./principal.ts";

/** Dependencies of the guard. */
export interface AccessDeps {
  authenticate: Authenticate;
  /** Where `recordAudit` writes; absent: nothing is recorded (apps without an audit log). */
  audit?: AuditLog;
}

interface Seen {
  principal?: RequestPrincipal;
  audit?: AuditLog;
}
/** What the guard learned about a request: a property on the Request, not a WeakMap entry per request for the GC to sweep. */
const SEEN = Symbol("kefu.access");
type Guarded = Request & { [SEEN]?: Seen };
let instances = 0;

/** The guard plugin; register it before the routes it protects. */
export function accessControl(deps: AccessDeps) {
  return new Elysia({ name: "kefu/access", seed: instances++ }).onTransform(
    { as: "global" },
    async ({ request, route, params }) => {
      const rule = routeRule(request.method, route);
      if (!rule)
        throw new KefuError("route_undeclared", `${request.method} ${route} declares no permission`, { status: 403 });
      const state: Seen = deps.audit ? { audit: deps.audit } : {};
      (request as Guarded)[SEEN] = state;
      if (rule.scope === "public" || !rule.permission) return;
      const p = await deps.authenticate(request);
      if (!p)
        throw new KefuError("unauthorized", "a credential is required (Authorization: Bearer …)", { status: 401 });
      if (!can(p.role, rule.permission))
        throw new KefuError("forbidden", `role ${p.role} lacks the permission ${rule.permission}`, { status: 403 });
      if (rule.scope === "platform" && p.tenantId !== undefined)
        throw new KefuError(
          "tenant_forbidden",
          "this setting is shared by every tenant: the operator's admin key only",
          {
            status: 403,
          },
        );
      const tenant = (params as Record<string, string | undefined> | undefined)?.tenant;
      if (tenant !== undefined) requireTenantOf(p, tenant);
      state.principal = p;
    },
  );
}

function requireTenantOf(p: RequestPrincipal, tenantId: string): void {
  if (p.tenantId !== undefined && p.tenantId !== tenantId)
    throw new KefuError("tenant_forbidden", `this credential belongs to another tenant than ${tenantId}`, {
      status: 403,
    });
}

/**
 * The caller of a guarded request (undefined on public routes).
 *
 * @example
 *   const p = principalOf(request); // { kind: "api_key", role: "service", tenantId: "acme", … }
 */
export function principalOf(request: Request): RequestPrincipal | undefined {
  return (request as Guarded)[SEEN]?.principal;
}

/**
 * Throws 403 `tenant_forbidden` unless the request's caller may act on `tenantId`
 * (its own tenant; the admin key: any). For tenants named in a body or found in data.
 *
 * @example
 *   requireTenant(request, body.tenantId);
 */
export function requireTenant(request: Request, tenantId: string): void {
  const p = principalOf(request);
  if (p) requireTenantOf(p, tenantId);
}

/**
 * Throws 403 `role_too_broad` unless the request's caller may mint `role`.
 *
 * @example
 *   requireMint(request, "service");
 */
export function requireMint(request: Request, role: AccessRole): void {
  const p = principalOf(request);
  if (!p || !canMint(p.role, role))
    throw new KefuError("role_too_broad", `a ${p?.role ?? "caller"} cannot mint a credential of role ${role}`, {
      status: 403,
    });
}

/**
 * The tenant a tenant-scoped caller is confined to, or undefined for the admin key.
 *
 * @example
 *   const only = confinedTenant(request); // "acme"
 */
export function confinedTenant(request: Request): string | undefined {
  return principalOf(request)?.tenantId;
}

/**
 * Records an admin action of this request in the audit log (engine/audit), with the
 * caller as actor. `tenantId` defaults to the caller's tenant (the admin key:
 * `_platform`). Resolves to the record, or undefined when the app has no audit log.
 * Call it after the change succeeded, with the state before and after.
 *
 * @example
 *   await recordAudit(request, { action: "limits.put", target: "rule:/v1/chat", before, after });
 */
export async function recordAudit(
  request: Request,
  entry: Omit<AuditEntry, "actor" | "tenantId"> & { tenantId?: string },
): Promise<AuditRecord | undefined> {
  const s = (request as Guarded)[SEEN];
  if (!s?.audit) return undefined;
  const p = s.principal;
  const actor = p
    ? { kind: p.kind, role: p.role, subject: p.subject, ...(p.keyId ? { keyId: p.keyId } : {}) }
    : { kind: "anonymous", role: "none", subject: "anonymous" };
  const tenantId = entry.tenantId ?? p?.tenantId;
  return s.audit.record({ ...entry, actor, ...(tenantId !== undefined ? { tenantId } : {}) });
}
