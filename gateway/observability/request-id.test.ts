import { expect, test } from "bun:test";
import { Elysia } from "elysia";
import { KefuError } from "../../engine/errors.ts";
import { createLogger } from "../../engine/logger.ts";
import { errorHandler } from "../errors/index.ts";
import { REQUEST_ID_HEADER, requestIdOf, requestIds } from "./request-id.ts";

function app() {
  const logs: Record<string, unknown>[] = [];
  const a = new Elysia()
    .use(requestIds())
    .use(errorHandler({ logger: createLogger("debug", (l) => logs.push(JSON.parse(l))) }))
    .get("/ok", ({ request }) => ({ id: requestIdOf(request) }))
    .get("/down", () => {
      throw new KefuError("store_unavailable", "the store is down", { status: 503, retryable: true });
    });
  return { a, logs };
}

const call = (a: { handle(r: Request): Promise<Response> }, path: string, id?: string) =>
  a.handle(new Request(`http://kefu${path}`, { headers: id === undefined ? {} : { [REQUEST_ID_HEADER]: id } }));

test("a sane X-Request-Id is kept and echoed; the handler sees the same id", async () => {
  const { a } = app();
  const res = await call(a, "/ok", "client-42.a:b_c");
  expect(res.headers.get(REQUEST_ID_HEADER)).toBe("client-42.a:b_c");
  expect(await res.json()).toEqual({ id: "client-42.a:b_c" });
});

test("a missing, oversize or odd id is replaced by a fresh UUID, different per request", async () => {
  const { a } = app();
  const ids = await Promise.all(
    [undefined, "has spaces", "x".repeat(129), "<script>"].map(async (id) =>
      (await call(a, "/ok", id)).headers.get(REQUEST_ID_HEADER),
    ),
  );
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(ids.length);
});

test("error responses carry the id, and a 5xx log line names it", async () => {
  const { a, logs } = app();
  const notFound = await call(a, "/nope", "r-404");
  expect(notFound.status).toBe(404);
  expect(notFound.headers.get(REQUEST_ID_HEADER)).toBe("r-404");
  const down = await call(a, "/down", "r-503");
  expect(down.status).toBe(503);
  expect(down.headers.get(REQUEST_ID_HEADER)).toBe("r-503");
  expect(logs.find((l) => l.msg === "request failed")).toMatchObject({ requestId: "r-503", code: "store_unavailable" });
});
