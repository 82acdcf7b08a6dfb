/**
 * The ChannelStore port's PostgreSQL adapter (migration 0006), shared by every node: a
 * channel user keeps one session whichever node their channel's callbacks reach, a
 * tenant's own channels work on every node, and dead letters are listed and replayed
 * from any node. Same rules as the SQLite adapter (both pass store.contract.ts); a
 * session's owner, once read, is remembered in memory (it never changes).
 *
 * @example
 *   const store = createPostgresChannelStore({ url: process.env.KEFU_STORAGE_POSTGRES_URL! });
 *   await store.bind("webhook:shop", "u1", { tenantId: "t", sessionId: "s", visitorId: "v" });
 */
import { type LazyPostgresOptions, lazyPostgres } from "../storage/lazy-postgres.ts";
import {
  type ChannelStore,
  type ConfigRow,
  configFromRow,
  type DeadRow,
  deadLetterFromRow,
  deadLetterValues,
  ownerCache,
} from "./store.sqlite.ts";

/** Options of the PostgreSQL adapter. */
export type PostgresChannelStoreOptions = LazyPostgresOptions;

/** Connects lazily (migrating on first use) and returns the store. */
export function createPostgresChannelStore(opts: PostgresChannelStoreOptions): ChannelStore {
  const db = lazyPostgres(opts, "the channel store");
  const q = db.query;
  // A session's owner never changes once bound: remembered (positive and negative) per node.
  const owners = ownerCache();
  const remember = owners.remember;

  return {
    kind: "postgres",
    async addConfig(c) {
      const r = await q(
        "INSERT INTO kefu_channel_configs (kind, name, tenant_id, secret, outbound_url, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        [c.kind, c.name, c.tenantId, c.secret, c.outboundUrl, c.createdAtMs],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async config(kind, name) {
      const r = await q<ConfigRow>("SELECT * FROM kefu_channel_configs WHERE kind = $1 AND name = $2", [kind, name]);
      const row = r.rows[0];
      return row ? configFromRow(row) : undefined;
    },
    async configs(tenantId) {
      const r = await q<ConfigRow>(
        "SELECT * FROM kefu_channel_configs WHERE tenant_id = $1 ORDER BY created_at_ms, kind, name",
        [tenantId],
      );
      return r.rows.map(configFromRow);
    },
    async deleteConfig(tenantId, kind, name) {
      const r = await q("DELETE FROM kefu_channel_configs WHERE tenant_id = $1 AND kind = $2 AND name = $3", [
        tenantId,
        kind,
        name,
      ]);
      return (r.rowCount ?? 0) > 0;
    },
    async binding(channel, userId) {
      const r = await q<{ tenant_id: string; session_id: string; visitor_id: string }>(
        "SELECT tenant_id, session_id, visitor_id FROM kefu_channel_users WHERE channel = $1 AND user_id = $2",
        [channel, userId],
      );
      const row = r.rows[0];
      return row ? { tenantId: row.tenant_id, sessionId: row.session_id, visitorId: row.visitor_id } : undefined;
    },
    async bySession(sessionId) {
      const known = owners.get(sessionId);
      if (known !== undefined) return known ?? undefined;
      const r = await q<{ channel: string; user_id: string }>(
        "SELECT channel, user_id FROM kefu_channel_users WHERE session_id = $1",
        [sessionId],
      );
      const row = r.rows[0];
      const owner = row ? { channel: row.channel, userId: row.user_id } : null;
      remember(sessionId, owner);
      return owner ?? undefined;
    },
    async bind(channel, userId, b) {
      await q(
        `INSERT INTO kefu_channel_users (channel, user_id, tenant_id, session_id, visitor_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (channel, user_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, session_id = EXCLUDED.session_id,
           visitor_id = EXCLUDED.visitor_id`,
        [channel, userId, b.tenantId, b.sessionId, b.visitorId],
      );
      remember(b.sessionId, { channel, userId });
    },
    async deadLetter(d) {
      await q(
        `INSERT INTO kefu_channel_dead_letters (channel, user_id, tenant_id, session_id, seq, actor, text, message_at_ms, attempts, error, at_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        deadLetterValues(d),
      );
    },
    async deadLetters(limit, afterId = 0) {
      const r = await q<DeadRow>("SELECT * FROM kefu_channel_dead_letters WHERE id > $1 ORDER BY id LIMIT $2", [
        afterId,
        limit,
      ]);
      return r.rows.map(deadLetterFromRow);
    },
    async takeDeadLetter(id) {
      const r = await q<DeadRow>("DELETE FROM kefu_channel_dead_letters WHERE id = $1 RETURNING *", [id]);
      const row = r.rows[0];
      return row ? deadLetterFromRow(row) : undefined;
    },
    async close() {
      await db.close();
    },
  };
}
