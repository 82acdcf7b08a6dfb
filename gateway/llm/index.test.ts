// The LLM APIs of a whole gateway against a mock upstream speaking the vendors' wire formats.
import { afterEach, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import { type MockUpstreams, startMockUpstreams } from "../../engine/llm/testing/mock-upstreams.ts";
import { createLogger } from "../../engine/logger.ts";
import type { Gateway } from "../server.ts";
import { startLlmGateway } from "../test/llm-gateway.ts";
import { connect, kefu } from "../test/ws-client.ts";

const ADMIN = "admin-key-for-llm-tests-000";
const SECRET_KEY = "sk-live-SECRET-0123456789abcdef";

let gw: Gateway | undefined;
let mock: MockUpstreams | undefined;
let cleanup: (() => void) | undefined;
const logs: string[] = [];
afterEach(async () => {
  await gw?.stop(500);
  await mock?.stop();
  cleanup?.();
  gw = undefined;
  mock = undefined;
  logs.length = 0;
});

function llmConfig(m: MockUpstreams, primary = "primary") {
  return {
    allowPrivateNetworks: true,
    targets: {
      primary: {
        provider: "openai",
        model: "gpt-mock",
        baseUrl: m.urlFor(primary),
        apiKeyEnv: "MOCK_KEY",
        timeouts: { firstByteMs: 2000, idleMs: 2000 },
      },
      secondary: { provider: "anthropic", model: "claude-mock", baseUrl: m.urlFor("secondary"), apiKeyEnv: "MOCK_KEY" },
      local: { provider: "local" },
    },
    routes: { support: { strategy: "fallback", targets: ["primary", "secondary", "local"] } },
    profiles: { default: { default: "support" } },
  };
}

async function start(configure: (m: MockUpstreams) => unknown, env: Record<string, string> = {}) {
  mock = startMockUpstreams();
  const started = await startLlmGateway(configure(mock), {
    adminKey: ADMIN,
    env,
    logger: createLogger("debug", (l) => logs.push(l)),
    providerEnv: { MOCK_KEY: SECRET_KEY },
  });
  gw = started.gw;
  cleanup = started.cleanup;
  const { file } = started;
  return { gw, mock, file, client: new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: "unused", maxRetries: 0 }) };
}

