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
    id = freshRequestId(request);
    tagged[ID] = id;
  }
  return id;
}

/**
 * The id a request gets (the client's valid `x-request-id`, else a new one), not kept on
 * the request: for a path that keeps it itself and calls `keepRequestId` before anything
 * else may ask `requestIdOf` (gateway/openai/fast.ts, on an error). Adding a property to
 * every Request costs more than the rest of the id.
 *
 * @example
 *   const id = freshRequestId(request); … keepRequestId(request, id); errorResponse(…);
 */
export function freshRequestId(request: Request): string {
  const given = request.headers.get(REQUEST_ID_HEADER);
  return given && VALID.test(given) ? given : randomUUID();
}

/** Makes `id` the request's id for `requestIdOf`. */
export function keepRequestId(request: Request, id: string): void {
  (request as Request & { [ID]?: string })[ID] = id;
}

/** The plugin: assigns the id and sets the response header on every route. */
export function requestIds() {
  return new Elysia({ name: "kefu/request-id" }).onRequest(({ request, set }) => {
    set.headers[REQUEST_ID_HEADER] = requestIdOf(request);
  });
}
