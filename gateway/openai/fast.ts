/**
 * The hot path of `POST /v1/chat/completions`: Bun's router hands the route's
 * requests here, not to Elysia's general request pipeline, because it is the one
 * route whose every microsecond shows (bench/scenarios/llm-proxy.ts). It runs the
 * same steps with the same functions, in the same order:
 *
 * request id (gateway/observability/request-id.ts) → HTTP metrics start
 * (gateway/observability) → rate limits and blocks (`limitCheck`, gateway/limits)
 * → JSON body → the route's schema (`chatCompletionBody()`, compiled once; a
 * violation is Elysia's own ValidationError) → the route's handler
 * (`chatCompletions`) → errors mapped by `errorResponse` (gateway/errors) → HTTP
 * metrics recorded under the route's template (a limit refusal: "unmatched", as
 * the general pipeline records it, its limits running before routing).
 *
 * It only takes the plain case; any other request goes, unread, to the general
 * pipeline (`general`): a content type other than JSON, an idempotency key
 * (gateway/idempotency), a declared body over `http.maxBodyBytes`. The route is
 * public in the permission table (engine/auth/permissions.ts); the app installs
 * this path only while it is. gateway/openai/fast.test.ts runs one set of
 * requests through both paths and compares statuses, headers, bodies and metrics.
 *
 * @example
 *   const fast = chatFastPath({ handle, errors, http, maxBodyBytes, general: (r) => app.handle(r) });
 *   Bun.serve({ routes: { "/v1/chat/completions": { POST: fast } }, fetch: app.fetch });
 */
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { ValidationError } from "elysia";
import { type ErrorHandlerOptions, errorResponse } from "../errors/index.ts";
import type { limitCheck } from "../limits/index.ts";
import type { HttpRecorder } from "../observability/index.ts";
import { freshRequestId, keepRequestId } from "../observability/request-id.ts";
import { type ChatCompletionRequest, type ChatCompletionsHandler, chatCompletionBody } from "./index.ts";

/** The route's path, also its metrics template. */
export const CHAT_COMPLETIONS = "/v1/chat/completions";

/** What the hot path needs: the route's own parts, and the general pipeline for everything else. */
export interface ChatFastPathDeps {
  handle: ChatCompletionsHandler;
  errors: ErrorHandlerOptions;
  http: HttpRecorder;
  /** The app's limit check; absent when the app has no rate limits. */
  limit?: ReturnType<typeof limitCheck>;
  maxBodyBytes: number;
  /** The general pipeline (Elysia), for requests the hot path does not take. */
  general(request: Request): Response | Promise<Response>;
}

/** The server, as far as the hot path reads it (the client address, for limits). */
type ServerLike = { requestIP(r: Request): { address: string } | null } | null;

/** Whether a Content-Type header names JSON (`application/json`, any parameters). */
function isJson(type: string | null): boolean {
  if (type === null) return false;
  const semi = type.indexOf(";");
  return (semi < 0 ? type : type.slice(0, semi)).trim().toLowerCase() === "application/json";
}

/**
 * Builds the hot path's handler.
 *
 * @example
 *   const res = await chatFastPath(deps)(request, server);
 */
export function chatFastPath(deps: ChatFastPathDeps): (request: Request, server: ServerLike) => Promise<Response> {
  // Its own schema object: the general route's is rewritten by Elysia when it compiles it.
  const check = TypeCompiler.Compile(chatCompletionBody());
  const { limit, handle, errors } = deps;
  // Both of its metric label sets are known up front (a limit refusal has no route, as on the general path).
  const routed = deps.http.route("POST", CHAT_COMPLETIONS);
  const unmatched = deps.http.route("POST", "unmatched");

  const plain = (request: Request): boolean => {
    const h = request.headers;
    if (!isJson(h.get("content-type"))) return false;
    if (h.get("x-idempotency-key") !== null || h.get("idempotency-key") !== null) return false;
    const length = h.get("content-length");
    return length === null || Number(length) <= deps.maxBodyBytes;
  };

  return async (request, server) => {
    if (!plain(request)) return deps.general(request);
    const startedAt = performance.now();
    const requestId = freshRequestId(request);
    // A literal key (REQUEST_ID_HEADER's value): an object literal of known shape, not a computed key.
    const headers: Record<string, string | number> = { "x-request-id": requestId };
    let res: Response;
    // As on the general route, where limits run before routing: a refusal there has no route template.
    let route: string | undefined;
    try {
      const held = limit?.(request, server, headers);
      if (held) await held;
      route = CHAT_COMPLETIONS;
      let body: unknown;
      try {
        const text = await request.text();
        // An empty body is no body (then a schema violation), as Elysia reads it.
        body = text === "" ? undefined : JSON.parse(text);
      } catch (error) {
        throw new BodyParseError(error);
      }
      if (!check.Check(body)) throw new ValidationError("body", check, body);
      const out = await handle(body as ChatCompletionRequest, request, headers);
      res =
        typeof out === "string" ? new Response(out, { headers: headers as Record<string, string> }) : (out as Response);
    } catch (error) {
      keepRequestId(request, requestId); // the error body names the same id
      res =
        error instanceof BodyParseError
          ? errorResponse(errors, { code: "PARSE", error: error.cause, request, path: CHAT_COMPLETIONS })
          : errorResponse(errors, {
              code: error instanceof ValidationError ? "VALIDATION" : "UNKNOWN",
              error,
              request,
              path: CHAT_COMPLETIONS,
            });
      // Admitted requests keep their RateLimit fields on an error answer, as on the general route.
      for (const k in headers) if (!res.headers.has(k)) res.headers.set(k, String(headers[k]));
    }
    (route === undefined ? unmatched : routed).record(res.status, startedAt);
    return res;
  };
}

/** The body is not JSON (Elysia's PARSE). */
class BodyParseError extends Error {
  constructor(cause: unknown) {
    super("request body could not be parsed", { cause });
  }
}
