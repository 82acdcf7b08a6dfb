/**
 * EventStore: the durable, append-only log of session events.
 *
 * Contract (every adapter passes `runEventStoreContract`):
 * - `append` assigns `seq = last + 1` for the session (the first event gets 1).
 *   When its promise resolves, the event is durable: a crash after that never loses it.
 * - Appends to one session are ordered as the calls were made.
 * - Idempotent sends: a `message` whose `(sessionId, clientMsgId)` was already stored
 *   returns the stored event with `duplicate: true` and writes nothing.
 * - `readAfter` returns events with `seq > afterSeq`, ascending, at most `limit`.
 * - A full write queue rejects with `KefuError("overloaded", retryable)`; nothing
 *   already accepted is lost.
 * - `readRange` returns events with `fromMs <= atUnixMs < toMs` (of one tenant when
 *   `tenantId` is given), ordered by (atUnixMs, sessionId, seq), after `after`, at most
 *   `limit`: pass the last event of a page as `after` to get the next (exports).
 * - `close` flushes everything accepted, then releases the backend.
 *
 * Adapters: `createSqliteEventStore` (embedded default, single node only) and
 * `createPostgresEventStore` (PostgreSQL; any number of nodes).
 *
 * @example
 *   const { event, duplicate } = await store.append(newEvent);
 *   const gap = await store.readAfter(event.sessionId, lastSeenSeq, 500);
 */
import { KefuError } from "../errors.ts";
import type { NewEvent, SessionEvent } from "../events.ts";

/** Result of an append. */
export interface AppendResult {
  event: SessionEvent;
  /** True when the message had been stored before (same session and client_msg_id). */
  duplicate: boolean;
}

/** A page of a time-range scan; `after` is the last event of the previous page. */
export interface RangeQuery {
  fromMs: number;
  toMs: number;
  tenantId?: string;
  after?: Pick<SessionEvent, "atUnixMs" | "sessionId" | "seq">;
  limit: number;
}

/** The durable session log port. */
export interface EventStore {
  /** Adapter name, e.g. "sqlite". */
  readonly kind: string;
  append(event: NewEvent): Promise<AppendResult>;
  readAfter(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]>;
  lastSeq(sessionId: string): Promise<number>;
  readRange(query: RangeQuery): Promise<SessionEvent[]>;
  /** Resolves when the backend answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One group commit, as an adapter reports it to `onCommit` (metrics). */
export interface CommitInfo {
  /** Appends in the batch (duplicates included). */
  events: number;
  /** Time the batch took to write and commit, ms. */
  ms: number;
  /** False when the batch failed (every append in it was rejected). */
  ok: boolean;
}

/**
 * Why an adapter must refuse an append before queueing it, or undefined to accept:
 * closed (`shutting_down`) or a full write queue (`overloaded`), both 503 retryable.
 *
 * @example
 *   const refusal = appendRefusal(closed, queue.length, maxPending);
 *   if (refusal) return Promise.reject(refusal);
 */
export function appendRefusal(closed: boolean, queued: number, maxPending: number): KefuError | undefined {
  if (closed) return new KefuError("shutting_down", "event store is closed", { status: 503, retryable: true });
  if (queued >= maxPending)
    return new KefuError("overloaded", `event store write queue is full (${maxPending})`, {
      status: 503,
      retryable: true,
    });
  return undefined;
}

/**
 * Wraps an EventStore (or anything with its `append`) so `after(event)` runs after each
 * durable, non-duplicate append and before the append resolves — the one way the webhook
 * outbox, the channel replies and the console index see every stored event once, on the
 * node that stored it. A failure of `after` goes to `onError`, never to the append; every
 * other member passes through unchanged.
 *
 * @example
 *   const store = tapAppends(eventStore, (e) => outbox.enqueue(e), (error) => logger.error("tap", { error }));
 */
export function tapAppends<T extends Pick<EventStore, "append">>(
  inner: T,
  after: (event: SessionEvent) => void | Promise<void>,
  onError: (error: unknown, event: SessionEvent) => void,
): T {
  const append = async (event: NewEvent): Promise<AppendResult> => {
    const r = await inner.append(event);
    if (!r.duplicate) {
      try {
        await after(r.event);
      } catch (error) {
        onError(error, r.event);
      }
    }
    return r;
  };
  return new Proxy(inner, {
    get(target, key) {
      if (key === "append") return append;
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
