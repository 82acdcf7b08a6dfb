/**
 * Maps every failure to the JSON error shape `{ error: { code, message } }` with
 * the right status: unknown routes 404, bad JSON 400, schema violations 400 with
 * the first offending field, `KefuError` its own status, anything else 500.
 *
 * @example
 *   new Elysia().use(errorHandler({ logger })).get("/", () => "hi");
 */
import { Elysia } from "elysia";
import { errorBody, KefuError } from "../../engine/errors.ts";
import type { Logger } from "../../engine/logger.ts";
import { REQUEST_ID_HEADER, requestIdOf } from "../observability/request-id.ts";

/** Options of the error plugin. */
export interface ErrorHandlerOptions {
  logger: Logger;
}

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

/** The error plugin; its hook is global so it covers every route of the app. */
export function errorHandler(opts: ErrorHandlerOptions) {
  return new Elysia({ name: "kefu/errors" }).onError({ as: "global" }, ({ code, error, request, path, set }) => {
    // Keep `set.status` in step with the response so after-response hooks (metrics) see the real status.
    const requestId = requestIdOf(request);
    const json = (status: number, body: unknown, headers?: Record<string, string>) => {
      set.status = status;
      return respond(status, body, { ...headers, [REQUEST_ID_HEADER]: requestId });
    };
    if (error instanceof KefuError) {
      if (error.status >= 500) opts.logger.error("request failed", { path, requestId, code: error.code, error });
      return json(error.status, error.toJSON(), error.retryable && error.status === 503 ? { "retry-after": "1" } : {});
    }
    switch (code) {
      case "NOT_FOUND":
        return json(404, errorBody("not_found", `no route for ${request.method} ${path}`));
      case "PARSE":
        return json(
          400,
          errorBody(
            "bad_request_body",
            `request body could not be parsed as ${request.headers.get("content-type") ?? "its content type"}`,
          ),
        );
      case "VALIDATION": {
        const first = error.all[0];
        const field = first && "path" in first && first.path ? first.path : "(body)";
        const why = first && "summary" in first && first.summary ? first.summary : error.message;
        return json(400, errorBody("invalid_request", `${field}: ${why}`));
      }
      default:
        opts.logger.error("unhandled error", { path, requestId, code, error });
        return json(500, errorBody("internal", "internal error"));
    }
  });
}
