/**
 * Identity and access admin API (permissions: engine/auth/permissions.ts):
 * - tenants: `GET|POST /v1/admin/tenants`, `GET /v1/admin/tenants/:tenant`,
 *   `POST /v1/admin/tenants/:tenant/disable|enable` (a disabled tenant's keys and
 *   tokens are refused with 403 `tenant_disabled`);
 * - API keys: `GET|POST /v1/tenants/:tenant/keys` (the key text is in the creation
 *   response only), `POST …/keys/:key/rotate {graceSec?}`, `DELETE …/keys/:key` (revoke);
 * - tokens: `POST /v1/tenants/:tenant/tokens {role, subject, ttlSec?}` mints a JWT;
 * - audit: `GET /v1/tenants/:tenant/audit?after=&limit=`, `GET …/audit/verify`.
 * Nobody mints a key or token of a role broader than their own (403 `role_too_broad`).
 * Every change is recorded in the audit log.
 *
 * @example
 *   curl -X POST -H "authorization: Bearer $KEFU_AUTH_ADMIN_KEY" -H 'content-type: application/json' \
 *     -d '{"id":"acme","name":"Acme"}' 127.0.0.1:8080/v1/admin/tenants
 */
import { Elysia, t } from "elysia";
import type { AuditLog } from "../../engine/audit/audit-log.ts";
import type { ApiKeys } from "../../engine/auth/api-keys.ts";
import type { IdentityStore, Tenant } from "../../engine/auth/identity-store.ts";
import { ROLES } from "../../engine/auth/permissions.ts";
import type { TokenService } from "../../engine/auth/tokens.ts";
import type { Clock } from "../../engine/clock.ts";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";
import { confinedTenant, principalOf, recordAudit, requireMint } from "../auth/access.ts";

/** Dependencies of the admin API. */
export interface AdminApiDeps {
  config: Config;
  identity: IdentityStore;
  apiKeys: ApiKeys;
  tokens: TokenService;
  audit: AuditLog;
  clock: Clock;
}

const Id = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" });
// New tenant ids start with a letter or digit: "_platform" names the platform's own audit stream.
const NewTenantId = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" });
const KeyId = t.String({ minLength: 12, maxLength: 12, pattern: "^[0-9a-f]{12}$" });
const Role = t.Union(ROLES.map((r) => t.Literal(r)));
// Disable / enable: an optional reason, kept in the audit record.
const StatusBody = t.Optional(t.Object({ reason: t.Optional(t.String({ maxLength: 500 })) }));
/** Most audit records per page. */
export const MAX_AUDIT_PAGE = 1000;

