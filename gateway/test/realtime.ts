/**
 * In-process gateway for realtime end-to-end tests: real HTTP and WebSocket on
 * 127.0.0.1, real SQLite, a manual clock and hand-driven timers.
 *
 * @example
 *   const h = await realtimeHarness();
 *   const v = await h.visitor("t1");
 *   const a = await h.agent("a1", "t1", { capacity: 2, online: true });
 */

import { manualClock } from "../../engine/clock.ts";
import { loadConfig } from "../../engine/config.ts";
import { createLogger } from "../../engine/logger.ts";
import { jsKernels } from "../../engine/vector/kernels.ts";
import type { WireFormat } from "../realtime/codec.ts";
import { type Gateway, startGateway } from "../server.ts";
import { tempDir } from "./utils.ts";
import { connect, type TestClient } from "./ws-client.ts";

export const ADMIN_KEY = "test-admin-key-0123456789";

/** A running in-process gateway plus helpers to make visitors and agents. */
export interface RealtimeHarness {
  gw: Gateway;
  clock: ReturnType<typeof manualClock>;
  logs: string[];
  /** Advances the manual clock and fires due timers. */
  tick(ms: number): Promise<void>;
  visitor(tenantId?: string, format?: WireFormat): Promise<{ c: TestClient; sessionId: string; token: string }>;
  agent(
    id: string,
    tenantId?: string,
    opts?: {
      capacity?: number;
      groups?: string[];
      online?: boolean;
      role?: "agent" | "supervisor";
      format?: WireFormat;
    },
  ): Promise<{ c: TestClient; token: string }>;
  close(): Promise<void>;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Starts the harness; `env` adds KEFU_* settings. */
export async function realtimeHarness(env: Record<string, string> = {}): Promise<RealtimeHarness> {
  const tmp = tempDir("kefu-rt-");
  const clock = manualClock(Date.now());
  const logs: string[] = [];
  const config = loadConfig({ KEFU_PORT: "0", KEFU_DATA_DIR: tmp.dir, KEFU_AUTH_ADMIN_KEY: ADMIN_KEY, ...env });
  const gw = await startGateway({
    config,
    logger: createLogger("warn", (l) => logs.push(l)),
    clock,
    manualTimers: true,
    kernels: jsKernels,
    sweepMs: 20,
  });
  const clients: TestClient[] = [];
  return {
    gw,
    clock,
    logs,
    async tick(ms) {
      clock.advance(ms);
      gw.timers.advance();
      await Bun.sleep(20); // let the async work the timers started reach the sockets
    },
    async visitor(tenantId = "t1", format = "pb") {
      const r = (await post(`${gw.url}/v1/visitor/sessions`, { tenantId })) as { token: string; sessionId: string };
      const c = await connect(`${gw.url}/v1/ws/visitor`, r.token, format);
      clients.push(c);
      await c.next((f) => f.welcome);
      return { c, sessionId: r.sessionId, token: r.token };
    },
    async agent(id, tenantId = "t1", opts = {}) {
      const r = (await post(
        `${gw.url}/v1/admin/agents`,
        { id, tenantId, groups: opts.groups ?? ["default"], capacity: opts.capacity ?? 5, role: opts.role ?? "agent" },
        { authorization: `Bearer ${ADMIN_KEY}` },
      )) as { token: string; agent?: { version: number } };
      const c = await connect(`${gw.url}/v1/ws/agent`, r.token, opts.format ?? "pb");
      clients.push(c);
      await c.next((f) => f.welcome);
      if (opts.online !== false && (opts.role ?? "agent") === "agent") {
        c.send({ agentState: { state: 1, version: r.agent?.version ?? 0 } });
        await c.next((f) => (f.agentState && f.agentState.state === 1 ? f.agentState : null));
      }
      return { c, token: r.token };
    },
    async close() {
      for (const c of clients) c.close();
      await gw.stop(500);
      tmp.cleanup();
    },
  };
}
