// Rate-limit rules and blocks on realtime frames, end to end over real WebSockets.
import { afterEach, expect, test } from "bun:test";
import { KefuError } from "../../engine/errors.ts";
import type { LimitStore } from "../../engine/limits/limit-store.ts";
import { createLimiter } from "../../engine/limits/limiter.ts";
import { createLimitRegistry } from "../../engine/limits/registry.ts";
import { normalizeRule } from "../../engine/limits/rules.ts";
import type { SocketData } from "../realtime/socket.ts";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { connect, refusedUpgrade } from "../test/ws-client.ts";
import { createFrameLimit } from "./frames.ts";
import { requestFingerprint } from "./index.ts";

let h: RealtimeHarness;
let open = false;
afterEach(async () => {
  if (open) await h.close();
  open = false;
});

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${h.gw.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

test("a tenant-keyed rule on /v1/ws/* limits the tenant's frames across its sockets; abuse closes 1008", async () => {
  h = await realtimeHarness();
  open = true;
  const put = await admin("PUT", "/v1/admin/rate_limits", {
    id: "ws-tenant",
    api: "/v1/ws/*",
    key: ["tenant"],
    token_bucket: { capacity: 3, rate: 0.001 },
  });
  expect(put.status).toBe(200);
  // The change is in the audit log, under the platform stream (the admin key acted).
  const audit = await (await admin("GET", "/v1/tenants/_platform/audit?after=0&limit=100")).text();
  expect(audit).toContain('"action":"limits.put"');
  expect(audit).toContain('"target":"rule:ws-tenant"');
  // Upgrades are not counted by tenant-keyed rules (their frames are): more sockets than the capacity connect.
  const a = await h.visitor("t1");
  const b = await h.visitor("t1");
  const other = await h.visitor("t2");
  const more = [await h.visitor("t3"), await h.visitor("t4")];
  expect(more.length).toBe(2);
  for (let i = 0; i < 2; i++) a.c.send({ id: `a${i}`, ping: { atUnixMs: i } });
  await a.c.next((f) => (f.id === "a1" ? f.pong : null));
  b.c.send({ id: "b0", ping: { atUnixMs: 1 } });
  await b.c.next((f) => (f.id === "b0" ? f.pong : null));
  // The tenant's three frames are spent, whichever socket sent them.
  b.c.send({ id: "b1", ping: { atUnixMs: 2 } });
  const err = await b.c.next((f) => f.error);
  expect(err.code).toBe("rate_limited");
  // Another tenant is not affected.
  other.c.send({ id: "o", ping: { atUnixMs: 3 } });
  await other.c.next((f) => (f.id === "o" ? f.pong : null));
  // Sustained abuse: the strikes close the socket.
  for (let i = 0; i < 25; i++) a.c.send({ ping: { atUnixMs: i } });
  expect((await a.c.closed).code).toBe(1008);
  const decisions = await (await fetch(`${h.gw.url}/metrics`)).text();
  expect(decisions).toMatch(/kefu_rate_limit_decisions_total\{rule="ws-tenant",outcome="rejected"\} \d+/);
});

test("blocking a client's IP closes its open sockets at their next frame and refuses new upgrades", async () => {
  h = await realtimeHarness();
  open = true;
  const v = await h.visitor("t1");
  expect((await admin("PUT", "/v1/admin/blocks", { ip: "127.0.0.1", ttl_seconds: 60 })).status).toBe(200);
  v.c.send({ ping: { atUnixMs: 1 } });
  expect(await v.c.closed).toEqual({ code: 1008, reason: "client blocked" });
  expect(await refusedUpgrade(`${h.gw.url}/v1/ws/visitor?token=${v.token}`, {})).toEqual({
    status: 403,
    code: "blocked",
  });
});

test("blocking a client's fingerprint closes only that client's sockets: the socket carries the HTTP fingerprint", async () => {
  h = await realtimeHarness();
  open = true;
  const ua = "scraper-bot/2.0";
  const fp = requestFingerprint(
    new Request(h.gw.url, { headers: { "user-agent": ua } }),
    "127.0.0.1",
    ["accept-language"], // limits.fingerprintHeaders, by default
  );
  const r = (await (
    await fetch(`${h.gw.url}/v1/visitor/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenantId: "t1" }),
    })
  ).json()) as { token: string };
  const bot = await connect(`${h.gw.url}/v1/ws/visitor`, r.token, "json", { "user-agent": ua });
  await bot.next((f) => f.welcome);
  const honest = await h.visitor("t1");
  expect((await admin("PUT", "/v1/admin/blocks", { fingerprint: fp, ttl_seconds: 60 })).status).toBe(200);
  bot.send({ ping: { atUnixMs: 1 } });
  expect(await bot.closed).toEqual({ code: 1008, reason: "client blocked" });
  honest.c.send({ id: "h", ping: { atUnixMs: 2 } });
  await honest.c.next((f) => (f.id === "h" ? f.pong : null));
});

test("a store that cannot decide (Redis down, fail-closed) refuses the frame as unavailable, without a strike", async () => {
  const rules = [
    normalizeRule({ id: "f", api: "/v1/ws/*", key: ["tenant"], token_bucket: { capacity: 5, rate: 1 } }, new Date(0)),
  ];
  const registry = await createLimitRegistry({
    store: {
      kind: "test",
      load: async () => ({ rules, blocks: [] }),
      putRule: async () => {},
      deleteRule: async () => false,
      putBlock: async () => {},
      deleteBlock: async () => false,
      close: async () => {},
    },
    maxRules: 10,
    maxBlocks: 10,
    reloadMs: 0,
  });
  const down: LimitStore = {
    kind: "down",
    take: () => Promise.reject(new Error("unused")),
    leak: () => Promise.reject(new Error("unused")),
    decide: () => Promise.reject(new KefuError("redis_unavailable", "redis: down", { status: 503, retryable: true })),
    ping: async () => {},
    close: async () => {},
  };
  const frameLimit = createFrameLimit({
    limiter: createLimiter({ registry, store: down, maxKeyLength: 256 }),
    registry,
  });
  const data = { p: { role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" } } as unknown as SocketData;
  expect(await frameLimit(data, "127.0.0.1")).toEqual({ allowed: false, unavailable: "redis_unavailable" });
  // Agents' sockets are matched against /v1/ws/agent: the same rule applies.
  const agent = { p: { role: "agent", tenantId: "t1", subject: "a1" } } as unknown as SocketData;
  expect(await frameLimit(agent, "127.0.0.1")).toEqual({ allowed: false, unavailable: "redis_unavailable" });
  await registry.close();
});
