// The rate-limit middleware on a real app (app.handle, manual clock): 429 with
// Retry-After and RateLimit fields, leaky-bucket delays, blocks, keys and metrics.
import { afterEach, describe, expect, test } from "bun:test";
import { testPrefix, testRedisUrl } from "../../engine/cluster/test-redis.ts";
import { fingerprint } from "../../engine/limits/rules.ts";
import { clientIp, pathOf } from "./index.ts";
import { type LimitedApp, limitedApp } from "./test-app.ts";

let t: LimitedApp;
afterEach(async () => {
  await t?.close();
});

const echo = (ip: string, headers: Record<string, string> = {}) =>
  t.call("POST", "/v1/echo", { ip, headers, body: { message: "hi" } });

describe("token bucket over HTTP", () => {
  test("a burst of capacity passes with RateLimit fields, then 429 with Retry-After; a retry at Retry-After passes", async () => {
    t = await limitedApp();
    const put = await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "echo",
      api: "/v1/echo",
      key: ["ip"],
      token_bucket: { capacity: 2, rate: 0.5 },
    });
    expect(put.status).toBe(200);
    const first = await echo("203.0.113.9");
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ message: "hi", length: 2 });
    expect(first.headers.get("ratelimit-policy")).toBe('"echo";q=2;w=4');
    expect(first.headers.get("ratelimit")).toBe('"echo";r=1;t=2');
    expect((await echo("203.0.113.9")).status).toBe(200);

    const denied = await echo("203.0.113.9");
    expect(denied.status).toBe(429);
    expect(denied.headers.get("retry-after")).toBe("2");
    expect(denied.headers.get("ratelimit")).toBe('"echo";r=0;t=4');
    expect(denied.headers.get("ratelimit-policy")).toBe('"echo";q=2;w=4');
    expect(await denied.json()).toEqual({
      error: { code: "rate_limited", message: "rate limit exceeded: retry in 2 s" },
    });
    // Denied requests consume nothing: many more denials do not push the retry further out.
    for (let i = 0; i < 5; i++) expect((await echo("203.0.113.9")).headers.get("retry-after")).toBe("2");
    // Another IP has its own bucket.
    expect((await echo("198.51.100.7")).status).toBe(200);

    t.clock.advance(1999);
    expect((await echo("203.0.113.9")).status).toBe(429);
    t.clock.advance(1);
    expect((await echo("203.0.113.9")).status).toBe(200);
  });

  test("routes without a matching rule carry no RateLimit fields; patterns match by segment and method", async () => {
    t = await limitedApp();
    await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "v1-posts",
      api: "/v1/*",
      methods: ["POST"],
      key: [],
      token_bucket: { capacity: 1, rate: 0.001 },
    });
    const health = await t.call("GET", "/healthz");
    expect(health.status).toBe(200);
    expect(health.headers.get("ratelimit")).toBeNull();
    expect((await echo("1.1.1.1")).status).toBe(200);
    // key [] is one bucket for everyone: another IP is limited too.
    expect((await echo("2.2.2.2")).status).toBe(429);
    // Unknown paths under /v1 are limited as well (before routing): 429, not 404.
    expect((await t.call("POST", "/v1/nope", { ip: "3.3.3.3" })).status).toBe(429);
    expect((await t.call("GET", "/v1/nope", { ip: "3.3.3.3" })).status).toBe(404);
  });

  test("a rule on every path never limits the limits' own admin API: it can always be undone", async () => {
    t = await limitedApp();
    const all = { id: "all", api: "/*", key: [], token_bucket: { capacity: 1, rate: 0.001 } };
    expect((await t.admin("PUT", "/v1/admin/rate_limits", all)).status).toBe(200);
    expect((await echo("1.1.1.1")).status).toBe(200);
    expect((await echo("1.1.1.1")).status).toBe(429);
    expect((await t.call("GET", "/healthz")).status).toBe(429);
    expect((await t.admin("GET", "/v1/admin/rate_limits")).status).toBe(200);
    await t.admin("PUT", "/v1/admin/blocks", { ip: "1.1.1.1" });
    expect((await t.admin("GET", "/v1/admin/blocks")).status).toBe(200);
    expect((await t.admin("DELETE", "/v1/admin/rate_limits/all")).status).toBe(200);
    expect((await t.call("GET", "/healthz")).status).toBe(200);
  });

  test("tenant and API-key keys come from the authenticated principal; anonymous callers share the '-' bucket", async () => {
    t = await limitedApp();
    await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "per-tenant",
      api: "/v1/echo",
      token_bucket: { capacity: 1, rate: 0.001 },
    }); // key defaults to ["tenant"]
    const as = (tenant?: string) =>
      t.call("POST", "/v1/echo", { ...(tenant ? { tenant } : {}), body: { message: "x" } });
    expect((await as("acme")).status).toBe(200);
    expect((await as("acme")).status).toBe(429);
    expect((await as("globex")).status).toBe(200);
    expect((await as()).status).toBe(200);
    expect((await as()).status).toBe(429);
    expect((await as("globex")).status).toBe(429);

    await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "per-tenant",
      api: "/v1/echo",
      key: ["api_key"],
      token_bucket: { capacity: 1, rate: 0.001 },
    });
    const key = (k: string) =>
      t.call("POST", "/v1/echo", { tenant: "acme", headers: { "x-test-key": k }, body: { message: "x" } });
    expect((await key("k1")).status).toBe(200);
    expect((await key("k1")).status).toBe(429);
    expect((await key("k2")).status).toBe(200);
  });

  test("several matching rules decide together: a denial by one consumes nothing of the others", async () => {
    t = await limitedApp();
    await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "loose",
      api: "/v1/*",
      key: ["ip"],
      token_bucket: { capacity: 3, rate: 0.001 },
    });
    await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "tight",
      api: "/v1/echo",
      key: ["ip"],
      token_bucket: { capacity: 1, rate: 0.001 },
    });
    const ok = await echo("9.9.9.9");
    expect(ok.headers.get("ratelimit")).toBe('"loose";r=2;t=1000, "tight";r=0;t=1000');
    for (let i = 0; i < 5; i++) expect((await echo("9.9.9.9")).status).toBe(429);
    // "loose" still has its two tokens for other /v1 routes.
    const other = await t.call("POST", "/v1/nope", { ip: "9.9.9.9" });
    expect(other.status).toBe(404);
    expect(other.headers.get("ratelimit")).toBe('"loose";r=1;t=2000');
  });
});

