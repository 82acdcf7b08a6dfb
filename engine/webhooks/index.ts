/**
 * Outbound event subscriptions (README "Event webhooks"): a tenant subscribes URLs to
 * session events; every stored event of the tenant's sessions that a subscription
 * wants becomes one row of the durable outbox (engine/webhooks/store.sqlite.ts) and
 * is POSTed, signed, to the URL.
 *
 * Guarantees and bounds:
 * - Exactly one delivery row per (subscription, session, seq); a row is sent until a
 *   2xx answer (at least once: a crash between the 2xx and its record sends it again
 *   with the same `x-kefu-delivery` id — receivers dedupe by it).
 * - In order per session and subscription: a session's next event waits while an
 *   earlier one is retried. A dead letter no longer holds the session back (a replay
 *   then arrives after later events).
 * - Retries: network errors, 408, 429, 5xx and unresolvable names, up to `maxAttempts`
 *   tries; the wait before try n+1 is a random share of `min(maxDelayMs, baseDelayMs × 2^(n-1))`.
 *   Then, or at once for a permanent failure (other statuses, a redirect, a forbidden
 *   destination), the row is a dead letter, listed and replayable.
 * - At most `concurrency` deliveries in flight; at most `maxPending` pending rows (more
 *   are recorded dead with `queue_full`); `maxPerTenant` subscriptions per tenant;
 *   delivered rows kept `keepDeliveredMs`.
 * - Destinations pass the SSRF guard at subscribe time (400) and on every delivery.
 *
 * The event source is the EventStore itself (`tapStore`): every appended, non-duplicate
 * event, once, on the node that appended it.
 *
 * @example
 *   const webhooks = createWebhooks({ store: openWebhookStore(path), guard, ...limits });
 *   const store = webhooks.tapStore(eventStore); // give this to the conversation service
 *   const { subscription, secret } = await webhooks.subscribe("t1", { url, events: ["message.created"] });
 */
import { randomBytes } from "node:crypto";
import type { DestinationGuard } from "../channels/destination.ts";
import { type DeliveryError, postSigned } from "../channels/webhook.ts";
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import type { SessionEvent } from "../events.ts";
import type { Logger } from "../logger.ts";
import { type EventStore, tapAppends } from "../storage/event-store.ts";
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
  webhookEventOf,
  webhookPayload,
  withDeliveryId,
} from "./events.ts";
import type { DeliveryStatus, Subscription, WebhookDelivery, WebhookStore } from "./store.sqlite.ts";

/** The header naming the delivery (stable across retries and replays). */
export const DELIVERY_ID_HEADER = "x-kefu-delivery";
/** The header naming the event type. */
export const EVENT_HEADER = "x-kefu-event";
/** The header carrying the signature's timestamp (Unix seconds), also inside the signature header. */
export const TIMESTAMP_HEADER = "x-kefu-timestamp";

/** What a delivery attempt ended as (metrics). */
export type DeliveryOutcome = "delivered" | "retried" | "dead" | "queue_full";

