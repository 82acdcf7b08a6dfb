// The rate-limit admin API: CRUD of rules and blocks, typed errors, bounds, persistence.
import { afterEach, describe, expect, test } from "bun:test";
import { type LimitedApp, limitedApp } from "./test-app.ts";

let t: LimitedApp;
afterEach(async () => {
  await t?.close();
});

const chat = { id: "chat", api: "/v1/chat", key: ["tenant"], token_bucket: { capacity: 10000, rate: 500 } };

describe("admin API: rate limits", () => {
  test("PUT stores a rule with its defaults; GET lists and reads it; DELETE removes it; unknown ids are 404", async () => {
    t = await limitedApp();
    const put = await t.admin("PUT", "/v1/admin/rate_limits", chat);
    expect(put.status).toBe(200);
    const { rule } = (await put.json()) as { rule: Record<string, unknown> };
    expect(rule).toMatchObject({ ...chat, updated_at: new Date(t.clock.now()).toISOString() });

    // The example: no id (derived from api), no key (tenant).
    const bare = await t.admin("PUT", "/v1/admin/rate_limits", {
      api: "/v1/chat",
      token_bucket: { capacity: 10000, rate: 500 },
    });
    expect(((await bare.json()) as { rule: { id: string; key: string[] } }).rule).toMatchObject({
      id: "v1_chat",
      key: ["tenant"],
    });

    const list = (await (await t.admin("GET", "/v1/admin/rate_limits")).json()) as { rules: { id: string }[] };
    expect(list.rules.map((r) => r.id)).toEqual(["chat", "v1_chat"]);
    const one = await t.admin("GET", "/v1/admin/rate_limits/chat");
    expect(((await one.json()) as { rule: { id: string } }).rule.id).toBe("chat");

    expect(await (await t.admin("DELETE", "/v1/admin/rate_limits/chat")).json()).toEqual({ deleted: "chat" });
    const gone = await t.admin("GET", "/v1/admin/rate_limits/chat");
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect((await t.admin("DELETE", "/v1/admin/rate_limits/chat")).status).toBe(404);
  });

  test("bad rules are typed 400s", async () => {
    t = await limitedApp();
    const bad = async (body: unknown) => {
      const res = await t.admin("PUT", "/v1/admin/rate_limits", body);
      return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
    };
    const none = await bad({ api: "/v1/chat" });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain("token_bucket, leaky_bucket or both");
    expect((await bad({ api: "/v1/chat", key: ["planet"], token_bucket: { capacity: 1, rate: 1 } })).status).toBe(400);
    expect((await bad({ api: "v1/chat", token_bucket: { capacity: 1, rate: 1 } })).status).toBe(400);
    expect((await bad({ api: "/v1/chat", token_bucket: { capacity: 0, rate: 1 } })).status).toBe(400);
    expect((await bad({ api: "/v1/chat", leaky_bucket: { rate: 1, max_queue: 1_000_000 } })).status).toBe(400);
    expect((await bad({ api: "/v1/chat", leaky_bucket: { rate: 1, max_queue: 1, max_delay_ms: 25_001 } })).status).toBe(
      400,
    );
    const cost = await bad({ api: "/v1/chat", cost: 5, token_bucket: { capacity: 2, rate: 1 } });
    expect(cost.status).toBe(400);
    expect(cost.body.error.message).toContain("could never pass");
    const star = await bad({ api: "/v1/*/x", token_bucket: { capacity: 1, rate: 1 } });
    expect(star.body.error).toEqual({
      code: "invalid_request",
      message: "api /v1/*/x: * may only be the last segment",
    });
    expect((await bad({ id: "no/slash", api: "/v1", token_bucket: { capacity: 1, rate: 1 } })).status).toBe(400);
    expect((await t.admin("GET", "/v1/admin/rate_limits/bad%20id")).status).toBe(400);
  });

  test("the admin key is required", async () => {
    t = await limitedApp();
    for (const [method, path] of [
      ["GET", "/v1/admin/rate_limits"],
      ["GET", "/v1/admin/blocks"],
      ["DELETE", "/v1/admin/rate_limits/x"],
    ] as const) {
      const res = await t.call(method, path);
      expect(res.status).toBe(401);
    }
    const wrong = await t.call("PUT", "/v1/admin/rate_limits", {
      headers: { authorization: "Bearer nope" },
      body: chat,
    });
    expect(wrong.status).toBe(401);
    expect((await (await t.admin("GET", "/v1/admin/rate_limits")).json()) as unknown).toEqual({ rules: [] });
  });

  test("at most limits.maxRules rules: a new id beyond it is 409, replacing one still works", async () => {
    t = await limitedApp({ KEFU_LIMITS_MAX_RULES: "2" });
    for (const id of ["a", "b"])
      expect((await t.admin("PUT", "/v1/admin/rate_limits", { ...chat, id })).status).toBe(200);
    const full = await t.admin("PUT", "/v1/admin/rate_limits", { ...chat, id: "c" });
    expect(full.status).toBe(409);
    expect(((await full.json()) as { error: { code: string } }).error.code).toBe("limit_rules_full");
    expect((await t.admin("PUT", "/v1/admin/rate_limits", { ...chat, id: "a", cost: 2 })).status).toBe(200);
  });

  test("rules and blocks persist in <dataDir>/limits.db across a restart", async () => {
    t = await limitedApp();
    await t.admin("PUT", "/v1/admin/rate_limits", chat);
    await t.admin("PUT", "/v1/admin/blocks", { ip: "192.0.2.1" });
    const dir = t.dir;
    await t.limiting.close();
    const again = await limitedApp({}, dir);
    try {
      const rules = (await (await again.admin("GET", "/v1/admin/rate_limits")).json()) as { rules: { id: string }[] };
      expect(rules.rules.map((r) => r.id)).toEqual(["chat"]);
      expect((await again.call("GET", "/healthz", { ip: "192.0.2.1" })).status).toBe(403);
    } finally {
      await again.close();
    }
  });
});

describe("admin API: blocks", () => {
  test("PUT, GET, list, DELETE; exactly one of ip or fingerprint", async () => {
    t = await limitedApp();
    const put = await t.admin("PUT", "/v1/admin/blocks", { fingerprint: "0123456789abcdef", reason: "flood" });
    expect(((await put.json()) as { block: unknown }).block).toMatchObject({
      id: "fp-0123456789abcdef",
      fingerprint: "0123456789abcdef",
      reason: "flood",
    });
    const one = await t.admin("GET", "/v1/admin/blocks/fp-0123456789abcdef");
    expect(one.status).toBe(200);
    const list = (await (await t.admin("GET", "/v1/admin/blocks")).json()) as { blocks: unknown[] };
    expect(list.blocks.length).toBe(1);
    const both = await t.admin("PUT", "/v1/admin/blocks", { ip: "1.2.3.4", fingerprint: "0123456789abcdef" });
    expect(both.status).toBe(400);
    expect((await t.admin("PUT", "/v1/admin/blocks", {})).status).toBe(400);
    expect((await t.admin("PUT", "/v1/admin/blocks", { fingerprint: "XYZ" })).status).toBe(400);
    expect((await t.admin("DELETE", "/v1/admin/blocks/fp-0123456789abcdef")).status).toBe(200);
    expect((await t.admin("GET", "/v1/admin/blocks/fp-0123456789abcdef")).status).toBe(404);
  });
});