const admin = (g: Gateway, method: string, body?: unknown) =>
  fetch(`${g.url}/v1/admin/llm/config`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe("OpenAI-compatible API through the router", () => {
  test("the OpenAI SDK gets the upstream answer, and headers say which target answered", async () => {
    const { client, mock } = await start(llmConfig);
    mock.define("primary", { text: "来自主模型的回答" });
    const { data, response } = await client.chat.completions
      .create({ model: "support", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("来自主模型的回答");
    expect(response.headers.get("x-kefu-target")).toBe("primary");
    expect(response.headers.get("x-kefu-route-path")).toContain("route:support > fallback > primary");
    expect(Number(response.headers.get("x-kefu-ttft-ms"))).toBeGreaterThanOrEqual(0);
    expect(mock.requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect((mock.requests[0]?.body as { model?: string } | undefined)?.model).toBe("gpt-mock");
  });

  test("a non-streaming request is one non-streamed upstream call; failover before the answer and metrics hold", async () => {
    const { gw, client, mock } = await start(llmConfig);
    mock.define("primary", { status: 503 });
    mock.define("secondary", { text: "fallback answer" });
    const { data, response } = await client.chat.completions
      .create({ model: "support", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("fallback answer");
    expect(response.headers.get("x-kefu-target")).toBe("secondary");
    // OpenAI-compatible primary: asked for one JSON document; the Anthropic secondary streams (no complete()).
    expect((mock.requests[0]?.body as { stream?: boolean } | undefined)?.stream).toBe(false);
    expect((mock.requests[1]?.body as { stream?: boolean } | undefined)?.stream).toBe(true);
    mock.define("primary", { text: "whole answer", usage: { prompt: 9, completion: 2 } });
    const again = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(again.choices[0]?.message.content).toBe("whole answer");
    expect(again.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/kefu_llm_failovers_total\{route="support"\} 1/);
    expect(metrics).toMatch(
      /kefu_llm_requests_total\{provider="openai",target="primary",model="gpt-mock",outcome="ok"\} 1/,
    );
    expect(metrics).toMatch(/kefu_llm_tokens_total\{provider="openai",target="primary",direction="in"\} 9/);
  });

  test("a failing primary fails over transparently before the first token, and it is counted", async () => {
    const { gw, client, mock } = await start(llmConfig);
    mock.define("primary", { status: 503 });
    mock.define("secondary", { text: "fallback answer" });
    const stream = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    let text = "";
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? "";
    expect(text).toBe("fallback answer");
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/kefu_llm_failovers_total\{route="support"\} 1/);
    expect(metrics).toMatch(
      /kefu_llm_requests_total\{provider="openai",target="primary",model="gpt-mock",outcome="upstream_unavailable"\} 1/,
    );
    expect(metrics).toMatch(
      /kefu_llm_requests_total\{provider="anthropic",target="secondary",model="claude-mock",outcome="ok"\} 1/,
    );
  });

  test("an upstream 401 (kefu's key is wrong) is a 502 upstream_rejected, not retried blindly, and the key never leaks", async () => {
    const { client, mock } = await start(llmConfig);
    mock.define("primary", { status: 401 });
    const err = (await client.chat.completions
      .create({ model: "support", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(502);
    expect((err.error as { code?: string }).code).toBe("upstream_rejected");
    expect(JSON.stringify(err.error)).not.toContain(SECRET_KEY);
    expect(logs.join("\n")).not.toContain(SECRET_KEY);
    expect(mock.requests.length).toBe(1);
  });
});

describe("hot switching", () => {
  test("PUT /v1/admin/llm/config swaps the route at run time; a bad config is refused naming the key", async () => {
    const { gw, client, mock } = await start(llmConfig);
    mock.define("primary", { text: "from primary" });
    mock.define("secondary", { text: "from secondary" });
    const next = llmConfig(mock);
    next.routes.support.targets = ["secondary", "local"];
    expect((await admin(gw, "PUT", next)).status).toBe(200);
    const r = await client.chat.completions.create({ model: "support", messages: [{ role: "user", content: "hi" }] });
    expect(r.choices[0]?.message.content).toBe("from secondary");
    const bad = await admin(gw, "PUT", { ...next, routes: { support: { strategy: "fallback", targets: ["nope"] } } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_config");
    expect(body.error.message).toContain("nope");
    // The previous config stays in force.
    const again = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(again.choices[0]?.message.content).toBe("from secondary");
    expect((await admin(gw, "PUT", next).then(() => fetch(`${gw.url}/v1/admin/llm/config`))).status).toBe(401);
  });

  test("editing the config file reloads it", async () => {
    const { gw, client, mock, file } = await start(llmConfig);
    mock.define("primary", { text: "old" });
    mock.define("secondary", { text: "new" });
    const next = llmConfig(mock);
    next.routes.support.targets = ["secondary"];
    writeFileSync(file, JSON.stringify(next));
    let text = "";
    for (let i = 0; i < 100 && text !== "new"; i++) {
      await Bun.sleep(50);
      const r = await client.chat.completions.create({ model: "support", messages: [{ role: "user", content: "hi" }] });
      text = r.choices[0]?.message.content ?? "";
    }
    expect(text).toBe("new");
    expect(await (await fetch(`${gw.url}/metrics`)).text()).toMatch(
      /kefu_llm_config_reloads_total\{result="ok"\} [1-9]/,
    );
  });
});

async function visitor(g: Gateway, tenantId = "shop") {
  const r = (await (
    await fetch(`${g.url}/v1/visitor/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenantId }),
    })
  ).json()) as { sessionId: string; token: string };
  return r;
}

describe("hybrid mode: output rules per tenant", () => {
  // The primary plays the mock's queued/default scripts (no /s/<name> prefix) so answers can differ per call.
  const guarded = (m: MockUpstreams) => {
    const base = llmConfig(m);
    base.targets.primary.baseUrl = m.url;
    return {
      ...base,
      outputGuard: {
        tenants: { acme: { blocklist: ["guaranteed refund"], onFailure: "regenerate", afterRegenerate: "handoff" } },
      },
    };
  };

  test("a blocked answer is regenerated once, and only the passing answer is shown and stored", async () => {
    const { gw, mock } = await start(guarded);
    mock.enqueue({ text: "A Guaranteed Refund for everyone" }, { text: "I will check your order" });
    const v = await visitor(gw, "acme");
    const c = await connect(`${gw.url}/v1/ws/visitor`, v.token, "json");
    await c.next((f) => f.welcome);
    c.send({ send: { message: { clientMsgId: "q", text: "refund?" } } });
    const stored = await c.next((f) =>
      f.deliver?.event?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_BOT ? f.deliver.event : null,
    );
    expect(stored.message?.text).toBe("I will check your order");
    expect(c.frames.some((f) => (f.botDelta?.text ?? "").toLowerCase().includes("refund"))).toBe(false);
    expect(mock.requests.length).toBe(2);
    c.close();
  });

  test("when the regenerated answer fails too, the session goes to a human", async () => {
    const { gw, mock } = await start(guarded);
    mock.setScript({ text: "guaranteed refund, always" });
    const v = await visitor(gw, "acme");
    const c = await connect(`${gw.url}/v1/ws/visitor`, v.token, "json");
    await c.next((f) => f.welcome);
    c.send({ send: { message: { clientMsgId: "q", text: "refund?" } } });
    const change = await c.next((f) => f.deliver?.event?.stateChanged ?? null);
    expect(change).toMatchObject({ to: kefu.v1.SessionState.SESSION_STATE_QUEUED, reason: "output_guard" });
    expect(await (await fetch(`${gw.url}/metrics`)).text()).toContain("kefu_conversation_guard_handoffs_total 1");
    c.close();
  });

  test("other tenants are not checked", async () => {
    const { gw, mock } = await start(guarded);
    mock.setScript({ text: "guaranteed refund" });
    const v = await visitor(gw, "globex");
    const res = await fetch(`${gw.url}/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${v.token}`, "content-type": "application/json" },
      body: JSON.stringify({ session_id: v.sessionId, text: "hi" }),
    });
    expect(((await res.json()) as { reply: { text: string } }).reply.text).toBe("guaranteed refund");
  });

  test("a bad outputGuard in a reload is refused with the key named", async () => {
    const { gw, mock } = await start(llmConfig);
    const bad = await admin(gw, "PUT", {
      ...llmConfig(mock),
      outputGuard: { tenants: { acme: { mustMatch: ["(a+)+"] } } },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("outputGuard.tenants.acme");
  });
});

describe("the bot answers visitors", () => {
  test("over WebSocket: bot deltas stream, then the answer is stored as a bot message", async () => {
    const { gw, mock } = await start(llmConfig);
    mock.define("primary", { text: "您好，请问有什么可以帮您？" });
    const v = await visitor(gw);
    const c = await connect(`${gw.url}/v1/ws/visitor`, v.token, "pb");
    await c.next((f) => f.welcome);
    c.send({ send: { message: { clientMsgId: "q1", text: "你好" } } });
    await c.next((f) => f.ack);
    const stored = await c.next((f) =>
      f.deliver?.event?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_BOT ? f.deliver.event : null,
    );
    expect(stored.message?.text).toBe("您好，请问有什么可以帮您？");
    expect(stored.actor?.id).toBe("primary");
    const deltas = c.frames.filter((f) => f.botDelta).map((f) => f.botDelta?.text ?? "");
    expect(deltas.join("")).toBe("您好，请问有什么可以帮您？");
    // The model got the system prompt and the visitor's words.
    const sent = mock.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(sent.messages[0]?.role).toBe("system");
    expect(sent.messages.at(-1)).toEqual({ role: "user", content: "你好" });
    c.close();
  });

  test("POST /v1/chat answers with the reply; X-Idempotency-Key replays, refuses another body (422) and a concurrent duplicate (409)", async () => {
    const { gw, mock } = await start(llmConfig);
    mock.define("primary", { text: "order 42 ships today", firstByteDelayMs: 150 });
    const v = await visitor(gw);
    const chat = (body: unknown, key?: string) =>
      fetch(`${gw.url}/v1/chat`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${v.token}`,
          "content-type": "application/json",
          ...(key ? { "x-idempotency-key": key } : {}),
        },
        body: JSON.stringify(body),
      });
    const body = { session_id: v.sessionId, text: "where is my order?" };
    const [first, concurrent] = await Promise.all([chat(body, "k1"), Bun.sleep(30).then(() => chat(body, "k1"))]);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as {
      reply: { text: string; target: string };
      message: { seq: number };
      state: string;
    };
    expect(answer.reply).toMatchObject({ text: "order 42 ships today", target: "primary" });
    expect(answer.state).toBe("bot");
    expect(concurrent.status).toBe(409);
    expect(((await concurrent.json()) as { error: { code: string } }).error.code).toBe("idempotency_in_progress");
    const replay = await chat(body, "k1");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(answer);
    const other = await chat({ ...body, text: "something else" }, "k1");
    expect(other.status).toBe(422);
    expect(mock.requests.length).toBe(1);
    const stored = await gw.backends.eventStore.readAfter(v.sessionId, 0, 100);
    expect(stored.filter((e) => e.body.type === "message" && e.actor.kind === "visitor").length).toBe(1);
  });

  test("a visitor asking for a human (转人工) is handed off instead of answered, with the reason stored", async () => {
    const { gw, mock } = await start(llmConfig);
    const v = await visitor(gw);
    const c = await connect(`${gw.url}/v1/ws/visitor`, v.token, "json");
    await c.next((f) => f.welcome);
    c.send({ send: { message: { clientMsgId: "h", text: "我要转人工！" } } });
    const change = await c.next((f) => f.deliver?.event?.stateChanged ?? null);
    expect(change).toMatchObject({ to: kefu.v1.SessionState.SESSION_STATE_QUEUED, reason: "visitor_request" });
    expect(mock.requests.length).toBe(0);
    c.close();
  });

  test("when every target fails the visitor hears why and the session goes to a human (no_answer)", async () => {
    const { gw, mock } = await start(llmConfig);
    mock.define("primary", { status: 503 });
    mock.define("secondary", { status: 503 });
    const only = llmConfig(mock);
    only.routes.support.targets = ["primary", "secondary"];
    expect((await admin(gw, "PUT", only)).status).toBe(200);
    const v = await visitor(gw);
    const c = await connect(`${gw.url}/v1/ws/visitor`, v.token, "json");
    await c.next((f) => f.welcome);
    c.send({ send: { message: { clientMsgId: "q", text: "where is my parcel?" } } });
    expect((await c.next((f) => f.error)).message).toContain("the bot could not answer");
    const change = await c.next((f) => f.deliver?.event?.stateChanged ?? null);
    expect(change).toMatchObject({ to: kefu.v1.SessionState.SESSION_STATE_QUEUED, reason: "no_answer" });
    c.close();
  });

  test("phone and ID numbers are masked before they reach the model", async () => {
    const { gw, mock } = await start(llmConfig);
    mock.define("primary", { text: "ok" });
    const v = await visitor(gw);
    await fetch(`${gw.url}/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${v.token}`, "content-type": "application/json" },
      body: JSON.stringify({ session_id: v.sessionId, text: "my phone is 13812345678, order 2024112300042" }),
    });
    const sent = JSON.stringify(mock.requests.at(-1)?.body);
    expect(sent).not.toContain("13812345678");
    expect(sent).toContain("5678");
    expect(sent).toContain("2024112300042");
  });

  test("POST /v1/chat refuses a token for another session and a missing token", async () => {
    const { gw } = await start(llmConfig);
    const a = await visitor(gw);
    const b = await visitor(gw);
    const res = await fetch(`${gw.url}/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${b.token}`, "content-type": "application/json" },
      body: JSON.stringify({ session_id: a.sessionId, text: "hi" }),
    });
    expect(res.status).toBe(403);
    const anon = await fetch(`${gw.url}/v1/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session_id: a.sessionId, text: "hi" }),
    });
    expect(anon.status).toBe(401);
  });
});

describe("retrieval-augmented answers", () => {
  const kbCall = (g: Gateway, method: string, path: string, body?: unknown) =>
    fetch(`${g.url}/v1/tenants/acme/kb${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const policies = (months: string) => ({
    format: "markdown",
    content: `# Warranty\n\nEvery kettle has a ${months} warranty that covers the heating element.\n\n# Pickup\n\nStores open at 9.`,
  });
  async function ask(g: Gateway, text: string) {
    const v = await visitor(g, "acme");
    const res = await fetch(`${g.url}/v1/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${v.token}`, "content-type": "application/json" },
      body: JSON.stringify({ session_id: v.sessionId, text }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reply: { text: string; target: string } };
    const events = await g.backends.eventStore.readAfter(v.sessionId, 0, 100);
    const stored = events.findLast((e) => e.actor.kind === "bot" && e.body.type === "message");
    return { reply: body.reply, attributes: (stored?.body.type === "message" && stored.body.attributes) || {} };
  }

  test("the model gets numbered sources, its citations are stored, the cache reuses the answer until the KB changes", async () => {
    const { gw, mock } = await start(llmConfig, { KEFU_KB_ANSWER_CACHE_TTL_SECONDS: "600" });
    expect((await kbCall(gw, "POST", "", { name: "Help", id: "help" })).status).toBe(201);
    expect((await kbCall(gw, "PUT", "/help/documents/policies", policies("two-year"))).status).toBe(200);
    mock.define("primary", { text: "Yes: the heating element is covered for two years [1]." });

    const first = await ask(gw, "does the kettle warranty cover the heating element?");
    expect(first.reply).toMatchObject({
      target: "primary",
      text: "Yes: the heating element is covered for two years [1].",
    });
    const sent = mock.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    const system = sent.messages[0]?.content ?? "";
    expect(system).toContain("Cite every source you use as [n]");
    expect(system).toMatch(/\[1\] Warranty\nEvery kettle has a two-year warranty/);
    expect(sent.messages.at(-1)).toEqual({
      role: "user",
      content: "does the kettle warranty cover the heating element?",
    });
    const citations = JSON.parse(first.attributes.citations ?? "[]") as { n: number; docId: string; kbId: string }[];
    expect(citations).toEqual([expect.objectContaining({ n: 1, kbId: "help", docId: "policies" })]);

    // Another visitor, the same question in other words: answered from the cache, no model call.
    const second = await ask(gw, "Does the kettle warranty cover the heating element");
    expect(second.reply.target).toBe("knowledge-base");
    expect(second.reply.text).toBe(first.reply.text);
    expect(second.attributes).toMatchObject({ route: "answer-cache", citations: first.attributes.citations });
    expect(mock.requests.length).toBe(1);
    // A question carrying an order number is never answered from (or stored in) the cache.
    await ask(gw, "does the kettle warranty cover the heating element? order 2024112300123456");
    expect(mock.requests.length).toBe(2);

    // The knowledge base changes: the cached answer is gone and the model sees the new text.
    expect((await kbCall(gw, "PUT", "/help/documents/policies", policies("three-year"))).status).toBe(200);
    mock.define("primary", { text: "Yes, for three years [1]." });
    const third = await ask(gw, "Does the kettle warranty cover the heating element");
    expect(third.reply).toMatchObject({ target: "primary", text: "Yes, for three years [1]." });
    expect(mock.requests.length).toBe(3);
    expect(
      (mock.requests.at(-1)?.body as { messages: { content: string }[] } | undefined)?.messages[0]?.content,
    ).toContain("three-year warranty");
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/kefu_bot_answers_total\{source="cache"\} 1\n/);
    expect(metrics).toMatch(/kefu_bot_answers_total\{source="model"\} 3\n/);
  });

  test("without the cache every question goes to the model; uncited sources are not stored as citations", async () => {
    const { gw, mock } = await start(llmConfig);
    expect((await kbCall(gw, "POST", "", { name: "Help", id: "help" })).status).toBe(201);
    expect((await kbCall(gw, "PUT", "/help/documents/policies", policies("two-year"))).status).toBe(200);
    mock.define("primary", { text: "Two years." });
    const a = await ask(gw, "kettle warranty heating element?");
    const b = await ask(gw, "kettle warranty heating element?");
    expect([a.reply.target, b.reply.target]).toEqual(["primary", "primary"]);
    expect(a.attributes.citations).toBeUndefined();
    expect(mock.requests.length).toBe(2);
  });
});
