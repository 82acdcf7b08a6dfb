/**
 * A short load that touches every subsystem with metrics, against an in-process
 * gateway on 127.0.0.1 with a mock LLM upstream (test helper for the metrics
 * catalogue and dashboard tests): HTTP routes and errors, a refused WebSocket
 * upgrade, visitor chat answered by the demo FAQ and by a model, a handoff queued
 * then assigned to an agent who answers and closes, an abusive client closed by
 * the server, LLM calls that fail over and hedge, a burst past a rate-limit rule,
 * a blocked client, and idempotent POSTs replayed and refused.
 *
 * @example
 *   const lg = await startLoadedGateway();
 *   await lg.drive();
 *   const text = await (await fetch(`${lg.gw.url}/metrics`)).text();
 *   await lg.close();
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SIGNATURE_HEADER, signWebhook } from "../../engine/channels/signature.ts";
import { loadConfig } from "../../engine/config.ts";
import { type MockUpstreams, startMockUpstreams } from "../../engine/llm/testing/mock-upstreams.ts";
import { createLogger } from "../../engine/logger.ts";
import { jsKernels } from "../../engine/vector/kernels.ts";
import { requestFingerprint } from "../limits/index.ts";
import { type Gateway, startGateway } from "../server.ts";
import { tempDir } from "../test/utils.ts";
import { connect, kefu, type TestClient } from "../test/ws-client.ts";

const ADMIN = "admin-key-for-observability-tests";
const CHANNEL_SECRET = "observability-channel-secret-0123";

/** A gateway, its mock upstream and the load driver. */
export interface LoadedGateway {
  gw: Gateway;
  mock: MockUpstreams;
  logs: string[];
  /** Runs the load once (a few hundred ms); throws if a step does not get its answer. */
  drive(): Promise<void>;
  close(): Promise<void>;
}

