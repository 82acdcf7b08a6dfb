/**
 * Idempotent POSTs for the whole app: one plugin, applied once in app.ts, makes
 * every POST route honour `X-Idempotency-Key` (or `Idempotency-Key`).
 *
 * - The first request with a key runs; its response (status, content type, body) is
 *   stored for `ttlMs` (24 h by default, the store's TTL).
 * - The same key with the same request (method, path and body) → the stored response,
 *   replayed with `Idempotent-Replayed: true`.
 * - The same key with another request → 422 `idempotency_key_reused`.
 * - While the first request still runs → 409 `idempotency_in_progress` (retryable).
 * - A key longer than 255 characters, empty, or two different keys in both headers → 400.
 * - A request that fails (any error response) releases its key, so a retry runs again.
 *   Streamed responses (`text/event-stream`) and bodies above `maxStoredBytes` are
 *   not stored either: their key is released once the response starts.
 *
 * Scope: keys are per caller, never global. An authenticated caller's scope is its
 * tenant and subject (`t:<tenant>:<kind>:<subject>`; the operator's admin key
 * `operator`); an unauthenticated caller (e.g. `POST /v1/visitor/sessions`) is
 * scoped by its client IP address and User-Agent (`ip:<address>:<hash of UA>`;
 * `ip:unknown:…` when the app is driven without a server, as in tests). Callers
 * behind one NAT or proxy with the same browser share that scope, so keys must be
 * unique per client (random UUIDs, as the IETF Idempotency-Key draft asks).
 * Validation runs before the key is claimed, so a request refused by its schema
 * never uses a key.
 *
 * @example
 *   new Elysia().use(idempotency({ store, authenticate })).post("/v1/things", ({ body }) => create(body));
 */
import { createHash } from "node:crypto";
import type { Server } from "bun";
import { Elysia } from "elysia";
import { Counter, type Registry } from "prom-client";
import { KefuError } from "../../engine/errors.ts";
import type { IdempotencyStore, StoredResponse } from "../../engine/idempotency/idempotency-store.ts";
import type { Logger } from "../../engine/logger.ts";
import type { Authenticate } from "../auth/principal.ts";

/** Longest idempotency key, characters. */
export const MAX_IDEMPOTENCY_KEY = 255;
/** The response header marking a replayed response. */
export const REPLAYED_HEADER = "idempotent-replayed";

/** Options of the idempotency plugin. */
export interface IdempotencyOptions {
  store: IdempotencyStore;
  /** Resolves the caller (scopes keys per tenant); absent: every caller is scoped by IP. */
  authenticate?: Authenticate;
  logger?: Logger;
  /** Largest response body stored for replay, bytes (default 1 MiB); larger ones release the key. */
  maxStoredBytes?: number;
  /** Registers `kefu_idempotency_requests_total{outcome}` here. */
  registry?: Registry;
  /** The client's address for unauthenticated callers (behind a proxy: from its header); default the socket's. */
  clientIp?: (request: Request, server: Server<unknown> | null) => string | undefined;
}

interface Claim {
  scope: string;
  key: string;
  settled: boolean;
}

/**
 * The key a request carries, or undefined; throws 400 for a bad one.
 *
 * @example
 *   idempotencyKeyOf(new Request("http://x/", { headers: { "idempotency-key": "k1" } })); // "k1"
 */
export function idempotencyKeyOf(request: Request): string | undefined {
  const a = request.headers.get("x-idempotency-key");
  const b = request.headers.get("idempotency-key");
  if (a === null && b === null) return undefined;
  if (a !== null && b !== null && a !== b)
    throw new KefuError("invalid_idempotency_key", "X-Idempotency-Key and Idempotency-Key differ; send one", {
      status: 400,
    });
  const key = (a ?? b) as string;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)
    throw new KefuError(
      "invalid_idempotency_key",
      `an idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY} characters (got ${key.length})`,
      { status: 400 },
    );
  return key;
}

const jsonType = "application/json; charset=utf-8";

function statusOf(s: unknown): number {
  const n = typeof s === "number" ? s : Number(s);
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 200;
}