/** Options of `createWebhooks`. */
export interface WebhooksOptions {
  store: WebhookStore;
  guard: DestinationGuard;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  concurrency: number;
  maxPending: number;
  maxPerTenant: number;
  keepDeliveredMs: number;
  /**
   * Several nodes (a shared store): how often each node re-reads the subscriptions and looks
   * for due rows (other nodes' retries, leases of a node that died). Default 1000 ms.
   */
  pollMs?: number;
  /**
   * Several nodes: a row waits this long after it was enqueued before it is sent, so an
   * earlier event of the session enqueued by another node a moment later goes first.
   * Default 250 ms with a shared store, 0 with SQLite.
   */
  settleMs?: number;
  clock?: Clock;
  /** In [0, 1); the jitter. */
  random?: () => number;
  logger?: Logger;
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

/** A subscription as the admin API shows it (never its secret). */
export interface SubscriptionView {
  id: string;
  url: string;
  events: string[];
  description: string;
  created_at_ms: number;
}

/** A delivery as the admin API shows it. */
export interface DeliveryView {
  id: number;
  delivery_id: string;
  subscription_id: string;
  type: string;
  session_id: string;
  seq: number;
  status: DeliveryStatus;
  attempts: number;
  next_at_ms: number;
  last_error: string;
  last_status: number;
  created_at_ms: number;
  done_at_ms: number;
  event: unknown;
}

const DONE: Promise<void> = Promise.resolve();

/** The webhooks runtime. */
export type Webhooks = ReturnType<typeof createWebhooks>;

const deliveryId = (id: number) => `whd_${id}`;

const subscriptionView = (s: Subscription): SubscriptionView => ({
  id: s.id,
  url: s.url,
  events: s.events,
  description: s.description,
  created_at_ms: s.createdAtMs,
});

const deliveryView = (d: WebhookDelivery): DeliveryView => ({
  id: d.id,
  delivery_id: deliveryId(d.id),
  subscription_id: d.subscriptionId,
  type: d.type,
  session_id: d.sessionId,
  seq: d.seq,
  status: d.status,
  attempts: d.attempts,
  next_at_ms: d.nextAtMs,
  last_error: d.lastError,
  last_status: d.lastStatus,
  created_at_ms: d.createdAtMs,
  done_at_ms: d.doneAtMs,
  event: JSON.parse(withDeliveryId(deliveryId(d.id), d.payload)),
});

/**
 * Creates the runtime (see the module doc). Call `start()` to send what an earlier run left pending.
 *
 * @example
 *   const w = createWebhooks({ store, guard, maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 60_000, timeoutMs: 5000, concurrency: 8, maxPending: 100_000, maxPerTenant: 20, keepDeliveredMs: 72 * 3600_000 });
 */
export function createWebhooks(opts: WebhooksOptions) {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const { store } = opts;
  /** Subscriptions by tenant, mirrored from the store (the append path reads only memory). */
  let byTenant = new Map<string, Subscription[]>();
  let byId = new Map<string, Subscription>();
  const shared = store.kind !== "sqlite";
  const settleMs = opts.settleMs ?? (shared ? 250 : 0);
  // A row is leased to its sender for longer than any attempt can take.
  const leaseMs = opts.timeoutMs * 2 + 5_000;
  const reload = async () => {
    const nextTenant = new Map<string, Subscription[]>();
    const nextId = new Map<string, Subscription>();
    for (const s of await store.subscriptions()) {
      nextId.set(s.id, s);
      nextTenant.set(s.tenantId, [...(nextTenant.get(s.tenantId) ?? []), s]);
    }
    byTenant = nextTenant;
    byId = nextId;
  };
  let pendingCount = 0;
  /** The subscriptions and the pending count are read before the first event or delivery. */
  let loaded: Promise<void> | undefined;
  const load = () => {
    loaded ??= (async () => {
      await reload();
      pendingCount = await store.pendingCount();
      ready = true;
    })().catch((error) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
  /** The subscriptions have been read once (before that, every event waits for them). */
  let ready = false;
  let poll: ReturnType<typeof setInterval> | undefined;
  /** Enqueues per session, in call order (a session's events reach the outbox in seq order). */
  const chains = new Map<string, Promise<void>>();
  const inflight = new Set<string>();
  const running = new Set<Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let pumping = false;
  let again = false;
  let kicked = false;
  let closed = false;
  let stopping = false;
  let lastPrune = 0;

  function kick(): void {
    if (kicked || stopping) return;
    kicked = true;
    queueMicrotask(() => {
      kicked = false;
      void pump();
    });
  }

  /**
   * Starts every due head that fits. `dueAt`: the timer that fired was set for this time;
   * with it a manual clock (tests) need not be advanced: the timer's real wait is the backoff.
   */
  async function pump(dueAt = 0): Promise<void> {
    if (stopping) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    // One reading of the clock for the query and the timer: a row due between two readings is never lost.
    let now = Math.max(clock.now(), dueAt);
    try {
      await load();
      do {
        again = false;
        now = Math.max(clock.now(), dueAt);
        const free = opts.concurrency - inflight.size;
        if (free <= 0) break;
        // Claimed rows are leased to this node: no other node sends them meanwhile.
        for (const row of await store.claimDue(now, free, now + leaseMs, now - settleMs)) {
          const key = `${row.subscriptionId}\n${row.sessionId}\n${row.id}`;
          inflight.add(key);
          const p: Promise<void> = attempt(row)
            .catch((error) => opts.logger?.error("webhook delivery failed", { id: row.id, error }))
            .finally(() => {
              inflight.delete(key);
              running.delete(p);
              void pump();
            });
          running.add(p);
        }
      } while (again && !stopping);
      await schedule(now);
      await prune();
    } catch (error) {
      // The store failed (e.g. the disk): the rows stay pending; the next pump tries again.
      opts.logger?.error("webhook outbox pump failed", { error });
    } finally {
      pumping = false;
    }
  }

  /** Wakes the pump when the earliest backing-off head is due. */
  async function schedule(now: number): Promise<void> {
    const at = await store.nextDueAfter(now);
    if (stopping) return;
    if (at === undefined || (timer && at >= timerAt)) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        void pump(at);
      },
      Math.max(0, at - now),
    );
    timer.unref?.();
  }

  async function prune(): Promise<void> {
    const now = clock.now();
    if (now - lastPrune < 60_000) return;
    lastPrune = now;
    await store.pruneDelivered(now - opts.keepDeliveredMs);
  }

  async function attempt(row: WebhookDelivery): Promise<void> {
    const n = row.attempts + 1;
    const sub = byId.get(row.subscriptionId);
    let status = 0;
    try {
      if (!sub) throw new KefuError("subscription_deleted", `subscription ${row.subscriptionId} no longer exists`);
      status = await send(sub, row);
      await store.delivered(row.id, n, status, clock.now());
      pendingCount = Math.max(0, pendingCount - 1);
      opts.onOutcome?.("delivered");
    } catch (e) {
      if (closed) return;
      const retryable = e instanceof KefuError ? e.retryable : true;
      const why = e instanceof KefuError ? `${e.code}: ${e.message}` : String(e);
      status = (e as DeliveryError).answerStatus ?? 0;
      if (!retryable || n >= opts.maxAttempts) {
        await store.dead(row.id, n, why, status, clock.now());
        pendingCount = Math.max(0, pendingCount - 1);
        opts.onOutcome?.("dead");
        opts.logger?.warn("webhook delivery dead-lettered", {
          id: row.id,
          subscription: row.subscriptionId,
          sessionId: row.sessionId,
          seq: row.seq,
          error: why,
        });
        return;
      }
      const cap = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (n - 1));
      await store.retryLater(row.id, n, clock.now() + Math.floor(random() * cap), why, status);
      opts.onOutcome?.("retried");
    }
  }