function llmConfig(m: MockUpstreams) {
  return {
    allowPrivateNetworks: true,
    targets: {
      primary: {
        provider: "openai",
        model: "gpt-mock",
        baseUrl: m.urlFor("primary"),
        apiKeyEnv: "MOCK_KEY",
        timeouts: { firstByteMs: 2000, idleMs: 2000 },
      },
      secondary: { provider: "anthropic", model: "claude-mock", baseUrl: m.urlFor("secondary"), apiKeyEnv: "MOCK_KEY" },
      slow: { provider: "openai", model: "gpt-slow", baseUrl: m.urlFor("slow"), apiKeyEnv: "MOCK_KEY" },
      local: { provider: "local" },
    },
    routes: {
      support: { strategy: "fallback", targets: ["primary", "secondary", "local"] },
      hedged: { strategy: "fallback", targets: ["slow", "secondary"], hedge: { afterMs: 20, maxParallel: 2 } },
    },
    profiles: { default: { default: "support", hedged: "hedged" } },
  };
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

const botEvent = (f: kefu.v1.Frame) =>
  f.deliver?.event?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_BOT && f.deliver.event.message
    ? f.deliver.event
    : null;

/** Starts a gateway (real SQLite in a temp dir, demo KB, mock LLM upstream) ready to be driven. */
export async function startLoadedGateway(): Promise<LoadedGateway> {
  const mock = startMockUpstreams();
  mock.define("primary", { status: 503 });
  mock.define("secondary", { text: "an answer from the secondary model", usage: { prompt: 12, completion: 6 } });
  mock.define("slow", { text: "late", firstByteDelayMs: 400 });
  const tmp = tempDir("kefu-obs-");
  // Channel replies and event webhooks go here: /ok answers 204, /gone 410 (a permanent refusal: dead letters).
  const receiver = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: (req) => new Response(null, { status: new URL(req.url).pathname === "/gone" ? 410 : 204 }),
  });
  const rx = (path: string) => `http://127.0.0.1:${receiver.port}${path}`;
  const file = join(tmp.dir, "llm.json");
  writeFileSync(file, JSON.stringify(llmConfig(mock)));
  const logs: string[] = [];
  const config = loadConfig({
    KEFU_PORT: "0",
    KEFU_DATA_DIR: tmp.dir,
    KEFU_AUTH_ADMIN_KEY: ADMIN,
    KEFU_LLM_CONFIG_FILE: file,
    // The session left waiting in "sales" raises a queue_wait alert after a second.
    KEFU_CONVERSATIONS_QUEUE_WAIT_ALERT_MS: "1000",
    // Opt-in metrics are on, so the catalogue test sees every family.
    KEFU_METRICS_PER_TENANT: "true",
    // A generic webhook channel whose replies are refused for good (dead letters), for the channel panels.
    KEFU_CHANNELS_TENANT_ID: "acme",
    KEFU_CHANNELS_WEBHOOK_SECRET: CHANNEL_SECRET,
    KEFU_CHANNELS_WEBHOOK_OUTBOUND_URL: rx("/gone"),
    KEFU_CHANNELS_ALLOWED_DESTINATIONS: "127.0.0.1",
    KEFU_CHANNELS_DELIVERY_MAX_ATTEMPTS: "2",
    KEFU_CHANNELS_DELIVERY_BASE_DELAY_MS: "1",
    KEFU_CHANNELS_DELIVERY_MAX_DELAY_MS: "5",
  });
  const gw = await startGateway({
    config,
    logger: createLogger("warn", (l) => logs.push(l)),
    kernels: jsKernels,
    env: { MOCK_KEY: "sk-mock-0123456789" },
  });
  const clients: TestClient[] = [];
  const visitor = async (tenantId: string) => {
    const r = (await post(`${gw.url}/v1/visitor/sessions`, { tenantId })) as { token: string; sessionId: string };
    const c = await connect(`${gw.url}/v1/ws/visitor`, r.token, "json");
    clients.push(c);
    await c.next((f) => f.welcome);
    return { c, sessionId: r.sessionId, token: r.token };
  };
  // Traffic control: a burst rule on POST /v1/echo per client fingerprint, and a block of one fingerprint.
  const admin = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };
  const put = async (path: string, body: unknown) => {
    const res = await fetch(`${gw.url}${path}`, { method: "PUT", headers: admin, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`PUT ${path}: ${res.status} ${await res.text()}`);
  };
  await put("/v1/admin/rate_limits", {
    id: "echo-burst",
    api: "/v1/echo",
    key: ["fingerprint"],
    token_bucket: { capacity: 3, rate: 1 },
  });
  const scraperUa = "scraper/1.0";
  const scraperFp = requestFingerprint(
    new Request(gw.url, { headers: { "user-agent": scraperUa } }),
    "127.0.0.1",
    config.limits.fingerprintHeaders,
  );
  await put("/v1/admin/blocks", { id: "scraper", fingerprint: scraperFp });
  // Event webhooks of tenant acme: one endpoint takes them, one refuses them for good.
  for (const path of ["/ok", "/gone"])
    await post(
      `${gw.url}/v1/tenants/acme/webhooks`,
      { url: rx(path), events: ["message.created", "session.rated"] },
      admin,
    );
  let round = 0;

  async function drive(): Promise<void> {
    round++;
    // HTTP: health, a validated body, a bad body, an unknown route.
    await fetch(`${gw.url}/healthz`);
    await fetch(`${gw.url}/readyz`);
    await post(`${gw.url}/v1/echo`, { message: "hello" });
    await fetch(`${gw.url}/v1/echo`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    await fetch(`${gw.url}/no/such/route`);
    // Rate limits: a burst past the echo rule is refused (429); a blocked client is refused (403).
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${gw.url}/v1/echo`, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "burst-client/1.0" },
          body: JSON.stringify({ message: "again" }),
        }).then((r) => r.status),
      ),
    );
    if (!burst.includes(429)) throw new Error(`no 429 in a burst past the echo rule: ${burst.join(",")}`);
    const blocked = await fetch(`${gw.url}/healthz`, { headers: { "user-agent": scraperUa } });
    if (blocked.status !== 403) throw new Error(`a blocked client got ${blocked.status}`);
    // Idempotent POSTs: the same key and body again is replayed; another body under it is refused (422).
    const key = { "idempotency-key": `obs-${round}` };
    await post(`${gw.url}/v1/visitor/sessions`, { tenantId: "acme" }, key);
    await post(`${gw.url}/v1/visitor/sessions`, { tenantId: "acme" }, key);
    await fetch(`${gw.url}/v1/visitor/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...key },
      body: JSON.stringify({ tenantId: "other" }),
    });
    // A refused WebSocket upgrade (bad token).
    await connect(`${gw.url}/v1/ws/visitor`, "not-a-token", "json").catch(() => undefined);

    // The bot: an FAQ answer from the demo KB, then a question only a model answers (fails over).
    const v = await visitor("acme");
    v.c.send({ send: { message: { clientMsgId: `faq-${round}`, text: "how many days until my refund arrives?" } } });
    await v.c.next(botEvent);
    v.c.send({ send: { message: { clientMsgId: `llm-${round}`, text: "write me a haiku about teapots" } } });
    await v.c.next(botEvent, 10_000);
    // A resend of an acked message (a duplicate) and a resume that replays from the hot history.
    v.c.send({ send: { message: { clientMsgId: `faq-${round}`, text: "how many days until my refund arrives?" } } });
    await v.c.next((f) => (f.ack?.duplicate ? f.ack : null));
    v.c.send({ resume: { sessionId: v.sessionId, lastSeq: 1 } });
    await v.c.next((f) => f.resumed);

    // A hedged request through the OpenAI-compatible API: the slow target's first token is late.
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ model: "hedged", messages: [{ role: "user", content: "hi" }] }),
    });
    await res.text();

    // Handoff: the visitor asks for billing before any billing agent is online (queued), then one comes.
    // Each round has its own group, so an agent of an earlier round does not take the session at once.
    const group = `billing-${round}`;
    v.c.send({ handoff: { group, reason: "wants a human" } });
    await v.c.next((f) => f.queuePosition);
    const agentId = `agent-${round}`;
    const r = (await post(
      `${gw.url}/v1/admin/agents`,
      { id: agentId, tenantId: "acme", groups: [group], capacity: 2 },
      { authorization: `Bearer ${ADMIN}` },
    )) as { token: string; agent?: { version: number } };
    const a = await connect(`${gw.url}/v1/ws/agent`, r.token, "json");
    clients.push(a);
    await a.next((f) => f.welcome);
    a.send({ agentState: { state: kefu.v1.SeatState.SEAT_STATE_ONLINE, version: r.agent?.version ?? 1 } });
    const assigned = await a.next((f) => f.assignment);
    a.send({
      send: {
        sessionId: assigned.sessionId,
        message: { clientMsgId: `agent-${round}`, text: "hello, how can I help?" },
      },
    });
    await a.next((f) => f.ack);
    await v.c.next((f) => (f.deliver?.event?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_AGENT ? f : null));
    // A second visitor waits in a queue nobody serves ("sales"); a third stays with the bot.
    const w = await visitor("acme");
    w.c.send({ handoff: { group: "sales", reason: "wants a human" } });
    await w.c.next((f) => f.queuePosition);
    await visitor("acme");
    // The agent closes the first session.
    a.send({ close: { sessionId: assigned.sessionId, reason: "resolved" } });
    await v.c.next((f) => f.close);
    // The visitor rates the closed conversation.
    await post(
      `${gw.url}/v1/visitor/rating`,
      { score: 4 + (round % 2), comment: "thanks" },
      { authorization: `Bearer ${v.token}` },
    );
    // Reading the closed session back comes from the EventStore (its hot history was dropped).
    a.send({ resume: { sessionId: assigned.sessionId, lastSeq: 0 } });
    await a.next((f) => f.resumed);

    // A channel: a signed message (the bot's reply is refused for good: a dead letter), its
    // redelivery (a duplicate), and a forged one (bad signature).
    const channelBody = JSON.stringify({
      user_id: `chan-user-${round}`,
      message_id: `m-${round}`,
      text: "where is my refund?",
    });
    const signed = (secret: string) => ({
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signWebhook(secret, Math.floor(Date.now() / 1000), channelBody),
    });
    for (const secret of [CHANNEL_SECRET, CHANNEL_SECRET, "forged-secret"]) {
      const res = await fetch(`${gw.url}/v1/channels/webhook/default`, {
        method: "POST",
        headers: signed(secret),
        body: channelBody,
      });
      await res.text();
    }
    await gw.channels.delivery.idle();
    await gw.channels.webhooks.idle();

    // A hot reload of the LLM routing config (the same config, accepted).
    const reload = await fetch(`${gw.url}/v1/admin/llm/config`, {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify(llmConfig(mock)),
    });
    if (reload.status !== 200) throw new Error(`LLM config reload: ${reload.status} ${await reload.text()}`);

    // An abusive client: bad frames, then a flood past the rate limit until the server closes it.
    const x = await visitor("acme");
    x.c.raw("{not json");
    await x.c.next((f) => f.error);
    for (let i = 0; i < 200; i++) x.c.raw("{}");
    await x.c.closed;
  }

  return {
    gw,
    mock,
    logs,
    drive,
    async close() {
      for (const c of clients) c.close();
      await gw.stop(500);
      await mock.stop();
      receiver.stop(true);
      tmp.cleanup();
    },
  };
}