test("limits apply before the body is read: a request over its limit is 429 even with a malformed body", async () => {
  t = await limitedApp();
  await t.admin("PUT", "/v1/admin/rate_limits", {
    id: "early",
    api: "/v1/echo",
    key: ["ip"],
    token_bucket: { capacity: 1, rate: 0.001 },
  });
  const bad = (ip: string) =>
    t.app.handle(
      new Request("http://kefu.test/v1/echo", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body: "{not json",
      }),
    );
  expect((await bad("4.3.2.1")).status).toBe(400);
  expect((await bad("4.3.2.1")).status).toBe(429);
});

describe("leaky bucket over HTTP", () => {
  test("requests are held until their slot, up to the queue bound; beyond it 429", async () => {
    t = await limitedApp();
    await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "smooth",
      api: "/v1/echo",
      key: ["ip"],
      leaky_bucket: { rate: 10, max_queue: 2 },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await echo("5.5.5.5")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(t.slept).toEqual([100, 200]);
    const denied = await echo("5.5.5.5");
    expect(denied.headers.get("retry-after")).toBe("1"); // 100 ms, in whole seconds
    t.clock.advance(100);
    expect((await echo("5.5.5.5")).status).toBe(200);
    expect(t.slept).toEqual([100, 200, 200]);
    const text = await t.metrics.registry.metrics();
    expect(text).toContain('kefu_rate_limit_decisions_total{rule="smooth",outcome="delayed"} 3');
    expect(text).toContain('kefu_rate_limit_decisions_total{rule="smooth",outcome="rejected"} 2');
  });

  test("max_delay_ms caps the wait below the queue bound; token and leaky combine in one rule", async () => {
    t = await limitedApp();
    await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "both",
      api: "/v1/echo",
      key: ["ip"],
      token_bucket: { capacity: 3, rate: 0.001 },
      leaky_bucket: { rate: 20, max_queue: 100, max_delay_ms: 60 },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await echo("6.6.6.6")).status);
    expect(statuses).toEqual([200, 200, 429]); // waits 0, 50; 100 > 60
    t.clock.advance(50);
    expect((await echo("6.6.6.6")).status).toBe(200); // the leaky slot freed; the third token
    t.clock.advance(1000);
    expect((await echo("6.6.6.6")).status).toBe(429); // tokens spent (refill 0.001/s)
    expect(t.slept).toEqual([50, 50]);
  });
});

