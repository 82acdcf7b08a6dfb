/**
 * The channels' own small SQLite file (`<dataDir>/channels.db`): which kefu visitor
 * session a channel's user writes to, the dead letters of outbound deliveries that
 * exhausted their retries, and the channels tenants configured themselves
 * (`channel_configs`). Nothing here touches the EventStore's tables.
 *
 * One node (a file on this machine); several nodes use the PostgreSQL adapter
 * (store.postgres.ts). The mapping is keyed by (channel, user), so a redelivered inbound
 * message lands in the same session and the EventStore's `client_msg_id` dedupe makes it
 * one message.
 *
 * @example
 *   const store = openChannelStore(":memory:");
 *   await store.bind("webhook:shop", "u1", { tenantId: "t", sessionId: "s", visitorId: "v" });
 *   (await store.binding("webhook:shop", "u1"))?.sessionId; // "s"
 */
import { Database } from "bun:sqlite";

/** Sessions whose owner (a channel, or none) is kept in memory; the oldest is forgotten first. */
export const MAX_CACHED_OWNERS = 100_000;

/** A channel user's kefu session. */
export interface ChannelBinding {
  tenantId: string;
  sessionId: string;
  visitorId: string;
}

/** A delivery that failed every attempt: the message, and why and when it was given up. */
export interface DeadLetter {
  id: number;
  channel: string;
  userId: string;
  tenantId: string;
  sessionId: string;
  seq: number;
  actor: "bot" | "agent";
  text: string;
  /** When the message was stored. */
  messageAtUnixMs: number;
  attempts: number;
  error: string;
  /** When it was dead-lettered. */
  atUnixMs: number;
}

/** A channel a tenant configured itself (today: generic webhook channels). */
export interface ChannelConfig {
  kind: string;
  /** Unique per kind across tenants: it is the inbound path's `:channel`. */
  name: string;
  tenantId: string;
  /** Signs inbound requests and kefu's outbound replies (HMAC-SHA256). */
  secret: string;
  /** Where replies go; empty: none. */
  outboundUrl: string;
  createdAtMs: number;
}

/**
 * The ChannelStore port: channel bindings, dead letters and tenants' channel configs.
 * Adapters: SQLite (this file, one node) and PostgreSQL (store.postgres.ts, shared by
 * every node); both pass store.contract.ts.
 */
export interface ChannelStore {
  readonly kind: "sqlite" | "postgres";
  /** Adds a channel config; false when (kind, name) is taken. */
  addConfig(c: ChannelConfig): Promise<boolean>;
  config(kind: string, name: string): Promise<ChannelConfig | undefined>;
  /** A tenant's channel configs, oldest first. */
  configs(tenantId: string): Promise<ChannelConfig[]>;
  /** Deletes a tenant's channel config; false when the tenant has none by that kind and name. */
  deleteConfig(tenantId: string, kind: string, name: string): Promise<boolean>;
  binding(channel: string, userId: string): Promise<ChannelBinding | undefined>;
  /** The channel and user of a session, if a channel opened it (remembered in memory once read). */
  bySession(sessionId: string): Promise<{ channel: string; userId: string } | undefined>;
  /** Sets (or replaces, when the old session closed) a user's session. */
  bind(channel: string, userId: string, b: ChannelBinding): Promise<void>;
  deadLetter(d: Omit<DeadLetter, "id">): Promise<void>;
  /** The oldest dead letters first, after id `afterId`. */
  deadLetters(limit: number, afterId?: number): Promise<DeadLetter[]>;
  /** Removes a dead letter and returns it (undefined: no such id). */
  takeDeadLetter(id: number): Promise<DeadLetter | undefined>;
  close(): Promise<void>;
}

/** The values of a dead-letter row, in the column order both adapters insert. */
export const deadLetterValues = (d: Omit<DeadLetter, "id">): (string | number)[] => [
  d.channel,
  d.userId,
  d.tenantId,
  d.sessionId,
  d.seq,
  d.actor,
  d.text,
  d.messageAtUnixMs,
  d.attempts,
  d.error.slice(0, 1000),
  d.atUnixMs,
];

/**
 * Sessions' owners (a channel user, or none) remembered in memory by both adapters: a
 * session's owner never changes once bound, and every bot or agent message asks for it.
 * The oldest entry is forgotten first past {@link MAX_CACHED_OWNERS}.
 */
export function ownerCache() {
  const owners = new Map<string, { channel: string; userId: string } | null>();
  return {
    get: (sessionId: string) => owners.get(sessionId),
    remember(sessionId: string, owner: { channel: string; userId: string } | null): void {
      if (owners.size >= MAX_CACHED_OWNERS) owners.delete(owners.keys().next().value as string);
      owners.set(sessionId, owner);
    },
  };
}

/** A dead-letter row as either adapter reads it. */
export interface DeadRow {
  id: number | string;
  channel: string;
  user_id: string;
  tenant_id: string;
  session_id: string;
  seq: number | string;
  actor: string;
  text: string;
  message_at_ms: number | string;
  attempts: number;
  error: string;
  at_ms: number | string;
}

/** A dead letter from its row (both adapters; PostgreSQL returns bigints as strings). */
export const deadLetterFromRow = (r: DeadRow): DeadLetter => ({
  id: Number(r.id),
  channel: r.channel,
  userId: r.user_id,
  tenantId: r.tenant_id,
  sessionId: r.session_id,
  seq: Number(r.seq),
  actor: r.actor === "agent" ? "agent" : "bot",
  text: r.text,
  messageAtUnixMs: Number(r.message_at_ms),
  attempts: r.attempts,
  error: r.error,
  atUnixMs: Number(r.at_ms),
});
const fromRow = deadLetterFromRow;

