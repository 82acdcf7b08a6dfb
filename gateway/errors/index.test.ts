import { afterEach, describe, expect, test } from "bun:test";
import { Elysia, t as t2 } from "elysia";
import { KefuError } from "../../engine/errors.ts";
import { createLogger } from "../../engine/logger.ts";
import { req, type TestApp, testApp } from "../test/utils.ts";
import { errorHandler } from "./index.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  expect(res.headers.get("content-type")).toContain("application/json");
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe("typed HTTP errors", () => {
  test("an unknown route is 404 not_found naming the method and path", async () => {
    t = await testApp();
    const res = await t.app.handle(req("DELETE", "/nope/x"));
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: "not_found", message: "no route for DELETE /nope/x" });
  });

  test("malformed JSON is 400 bad_request_body", async () => {
    t = await testApp();
    const res = await t.app.handle(req("POST", "/v1/echo", '{"message": "unterminated'));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("bad_request_body");
  });

  test("a schema violation is 400 invalid_request naming the field", async () => {
    t = await testApp();
    const res = await t.app.handle(req("POST", "/v1/echo", { message: 42 }));
    expect(res.status).toBe(400);
    const e = await errorOf(res);
    expect(e.code).toBe("invalid_request");
    expect(e.message).toContain("/message");
  });

  test("a request the client closed is 499 client_closed_request, logged at debug and not a refusal", async () => {
    const lines: { level: string; msg: string }[] = [];
    const refused: string[] = [];
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((r) => {
      entered = r;
    });
    const app = new Elysia()
      .use(
        errorHandler({
          logger: createLogger("debug", (l) => lines.push(JSON.parse(l) as { level: string; msg: string })),
          onRefused: (r) => refused.push(r.reason),
        }),
      )
      .get("/slow", async ({ request }) => {
        entered();
        // What fetch and the router throw when the caller's signal aborts.
        await new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(new DOMException("closed", "AbortError"))),
        );
      });
    const ac = new AbortController();
    const pending = app.handle(new Request("http://localhost/slow", { signal: ac.signal }));
    await inHandler;
    ac.abort();
    const res = await pending;
    expect(res.status).toBe(499);
    expect((await errorOf(res)).code).toBe("client_closed_request");
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
    expect(lines.map((l) => l.msg)).toContain("client closed the request");
    expect(refused).toEqual([]);
  });

  test("validation details name every offending field and why, without echoing the values", async () => {
    const secretish = "s3cr3t-value-not-echoed";
    const app = new Elysia()
      .use(errorHandler({ logger: createLogger("error", () => {}) }))
      .post("/two", ({ body }) => body, {
        body: t2.Object({ a: t2.Integer(), b: t2.String({ maxLength: 3 }) }),
      });
    const res = await app.handle(req("POST", "/two", { a: secretish, b: secretish }));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(secretish);
    const e = (JSON.parse(text) as { error: { code: string; details: { in: string; field: string; why: string }[] } })
      .error;
    expect(e.code).toBe("invalid_request");
    expect(e.details.map((d) => [d.in, d.field])).toEqual([
      ["body", "/a"],
      ["body", "/b"],
    ]);
    for (const d of e.details) expect(d.why.length).toBeGreaterThan(0);
  });

  test("a body over http.maxBodyBytes is 413 payload_too_large", async () => {
    t = await testApp({ KEFU_HTTP_MAX_BODY_BYTES: "100" });
    const res = await t.app.handle(req("POST", "/v1/echo", { message: "x".repeat(200) }, { "content-length": "214" }));
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toEqual({
      code: "payload_too_large",
      message: "request body of 214 bytes exceeds the limit of 100 bytes",
    });
  });

  test("a KefuError keeps its code and status; retryable 503 adds retry-after", async () => {
    const app = new Elysia().use(errorHandler({ logger: createLogger("error", () => {}) })).get("/busy", () => {
      throw new KefuError("overloaded", "queue full", { status: 503, retryable: true });
    });
    const res = await app.handle(req("GET", "/busy"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await errorOf(res)).toEqual({ code: "overloaded", message: "queue full" });
  });

  test("an unexpected exception is a 500 that does not leak its message, and is logged", async () => {
    const lines: string[] = [];
    const app = new Elysia()
      .use(errorHandler({ logger: createLogger("error", (l) => lines.push(l)) }))
      .get("/bug", () => {
        throw new Error("secret db password in message");
      });
    const res = await app.handle(req("GET", "/bug"));
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toEqual({ code: "internal", message: "internal error" });
    expect(lines.join("\n")).toContain("secret db password in message");
  });
});

describe("POST /v1/echo", () => {
  test("echoes a valid message with its length in characters", async () => {
    t = await testApp();
    const res = await t.app.handle(req("POST", "/v1/echo", { message: "你好, kefu" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: "你好, kefu", length: 8 });
  });

  test("refuses a message over 4096 characters", async () => {
    t = await testApp();
    expect((await t.app.handle(req("POST", "/v1/echo", { message: "a".repeat(4097) }))).status).toBe(400);
  });
});
