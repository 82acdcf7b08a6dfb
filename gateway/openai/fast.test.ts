// The hot path of POST /v1/chat/completions against the general route: the same requests sent to a
// gateway with http.fastPaths on and to one with it off get the same statuses, headers, bodies and metrics.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import { systemClock } from "../../engine/clock.ts";
import { type MockUpstreams, startMockUpstreams } from "../../engine/llm/testing/mock-upstreams.ts";
import { createLogger } from "../../engine/logger.ts";
import { errorHandler } from "../errors/index.ts";
import type { Gateway } from "../server.ts";
import { startLlmGateway } from "../test/llm-gateway.ts";
import { CHAT_COMPLETIONS, chatFastPath } from "./fast.ts";
import { type ChatRouting, openAiApi } from "./index.ts";

const ADMIN = "admin-key-for-fast-path-tests-0";
let mock: MockUpstreams;
const gateways: { fast: Gateway; general: Gateway; cleanup: (() => void)[] } = {
  fast: undefined as never,
  general: undefined as never,
  cleanup: [],
};

async function start(fastPaths: boolean): Promise<Gateway> {
  const { gw, cleanup } = await startLlmGateway(
    {
      allowPrivateNetworks: true,
      targets: {
        ok: { provider: "openai", model: "gpt-mock", baseUrl: mock.urlFor("ok") },
        down: { provider: "openai", model: "gpt-mock", baseUrl: mock.urlFor("unavailable") },
        refuses: { provider: "openai", model: "gpt-mock", baseUrl: mock.urlFor("bad_request") },
        cut: { provider: "openai", model: "gpt-mock", baseUrl: mock.urlFor("cut") },
      },
      routes: {
        main: { strategy: "fallback", targets: ["ok"], wholeAnswers: true },
        down: { strategy: "fallback", targets: ["down"] },
        refuses: { strategy: "fallback", targets: ["refuses"] },
        cut: { strategy: "fallback", targets: ["cut"] },
      },
      profiles: { default: { default: "main", down: "down", refuses: "refuses", cut: "cut" } },
    },
    { adminKey: ADMIN, env: { KEFU_HTTP_MAX_BODY_BYTES: "16384", KEFU_HTTP_FAST_PATHS: String(fastPaths) } },
  );
  gateways.cleanup.push(cleanup);
  return gw;
}

beforeAll(async () => {
  mock = startMockUpstreams();
  gateways.fast = await start(true);
  gateways.general = await start(false);
});
afterAll(async () => {
  await gateways.fast?.stop(500);
  await gateways.general?.stop(500);
  await mock.stop();
  for (const c of gateways.cleanup) c();
});

/** What a response says, minus what differs by nature: generated ids, timestamps, measured times. */
async function seen(res: Response) {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k === "date") return;
    headers[k] = k === "x-kefu-ttft-ms" ? "(ms)" : v;
  });
  const body = (await res.text())
    .replace(/chatcmpl-[0-9a-f]{32}/g, "chatcmpl-(id)")
    .replace(/"created":\d+/g, '"created":(t)');
  return { status: res.status, headers, body };
}

let n = 0;
/** Sends the same request to both gateways; returns what each answered. */
async function both(init: { body?: string; headers?: Record<string, string>; method?: string }) {
  const id = `parity-${++n}`;
  const send = (g: Gateway) =>
    fetch(`${g.url}${CHAT_COMPLETIONS}`, {
      method: init.method ?? "POST",
      headers: { "x-request-id": id, ...(init.headers ?? { "content-type": "application/json" }) },
      ...(init.body !== undefined ? { body: init.body } : {}),
    }).then(seen);
  const fast = await send(gateways.fast);
  const general = await send(gateways.general);
  return { fast, general };
}

const chat = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: "default", messages: [{ role: "user", content: "hi" }], ...extra });

async function httpSeries(g: Gateway): Promise<string[]> {
  const text = await (await fetch(`${g.url}/metrics`)).text();
  return text
    .split("\n")
    .filter(
      (l) =>
        l.includes(`route="${CHAT_COMPLETIONS}"`) &&
        (l.startsWith("kefu_http_requests_total") || l.startsWith("kefu_http_request_duration_seconds_count")),
    )
    .sort();
}