  /** POSTs one delivery; resolves with the 2xx status, throws KefuError otherwise. */
  async function send(sub: Subscription, row: WebhookDelivery): Promise<number> {
    const id = deliveryId(row.id);
    const nowMs = clock.now();
    return postSigned(opts.guard.fetch, {
      url: sub.url,
      secret: sub.secret,
      body: withDeliveryId(id, row.payload),
      headers: {
        "user-agent": "kefu-webhooks/1",
        [DELIVERY_ID_HEADER]: id,
        [EVENT_HEADER]: row.type,
        [TIMESTAMP_HEADER]: String(Math.floor(nowMs / 1000)),
      },
      timeoutMs: opts.timeoutMs,
      nowMs,
    });
  }

  /**
   * Enqueues an appended event for every subscription of its tenant that wants it; a
   * session's events are enqueued one after the other, in call order.
   */
  function onEvent(e: SessionEvent): Promise<void> {
    // The append path of every tenant passes here: a tenant without subscriptions costs a map lookup.
    if (ready && !byTenant.has(e.tenantId) && !chains.has(e.sessionId)) return DONE;
    const prev = chains.get(e.sessionId) ?? Promise.resolve();
    const next = prev.then(() => enqueueEvent(e));
    const tail = next.catch(() => {});
    chains.set(e.sessionId, tail);
    void tail.then(() => {
      if (chains.get(e.sessionId) === tail) chains.delete(e.sessionId);
    });
    return next;
  }

  async function enqueueEvent(e: SessionEvent): Promise<void> {
    await load();
    const subs = byTenant.get(e.tenantId);
    if (!subs || subs.length === 0) return;
    const ev = webhookEventOf(e);
    if (!ev) return;
    const wanted = subs.filter((s) => s.events.includes(ev.type));
    if (wanted.length === 0) return;
    const payload = webhookPayload(e, ev);
    const now = clock.now();
    const rows = wanted.map((s) => {
      const full = pendingCount >= opts.maxPending;
      if (!full) pendingCount++;
      else opts.onOutcome?.("queue_full");
      return {
        subscriptionId: s.id,
        tenantId: e.tenantId,
        sessionId: e.sessionId,
        seq: e.seq,
        type: ev.type,
        payload,
        atMs: now,
        ...(full ? { deadError: `queue_full: ${opts.maxPending} deliveries pending` } : {}),
      };
    });
    const added = await store.enqueue(rows);
    // An event enqueued before (a replayed append) is one delivery: give back what was not added.
    if (added < rows.length) pendingCount = await store.pendingCount();
    kick();
    // Sent after the settle time (several nodes): look again then.
    if (settleMs > 0 && !stopping) setTimeout(() => void pump(), settleMs + 1).unref?.();
  }

  const notFound = (what: string) => new KefuError("not_found", what, { status: 404 });

