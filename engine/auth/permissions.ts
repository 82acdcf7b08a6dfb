/**
 * The access model in one place: roles, permissions, which role holds which
 * permission, and which permission every HTTP route needs.
 *
 * - A role is a set of permissions (`ROLE_PERMISSIONS`); `owner` holds all of them.
 * - Every HTTP route is listed in `ROUTES` with the permission it needs and its
 *   scope: `public` (no credential), `tenant` (a tenant's principal may act only on
 *   its own tenant; the operator's admin key on every tenant), or `platform` (only
 *   the operator's admin key: settings shared by every tenant). A route missing from
 *   the table is refused (403) and fails the route × role test.
 * - A credential may only be minted for a role whose permissions are a subset of
 *   the caller's own (`canMint`).
 *
 * @example
 *   can("viewer", "kb:read"); // true
 *   can("viewer", "kb:write"); // false
 *   routeRule("PUT", "/v1/tenants/:tenant/kb/:kb/documents/:doc"); // { permission: "kb:write", scope: "tenant" }
 */

/** Every role. `visitor` is the widget's one-session token. */
export const ROLES = ["owner", "admin", "supervisor", "agent", "viewer", "service", "visitor"] as const;
/** A role of the access model. */
export type AccessRole = (typeof ROLES)[number];

/** Every permission, with what it allows (the README table uses these descriptions). */
export const PERMISSIONS = {
  "tenants:read": "read tenants",
  "tenants:write": "create and disable tenants",
  "keys:read": "list API keys (never their secrets)",
  "keys:write": "create, rotate and revoke API keys",
  "tokens:mint": "mint JWTs for roles no broader than one's own",
  "agents:write": "register agents and supervisors (mints their tokens)",
  "kb:read": "list and search knowledge bases",
  "kb:write": "create and delete knowledge bases and documents",
  "intents:read": "read intents",
  "intents:write": "replace intents",
  "config:read": "read the LLM routing config",
  "config:write": "replace the LLM routing config",
  "limits:read": "read rate limits and block rules",
  "limits:write": "change rate limits and block rules",
  "transcripts:read": "read session transcripts",
  "exports:read": "export events in bulk",
  "audit:read": "read and verify the audit log",
  "anomalies:read": "read clusters of rejected inputs",
  "chat:send": "send a visitor message over HTTP (/v1/chat)",
  "channels:read": "list a tenant's own channels; the operator: dead-lettered channel deliveries",
  "channels:write": "configure a tenant's own channels; the operator: replay dead-lettered channel deliveries",
  "webhooks:read": "list a tenant's event subscriptions and their deliveries",
  "webhooks:write": "subscribe and unsubscribe event webhooks, replay their dead letters",
  "canned:read": "list and search the tenant's canned responses",
  "canned:write": "add, change and remove canned responses",
  "stats:read": "read the console's numbers (queue, bot resolution, first response)",
  "queue:read": "see the tenant's queued conversations and their wait (the agents' inbox)",
} as const;
/** A permission. */
export type Permission = keyof typeof PERMISSIONS;
const ALL = Object.keys(PERMISSIONS) as Permission[];

/** Which role holds which permission. The README's "Access control" table is generated from it. */
export const ROLE_PERMISSIONS: Record<AccessRole, readonly Permission[]> = {
  owner: ALL,
  admin: ALL.filter((p) => p !== "tenants:write" && p !== "chat:send"),
  supervisor: [
    "tenants:read",
    "tokens:mint",
    "agents:write",
    "kb:read",
    "intents:read",
    "config:read",
    "limits:read",
    "transcripts:read",
    "exports:read",
    "audit:read",
    "canned:read",
    "canned:write",
    "stats:read",
    "queue:read",
  ],
  agent: ["kb:read", "intents:read", "transcripts:read", "canned:read", "queue:read"],
  viewer: [
    "tenants:read",
    "keys:read",
    "kb:read",
    "intents:read",
    "config:read",
    "limits:read",
    "audit:read",
    "webhooks:read",
    "canned:read",
    "stats:read",
    "queue:read",
  ],
  service: ["kb:read", "kb:write", "intents:read", "intents:write", "transcripts:read", "exports:read"],
  visitor: ["chat:send"],
};

