/**
 * Event subscriptions and their delivery outbox, in `<dataDir>/webhooks.db` (SQLite).
 *
 * - `webhook_subscriptions`: a tenant's URL, the event types it wants, its signing secret.
 * - `webhook_deliveries`: one row per (subscription, session, seq) — the UNIQUE key
 *   makes an event enqueued twice one delivery. A row is `pending` (with `next_at_ms`,
 *   its next try), `delivered` or `dead` (a dead letter); a replay makes a dead row
 *   pending again. The head of a (subscription, session) is its pending row of lowest
 *   `seq`: only heads are due, so a session's events go out in order.
 *
 * One node (a file on this machine); several nodes use the PostgreSQL adapter.
 *
 * @example
 *   const store = openWebhookStore(":memory:");
 *   await store.createSubscription({ id: "wh_1", tenantId: "t1", url, events: ["session.closed"], secret, description: "", createdAtMs: 0 });
 *   await store.enqueue([{ subscriptionId: "wh_1", tenantId: "t1", sessionId: "s1", seq: 9, type: "session.closed", payload: "{}", atMs: 0 }]);
 *   await store.claimDue(Date.now(), 10, Date.now() + 30_000); // [the row], leased for 30 s
 */
import { Database } from "bun:sqlite";

/** A tenant's subscription (the secret included: the store is the signer's). */
export interface Subscription {
  id: string;
  tenantId: string;
  url: string;
  events: string[];
  secret: string;
  description: string;
  createdAtMs: number;
}

/** Where a delivery stands. */
export type DeliveryStatus = "pending" | "delivered" | "dead";

/** One event on its way to one subscription. */
export interface WebhookDelivery {
  id: number;
  subscriptionId: string;
  tenantId: string;
  sessionId: string;
  seq: number;
  type: string;
  /** The JSON sent, without its `id` (engine/webhooks/events.ts). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAtMs: number;
  lastError: string;
  /** HTTP status of the last answer (0: none, e.g. a network error). */
  lastStatus: number;
  createdAtMs: number;
  /** When it was delivered or dead-lettered (0: pending). */
  doneAtMs: number;
}

/** A delivery to add. */
export interface NewDelivery {
  subscriptionId: string;
  tenantId: string;
  sessionId: string;
  seq: number;
  type: string;
  payload: string;
  atMs: number;
  /** Added straight as a dead letter with this error (the outbox is full). */
  deadError?: string;
}

/** The filter of `list`. */
export interface DeliveryQuery {
  tenantId: string;
  status?: DeliveryStatus;
  subscriptionId?: string;
  afterId?: number;
  limit: number;
}

/**
 * The WebhookStore port: subscriptions and the outbox. Adapters: SQLite (this file, one
 * node) and PostgreSQL (store.postgres.ts, shared by every node); both pass store.contract.ts.
 */
export interface WebhookStore {
  readonly kind: "sqlite" | "postgres";
  createSubscription(s: Subscription): Promise<void>;
  subscriptions(tenantId?: string): Promise<Subscription[]>;
  /** Deletes a subscription and all its deliveries; false when the tenant has no such subscription. */
  deleteSubscription(tenantId: string, id: string): Promise<boolean>;
  /** Adds deliveries (an existing (subscription, session, seq) is kept as is); returns how many were added. */
  enqueue(rows: NewDelivery[]): Promise<number>;
  pendingCount(): Promise<number>;
  /**
   * Claims heads due at `nowMs` (oldest first, at most `limit`): their `nextAtMs` moves to
   * `leaseUntilMs`, so no other worker takes them until the sender records an outcome or
   * the lease runs out (its node died). `createdBeforeMs` (default `nowMs`): only rows
   * enqueued by then — a settle time that lets another node's earlier event arrive first.
   */
  claimDue(nowMs: number, limit: number, leaseUntilMs: number, createdBeforeMs?: number): Promise<WebhookDelivery[]>;
  /** The earliest `next_at_ms` after `nowMs` of a pending row (a head backing off or leased), if any. */
  nextDueAfter(nowMs: number): Promise<number | undefined>;
  delivered(id: number, attempts: number, lastStatus: number, atMs: number): Promise<void>;
  retryLater(id: number, attempts: number, nextAtMs: number, error: string, lastStatus: number): Promise<void>;
  dead(id: number, attempts: number, error: string, lastStatus: number, atMs: number): Promise<void>;
  get(id: number): Promise<WebhookDelivery | undefined>;
  list(q: DeliveryQuery): Promise<WebhookDelivery[]>;
  /** Makes a dead delivery of the tenant pending again (attempts from 0); undefined when there is none. */
  replay(tenantId: string, id: number, nowMs: number): Promise<WebhookDelivery | undefined>;
  /** Deletes delivered rows done before `beforeMs`; returns how many. */
  pruneDelivered(beforeMs: number): Promise<number>;
  close(): Promise<void>;
}

