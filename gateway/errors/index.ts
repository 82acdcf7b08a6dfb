/**
 * Maps every failure to the JSON error shape `{ error: { code, message, details? } }`
 * with the right status: unknown routes 404, bad JSON 400, schema violations 400
 * `invalid_request` with `details` (each offending field and why, never its value), `KefuError` its own status, anything else 500.
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
  /**
   * Told of every request refused with a 4xx (reason = the error code), so the anomaly
   * clusters see HTTP floods and probes as they see refused realtime frames.
   */
  onRefused?: (refusal: { reason: string; request: Request; path: string }) => void;
}

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

/** One schema violation: where (`body`, `query`, `params`, `headers`), which field (a JSON pointer) and why. */
export interface ValidationDetail {
  in: string;
  field: string;
  why: string;
}

/** Most violations listed in `details`; the first is also in the message. */
export const MAX_VALIDATION_DETAILS = 10;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Turns Elysia's validation errors into bounded, value-free details.
 *
 * @example
 *   validationDetails("body", [{ path: "/message", summary: "Expected string" }], "")
 *   // [{ in: "body", field: "/message", why: "Expected string" }]
 */
export function validationDetails(where: string, all: readonly unknown[], fallback: string): ValidationDetail[] {
  const out: ValidationDetail[] = [];
  const seen = new Set<string>();
  for (const e of all) {
    if (out.length >= MAX_VALIDATION_DETAILS) break;
    const r = (e ?? {}) as { path?: unknown; summary?: unknown; message?: unknown };
    const field = typeof r.path === "string" && r.path ? clip(r.path, 200) : `(${where})`;
    const why = clip(String(r.summary || r.message || "invalid"), 200);
    const id = `${field}\n${why}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ in: where, field, why });
  }
  if (out.length === 0) out.push({ in: where, field: `(${where})`, why: clip(fallback || "invalid", 200) });
  return out;
}

/** Status recorded when the client closed the request before its answer (nginx's convention). */
export const CLIENT_CLOSED_REQUEST = 499;

/** What failed, as Elysia's onError hook describes it. */
export interface Failure {
  /** Elysia's error code ("NOT_FOUND", "PARSE", "VALIDATION", …); anything else for other errors. */
  code: string | number;
  error: unknown;
  request: Request;
  path: string;
}

/**
 * The error response for a failure, as every route answers it (also used by the
 * gateway's dedicated hot paths, gateway/openai/fast.ts). `setStatus` learns the
 * status, so after-response hooks (metrics) see the real one.
 *
 * @example
 *   const res = errorResponse(opts, { code: "PARSE", error, request, path: "/v1/chat/completions" });
 */
export function errorResponse(opts: ErrorHandlerOptions, f: Failure, setStatus?: (status: number) => void): Response {
  const { code, error, request, path } = f;
  const requestId = requestIdOf(request);
  const json = (status: number, body: unknown, headers?: Record<string, string>) => {
    setStatus?.(status);
    if (status >= 400 && status < 500 && status !== CLIENT_CLOSED_REQUEST && opts.onRefused) {
      const reason = (body as { error?: { code?: string } }).error?.code ?? String(status);
      try {
        opts.onRefused({ reason, request, path });
      } catch (e) {
        opts.logger.warn("refusal observer failed", { error: e });
      }
    }
    return respond(status, body, { ...headers, [REQUEST_ID_HEADER]: requestId });
  };
  if (error instanceof KefuError) {
    if (error.status >= 500) opts.logger.error("request failed", { path, requestId, code: error.code, error });
    return json(error.status, error.toJSON(), {
      ...(error.retryable && error.status === 503 ? { "retry-after": "1" } : {}),
      ...error.headers,
    });
  }
  switch (code) {
    case "NOT_FOUND":
      return json(404, errorBody("not_found", `no route for ${request.method} ${path}`));
    case "PARSE":
      return json(
        400,
        errorBody(
          "bad_request_body",
          `request body could not be parsed as ${clip(request.headers.get("content-type") ?? "its content type", 100)}`,
        ),
      );
    case "VALIDATION": {
      // Which part of the request (body, query, params, headers), which field, and why; never the value itself.
      const v = error as { type: string; all: readonly unknown[]; message: string };
      const details = validationDetails(v.type, v.all, v.message);
      const first = details[0] as ValidationDetail;
      return json(400, {
        error: { code: "invalid_request", message: `${first.field}: ${first.why}`, details },
      });
    }
    default:
      // The client went away (closed the connection, cancelled the request): nothing failed on our side
      // and nobody reads the answer. 499 (nginx's "client closed request") keeps it apart in metrics.
      if (request.signal.aborted) {
        opts.logger.debug("client closed the request", { path, requestId });
        return json(CLIENT_CLOSED_REQUEST, errorBody("client_closed_request", "the client closed the request"));
      }
      opts.logger.error("unhandled error", { path, requestId, code, error });
      return json(500, errorBody("internal", "internal error"));
  }
}

/** The error plugin; its hook is global so it covers every route of the app. */
export function errorHandler(opts: ErrorHandlerOptions) {
  return new Elysia({ name: "kefu/errors" }).onError({ as: "global" }, ({ code, error, request, path, set }) =>
    errorResponse(opts, { code, error, request, path }, (status) => {
      set.status = status;
    }),
  );
}