/** The plugin; its hooks are global so every POST route of the app is covered. */
export function idempotency(opts: IdempotencyOptions) {
  const { store } = opts;
  const maxStored = opts.maxStoredBytes ?? 1024 * 1024;
  const claims = new WeakMap<Request, Claim>();
  const outcomes = opts.registry
    ? new Counter({
        name: "kefu_idempotency_requests_total",
        help: "POSTs carrying an idempotency key, by outcome (new, replayed, in_progress 409, mismatch 422)",
        labelNames: ["outcome"] as const,
        registers: [opts.registry],
      })
    : undefined;
  for (const o of ["new", "replayed", "in_progress", "mismatch"]) outcomes?.inc({ outcome: o }, 0);

  async function scopeOf(request: Request, server: Server<unknown> | null): Promise<string> {
    const p = opts.authenticate ? await opts.authenticate(request) : undefined;
    if (p) return p.tenantId ? `t:${p.tenantId}:${p.kind}:${p.subject}` : "operator";
    // No credential: the client address and User-Agent are all that tell callers apart (a retry keeps both).
    const ua = createHash("sha256")
      .update(request.headers.get("user-agent") ?? "")
      .digest("hex")
      .slice(0, 16);
    const ip = opts.clientIp ? opts.clientIp(request, server) : server?.requestIP(request)?.address;
    return `ip:${ip ?? "unknown"}:${ua}`;
  }

  const release = (c: Claim, why: string) => {
    c.settled = true;
    store.abandon(c.scope, c.key).catch((error) => opts.logger?.warn("idempotency key release failed", { why, error }));
  };

  return (
    new Elysia({ name: "kefu/idempotency" })
      // A malformed key is refused before the body is even read, on every POST route.
      .onRequest(({ request }) => {
        if (request.method === "POST") idempotencyKeyOf(request);
      })
      .onBeforeHandle({ as: "global" }, async ({ request, body, path, server }) => {
        if (request.method !== "POST") return;
        const key = idempotencyKeyOf(request);
        if (key === undefined) return;
        const scope = await scopeOf(request, server as Server<unknown> | null);
        const fingerprint = createHash("sha256")
          .update(`POST ${path}\n`)
          .update(JSON.stringify(body ?? null))
          .digest("hex");
        const r = await store.begin(scope, key, fingerprint);
        outcomes?.inc({ outcome: r.state === "done" ? "replayed" : r.state });
        if (r.state === "in_progress")
          throw new KefuError("idempotency_in_progress", "a request with this idempotency key is still running", {
            status: 409,
            retryable: true,
          });
        if (r.state === "mismatch")
          throw new KefuError(
            "idempotency_key_reused",
            "this idempotency key was used with a different request (method, path or body)",
            { status: 422 },
          );
        if (r.state === "done")
          return new Response(r.response.body, {
            status: r.response.status,
            headers: { ...r.response.headers, [REPLAYED_HEADER]: "true" },
          });
        claims.set(request, { scope, key, settled: false });
      })
      .onAfterHandle({ as: "global" }, async ({ request, response, set }) => {
        const c = claims.get(request);
        if (!c || c.settled) return;
        let stored: StoredResponse;
        if (response instanceof Response) {
          const type = response.headers.get("content-type") ?? "";
          if (type.includes("text/event-stream")) return release(c, "streamed");
          const text = await response.text();
          stored = { status: response.status, headers: type ? { "content-type": type } : {}, body: text };
        } else if (response === undefined || response === null) {
          stored = { status: statusOf(set.status), headers: {}, body: "" };
        } else if (typeof response === "string") {
          stored = {
            status: statusOf(set.status),
            headers: { "content-type": "text/plain; charset=utf-8" },
            body: response,
          };
        } else {
          stored = {
            status: statusOf(set.status),
            headers: { "content-type": jsonType },
            body: JSON.stringify(response),
          };
        }
        if (stored.status >= 400) {
          release(c, "error response");
        } else if (Buffer.byteLength(stored.body) > maxStored) {
          release(c, "response too large to store");
        } else {
          c.settled = true;
          // A failed store write must not fail a request that already succeeded: the key just stays claimed until lockMs.
          await store
            .complete(c.scope, c.key, stored)
            .catch((error) => opts.logger?.warn("idempotency response not stored", { error }));
        }
        return new Response(stored.status === 204 ? null : stored.body, {
          status: stored.status,
          headers: stored.headers,
        });
      })
      .onAfterResponse({ as: "global" }, ({ request }) => {
        // Errors (thrown by the handler or a later hook) never reach onAfterHandle: release their key here.
        const c = claims.get(request);
        if (c && !c.settled) release(c, "request failed");
      })
  );
}
