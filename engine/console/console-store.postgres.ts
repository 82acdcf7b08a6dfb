/**
 * ConsoleStore on PostgreSQL: for several nodes (they share the index, the facts and the
 * canned responses). Texts are matched with ILIKE; a pg_trgm GIN index serves texts of 3
 * or more characters when the extension can be created (else every search scans the
 * tenant's rows newest first, bounded by the query timeout); shorter texts scan the
 * tenant's newest `SHORT_QUERY_SCAN_ROWS` documents. The tables are kefu's migration 0007
 * (applied at start-up like every adapter's); only the optional trigram index is created
 * here, under an advisory lock, when pg_trgm is available.
 *
 * @example
 *   const store = await createPostgresConsoleStore({ url: "postgres://kefu@db/kefu" });
 */

import pg from "pg";
import { KefuError } from "../errors.ts";
import type { ActorKind } from "../events.ts";
import { migrate } from "../storage/migrate.ts";
import {
  type CannedResponse,
  type ConsoleStore,
  contribution,
  factSql,
  likeEscape,
  MAX_CANNED,
  MAX_FIRST_RESPONSE_SAMPLES,
  SHORT_QUERY_SCAN_ROWS,
  type TranscriptHit,
} from "./console-store.ts";

/** Options of `createPostgresConsoleStore`. */
export interface PostgresConsoleStoreOptions {
  url: string;
  /** A schema of its own (tests); default the connection's search_path. */
  schema?: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /** Apply kefu's migrations at start-up (default true), as the other PostgreSQL adapters do. */
  migrateOnStart?: boolean;
}

interface DocRow {
  session_id: string;
  seq: string;
  at_ms: string;
  kind: string;
  actor: string;
  actor_id: string;
  text: string;
}
interface CannedRow {
  tenant_id: string;
  id: string;
  title: string;
  text: string;
  updated_at: string;
  updated_by: string;
}

const hitOf = (r: DocRow): TranscriptHit => ({
  sessionId: r.session_id,
  seq: Number(r.seq),
  atUnixMs: Number(r.at_ms),
  kind: r.kind === "note" ? "note" : "message",
  actor: r.actor as ActorKind,
  actorId: r.actor_id,
  text: r.text,
});
const cannedOf = (r: CannedRow): CannedResponse => ({
  tenantId: r.tenant_id,
  id: r.id,
  title: r.title,
  text: r.text,
  updatedAtMs: Number(r.updated_at),
  updatedBy: r.updated_by,
});

function unavailable(e: unknown): KefuError {
  if (e instanceof KefuError) return e;
  return new KefuError("store_unavailable", `console store (PostgreSQL) unavailable: ${(e as Error).message}`, {
    status: 503,
    retryable: true,
    cause: e,
  });
}

// pg_advisory_lock key of the optional trigram index's DDL: "kfcs" in ASCII.
const LOCK_KEY = 0x6b666373;

