/**
 * Realtime routes: visitor session creation, agent registration (permission
 * `agents:write`, own tenant, no role above the caller's; audited), and the
 * WebSocket upgrade endpoints `/v1/ws/visitor` and `/v1/ws/agent`.
 *
 * Upgrade rules: the token comes from `?token=` or `Authorization: Bearer`; a
 * browser `Origin` must be the gateway's own or in `realtime.allowedOrigins`;
 * the subprotocol is `kefu.v1.proto` or `kefu.v1.json` (JSON when none is offered).
 *
 * @example
 *   app.use(realtimeRoutes({ config, service, tokens, routing, metrics }));
 */
import { randomUUID } from "node:crypto";
import type { Server } from "bun";
import { Elysia, t } from "elysia";
import type { AgentRouter, AgentView } from "../../engine/agents/routing.ts";
import { AUDIT_SESSION_PREFIX } from "../../engine/audit/audit-log.ts";
import { type ApiKeys, looksLikeApiKey } from "../../engine/auth/api-keys.ts";
import type { Principal, Role, TokenService } from "../../engine/auth/tokens.ts";
import type { Clock } from "../../engine/clock.ts";
import type { Config } from "../../engine/config.ts";
import type { ConversationService } from "../../engine/conversations/service.ts";
import { KefuError } from "../../engine/errors.ts";
import { recordAudit, requireMint, requireTenant } from "../auth/access.ts";
import { clientIp, requestFingerprint } from "../limits/index.ts";
import { SUBPROTOCOLS, type WireFormat } from "./codec.ts";
import type { RealtimeMetrics } from "./metrics.ts";
import type { SocketData } from "./socket.ts";

/** Dependencies of the realtime routes. */
export interface RealtimeRouteDeps {
  config: Config;
  service: ConversationService;
  tokens: TokenService;
  routing: AgentRouter;
  clock: Clock;
  metrics: RealtimeMetrics;
  /** False for a tenant an operator disabled: no new visitor sessions (403 `tenant_disabled`). */
  tenantActive?: (tenantId: string) => Promise<boolean>;
  /** Tenant API keys may open agent sockets (server-to-server integrations); revocation closes them. */
  apiKeys?: Pick<ApiKeys, "verify">;
}

/**
 * The realtime role an API key acts with: owner, admin, supervisor and service keys
 * watch and write like a supervisor; agent keys act as the agent `key:<id>`; viewer
 * keys (read-only everywhere) and anything else may not open a socket.
 *
 * @example
 *   keySocketRole("service"); // "supervisor"
 */
export function keySocketRole(role: string): "agent" | "supervisor" | undefined {
  if (role === "agent") return "agent";
  return ["owner", "admin", "supervisor", "service"].includes(role) ? "supervisor" : undefined;
}

const Id = (description: string) =>
  t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._:-]+$", description });

/** Picks the wire format from `Sec-WebSocket-Protocol`; undefined when only unknown ones are offered. */
export function negotiate(header: string | null): { format: WireFormat; protocol?: string } | undefined {
  if (!header) return { format: "json" };
  for (const offered of header.split(",").map((s) => s.trim())) {
    const f = SUBPROTOCOLS[offered];
    if (f) return { format: f, protocol: offered };
  }
  return undefined;
}

