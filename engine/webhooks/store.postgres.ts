/**
 * Event subscriptions and their delivery outbox in PostgreSQL (migration 0005): the
 * at-scale adapter of the WebhookStore port, shared by every node. Same rows and rules
 * as the SQLite adapter (store.sqlite.ts; both pass store.contract.ts):
 *
 * - one row per (subscription, session, seq), UNIQUE, so an event enqueued twice is one
 *   delivery;
 * - only the head of a (subscription, session) — its pending row of lowest `seq` — is due,
 *   so a session's events go out in order;
 * - `claimDue` takes due heads with `FOR UPDATE SKIP LOCKED` and moves their `next_at_ms`
 *   to the lease's end: two nodes never send the same row at once, and a row whose node
 *   died is due again when the lease runs out.
 *
 * @example
 *   const store = createPostgresWebhookStore({ url: process.env.KEFU_STORAGE_POSTGRES_URL! });
 *   const rows = await store.claimDue(Date.now(), 8, Date.now() + 30_000);
 */
import { type LazyPostgresOptions, lazyPostgres } from "../storage/lazy-postgres.ts";
import {
  DELIVERY_COLUMNS,
  type DeliveryQuery,
  deliveryValues,
  deliveryFromRow as fromRow,
  type NewDelivery,
  type DeliveryRow as Row,
  type SubscriptionRow as SubRow,
  subscriptionFromRow as subFromRow,
  type WebhookStore,
} from "./store.sqlite.ts";

/** Options of the PostgreSQL adapter. */
export type PostgresWebhookStoreOptions = LazyPostgresOptions;

/** Connects lazily (migrating on first use) and returns the store. */
export function createPostgresWebhookStore(opts: PostgresWebhookStoreOptions): WebhookStore {
  const db = lazyPostgres(opts, "the webhook store");
  const q = db.query;
  const D = "kefu_webhook_deliveries";

  return {
    kind: "postgres",
    async createSubscription(s) {
      await q(
        "INSERT INTO kefu_webhook_subscriptions (id, tenant_id, url, events, secret, description, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [s.id, s.tenantId, s.url, s.events.join(","), s.secret, s.description, s.createdAtMs],
      );
    },
    async subscriptions(tenantId) {
      const r =
        tenantId === undefined
          ? await q<SubRow>("SELECT * FROM kefu_webhook_subscriptions ORDER BY created_at_ms, id")
          : await q<SubRow>(
              "SELECT * FROM kefu_webhook_subscriptions WHERE tenant_id = $1 ORDER BY created_at_ms, id",
              [tenantId],
            );
      return r.rows.map(subFromRow);
    },
    async deleteSubscription(tenantId, id) {
      // One statement: the subscription and its deliveries go together.
      const r = await q<{ n: string }>(
        `WITH gone AS (DELETE FROM kefu_webhook_subscriptions WHERE tenant_id = $1 AND id = $2 RETURNING id),
              rows AS (DELETE FROM ${D} WHERE subscription_id IN (SELECT id FROM gone))
         SELECT count(*) AS n FROM gone`,
        [tenantId, id],
      );
      return Number(r.rows[0]?.n ?? 0) > 0;
    },
    async enqueue(rows: NewDelivery[]) {
      if (rows.length === 0) return 0;
      const args: unknown[] = [];
      const tuples = rows.map((r) => {
        const vals = deliveryValues(r);
        const at = args.length;
        args.push(...vals);
        return `(${vals.map((_, i) => `$${at + i + 1}`).join(", ")})`;
      });
      const r = await q(
        `INSERT INTO ${D} (${DELIVERY_COLUMNS.join(", ")}) VALUES ${tuples.join(", ")} ON CONFLICT (subscription_id, session_id, seq) DO NOTHING`,
        args,
      );
      return r.rowCount ?? 0;
    },
    async pendingCount() {
      const r = await q<{ n: string }>(`SELECT count(*) AS n FROM ${D} WHERE status = 'pending'`);
      return Number(r.rows[0]?.n ?? 0);
    },
    async claimDue(nowMs, limit, leaseUntilMs, createdBeforeMs = nowMs) {
      if (limit <= 0) return [];
      const r = await q<Row>(
        `UPDATE ${D} SET next_at_ms = $3 WHERE id IN (
           SELECT d.id FROM ${D} d WHERE d.status = 'pending' AND d.next_at_ms <= $1 AND d.created_at_ms <= $4
             AND NOT EXISTS (SELECT 1 FROM ${D} p WHERE p.status = 'pending'
               AND p.subscription_id = d.subscription_id AND p.session_id = d.session_id AND p.seq < d.seq)
           ORDER BY d.id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [nowMs, limit, leaseUntilMs, createdBeforeMs],
      );
      return r.rows.map(fromRow).sort((a, b) => a.id - b.id);
    },
    async nextDueAfter(nowMs) {
      const r = await q<{ at: string | null }>(
        `SELECT min(next_at_ms) AS at FROM ${D} WHERE status = 'pending' AND next_at_ms > $1`,
        [nowMs],
      );
      const at = r.rows[0]?.at;
      return at === null || at === undefined ? undefined : Number(at);
    },
    async delivered(id, attempts, lastStatus, atMs) {
      await q(
        `UPDATE ${D} SET status = 'delivered', attempts = $1, last_status = $2, last_error = '', done_at_ms = $3 WHERE id = $4`,
        [attempts, lastStatus, atMs, id],
      );
    },
    async retryLater(id, attempts, nextAtMs, error, lastStatus) {
      await q(`UPDATE ${D} SET attempts = $1, next_at_ms = $2, last_error = $3, last_status = $4 WHERE id = $5`, [
        attempts,
        nextAtMs,
        error.slice(0, 1000),
        lastStatus,
        id,
      ]);
    },
    async dead(id, attempts, error, lastStatus, atMs) {
      await q(
        `UPDATE ${D} SET status = 'dead', attempts = $1, last_error = $2, last_status = $3, done_at_ms = $4 WHERE id = $5`,
        [attempts, error.slice(0, 1000), lastStatus, atMs, id],
      );
    },
    async get(id) {
      const r = await q<Row>(`SELECT * FROM ${D} WHERE id = $1`, [id]);
      const row = r.rows[0];
      return row ? fromRow(row) : undefined;
    },
    async list(qy: DeliveryQuery) {
      const where = ["tenant_id = $1", "id > $2"];
      const args: unknown[] = [qy.tenantId, qy.afterId ?? 0];
      if (qy.status) {
        args.push(qy.status);
        where.push(`status = $${args.length}`);
      }
      if (qy.subscriptionId) {
        args.push(qy.subscriptionId);
        where.push(`subscription_id = $${args.length}`);
      }
      args.push(qy.limit);
      const r = await q<Row>(`SELECT * FROM ${D} WHERE ${where.join(" AND ")} ORDER BY id LIMIT $${args.length}`, args);
      return r.rows.map(fromRow);
    },
    async replay(tenantId, id, nowMs) {
      const r = await q<Row>(
        `UPDATE ${D} SET status = 'pending', attempts = 0, next_at_ms = $1, done_at_ms = 0
         WHERE id = $2 AND tenant_id = $3 AND status = 'dead' RETURNING *`,
        [nowMs, id, tenantId],
      );
      const row = r.rows[0];
      return row ? fromRow(row) : undefined;
    },
    async pruneDelivered(beforeMs) {
      const r = await q(`DELETE FROM ${D} WHERE status = 'delivered' AND done_at_ms < $1`, [beforeMs]);
      return r.rowCount ?? 0;
    },
    async close() {
      await db.close();
    },
  };
}
