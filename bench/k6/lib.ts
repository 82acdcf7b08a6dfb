/**
 * Shared helpers of kefu's k6 scripts: where kefu is, and the few calls every
 * scenario needs (open a visitor session, register an agent, JSON realtime frames).
 *
 * Environment (k6 `-e NAME=value`):
 * - KEFU_URL: the gateway (default http://127.0.0.1:8080)
 * - KEFU_ADMIN_KEY: the admin key (needed by agent, fan-out and rate-limit scenarios)
 * - KEFU_TENANT: tenant id (default "k6")
 *
 * Requests use k6's async API (`http.asyncRequest`) so a VU keeps its WebSockets
 * served while it waits.
 */
import http from "k6/http";

export const BASE = (__ENV.KEFU_URL || "http://127.0.0.1:8080").replace(/\/$/, "");
export const WS_BASE = BASE.replace(/^http/, "ws");
export const ADMIN_KEY = __ENV.KEFU_ADMIN_KEY || "";
export const TENANT = __ENV.KEFU_TENANT || "k6";

const JSON_HEADERS = { "content-type": "application/json" };

/** A visitor's session and token. */
export interface VisitorSession {
  sessionId: string;
  token: string;
}

/** POST with a JSON body; returns the parsed answer and the response. */
export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await http.asyncRequest("POST", `${BASE}${path}`, JSON.stringify(body), {
    headers: { ...JSON_HEADERS, ...headers },
    tags: { name: path },
  });
  let parsed: Record<string, unknown> = {};
  try {
    parsed = (typeof res.body === "string" && res.body ? JSON.parse(res.body) : {}) as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  return { res, body: parsed };
}

/** Opens a visitor session (POST /v1/visitor/sessions). */
export async function openSession(tenantId = TENANT): Promise<VisitorSession> {
  const { res, body } = await postJson("/v1/visitor/sessions", { tenantId });
  if (res.status !== 200) throw new Error(`opening a session failed: ${res.status} ${res.body}`);
  return { sessionId: String(body.sessionId), token: String(body.token) };
}

/** Registers (or updates) an agent or supervisor and returns its token and seat version. */
export async function registerAgent(id: string, role: "agent" | "supervisor" = "agent", capacity = 50) {
  const { res, body } = await postJson(
    "/v1/admin/agents",
    { id, tenantId: TENANT, role, capacity },
    { authorization: `Bearer ${ADMIN_KEY}` },
  );
  if (res.status !== 200) throw new Error(`registering ${id} failed: ${res.status} ${res.body}`);
  const agent = body.agent as { version?: number } | undefined;
  return { token: String(body.token), version: Number(agent?.version ?? 0) };
}

/** The realtime URL for a token (JSON frames: k6 offers no subprotocol, and kefu then speaks JSON). */
export function wsUrl(role: "visitor" | "agent", token: string): string {
  return `${WS_BASE}/v1/ws/${role}?token=${encodeURIComponent(token)}`;
}

/** A realtime frame as JSON (proto3 JSON mapping of kefu.v1.Frame). */
// biome-ignore lint/suspicious/noExplicitAny: frames are open-ended JSON
export type Frame = Record<string, any>;

/** Parses a text frame; undefined for anything else. */
export function frame(data: unknown): Frame | undefined {
  if (typeof data !== "string") return undefined;
  try {
    return JSON.parse(data) as Frame;
  } catch {
    return undefined;
  }
}

/** A unique id for client_msg_id and agent ids. */
export function uid(prefix: string): string {
  return `${prefix}-${__VU}-${__ITER}-${Math.random().toString(36).slice(2, 10)}`;
}