  return {
    /** Sends what an earlier run left pending. */
    start(): void {
      kick();
      if (shared && !poll) {
        // Other nodes' subscriptions, retries and expired leases.
        poll = setInterval(() => {
          void reload()
            .then(() => pump())
            .catch((error) => opts.logger?.warn("webhook subscriptions reload failed", { error }));
        }, opts.pollMs ?? 1_000);
        poll.unref?.();
      }
    },

    /**
     * Subscribes `url` to `events` for a tenant; the secret is returned here only.
     * Throws 400 `destination_invalid` / `destination_forbidden` / `destination_unresolvable`
     * (SSRF guard), 400 `invalid_request` (events), 409 `subscription_limit`.
     */
    async subscribe(
      tenantId: string,
      input: { url: string; events: string[]; description?: string },
    ): Promise<{ subscription: SubscriptionView; secret: string }> {
      const events = [...new Set(input.events)];
      const unknown = events.filter((t) => !WEBHOOK_EVENT_TYPES.includes(t as WebhookEventType));
      if (events.length === 0 || unknown.length > 0)
        throw new KefuError(
          "invalid_request",
          `events must name one or more of ${WEBHOOK_EVENT_TYPES.join(", ")}${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}`,
          { status: 400 },
        );
      await opts.guard.check(input.url);
      await load();
      await reload(); // another node may have added one
      if ((byTenant.get(tenantId)?.length ?? 0) >= opts.maxPerTenant)
        throw new KefuError("subscription_limit", `a tenant has at most ${opts.maxPerTenant} event subscriptions`, {
          status: 409,
        });
      const s: Subscription = {
        id: `wh_${randomBytes(8).toString("hex")}`,
        tenantId,
        url: input.url,
        events,
        secret: `whsec_${randomBytes(24).toString("base64url")}`,
        description: input.description ?? "",
        createdAtMs: clock.now(),
      };
      await store.createSubscription(s);
      await reload();
      return { subscription: subscriptionView(s), secret: s.secret };
    },

    /** A tenant's subscriptions, oldest first (from the store: every node's). */
    async subscriptions(tenantId: string): Promise<SubscriptionView[]> {
      return (await store.subscriptions(tenantId)).map(subscriptionView);
    },

    /** Deletes a subscription and its deliveries; 404 `not_found` when the tenant has none by that id. */
    async unsubscribe(tenantId: string, id: string): Promise<SubscriptionView> {
      const s = (await store.subscriptions(tenantId)).find((x) => x.id === id);
      if (!s || !(await store.deleteSubscription(tenantId, id))) throw notFound(`no event subscription ${id}`);
      await reload();
      pendingCount = await store.pendingCount();
      return subscriptionView(s);
    },

    /** A tenant's deliveries, oldest first, after id `after`. */
    async deliveries(q: {
      tenantId: string;
      status?: DeliveryStatus;
      subscriptionId?: string;
      after?: number;
      limit: number;
    }): Promise<DeliveryView[]> {
      return (
        await store.list({
          tenantId: q.tenantId,
          limit: q.limit,
          ...(q.status ? { status: q.status } : {}),
          ...(q.subscriptionId ? { subscriptionId: q.subscriptionId } : {}),
          ...(q.after ? { afterId: q.after } : {}),
        })
      ).map(deliveryView);
    },

    /** Sends a dead letter again (same delivery id); 404 unknown, 409 `not_dead` when it is not a dead letter. */
    async replay(tenantId: string, id: number): Promise<DeliveryView> {
      const d = await store.get(id);
      if (!d || d.tenantId !== tenantId) throw notFound(`no delivery ${id}`);
      const again = await store.replay(tenantId, id, clock.now());
      if (!again) throw new KefuError("not_dead", `delivery ${id} is ${d.status}, not a dead letter`, { status: 409 });
      pendingCount++;
      kick();
      return deliveryView(again);
    },

    /** Feeds one appended event (what `tapStore` does for every append). */
    onEvent,

    /**
     * Wraps an EventStore so each appended, non-duplicate event is offered to the
     * subscriptions; a failure here is logged, never the append's.
     */
    tapStore<T extends Pick<EventStore, "append">>(inner: T): T {
      // Awaited: the event is in the outbox before anyone (another node included) hears of it.
      return tapAppends(inner, onEvent, (error, e) =>
        opts.logger?.error("webhook enqueue failed", { sessionId: e.sessionId, seq: e.seq, error }),
      );
    },

    /** Pending deliveries (waiting or in flight). */
    get pending(): number {
      return pendingCount;
    },

    /** Resolves when nothing is in flight and nothing is due now (later retries may remain). */
    async idle(): Promise<void> {
      for (;;) {
        await new Promise<void>((r) => queueMicrotask(r));
        await Promise.all([...chains.values()]);
        if (running.size === 0) {
          // A pump that starts nothing found nothing due.
          while (pumping) await new Promise((r) => setTimeout(r, 1));
          await pump();
          if (running.size === 0) return;
        }
        await Promise.all([...running]);
      }
    },

    /** Stops sending (waits up to `timeoutMs` for deliveries in flight); pending rows stay for the next start. */
    async close(timeoutMs = 2000): Promise<void> {
      // No new attempts from here on; the ones in flight may finish and record their outcome.
      stopping = true;
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      let t: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all([...running]),
        new Promise<void>((r) => {
          t = setTimeout(r, timeoutMs);
        }),
      ]);
      clearTimeout(t);
      closed = true;
      await store.close();
    },
  };
}
