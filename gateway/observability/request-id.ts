/**
 * Request ids: every HTTP request gets one — the caller's `X-Request-Id` when it is
 * a sane token (1–128 of `A-Z a-z 0-9 . _ : -`), else a fresh UUID — echoed in the
 * `x-request-id` response header (error responses too) and written with the
 * request's log lines, so a client report and a log line can be matched.
 *
 * @example
 *   new Elysia().use(requestIds()).get("/", ({ request }) => requestIdOf(request));
 */
import { randomUUID } from "node:crypto";
import { Elysia } from "elysia";

/** The header that carries the id both ways. */
export const REQUEST_ID_HEADER = "x-request-id";

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Where a request keeps its id: a property on the Request itself, not a WeakMap entry per request for the GC to sweep. */
const ID = Symbol("kefu.requestId");

/**
 * The request's id (assigned on first use, then stable).
 *
 * @example
 *   requestIdOf(new Request("http://x/", { headers: { "x-request-id": "abc-1" } })); // "abc-1"
 */
export function requestIdOf(request: Request): string {
  const tagged = request as Request & { [ID]?: string };
  let id = tagged[ID];
  if (id === undefined) {
    const given = request.headers.get(REQUEST_ID_HEADER);
    id = given && VALID.test(given) ? given : randomUUID();
    tagged[ID] = id;
  }
  return id;
}

/** The plugin: assigns the id and sets the response header on every route. */
export function requestIds() {
  return new Elysia({ name: "kefu/request-id" }).onRequest(({ request, set }) => {
    set.headers[REQUEST_ID_HEADER] = requestIdOf(request);
  });
}
