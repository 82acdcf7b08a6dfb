import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Elysia, t } from "elysia";
import { manualClock } from "../../engine/clock.ts";
import { testPrefix, testRedisUrl } from "../../engine/cluster/test-redis.ts";
import { KefuError } from "../../engine/errors.ts";
import { createSqliteIdempotencyStore } from "../../engine/idempotency/idempotency-store.sqlite.ts";
import { createLogger } from "../../engine/logger.ts";
import { errorHandler } from "../errors/index.ts";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { idempotency, MAX_IDEMPOTENCY_KEY, REPLAYED_HEADER } from "./index.ts";

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

describe("the plugin on a bare app", () => {
  const store = createSqliteIdempotencyStore({ path: ":memory:", clock: manualClock(0) });
  let gate: () => void = () => {};
  let runs = 0;
  const app = new Elysia()
    .use(errorHandler({ logger: createLogger("error", () => {}) }))
    .use(idempotency({ store }))
    .post(
      "/slow",
      async ({ body }) => {
        runs++;
        await new Promise<void>((r) => {
          gate = r;
        });
        return { n: runs, v: body.v };
      },
      { body: t.Object({ v: t.Integer() }) },
    )
    .post(
      "/fail",
      ({ body }) => {
        runs++;
        if (body.v === 1) throw new KefuError("boom", "failed on purpose", { status: 503, retryable: true });
        return { n: runs };
      },
      { body: t.Object({ v: t.Integer() }) },
    );
  const post = (path: string, body: unknown, key: string) =>
    app.handle(
      new Request(`http://kefu.test${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-idempotency-key": key },
        body: JSON.stringify(body),
      }),
    );

  test("a concurrent duplicate gets 409 while the first runs; afterwards the first response is replayed", async () => {
    runs = 0;
    const first = post("/slow", { v: 7 }, "c1");
    while (runs === 0) await Bun.sleep(1);
    const dup = await post("/slow", { v: 7 }, "c1");
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { error: { code: string } }).error.code).toBe("idempotency_in_progress");
    gate();
    const r1 = await first;
    expect(r1.status).toBe(200);
    expect(await r1.json()).toEqual({ n: 1, v: 7 });
    const r2 = await post("/slow", { v: 7 }, "c1");
    expect(r2.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(await r2.json()).toEqual({ n: 1, v: 7 });
    expect(runs).toBe(1);
  });

  test("a failed request releases its key, so the retry runs; a schema failure never claims it", async () => {
    runs = 0;
    expect((await post("/fail", { v: 1 }, "f1")).status).toBe(503);
    expect((await post("/fail", { v: "x" }, "f2")).status).toBe(400);
    await Bun.sleep(5); // the release runs after the response
    expect((await post("/fail", { v: 1 }, "f1")).status).toBe(503);
    expect(runs).toBe(2);
    // f2 was never claimed, so another body under it is a first use, not a mismatch.
    const ok = await post("/fail", { v: 2 }, "f2");
    expect(ok.status).toBe(200);
    expect(ok.headers.get(REPLAYED_HEADER)).toBeNull();
  });

  test("the same key on another path is a mismatch (422)", async () => {
    runs = 0;
    await post("/fail", { v: 3 }, "p1");
    const other = await post("/slow", { v: 3 }, "p1");
    expect(other.status).toBe(422);
    expect(runs).toBe(1);
  });
});

describe("several nodes (storage.idempotency = redis)", () => {
  test("a retry sent to another node is replayed from the first node's response", async () => {
    const env = {
      KEFU_STORAGE_IDEMPOTENCY: "redis",
      KEFU_STORAGE_REDIS_URL: testRedisUrl(),
      KEFU_STORAGE_REDIS_KEY_PREFIX: testPrefix(),
    };
    const a = await realtimeHarness(env);
    const b = await realtimeHarness(env);
    try {
      expect(a.gw.backends.idempotency.kind).toBe("redis");
      const post = (url: string, visitorId: string) =>
        fetch(`${url}/v1/visitor/sessions`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": "two-nodes" },
          body: JSON.stringify({ tenantId: "t1", visitorId }),
        });
      const first = await post(a.gw.url, "v-1");
      const onB = await post(b.gw.url, "v-1");
      expect(onB.headers.get(REPLAYED_HEADER)).toBe("true");
      expect(await onB.json()).toEqual(await first.json());
      expect((await post(b.gw.url, "v-2")).status).toBe(422);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("every POST of the gateway", () => {
  let h: RealtimeHarness;
  beforeAll(async () => {
    h = await realtimeHarness();
  });
  afterAll(() => h.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.gw.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  test("every POST route refuses a key longer than 255 characters (400) and accepts 255", async () => {
    const routes = h.gw.app.routes.filter((r) => r.method === "POST").map((r) => r.path);
    expect(routes).toContain("/v1/visitor/sessions");
    expect(routes).toContain("/v1/admin/agents");
    expect(routes).toContain("/v1/tenants/:tenant/kb");
    expect(routes).toContain("/v1/chat");
    for (const path of routes) {
      const concrete = path.replaceAll(/:[a-z]+/g, "x1");
      const res = await post(concrete, {}, { "x-idempotency-key": "k".repeat(MAX_IDEMPOTENCY_KEY + 1) });
      expect([path, res.status]).toEqual([path, 400]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_idempotency_key");
    }
    const ok = await post("/v1/visitor/sessions", { tenantId: "t1" }, { "idempotency-key": "k".repeat(255) });
    expect(ok.status).toBe(200);
    const both = await post("/v1/visitor/sessions", {}, { "idempotency-key": "a", "x-idempotency-key": "b" });
    expect(both.status).toBe(400);
  });

  test("creating a visitor session: same key + body replays the same session; another body is 422", async () => {
    const first = await post("/v1/visitor/sessions", { tenantId: "t1" }, { "x-idempotency-key": "s1" });
    const a = (await first.json()) as { sessionId: string; token: string };
    expect(first.headers.get(REPLAYED_HEADER)).toBeNull();
    expect(first.headers.get("x-request-id")).not.toBeNull();
    // Idempotency-Key is the same header under its IETF name.
    const again = await post("/v1/visitor/sessions", { tenantId: "t1" }, { "idempotency-key": "s1" });
    expect(again.status).toBe(200);
    expect(again.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(again.headers.get("x-request-id")).not.toBeNull();
    expect(await again.json()).toEqual(a);
    const other = await post("/v1/visitor/sessions", { tenantId: "t2" }, { "x-idempotency-key": "s1" });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("idempotency_key_reused");
    // Unauthenticated callers are told apart by address and User-Agent: another browser's key is its own.
    const otherClient = await post(
      "/v1/visitor/sessions",
      { tenantId: "t1" },
      { "x-idempotency-key": "s1", "user-agent": "another-browser/1.0" },
    );
    expect(otherClient.status).toBe(200);
    expect(otherClient.headers.get(REPLAYED_HEADER)).toBeNull();
    expect(((await otherClient.json()) as { sessionId: string }).sessionId).not.toBe(a.sessionId);
    // No key: a new session each time.
    const n1 = (await (await post("/v1/visitor/sessions", { tenantId: "t1" })).json()) as { sessionId: string };
    expect(n1.sessionId).not.toBe(a.sessionId);
  });

  test("creating an agent and a knowledge base: replayed with their status (201 stays 201)", async () => {
    const agent = { id: "a-idem", tenantId: "t1" };
    const r1 = await post("/v1/admin/agents", agent, { ...admin, "x-idempotency-key": "ag1" });
    const r2 = await post("/v1/admin/agents", agent, { ...admin, "x-idempotency-key": "ag1" });
    expect(r2.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(await r2.json()).toEqual(await r1.json());
    const kb = { name: "Idempotent KB", id: "idem-kb" };
    const k1 = await post("/v1/tenants/t1/kb", kb, { ...admin, "x-idempotency-key": "kb1" });
    expect(k1.status).toBe(201);
    const k2 = await post("/v1/tenants/t1/kb", kb, { ...admin, "x-idempotency-key": "kb1" });
    expect(k2.status).toBe(201);
    expect(k2.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(await k2.json()).toEqual(await k1.json());
    expect(h.gw.kb.listKbs("t1").filter((k) => k.id === "idem-kb").length).toBe(1);
  });

  test("keys are scoped per tenant and caller: the same key in two tenants' chats runs twice", async () => {
    const s1 = (await (await post("/v1/visitor/sessions", { tenantId: "t1" })).json()) as {
      sessionId: string;
      token: string;
    };
    const s2 = (await (await post("/v1/visitor/sessions", { tenantId: "t2" })).json()) as {
      sessionId: string;
      token: string;
    };
    const chat = (s: { sessionId: string; token: string }, text: string) =>
      post(
        "/v1/chat",
        { session_id: s.sessionId, text },
        { authorization: `Bearer ${s.token}`, "x-idempotency-key": "same-key" },
      );
    const a = await chat(s1, "hello");
    const b = await chat(s2, "hello");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.headers.get(REPLAYED_HEADER)).toBeNull();
    expect(((await b.json()) as { session_id: string }).session_id).toBe(s2.sessionId);
    // t2 has now used the key itself: another body there is a mismatch.
    const mismatch = await chat(s2, "another text");
    expect(mismatch.status).toBe(422);
    const replay = await chat(s1, "hello");
    expect(replay.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(((await replay.json()) as { session_id: string }).session_id).toBe(s1.sessionId);
  });
});