/** The admin API plugin. */
export function adminApi(deps: AdminApiDeps) {
  const { identity, apiKeys } = deps;
  const tenantOr404 = async (id: string): Promise<Tenant> => {
    const found = await identity.getTenant(id);
    if (!found) throw new KefuError("not_found", `no tenant ${id}`, { status: 404 });
    return found;
  };
  const activeTenant = async (id: string) => {
    const found = await tenantOr404(id);
    if (found.status === "disabled")
      throw new KefuError("tenant_disabled", `tenant ${id} is disabled`, { status: 403 });
    return found;
  };
  const keyOf = async (tenant: string, key: string) => {
    const k = await apiKeys.get(key);
    // Another tenant's key is "not found": its existence is not disclosed.
    if (!k || k.tenantId !== tenant) throw new KefuError("not_found", `no API key ${key}`, { status: 404 });
    return k;
  };
  const setStatus = async (request: Request, id: string, status: Tenant["status"], reason?: string) => {
    const before = await tenantOr404(id);
    const after = (await identity.setTenantStatus(id, status, deps.clock.now())) as Tenant;
    await recordAudit(request, {
      tenantId: id,
      action: `tenant.${status === "disabled" ? "disable" : "enable"}`,
      target: `tenant:${id}`,
      before,
      after: reason ? { ...after, reason } : after,
    });
    return after;
  };

  return new Elysia({ name: "kefu/admin" })
    .get("/v1/admin/tenants", async ({ request }) => {
      const only = confinedTenant(request);
      const all = await identity.listTenants();
      return { tenants: only === undefined ? all : all.filter((x) => x.id === only) };
    })
    .post(
      "/v1/admin/tenants",
      async ({ request, body, set }) => {
        const now = deps.clock.now();
        const created = await identity.createTenant({
          id: body.id,
          name: body.name ?? body.id,
          status: "active",
          createdAtMs: now,
          updatedAtMs: now,
        });
        await recordAudit(request, {
          tenantId: created.id,
          action: "tenant.create",
          target: `tenant:${created.id}`,
          after: created,
        });
        set.status = 201;
        return created;
      },
      { body: t.Object({ id: NewTenantId, name: t.Optional(t.String({ minLength: 1, maxLength: 200 })) }) },
    )
    .get("/v1/admin/tenants/:tenant", ({ params }) => tenantOr404(params.tenant), {
      params: t.Object({ tenant: Id }),
    })
    .post(
      "/v1/admin/tenants/:tenant/disable",
      ({ request, params, body }) => setStatus(request, params.tenant, "disabled", body?.reason),
      { params: t.Object({ tenant: Id }), body: StatusBody },
    )
    .post(
      "/v1/admin/tenants/:tenant/enable",
      ({ request, params, body }) => setStatus(request, params.tenant, "active", body?.reason),
      { params: t.Object({ tenant: Id }), body: StatusBody },
    )
    .get("/v1/tenants/:tenant/keys", async ({ params }) => ({ keys: await apiKeys.list(params.tenant) }), {
      params: t.Object({ tenant: Id }),
    })
    .post(
      "/v1/tenants/:tenant/keys",
      async ({ request, params, body, set }) => {
        const role = body.role ?? "service";
        requireMint(request, role);
        await activeTenant(params.tenant);
        const p = principalOf(request);
        const created = await apiKeys.create({
          tenantId: params.tenant,
          role,
          name: body.name,
          createdBy: p?.subject ?? "unknown",
        });
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "key.create",
          target: `key:${created.key.id}`,
          after: created.key,
        });
        set.status = 201;
        return { ...created.key, key: created.secret };
      },
      {
        params: t.Object({ tenant: Id }),
        body: t.Object({ name: t.String({ minLength: 1, maxLength: 200 }), role: t.Optional(Role) }),
      },
    )
    .post(
      "/v1/tenants/:tenant/keys/:key/rotate",
      async ({ request, params, body, set }) => {
        const before = await keyOf(params.tenant, params.key);
        requireMint(request, before.role);
        const r = await apiKeys.rotate(
          params.key,
          body?.graceSec ?? deps.config.auth.apiKeyGraceSec,
          principalOf(request)?.subject ?? "unknown",
        );
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "key.rotate",
          target: `key:${params.key}`,
          before,
          after: { old: r.old, new: r.key },
        });
        set.status = 201;
        return { ...r.key, key: r.secret, previous: r.old };
      },
      {
        params: t.Object({ tenant: Id, key: KeyId }),
        body: t.Optional(t.Object({ graceSec: t.Optional(t.Integer({ minimum: 0, maximum: 30 * 86_400 })) })),
      },
    )
    .delete(
      "/v1/tenants/:tenant/keys/:key",
      async ({ request, params }) => {
        const before = await keyOf(params.tenant, params.key);
        const after = await apiKeys.revoke(params.key);
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "key.revoke",
          target: `key:${params.key}`,
          before,
          after,
        });
        return after;
      },
      { params: t.Object({ tenant: Id, key: KeyId }) },
    )
    .post(
      "/v1/tenants/:tenant/tokens",
      async ({ request, params, body, set }) => {
        if (body.role === "visitor")
          throw new KefuError("invalid_request", "visitor tokens come from POST /v1/visitor/sessions", { status: 400 });
        requireMint(request, body.role);
        const max = deps.config.auth.tokenMaxTtlSec;
        const ttl = body.ttlSec ?? Math.min(3600, max);
        if (ttl > max)
          throw new KefuError("invalid_request", `ttlSec ${ttl} exceeds auth.tokenMaxTtlSec (${max})`, { status: 400 });
        const token = await deps.tokens.issue({ role: body.role, tenantId: params.tenant, subject: body.subject }, ttl);
        const expiresAt = new Date(deps.clock.now() + ttl * 1000).toISOString();
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "token.mint",
          target: `subject:${body.subject}`,
          after: { role: body.role, subject: body.subject, expiresAt },
        });
        set.status = 201;
        return { token, role: body.role, subject: body.subject, tenantId: params.tenant, expiresAt };
      },
      {
        params: t.Object({ tenant: Id }),
        body: t.Object({
          role: Role,
          subject: Id,
          ttlSec: t.Optional(t.Integer({ minimum: 60, maximum: 30 * 86_400 })),
        }),
      },
    )
    .get(
      "/v1/tenants/:tenant/audit",
      async ({ params, query }) => ({
        records: await deps.audit.read(params.tenant, query.after ?? 0, query.limit ?? 100),
      }),
      {
        params: t.Object({ tenant: Id }),
        query: t.Object({
          after: t.Optional(t.Integer({ minimum: 0 })),
          limit: t.Optional(t.Integer({ minimum: 1, maximum: MAX_AUDIT_PAGE })),
        }),
      },
    )
    .get("/v1/tenants/:tenant/audit/verify", ({ params }) => deps.audit.verify(params.tenant), {
      params: t.Object({ tenant: Id }),
    });
}