/** The columns an enqueued delivery writes, in the order of {@link deliveryValues}. */
export const DELIVERY_COLUMNS = [
  "subscription_id",
  "tenant_id",
  "session_id",
  "seq",
  "type",
  "payload",
  "status",
  "next_at_ms",
  "last_error",
  "created_at_ms",
  "done_at_ms",
] as const;

/** The values of a new delivery row (both adapters): pending, or dead at once with its error. */
export const deliveryValues = (r: NewDelivery): (string | number)[] => [
  r.subscriptionId,
  r.tenantId,
  r.sessionId,
  r.seq,
  r.type,
  r.payload,
  r.deadError ? "dead" : "pending",
  r.atMs,
  r.deadError?.slice(0, 1000) ?? "",
  r.atMs,
  r.deadError ? r.atMs : 0,
];

/** A delivery row as either adapter reads it (PostgreSQL returns bigints as strings). */
export interface DeliveryRow {
  id: number | string;
  subscription_id: string;
  tenant_id: string;
  session_id: string;
  seq: number | string;
  type: string;
  payload: string;
  status: string;
  attempts: number;
  next_at_ms: number | string;
  last_error: string;
  last_status: number;
  created_at_ms: number | string;
  done_at_ms: number | string;
}
type Row = DeliveryRow;

/** A delivery from its row (both adapters). */
export const deliveryFromRow = (r: DeliveryRow): WebhookDelivery => ({
  id: Number(r.id),
  subscriptionId: r.subscription_id,
  tenantId: r.tenant_id,
  sessionId: r.session_id,
  seq: Number(r.seq),
  type: r.type,
  payload: r.payload,
  status: r.status as DeliveryStatus,
  attempts: r.attempts,
  nextAtMs: Number(r.next_at_ms),
  lastError: r.last_error,
  lastStatus: r.last_status,
  createdAtMs: Number(r.created_at_ms),
  doneAtMs: Number(r.done_at_ms),
});
const fromRow = deliveryFromRow;

/** A subscription row as either adapter reads it. */
export interface SubscriptionRow {
  id: string;
  tenant_id: string;
  url: string;
  events: string;
  secret: string;
  description: string;
  created_at_ms: number | string;
}
type SubRow = SubscriptionRow;

/** A subscription from its row (both adapters; events are stored comma-separated). */
export const subscriptionFromRow = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  tenantId: r.tenant_id,
  url: r.url,
  events: r.events.split(",").filter(Boolean),
  secret: r.secret,
  description: r.description,
  createdAtMs: Number(r.created_at_ms),
});
const subFromRow = subscriptionFromRow;

/**
 * Opens (creating) the store at `path` (":memory:" for tests).
 *
 * @example
 *   const store = openWebhookStore(join(config.dataDir, "webhooks.db"));
 */