/** A channel config row as either adapter reads it. */
export interface ConfigRow {
  kind: string;
  name: string;
  tenant_id: string;
  secret: string;
  outbound_url: string;
  created_at_ms: number | string;
}

/** A channel config from its row (both adapters). */
export const configFromRow = (r: ConfigRow): ChannelConfig => ({
  kind: r.kind,
  name: r.name,
  tenantId: r.tenant_id,
  secret: r.secret,
  outboundUrl: r.outbound_url,
  createdAtMs: Number(r.created_at_ms),
});

/**
 * Opens (creating) the store at `path` (":memory:" for tests).
 *
 * @example
 *   const store = openChannelStore(join(config.dataDir, "channels.db"));
 */
export function openChannelStore(path: string): ChannelStore {
  const db = new Database(path, { create: true, strict: true });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`CREATE TABLE IF NOT EXISTS channel_users (
    channel TEXT NOT NULL, user_id TEXT NOT NULL, tenant_id TEXT NOT NULL,
    session_id TEXT NOT NULL, visitor_id TEXT NOT NULL, PRIMARY KEY (channel, user_id))`);
  db.exec("CREATE INDEX IF NOT EXISTS channel_users_session ON channel_users (session_id)");
  db.exec(`CREATE TABLE IF NOT EXISTS channel_dead_letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, user_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL, session_id TEXT NOT NULL, seq INTEGER NOT NULL, actor TEXT NOT NULL,
    text TEXT NOT NULL, message_at_ms INTEGER NOT NULL, attempts INTEGER NOT NULL,
    error TEXT NOT NULL, at_ms INTEGER NOT NULL)`);
  db.exec(`CREATE TABLE IF NOT EXISTS channel_configs (
    kind TEXT NOT NULL, name TEXT NOT NULL, tenant_id TEXT NOT NULL, secret TEXT NOT NULL,
    outbound_url TEXT NOT NULL, created_at_ms INTEGER NOT NULL, PRIMARY KEY (kind, name))`);
  db.exec("CREATE INDEX IF NOT EXISTS channel_configs_tenant ON channel_configs (tenant_id)");
  const addConfig = db.query(
    "INSERT OR IGNORE INTO channel_configs (kind, name, tenant_id, secret, outbound_url, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const getConfig = db.query<ConfigRow, [string, string]>("SELECT * FROM channel_configs WHERE kind = ? AND name = ?");
  const tenantConfigs = db.query<ConfigRow, [string]>(
    "SELECT * FROM channel_configs WHERE tenant_id = ? ORDER BY created_at_ms, kind, name",
  );
  const delConfig = db.query("DELETE FROM channel_configs WHERE tenant_id = ? AND kind = ? AND name = ?");
  const get = db.query<{ tenant_id: string; session_id: string; visitor_id: string }, [string, string]>(
    "SELECT tenant_id, session_id, visitor_id FROM channel_users WHERE channel = ? AND user_id = ?",
  );
  const bySession = db.query<{ channel: string; user_id: string }, [string]>(
    "SELECT channel, user_id FROM channel_users WHERE session_id = ?",
  );
  const put = db.query(
    "INSERT OR REPLACE INTO channel_users (channel, user_id, tenant_id, session_id, visitor_id) VALUES (?, ?, ?, ?, ?)",
  );
  const dead = db.query(
    "INSERT INTO channel_dead_letters (channel, user_id, tenant_id, session_id, seq, actor, text, message_at_ms, attempts, error, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const listDead = db.query<DeadRow, [number, number]>(
    "SELECT * FROM channel_dead_letters WHERE id > ? ORDER BY id LIMIT ?",
  );
  const getDead = db.query<DeadRow, [number]>("SELECT * FROM channel_dead_letters WHERE id = ?");
  const delDead = db.query("DELETE FROM channel_dead_letters WHERE id = ?");
  // Every bot and agent message asks "is this a channel's session?": answered from memory when seen before.
  const owners = ownerCache();
  const remember = owners.remember;
  return {
    kind: "sqlite",
    async addConfig(c) {
      return addConfig.run(c.kind, c.name, c.tenantId, c.secret, c.outboundUrl, c.createdAtMs).changes > 0;
    },
    async config(kind, name) {
      const r = getConfig.get(kind, name);
      return r ? configFromRow(r) : undefined;
    },
    configs: async (tenantId) => tenantConfigs.all(tenantId).map(configFromRow),
    deleteConfig: async (tenantId, kind, name) => delConfig.run(tenantId, kind, name).changes > 0,
    async binding(channel, userId) {
      const r = get.get(channel, userId);
      return r ? { tenantId: r.tenant_id, sessionId: r.session_id, visitorId: r.visitor_id } : undefined;
    },
    async bySession(sessionId) {
      const known = owners.get(sessionId);
      if (known !== undefined) return known ?? undefined;
      const r = bySession.get(sessionId);
      const owner = r ? { channel: r.channel, userId: r.user_id } : null;
      remember(sessionId, owner);
      return owner ?? undefined;
    },
    async bind(channel, userId, b) {
      put.run(channel, userId, b.tenantId, b.sessionId, b.visitorId);
      remember(b.sessionId, { channel, userId });
    },
    async deadLetter(d) {
      dead.run(...deadLetterValues(d));
    },
    async deadLetters(limit, afterId = 0) {
      return listDead.all(afterId, limit).map(fromRow);
    },
    async takeDeadLetter(id) {
      return db.transaction(() => {
        const r = getDead.get(id);
        if (r) delDead.run(id);
        return r ? fromRow(r) : undefined;
      })();
    },
    close: async () => db.close(),
  };
}