/** Connects, creates the tables when missing and returns the store. */
export async function createPostgresConsoleStore(opts: PostgresConsoleStoreOptions): Promise<ConsoleStore> {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema))
    throw new KefuError("invalid_config", `schema ${JSON.stringify(opts.schema)} is not a plain lower-case name`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    max: opts.poolSize ?? 4,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    query_timeout: opts.queryTimeoutMs ?? 10_000,
  });
  pool.on("error", () => {});
  try {
    if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    if (opts.migrateOnStart ?? true) await migrate(pool);
    const c = await pool.connect();
    try {
      await c.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
      // The trigram index, when pg_trgm exists or may be created (it lives in its own schema);
      // the tables and the other indexes are migration 0007 (applied above).
      const trgm = await trigramSchema(c);
      if (trgm)
        await c.query(
          `CREATE INDEX IF NOT EXISTS kefu_console_docs_text_trgm ON kefu_console_docs USING gin (text ${trgm}.gin_trgm_ops)`,
        );
      await c.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    } finally {
      c.release();
    }
  } catch (e) {
    await pool.end();
    throw unavailable(e);
  }
  const q = async <R extends pg.QueryResultRow>(sql: string, args: unknown[]): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(sql, args);
    } catch (e) {
      throw unavailable(e);
    }
  };
  const cols = "d.session_id, d.seq, d.at_ms, d.kind, d.actor, d.actor_id, d.text";
  const before = "AND (d.at_ms, d.session_id, d.seq) < ($2, $3, $4)";
  const order = "ORDER BY d.at_ms DESC, d.session_id DESC, d.seq DESC LIMIT $5";

  const store: ConsoleStore = {
    kind: "postgres",
    async index(events) {
      if (events.length === 0) return;
      const client = await pool.connect().catch((e) => {
        throw unavailable(e);
      });
      try {
        await client.query("BEGIN");
        const docs = events.flatMap((e) => {
          const d = contribution(e).doc;
          return d ? [d] : [];
        });
        if (docs.length > 0)
          await client.query(
            `INSERT INTO kefu_console_docs (tenant_id, session_id, seq, at_ms, kind, actor, actor_id, text)
             SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
             ON CONFLICT DO NOTHING`,
            [
              docs.map((d) => d.tenantId),
              docs.map((d) => d.sessionId),
              docs.map((d) => d.seq),
              docs.map((d) => d.atUnixMs),
              docs.map((d) => d.kind),
              docs.map((d) => d.actor),
              docs.map((d) => d.actorId),
              docs.map((d) => d.text),
            ],
          );
        for (const e of events) {
          const f = contribution(e).fact;
          if (f) await client.query(factSql(f.column, "kefu_console_facts"), [e.sessionId, e.tenantId, f.at]);
        }
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw unavailable(e);
      } finally {
        client.release();
      }
    },
    async search(qr) {
      const b = qr.before;
      const short = [...qr.text].length < 3;
      const params = [
        qr.tenantId,
        b?.atUnixMs ?? Number.MAX_SAFE_INTEGER,
        b?.sessionId ?? "\uffff",
        b ? b.seq : Number.MAX_SAFE_INTEGER,
        qr.limit,
        `%${likeEscape(qr.text)}%`,
      ];
      const r = short
        ? await q<DocRow>(
            `SELECT ${cols} FROM (SELECT * FROM kefu_console_docs WHERE tenant_id = $1 ORDER BY at_ms DESC LIMIT ${SHORT_QUERY_SCAN_ROWS}) d
             WHERE d.text ILIKE $6 ${before} ${order}`,
            params,
          )
        : await q<DocRow>(
            `SELECT ${cols} FROM kefu_console_docs d WHERE d.tenant_id = $1 AND d.text ILIKE $6 ${before} ${order}`,
            params,
          );
      return { hits: r.rows.map(hitOf), scanLimited: short };
    },
    async windowFacts(tenantId, fromMs, toMs) {
      const c = await q<{ closed: string; bot: string }>(
        "SELECT COUNT(*) AS closed, COUNT(*) FILTER (WHERE queued_at IS NULL) AS bot FROM kefu_console_facts WHERE tenant_id = $1 AND closed_at >= $2 AND closed_at < $3",
        [tenantId, fromMs, toMs],
      );
      const fr = await q<{ ms: string }>(
        `SELECT first_agent_at - assigned_at AS ms FROM kefu_console_facts
         WHERE tenant_id = $1 AND assigned_at >= $2 AND assigned_at < $3 AND first_agent_at >= assigned_at
         ORDER BY assigned_at DESC LIMIT $4`,
        [tenantId, fromMs, toMs, MAX_FIRST_RESPONSE_SAMPLES],
      );
      return {
        closed: Number(c.rows[0]?.closed ?? 0),
        closedWithoutHandoff: Number(c.rows[0]?.bot ?? 0),
        firstResponsesMs: fr.rows.map((r) => Number(r.ms)),
      };
    },
    async listCanned(tenantId, query) {
      const r = query
        ? await q<CannedRow>(
            "SELECT * FROM kefu_console_canned WHERE tenant_id = $1 AND (title ILIKE $2 OR text ILIKE $2) ORDER BY title, id",
            [tenantId, `%${likeEscape(query)}%`],
          )
        : await q<CannedRow>("SELECT * FROM kefu_console_canned WHERE tenant_id = $1 ORDER BY title, id", [tenantId]);
      return r.rows.map(cannedOf);
    },
    async getCanned(tenantId, id) {
      const r = await q<CannedRow>("SELECT * FROM kefu_console_canned WHERE tenant_id = $1 AND id = $2", [
        tenantId,
        id,
      ]);
      return r.rows[0] ? cannedOf(r.rows[0]) : undefined;
    },
    async putCanned(c) {
      // One statement: the count check and the insert see the same snapshot per tenant row set;
      // an update of an existing id is never refused.
      const r = await q<{ created: boolean }>(
        `WITH existing AS (SELECT 1 FROM kefu_console_canned WHERE tenant_id = $1 AND id = $2),
              n AS (SELECT COUNT(*) AS n FROM kefu_console_canned WHERE tenant_id = $1)
         INSERT INTO kefu_console_canned (tenant_id, id, title, text, updated_at, updated_by)
         SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM existing) OR (SELECT n FROM n) < $7
         ON CONFLICT (tenant_id, id) DO UPDATE SET title = excluded.title, text = excluded.text,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by
         RETURNING (xmax = 0) AS created`,
        [c.tenantId, c.id, c.title, c.text, c.updatedAtMs, c.updatedBy, MAX_CANNED],
      );
      const row = r.rows[0];
      if (!row)
        throw new KefuError("canned_full", `a tenant has at most ${MAX_CANNED} canned responses`, { status: 409 });
      return { created: row.created };
    },
    async deleteCanned(tenantId, id) {
      const r = await q("DELETE FROM kefu_console_canned WHERE tenant_id = $1 AND id = $2", [tenantId, id]);
      return (r.rowCount ?? 0) > 0;
    },
    async ping() {
      await q("SELECT 1", []);
    },
    async close() {
      await pool.end();
    },
  };
  return store;
}

/** The schema pg_trgm is installed in (installing it when allowed), or undefined. */
async function trigramSchema(c: pg.PoolClient): Promise<string | undefined> {
  const find = async () =>
    (
      await c.query<{ nspname: string }>(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'",
      )
    ).rows[0]?.nspname;
  const found = await find();
  if (found) return /^[a-z_][a-z0-9_]*$/.test(found) ? found : undefined;
  try {
    await c.query("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
  } catch {
    return undefined; // no privilege: searches use the tenant index only
  }
  return (await find()) ?? undefined;
}