export function openWebhookStore(path: string): WebhookStore {
  const db = new Database(path, { create: true, strict: true });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, url TEXT NOT NULL, events TEXT NOT NULL,
    secret TEXT NOT NULL, description TEXT NOT NULL, created_at_ms INTEGER NOT NULL)`);
  db.exec("CREATE INDEX IF NOT EXISTS webhook_subscriptions_tenant ON webhook_subscriptions (tenant_id)");
  db.exec(`CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT, subscription_id TEXT NOT NULL, tenant_id TEXT NOT NULL,
    session_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,
    status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at_ms INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT '', last_status INTEGER NOT NULL DEFAULT 0,
    created_at_ms INTEGER NOT NULL, done_at_ms INTEGER NOT NULL DEFAULT 0,
    UNIQUE (subscription_id, session_id, seq))`);
  db.exec(
    "CREATE INDEX IF NOT EXISTS webhook_deliveries_heads ON webhook_deliveries (status, subscription_id, session_id, seq)",
  );
  db.exec("CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_at_ms)");
  db.exec("CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries (status, id)");
  db.exec("CREATE INDEX IF NOT EXISTS webhook_deliveries_tenant ON webhook_deliveries (tenant_id, id)");

  const insertSub = db.query(
    "INSERT INTO webhook_subscriptions (id, tenant_id, url, events, secret, description, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const allSubs = db.query<SubRow, []>("SELECT * FROM webhook_subscriptions ORDER BY created_at_ms, id");
  const tenantSubs = db.query<SubRow, [string]>(
    "SELECT * FROM webhook_subscriptions WHERE tenant_id = ? ORDER BY created_at_ms, id",
  );
  const delSub = db.query("DELETE FROM webhook_subscriptions WHERE tenant_id = ? AND id = ?");
  const delSubDeliveries = db.query("DELETE FROM webhook_deliveries WHERE subscription_id = ?");
  const insert = db.query<unknown, (string | number)[]>(
    `INSERT OR IGNORE INTO webhook_deliveries (${DELIVERY_COLUMNS.join(", ")}) VALUES (${DELIVERY_COLUMNS.map(() => "?").join(", ")})`,
  );
  const pending = db.query<{ n: number }, []>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'");
  const heads = db.query<Row, [number, number, number]>(
    // Pending rows in id order (the oldest events first), stopping at `limit` heads: no sort, no full scan.
    `SELECT * FROM webhook_deliveries d INDEXED BY webhook_deliveries_pending WHERE d.status = 'pending' AND d.next_at_ms <= ?
       AND d.created_at_ms <= ?
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.status = 'pending'
         AND p.subscription_id = d.subscription_id AND p.session_id = d.session_id AND p.seq < d.seq)
     ORDER BY d.id LIMIT ?`,
  );
  const nextDue = db.query<{ at: number | null }, [number]>(
    "SELECT MIN(next_at_ms) AS at FROM webhook_deliveries WHERE status = 'pending' AND next_at_ms > ?",
  );
  const setDelivered = db.query(
    "UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = '', done_at_ms = ? WHERE id = ?",
  );
  const setRetry = db.query(
    "UPDATE webhook_deliveries SET attempts = ?, next_at_ms = ?, last_error = ?, last_status = ? WHERE id = ?",
  );
  const setDead = db.query(
    "UPDATE webhook_deliveries SET status = 'dead', attempts = ?, last_error = ?, last_status = ?, done_at_ms = ? WHERE id = ?",
  );
  const getOne = db.query<Row, [number]>("SELECT * FROM webhook_deliveries WHERE id = ?");
  const lease = db.query("UPDATE webhook_deliveries SET next_at_ms = ? WHERE id = ?");
  const setReplay = db.query(
    "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_at_ms = ?, done_at_ms = 0 WHERE id = ? AND tenant_id = ? AND status = 'dead'",
  );
  const prune = db.query("DELETE FROM webhook_deliveries WHERE status = 'delivered' AND done_at_ms < ?");

  return {
    kind: "sqlite",
    async createSubscription(s) {
      insertSub.run(s.id, s.tenantId, s.url, s.events.join(","), s.secret, s.description, s.createdAtMs);
    },
    async subscriptions(tenantId) {
      return (tenantId === undefined ? allSubs.all() : tenantSubs.all(tenantId)).map(subFromRow);
    },
    async deleteSubscription(tenantId, id) {
      return db.transaction(() => {
        const gone = delSub.run(tenantId, id).changes > 0;
        if (gone) delSubDeliveries.run(id);
        return gone;
      })();
    },
    async enqueue(rows) {
      return db.transaction(() => {
        let n = 0;
        for (const r of rows) {
          n += insert.run(...deliveryValues(r)).changes;
        }
        return n;
      })();
    },
    pendingCount: async () => pending.get()?.n ?? 0,
    async claimDue(nowMs, limit, leaseUntilMs, createdBeforeMs = nowMs) {
      if (limit <= 0) return [];
      return db.transaction(() => {
        const rows = heads.all(nowMs, createdBeforeMs, limit).map(fromRow);
        for (const r of rows) lease.run(leaseUntilMs, r.id);
        return rows.map((r) => ({ ...r, nextAtMs: leaseUntilMs }));
      })();
    },
    async nextDueAfter(nowMs) {
      return nextDue.get(nowMs)?.at ?? undefined;
    },
    async delivered(id, attempts, lastStatus, atMs) {
      setDelivered.run(attempts, lastStatus, atMs, id);
    },
    async retryLater(id, attempts, nextAtMs, error, lastStatus) {
      setRetry.run(attempts, nextAtMs, error.slice(0, 1000), lastStatus, id);
    },
    async dead(id, attempts, error, lastStatus, atMs) {
      setDead.run(attempts, error.slice(0, 1000), lastStatus, atMs, id);
    },
    async get(id) {
      const r = getOne.get(id);
      return r ? fromRow(r) : undefined;
    },
    async list(q) {
      const where = ["tenant_id = ?", "id > ?"];
      const args: (string | number)[] = [q.tenantId, q.afterId ?? 0];
      if (q.status) {
        where.push("status = ?");
        args.push(q.status);
      }
      if (q.subscriptionId) {
        where.push("subscription_id = ?");
        args.push(q.subscriptionId);
      }
      args.push(q.limit);
      return db
        .query<Row, (string | number)[]>(
          `SELECT * FROM webhook_deliveries WHERE ${where.join(" AND ")} ORDER BY id LIMIT ?`,
        )
        .all(...args)
        .map(fromRow);
    },
    async replay(tenantId, id, nowMs) {
      return db.transaction(() => {
        if (setReplay.run(nowMs, id, tenantId).changes === 0) return undefined;
        const r = getOne.get(id);
        return r ? fromRow(r) : undefined;
      })();
    },
    pruneDelivered: async (beforeMs) => prune.run(beforeMs).changes,
    close: async () => db.close(),
  };
}