/** Who may call a route. */
export type RouteScope = "public" | "tenant" | "platform";
/** A route's rule. */
export interface RouteRule {
  permission?: Permission;
  scope: RouteScope;
}

const pub: RouteRule = { scope: "public" };
const tenant = (permission: Permission): RouteRule => ({ permission, scope: "tenant" });
const platform = (permission: Permission): RouteRule => ({ permission, scope: "platform" });

/**
 * Every HTTP route, `"METHOD /path"` as Elysia lists it, with its rule. Public
 * WebSocket upgrades verify their own token (role and session) in the upgrade.
 */
export const ROUTES: Record<string, RouteRule> = {
  "GET /healthz": pub,
  "GET /readyz": pub,
  "GET /version": pub,
  "GET /metrics": pub,
  // The API description (gateway/openapi); the token generator exists only in development mode.
  "GET /openapi.json": pub,
  "GET /docs": pub,
  "POST /docs/dev-token": pub,
  // The visitor widget and the agent console (gateway/ui): static pages; the sockets check their tokens.
  "GET /widget.js": pub,
  "GET /console": pub,
  "GET /ui/:file": pub,
  "POST /v1/echo": pub,
  "POST /v1/visitor/sessions": pub,
  "GET /v1/ws/visitor": pub,
  "GET /v1/ws/agent": pub,
  // Widget image attachments (gateway/attachments): a visitor uploads to its own session; the download
  // checks its credential itself (a visitor of that session, or the tenant's transcripts:read).
  "POST /v1/visitor/attachments": tenant("chat:send"),
  "POST /v1/visitor/rating": tenant("chat:send"),
  "GET /v1/attachments/:id": pub,
  // OpenAI-compatible: open as before this model existed (see README "Access control").
  "POST /v1/chat/completions": pub,
  "POST /v1/chat": tenant("chat:send"),
  // Channel callbacks (gateway/channels): each is authenticated by its own signature (README "Channels").
  "POST /v1/channels/webhook/:channel": pub,
  "GET /v1/channels/wechat": pub,
  "POST /v1/channels/wechat": pub,
  // Their dead letters are shared by every tenant's channel users: the operator's.
  "GET /v1/admin/channels/dead_letters": platform("channels:read"),
  "POST /v1/admin/channels/dead_letters/:id/replay": platform("channels:write"),
  // Webhook channels a tenant configures itself (gateway/channels/tenant.ts).
  "GET /v1/tenants/:tenant/channels": tenant("channels:read"),
  "POST /v1/tenants/:tenant/channels/webhook": tenant("channels:write"),
  "DELETE /v1/tenants/:tenant/channels/webhook/:name": tenant("channels:write"),
  // A tenant's outbound event subscriptions (gateway/channels/webhooks.ts).
  "GET /v1/tenants/:tenant/webhooks": tenant("webhooks:read"),
  "POST /v1/tenants/:tenant/webhooks": tenant("webhooks:write"),
  "DELETE /v1/tenants/:tenant/webhooks/:id": tenant("webhooks:write"),
  "GET /v1/tenants/:tenant/webhooks/deliveries": tenant("webhooks:read"),
  "POST /v1/tenants/:tenant/webhooks/deliveries/:id/replay": tenant("webhooks:write"),
  "POST /v1/admin/agents": tenant("agents:write"),
  "GET /v1/admin/llm/config": platform("config:read"),
  // The same config as the admin page's read-only view: no key names, vendor options or URL credentials.
  "GET /v1/admin/llm/routing": platform("config:read"),
  "PUT /v1/admin/llm/config": platform("config:write"),
  "GET /v1/admin/anomalies": platform("anomalies:read"),
  // Rate limits and block rules are shared by every tenant (gateway/limits/admin.ts).
  "GET /v1/admin/rate_limits": platform("limits:read"),
  "GET /v1/admin/rate_limits/:id": platform("limits:read"),
  "PUT /v1/admin/rate_limits": platform("limits:write"),
  "DELETE /v1/admin/rate_limits/:id": platform("limits:write"),
  "GET /v1/admin/blocks": platform("limits:read"),
  "GET /v1/admin/blocks/:id": platform("limits:read"),
  "PUT /v1/admin/blocks": platform("limits:write"),
  "DELETE /v1/admin/blocks/:id": platform("limits:write"),
  "GET /v1/sessions/:id/transcript": tenant("transcripts:read"),
  "GET /v1/audit/events": tenant("exports:read"),
  "GET /v1/tenants/:tenant/kb": tenant("kb:read"),
  "POST /v1/tenants/:tenant/kb": tenant("kb:write"),
  "DELETE /v1/tenants/:tenant/kb/:kb": tenant("kb:write"),
  "GET /v1/tenants/:tenant/kb/:kb/documents": tenant("kb:read"),
  "PUT /v1/tenants/:tenant/kb/:kb/documents/:doc": tenant("kb:write"),
  "DELETE /v1/tenants/:tenant/kb/:kb/documents/:doc": tenant("kb:write"),
  "GET /v1/tenants/:tenant/kb/:kb/search": tenant("kb:read"),
  // The agent console's APIs (gateway/console-api).
  "GET /v1/tenants/:tenant/transcripts/search": tenant("transcripts:read"),
  "GET /v1/tenants/:tenant/canned": tenant("canned:read"),
  "PUT /v1/tenants/:tenant/canned/:id": tenant("canned:write"),
  "DELETE /v1/tenants/:tenant/canned/:id": tenant("canned:write"),
  "GET /v1/tenants/:tenant/console/stats": tenant("stats:read"),
  "GET /v1/tenants/:tenant/console/queue": tenant("queue:read"),
  "POST /v1/tenants/:tenant/kb/:kb/search": tenant("kb:read"),
  "GET /v1/tenants/:tenant/intents": tenant("intents:read"),
  "PUT /v1/tenants/:tenant/intents": tenant("intents:write"),
  "GET /v1/admin/tenants": tenant("tenants:read"),
  "POST /v1/admin/tenants": platform("tenants:write"),
  "GET /v1/admin/tenants/:tenant": tenant("tenants:read"),
  "POST /v1/admin/tenants/:tenant/disable": platform("tenants:write"),
  "POST /v1/admin/tenants/:tenant/enable": platform("tenants:write"),
  "GET /v1/tenants/:tenant/keys": tenant("keys:read"),
  "POST /v1/tenants/:tenant/keys": tenant("keys:write"),
  "POST /v1/tenants/:tenant/keys/:key/rotate": tenant("keys:write"),
  "DELETE /v1/tenants/:tenant/keys/:key": tenant("keys:write"),
  "POST /v1/tenants/:tenant/tokens": tenant("tokens:mint"),
  "GET /v1/tenants/:tenant/audit": tenant("audit:read"),
  "GET /v1/tenants/:tenant/audit/verify": tenant("audit:read"),
};

