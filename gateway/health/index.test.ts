import { afterEach, describe, expect, test } from "bun:test";
import { req, type TestApp, testApp } from "../test/utils.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("health endpoints", () => {
  test("GET /healthz answers 200 ok", async () => {
    t = await testApp();
    const res = await t.app.handle(req("GET", "/healthz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("GET /readyz lists every embedded backend as reachable", async () => {
    t = await testApp();
    const res = await t.app.handle(req("GET", "/readyz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ready",
      backends: {
        eventStore: { ok: true, kind: "sqlite" },
        hotHistory: { ok: true, kind: "memory" },
        bus: { ok: true, kind: "memory" },
        limits: { ok: true, kind: "memory" },
        idempotency: { ok: true, kind: "sqlite" },
      },
    });
  });

  test("GET /readyz is 503 and names the backend that does not answer", async () => {
    t = await testApp({}, (b) => {
      b.bus.ping = async () => {
        throw new Error("connection refused");
      };
      return b;
    });
    const res = await t.app.handle(req("GET", "/readyz"));
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string }; backends: Record<string, unknown> };
    expect(body.error.code).toBe("not_ready");
    expect(body.error.message).toContain("bus (memory): connection refused");
    expect(body.backends.eventStore).toEqual({ ok: true, kind: "sqlite" });
  });

  test("GET /readyz is 503 when a backend hangs, bounded by the probe timeout", async () => {
    t = await testApp({}, (b) => {
      b.limits.ping = () => new Promise(() => {});
      const readiness = b.readiness;
      b.readiness = () => readiness(50);
      return b;
    });
    const res = await t.app.handle(req("GET", "/readyz"));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("no answer within 50 ms");
  });

  test("GET /readyz is 503 shutting_down while draining", async () => {
    t = await testApp();
    t.lifecycle.draining = true;
    const res = await t.app.handle(req("GET", "/readyz"));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("shutting_down");
  });

  test("GET /version reports the build and the kernel path", async () => {
    t = await testApp();
    const res = await t.app.handle(req("GET", "/version"));
    expect(await res.json()).toEqual({
      name: "kefu",
      version: "0.0.0-test",
      commit: "test",
      bun: Bun.version,
      native: { impl: "js", simd: "js", version: "none" },
    });
  });
});