describe("POST /v1/chat/completions: the hot path answers as the general route does", () => {
  test("the gateway installs the hot path only when http.fastPaths is on", () => {
    const routesOf = (g: Gateway) =>
      (g.app.config as { serve?: { routes?: Record<string, unknown> } }).serve?.routes?.[CHAT_COMPLETIONS];
    expect(routesOf(gateways.fast)).toBeDefined();
    expect(routesOf(gateways.general)).toBeUndefined();
  });

  test("plain requests are answered on the hot path; the others are handed to the general route", async () => {
    const app = gateways.fast.app as unknown as { handle(r: Request): Promise<Response> };
    const original = app.handle;
    let handedOver = 0;
    app.handle = (r) => {
      handedOver++;
      return original.call(app, r);
    };
    try {
      const plain = await both({ body: chat() });
      expect(plain.fast.status).toBe(200);
      expect(handedOver).toBe(0);
      const keyed = await both({
        body: chat(),
        headers: { "content-type": "application/json", "idempotency-key": `k-${Date.now()}` },
      });
      expect(keyed.fast.status).toBe(200);
      expect(handedOver).toBe(1);
    } finally {
      app.handle = original;
    }
  });

  const cases: [string, { body?: string; headers?: Record<string, string>; method?: string }, number][] = [
    ["a whole answer", { body: chat() }, 200],
    [
      "a whole answer (content type with a charset)",
      { body: chat(), headers: { "content-type": "application/json; charset=utf-8" } },
      200,
    ],
    ["a streamed answer", { body: chat({ stream: true, stream_options: { include_usage: true } }) }, 200],
    ["unknown fields are ignored", { body: chat({ frequency_penalty: 0.5, tools: [] }) }, 200],
    ["a body that is not JSON", { body: "{not json" }, 400],
    ["an empty body", { body: "" }, 400],
    ["null", { body: "null" }, 400],
    ["an array", { body: "[1,2]" }, 400],
    ["no messages", { body: JSON.stringify({ model: "default" }) }, 400],
    ["several violations", { body: JSON.stringify({ model: "", messages: [], temperature: 5, n: 2 }) }, 400],
    ["max_tokens as a string", { body: chat({ max_tokens: "100" }) }, 400],
    ["a bad role", { body: JSON.stringify({ model: "m", messages: [{ role: "robot", content: "x" }] }) }, 400],
    [
      "too many messages",
      { body: JSON.stringify({ model: "m", messages: Array(257).fill({ role: "user", content: "x" }) }) },
      400,
    ],
    ["a model whose upstream is down", { body: chat({ model: "down" }) }, 502],
    ["a model whose upstream refuses the request", { body: chat({ model: "refuses" }) }, 502],
    ["a stream cut after its first tokens", { body: chat({ model: "cut", stream: true }) }, 200],
    ["a declared body over http.maxBodyBytes", { body: chat({ user: "x".repeat(20_000) }) }, 413],
    ["text/plain", { body: chat(), headers: { "content-type": "text/plain" } }, 400],
    ["no content type (fetch sends text/plain)", { body: chat(), headers: {} }, 400],
    ["a GET", { method: "GET", headers: {} }, 404],
  ];
  for (const [name, init, status] of cases) {
    test(name, async () => {
      const { fast, general } = await both(init);
      expect(general.status).toBe(status);
      expect(fast).toEqual(general);
    });
  }

  test("idempotency keys: the hot path hands the request to the general route (replay, 422 on another body)", async () => {
    const key = { "content-type": "application/json", "x-idempotency-key": `k-${Date.now()}` };
    const first = await both({ body: chat(), headers: key });
    expect(first.fast).toEqual(first.general);
    const again = await both({ body: chat(), headers: key });
    expect(again.general.headers["idempotent-replayed"]).toBe("true");
    expect(again.fast).toEqual(again.general);
    const other = await both({ body: chat({ user: "u2" }), headers: key });
    expect(other.general.status).toBe(422);
    expect(other.fast).toEqual(other.general);
  });

  test("rate limits: the same RateLimit fields on admitted requests, then the same 429", async () => {
    const rule = { id: "chat-ip", api: CHAT_COMPLETIONS, key: ["ip"], token_bucket: { capacity: 2, rate: 0.001 } };
    for (const g of [gateways.fast, gateways.general]) {
      const put = await fetch(`${g.url}/v1/admin/rate_limits`, {
        method: "PUT",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify(rule),
      });
      expect(put.status).toBe(200);
    }
    const statuses: number[] = [];
    for (const body of [chat(), chat({ temperature: 9 }), chat()]) {
      const { fast, general } = await both({ body });
      statuses.push(general.status);
      expect(fast).toEqual(general);
      if (general.status !== 429) expect(general.headers.ratelimit).toContain('"chat-ip"');
    }
    expect(statuses).toEqual([200, 400, 429]);
    for (const g of [gateways.fast, gateways.general]) {
      const del = await fetch(`${g.url}/v1/admin/rate_limits/chat-ip`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect(del.status).toBe(200);
    }
  });

  test("HTTP metrics: the same series, with the same counts, under the route's template", async () => {
    const fast = await httpSeries(gateways.fast);
    expect(fast.length).toBeGreaterThan(4);
    expect(fast).toEqual(await httpSeries(gateways.general));
  });
});

describe("chatFastPath", () => {
  const errors = { logger: createLogger("error", () => {}) };
  const http = { start: () => {}, record: () => {}, route: () => ({ record: () => {} }) };
  const handled: string[] = [];
  const fast = chatFastPath({
    handle: async (body, _request, headers) => {
      handled.push(body.model);
      headers["content-type"] = "application/json";
      return JSON.stringify({ ok: body.model });
    },
    errors,
    http,
    maxBodyBytes: 100,
    general: (request) => {
      handled.push(`general ${request.headers.get("content-type")}`);
      return new Response("general");
    },
  });
  const post = (headers: Record<string, string>, body: string) =>
    fast(new Request(`http://kefu${CHAT_COMPLETIONS}`, { method: "POST", headers, body }), null);

  test("takes plain JSON requests itself and hands every other one, unread, to the general route", async () => {
    handled.length = 0;
    const body = chat({ model: "m1" });
    expect(await (await post({ "content-type": "application/json" }, body)).json()).toEqual({ ok: "m1" });
    expect(await (await post({ "content-type": "Application/JSON ; charset=utf-8" }, body)).json()).toEqual({
      ok: "m1",
    });
    const others: Record<string, string>[] = [
      { "content-type": "text/plain" },
      { "content-type": "application/json", "idempotency-key": "k" },
      { "content-type": "application/json", "x-idempotency-key": "k" },
      { "content-type": "application/json", "content-length": "101" },
    ];
    for (const h of others) {
      const res = await post(h, body);
      expect(await res.text()).toBe("general");
    }
    expect(handled).toEqual([
      "m1",
      "m1",
      "general text/plain",
      "general application/json",
      "general application/json",
      "general application/json",
    ]);
  });

  test("the general route compiling the same schema first does not change what the hot path accepts", async () => {
    // Elysia's strict body normalisation rewrites the schema object it compiles (unknown fields:
    // cleaned, then refused): the hot path must check its own copy, built after that happened.
    const routing: ChatRouting = {
      stream: () => {
        throw new Error("not called");
      },
    };
    const general = new Elysia({ normalize: "typebox" })
      .use(errorHandler(errors))
      .use(openAiApi({ routing, clock: systemClock, logger: errors.logger }));
    const bad = await general.handle(
      new Request(`http://kefu${CHAT_COMPLETIONS}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "", messages: [], extra: 1 }),
      }),
    );
    expect(bad.status).toBe(400);
    const later = chatFastPath({
      handle: async (body) => JSON.stringify({ ok: body.model }),
      errors,
      http,
      maxBodyBytes: 1000,
      general: () => new Response("general"),
    });
    const res = await later(
      new Request(`http://kefu${CHAT_COMPLETIONS}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: chat({ model: "m2", frequency_penalty: 0.5, tools: [] }),
      }),
      null,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: "m2" });
  });

  test("errors take the app's error shape with the request id", async () => {
    const res = await post({ "content-type": "application/json", "x-request-id": "rid-1" }, "{");
    expect(res.status).toBe(400);
    expect(res.headers.get("x-request-id")).toBe("rid-1");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request_body");
  });
});