describe("blocks", () => {
  test("a blocked IP gets 403 until its block expires or is deleted", async () => {
    t = await limitedApp();
    const put = await t.admin("PUT", "/v1/admin/blocks", { ip: "7.7.7.7", ttl_seconds: 60, reason: "scraper" });
    expect(put.status).toBe(200);
    const { block } = (await put.json()) as { block: { id: string; expires_at: string } };
    expect(block.id).toBe("ip-7.7.7.7");
    expect(Date.parse(block.expires_at)).toBe(t.clock.now() + 60_000);
    const res = await t.call("GET", "/healthz", { ip: "7.7.7.7" });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "blocked", message: "this client is blocked" } });
    expect((await t.call("GET", "/healthz", { ip: "7.7.7.8" })).status).toBe(200);
    t.clock.advance(60_000);
    expect((await t.call("GET", "/healthz", { ip: "7.7.7.7" })).status).toBe(200);

    await t.admin("PUT", "/v1/admin/blocks", { id: "forever", ip: "7.7.7.7" });
    expect((await t.call("GET", "/healthz", { ip: "7.7.7.7" })).status).toBe(403);
    expect((await t.admin("DELETE", "/v1/admin/blocks/forever")).status).toBe(200);
    expect((await t.call("GET", "/healthz", { ip: "7.7.7.7" })).status).toBe(200);
  });

  test("a fingerprint block matches IP + User-Agent + the configured headers, whatever else differs", async () => {
    t = await limitedApp({ KEFU_LIMITS_FINGERPRINT_HEADERS: "accept-language" });
    const fp = fingerprint("8.8.8.8", "scraper/1.0", ["de"]);
    await t.admin("PUT", "/v1/admin/blocks", { fingerprint: fp });
    const h = (ua: string, lang: string) =>
      t.call("GET", "/healthz", {
        ip: "8.8.8.8",
        headers: { "user-agent": ua, "accept-language": lang, "x-other": ua },
      });
    expect((await h("scraper/1.0", "de")).status).toBe(403);
    expect((await h("scraper/1.0", "fr")).status).toBe(200);
    expect((await h("browser/2", "de")).status).toBe(200);
  });

  test("rules keyed by fingerprint share a bucket across IPs only when the fingerprint is equal", async () => {
    t = await limitedApp({ KEFU_LIMITS_FINGERPRINT_HEADERS: "" });
    await t.admin("PUT", "/v1/admin/rate_limits", {
      id: "fp",
      api: "/healthz",
      key: ["fingerprint"],
      token_bucket: { capacity: 1, rate: 0.001 },
    });
    const h = (ip: string, ua: string) => t.call("GET", "/healthz", { ip, headers: { "user-agent": ua } });
    expect((await h("1.2.3.4", "a")).status).toBe(200);
    expect((await h("1.2.3.4", "a")).status).toBe(429);
    expect((await h("1.2.3.4", "b")).status).toBe(200);
    expect((await h("1.2.3.5", "a")).status).toBe(200);
  });
});

test("decisions are counted by rule and outcome", async () => {
  t = await limitedApp();
  await t.admin("PUT", "/v1/admin/rate_limits", {
    id: "m",
    api: "/v1/echo",
    key: ["ip"],
    token_bucket: { capacity: 1, rate: 0.001 },
  });
  await t.admin("PUT", "/v1/admin/blocks", { ip: "4.4.4.4" });
  await echo("1.1.1.1");
  await echo("1.1.1.1");
  await echo("1.1.1.1");
  await echo("4.4.4.4");
  const text = await t.metrics.registry.metrics();
  expect(text).toContain('kefu_rate_limit_decisions_total{rule="m",outcome="allowed"} 1');
  expect(text).toContain('kefu_rate_limit_decisions_total{rule="m",outcome="rejected"} 2');
  expect(text).toContain('kefu_rate_limit_decisions_total{rule="_block",outcome="blocked"} 1');
});

test("on the Redis LimitStore (storage.limits=redis) the same answers come from one Lua decision per request", async () => {
  t = await limitedApp({
    KEFU_STORAGE_LIMITS: "redis",
    KEFU_STORAGE_REDIS_URL: testRedisUrl(),
    KEFU_STORAGE_REDIS_KEY_PREFIX: testPrefix(),
  });
  expect(t.limiting.limiter).toBeDefined();
  await t.admin("PUT", "/v1/admin/rate_limits", {
    id: "r",
    api: "/v1/*",
    key: ["ip"],
    token_bucket: { capacity: 2, rate: 0.01 },
  });
  await t.admin("PUT", "/v1/admin/rate_limits", {
    id: "s",
    api: "/v1/echo",
    key: ["ip"],
    leaky_bucket: { rate: 1, max_queue: 5 },
  });
  const first = await echo("10.0.0.1");
  expect(first.status).toBe(200);
  expect(first.headers.get("ratelimit")).toBe('"r";r=1;t=100, "s";r=5;t=1');
  expect((await echo("10.0.0.1")).status).toBe(200);
  const denied = await echo("10.0.0.1");
  expect(denied.status).toBe(429);
  expect(denied.headers.get("retry-after")).toBe("100");
  // Redis TIME moves on its own: the second request waited for its leaky slot (one per second).
  expect(t.slept.length).toBe(1);
  expect(t.slept[0]).toBeGreaterThan(0);
  expect(t.slept[0]).toBeLessThanOrEqual(1000);
  // Rules live in Redis too: they are listed from there.
  const list = (await (await t.admin("GET", "/v1/admin/rate_limits")).json()) as { rules: { id: string }[] };
  expect(list.rules.map((r) => r.id)).toEqual(["r", "s"]);
});

test("pathOf and clientIp read the raw request", () => {
  expect(pathOf("http://h:1/v1/chat?x=1#f")).toBe("/v1/chat");
  expect(pathOf("http://h")).toBe("/");
  const r = new Request("http://h/", { headers: { "x-forwarded-for": " 203.0.113.9 , 10.0.0.1" } });
  expect(clientIp(r, null, "x-forwarded-for")).toBe("203.0.113.9");
  expect(clientIp(r, null, "")).toBeUndefined();
  expect(clientIp(r, { requestIP: () => ({ address: "10.1.1.1" }) }, "")).toBe("10.1.1.1");
});