/**
 * Does `role` hold `permission`?
 *
 * @example
 *   can("agent", "kb:write"); // false
 */
export function can(role: AccessRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * May a `caller` mint a credential (API key or JWT) of role `target`? Only when
 * every permission of `target` is one the caller holds: nobody mints upwards.
 *
 * @example
 *   canMint("admin", "agent"); // true
 *   canMint("admin", "owner"); // false
 */
export function canMint(caller: AccessRole, target: AccessRole): boolean {
  return ROLE_PERMISSIONS[target].every((p) => can(caller, p));
}

/**
 * The rule of a route, or undefined when the route is not declared (refused).
 * HEAD is answered by the GET route.
 *
 * @example
 *   routeRule("GET", "/healthz"); // { scope: "public" }
 */
export function routeRule(method: string, path: string): RouteRule | undefined {
  const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  return ROUTES[`${m} ${path}`];
}

/**
 * The roles × permissions table of the README's "Access control" section.
 *
 * @example
 *   permissionsTable().split("\n")[0]; // "| permission | what | owner | admin | …"
 */
export function permissionsTable(): string {
  const head = `| permission | what | ${ROLES.join(" | ")} |`;
  const rule = `|${" --- |".repeat(ROLES.length + 2)}`;
  const rows = ALL.map(
    (p) => `| \`${p}\` | ${PERMISSIONS[p]} | ${ROLES.map((r) => (can(r, p) ? "✓" : "")).join(" | ")} |`,
  );
  return [head, rule, ...rows].join("\n");
}