/** Is a browser origin allowed? Same origin as the request, listed, or `*`. */
export function originAllowed(origin: string | null, host: string | null, allowed: string[]): boolean {
  if (!origin) return true; // not a browser
  if (allowed.includes("*") || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The realtime plugin. */
export function realtimeRoutes(deps: RealtimeRouteDeps) {
  const { config, service, tokens } = deps;
  const auth = config.auth;

  async function upgrade(
    request: Request,
    server: Server<SocketData> | null,
    query: Record<string, string | undefined>,
    roles: Role[],
  ) {
    const reject = (reason: string, e: KefuError) => {
      deps.metrics.rejected.inc({ reason });
      throw e;
    };
    if (!server) throw new KefuError("no_server", "WebSocket upgrades need a listening server", { status: 500 });
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      reject("not_websocket", new KefuError("upgrade_required", "this endpoint speaks WebSocket", { status: 426 }));
    }
    if (!originAllowed(request.headers.get("origin"), request.headers.get("host"), config.realtime.allowedOrigins)) {
      reject(
        "origin",
        new KefuError("origin_not_allowed", `origin ${request.headers.get("origin")} is not allowed`, { status: 403 }),
      );
    }
    const proto = negotiate(request.headers.get("sec-websocket-protocol"));
    if (!proto) {
      reject(
        "subprotocol",
        new KefuError("unsupported_subprotocol", `offer one of: ${Object.keys(SUBPROTOCOLS).join(", ")}`, {
          status: 400,
        }),
      );
    }
    const bearer = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "");
    let p: Principal;
    let keyId: string | undefined;
    const credential = query.token ?? bearer ?? "";
    try {
      if (deps.apiKeys && looksLikeApiKey(credential)) {
        const k = await deps.apiKeys.verify(credential);
        const role = keySocketRole(k.role);
        if (!role) throw new KefuError("forbidden", `a ${k.role} key cannot open a socket`, { status: 403 });
        p = { role, tenantId: k.tenantId, subject: `key:${k.id}` };
        keyId = k.id;
      } else {
        p = await tokens.verify(credential);
      }
    } catch (e) {
      deps.metrics.rejected.inc({ reason: "token" });
      throw e;
    }
    if (deps.tenantActive && !(await deps.tenantActive(p.tenantId))) {
      reject("tenant", new KefuError("tenant_disabled", `tenant ${p.tenantId} is disabled`, { status: 403 }));
    }
    if (!roles.includes(p.role)) {
      reject("role", new KefuError("forbidden", `a ${p.role} token cannot connect here`, { status: 403 }));
    }
    // A visitor's session must exist; its seq and state go into the Welcome frame.
    // The audit log's streams are no conversations (a development-mode token could name one).
    if (p.sessionId?.startsWith(AUDIT_SESSION_PREFIX)) {
      reject("session", new KefuError("forbidden", "this session cannot be joined", { status: 403 }));
    }
    const view = p.role === "visitor" ? await service.describe(p, p.sessionId as string) : undefined;
    const data: SocketData = {
      p,
      format: (proto as { format: WireFormat }).format,
      conn: randomUUID(),
      tokens: config.realtime.burst,
      at: deps.clock.now(),
      strikes: 0,
      ...(keyId ? { keyId } : {}),
      // The same client fingerprint HTTP requests get, so block and rate-limit rules match sockets too.
      fp: requestFingerprint(
        request,
        clientIp(request, server, config.limits.clientIpHeader),
        config.limits.fingerprintHeaders,
      ),
      hello: view ? { lastSeq: view.lastSeq, state: view.stateEnum } : undefined,
    };
    const headers = proto?.protocol ? { "Sec-WebSocket-Protocol": proto.protocol } : undefined;
    if (!server.upgrade(request, { data, ...(headers ? { headers } : {}) })) {
      reject("upgrade_failed", new KefuError("upgrade_failed", "the WebSocket upgrade failed", { status: 400 }));
    }
    return undefined;
  }

  return new Elysia({ name: "kefu/realtime" })
    .post(
      "/v1/visitor/sessions",
      async ({ body }) => {
        const tenantId = body.tenantId ?? "default";
        if (deps.tenantActive && !(await deps.tenantActive(tenantId)))
          throw new KefuError("tenant_disabled", `tenant ${tenantId} is disabled`, { status: 403 });
        const { sessionId, visitorId } = await service.startSession({
          tenantId,
          ...(body.visitorId ? { visitorId: body.visitorId } : {}),
          ...(body.metadata ? { metadata: body.metadata } : {}),
        });
        const ttl = auth.visitorTokenTtlSec;
        const token = await tokens.issue({ role: "visitor", tenantId, subject: visitorId, sessionId }, ttl);
        return {
          sessionId,
          visitorId,
          tenantId,
          token,
          expiresAt: new Date(deps.clock.now() + ttl * 1000).toISOString(),
        };
      },
      {
        body: t.Object({
          tenantId: t.Optional(Id('Tenant; default "default"')),
          visitorId: t.Optional(Id("Stable visitor id; generated when absent")),
          metadata: t.Optional(t.Record(t.String({ maxLength: 64 }), t.String({ maxLength: 1024 }))),
        }),
      },
    )
    .post(
      "/v1/admin/agents",
      async ({ body, request }) => {
        const role = body.role ?? "agent";
        // Permission agents:write (the access guard); here: its own tenant, and no role above the caller's.
        requireTenant(request, body.tenantId);
        requireMint(request, role);
        const groups = body.groups ?? ["default"];
        const capacity = body.capacity ?? 5;
        let agent: AgentView | undefined;
        if (role === "agent") {
          // On the tenant's home node (several nodes: forwarded there).
          agent = await deps.service.upsertAgent({
            id: body.id,
            tenantId: body.tenantId,
            groups,
            capacity,
            ...(body.name !== undefined ? { name: body.name.trim() } : {}),
          });
        }
        const ttl = auth.agentTokenTtlSec;
        const token = await tokens.issue({ role, tenantId: body.tenantId, subject: body.id }, ttl);
        await recordAudit(request, {
          tenantId: body.tenantId,
          action: "agent.register",
          target: `agent:${body.id}`,
          after: { role, groups, capacity, ...(body.name !== undefined ? { name: body.name } : {}) },
        });
        return { agent, role, token, expiresAt: new Date(deps.clock.now() + ttl * 1000).toISOString() };
      },
      {
        body: t.Object({
          id: Id("Agent id"),
          tenantId: Id("Tenant"),
          groups: t.Optional(t.Array(Id("Skill group"), { minItems: 1, maxItems: 32 })),
          capacity: t.Optional(t.Integer({ minimum: 1, maximum: 1000 })),
          role: t.Optional(t.Union([t.Literal("agent"), t.Literal("supervisor")])),
          name: t.Optional(
            t.String({
              maxLength: 64,
              pattern: "^[^\\u0000-\\u001f\\u007f]*$",
              description: "Display name visitors see when the agent is assigned (empty: none, the id is shown)",
            }),
          ),
        }),
      },
    )
    .get("/v1/ws/visitor", ({ request, server, query }) =>
      upgrade(request, server as Server<SocketData> | null, query, ["visitor"]),
    )
    .get("/v1/ws/agent", ({ request, server, query }) =>
      upgrade(request, server as Server<SocketData> | null, query, ["agent", "supervisor"]),
    );
}
