/**
 * IdempotencyStore: makes retried POSTs safe (`X-Idempotency-Key`).
 *
 * Contract (every adapter passes `runIdempotencyContract`):
 * - `begin(scope, key, fingerprint)` claims the key atomically. A first claim is `new`.
 *   While the first request runs, the same key is `in_progress` (the caller answers 409).
 *   After `complete`, the same key with the same fingerprint is `done` with the stored
 *   response (replayed verbatim); with another fingerprint it is `mismatch` (422).
 * - `abandon` releases a claim whose request failed, so a retry runs again.
 * - Records expire `ttlMs` after they were claimed; an expired key is `new` again.
 * - Claims left `in_progress` by a crashed process expire after `lockMs`.
 *
 * Adapters: `createSqliteIdempotencyStore` (embedded default, single node only) and
 * `createRedisIdempotencyStore` (several nodes share one Redis; `storage.idempotency = "redis"`).
 *
 * @example
 *   const r = await store.begin("tenant:t1", key, sha256(body));
 *   if (r.state === "done") return replay(r.response);
 */

/** A response kept for replay. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The outcome of `begin`. */
export type BeginResult =
  | { state: "new" }
  | { state: "in_progress" }
  | { state: "mismatch" }
  | { state: "done"; response: StoredResponse };

/** The idempotency port. */
export interface IdempotencyStore {
  readonly kind: string;
  begin(scope: string, key: string, fingerprint: string): Promise<BeginResult>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  abandon(scope: string, key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
