/**
 * ConsoleStore on SQLite (bun:sqlite, WAL): the embedded default, single node only (use
 * `createPostgresConsoleStore` when several nodes serve the console). Texts are indexed
 * by an FTS5 table with the trigram tokenizer, which matches any substring of 3 or more
 * characters in any script (Chinese has no spaces to split words on); shorter texts
 * scan the tenant's newest `SHORT_QUERY_SCAN_ROWS` documents.
 *
 * @example
 *   const store = createSqliteConsoleStore({ path: join(dataDir, "console.db") });
 */
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { KefuError } from "../errors.ts";
import type { ActorKind, SessionEvent } from "../events.ts";
import {
  type CannedResponse,
  type ConsoleStore,
  contribution,
  factSql,
  likeEscape,
  MAX_CANNED,
  MAX_FIRST_RESPONSE_SAMPLES,
  type SearchQuery,
  type SearchResult,
  SHORT_QUERY_SCAN_ROWS,
  type TranscriptHit,
} from "./console-store.ts";

/** Options of `createSqliteConsoleStore`. */
export interface SqliteConsoleStoreOptions {
  /** Database file (":memory:" for tests). */
  path: string;
}

interface DocRow {
  session_id: string;
  seq: number;
  at_ms: number;
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
  updated_at: number;
  updated_by: string;
}

const hitOf = (r: DocRow): TranscriptHit => ({
  sessionId: r.session_id,
  seq: r.seq,
  atUnixMs: r.at_ms,
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
  updatedAtMs: r.updated_at,
  updatedBy: r.updated_by,
});
const numbered = (sql: string) => sql.replace(/\$(\d)/g, "?$1");

/** Opens (and creates) the store. */
export function createSqliteConsoleStore(opts: SqliteConsoleStoreOptions): ConsoleStore {
  if (opts.path !== ":memory:") mkdirSync(dirname(opts.path), { recursive: true });
  const db = new Database(opts.path, { create: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = NORMAL");
  db.run("PRAGMA busy_timeout = 5000");
  // Schema 1 made (session_id, seq) unique: one random index page written per indexed message. Schema 2
  // makes (at_ms, session_id, seq) unique instead — the same events (an event has one time), but keys
  // that arrive in time order, so a batch writes the index's last pages. Moving is a rebuild of this
  // derived index from its own rows.
  const version = db.query<{ user_version: number }, []>("PRAGMA user_version").get()?.user_version ?? 0;
  if (version < 2) {
    db.transaction(() => {
      const old = db.query("SELECT name FROM sqlite_master WHERE name = 'transcript_docs'").get() !== null;
      if (old) {
        db.run("DROP TABLE IF EXISTS transcript_fts");
        db.run("DROP INDEX IF EXISTS transcript_docs_tenant_at");
        db.run("ALTER TABLE transcript_docs RENAME TO transcript_docs_v1");
      }
      db.run(`CREATE TABLE transcript_docs (
        id INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL, session_id TEXT NOT NULL, seq INTEGER NOT NULL, at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL, actor TEXT NOT NULL, actor_id TEXT NOT NULL, text TEXT NOT NULL,
        UNIQUE (at_ms, session_id, seq))`);
      db.run("CREATE INDEX transcript_docs_tenant_at ON transcript_docs (tenant_id, at_ms DESC, session_id, seq)");
      // External-content FTS5 over the docs' text (rowid = docs.id), kept in step by the insert below.
      db.run(
        "CREATE VIRTUAL TABLE transcript_fts USING fts5(text, content='transcript_docs', content_rowid='id', tokenize='trigram')",
      );
      if (old) {
        db.run(`INSERT INTO transcript_docs (tenant_id, session_id, seq, at_ms, kind, actor, actor_id, text)
          SELECT tenant_id, session_id, seq, at_ms, kind, actor, actor_id, text FROM transcript_docs_v1 ORDER BY id`);
        db.run("DROP TABLE transcript_docs_v1");
        db.run("INSERT INTO transcript_fts (transcript_fts) VALUES ('rebuild')");
      }
      db.run("PRAGMA user_version = 2");
    })();
  }
  db.run(`CREATE TABLE IF NOT EXISTS session_facts (
    session_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
    started_at INTEGER, queued_at INTEGER, assigned_at INTEGER, first_agent_at INTEGER, closed_at INTEGER)`);
  db.run("CREATE INDEX IF NOT EXISTS session_facts_closed ON session_facts (tenant_id, closed_at)");
  db.run("CREATE INDEX IF NOT EXISTS session_facts_assigned ON session_facts (tenant_id, assigned_at)");
  db.run(`CREATE TABLE IF NOT EXISTS canned_responses (
    tenant_id TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
    updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL, PRIMARY KEY (tenant_id, id))`);

  const qInsertDoc = db.query(
    "INSERT INTO transcript_docs (tenant_id, session_id, seq, at_ms, kind, actor, actor_id, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
  );
  const qInsertFts = db.query("INSERT INTO transcript_fts (rowid, text) VALUES (?, ?)");
  const factQueries = new Map(
    (["started_at", "queued_at", "assigned_at", "first_agent_at", "closed_at"] as const).map((c) => [
      c,
      db.query(numbered(factSql(c))),
    ]),
  );
  const cols = "d.session_id, d.seq, d.at_ms, d.kind, d.actor, d.actor_id, d.text";
  const before = "AND (d.at_ms < ?2 OR (d.at_ms = ?2 AND (d.session_id < ?3 OR (d.session_id = ?3 AND d.seq < ?4))))";
  const order = "ORDER BY d.at_ms DESC, d.session_id DESC, d.seq DESC LIMIT ?5";
  const qSearchFts = db.query<DocRow, (string | number)[]>(
    // The FTS index streams its matches newest row first (rowid = insertion order); each is joined
    // to its doc and kept if it is the tenant's, until the page is full. A rare text reads few
    // matches, a common one stops early; neither walks the tenant's rows probing the index per row.
    `SELECT ${cols} FROM transcript_fts f JOIN transcript_docs d ON d.id = f.rowid
     WHERE transcript_fts MATCH ?3 AND f.rowid < ?2 AND d.tenant_id = ?1 ORDER BY f.rowid DESC LIMIT ?4`,
  );
  const qRowId = db.query<{ id: number }, [number, string, number]>(
    "SELECT id FROM transcript_docs WHERE at_ms = ? AND session_id = ? AND seq = ?",
  );
  const qSearchShort = db.query<DocRow, (string | number)[]>(
    `SELECT ${cols} FROM (SELECT * FROM transcript_docs WHERE tenant_id = ?1 ORDER BY at_ms DESC LIMIT ${SHORT_QUERY_SCAN_ROWS}) d
     WHERE d.text LIKE ?6 ESCAPE '\\' ${before} ${order}`,
  );

  // Docs first, then their FTS rows: once the FTS table is written in a transaction, SQLite asks it to
  // flush its pending terms before every later statement, so interleaving the two inserts wrote a small
  // FTS segment per message (29 µs per message measured, 12 µs in this order).
  const index = db.transaction((events: readonly SessionEvent[]) => {
    const rowIds: number[] = [];
    const texts: string[] = [];
    for (const e of events) {
      const { doc, fact } = contribution(e);
      if (doc) {
        const row = qInsertDoc.get(
          doc.tenantId,
          doc.sessionId,
          doc.seq,
          doc.atUnixMs,
          doc.kind,
          doc.actor,
          doc.actorId,
          doc.text,
        ) as { id: number } | null;
        if (row) {
          rowIds.push(row.id);
          texts.push(doc.text);
        }
      }
      if (fact) factQueries.get(fact.column)?.run(e.sessionId, e.tenantId, fact.at);
    }
    for (let i = 0; i < rowIds.length; i++) qInsertFts.run(rowIds[i] as number, texts[i] as string);
  });

  const store: ConsoleStore = {
    kind: "sqlite",
    async index(events) {
      index(events);
    },
    async search(q: SearchQuery): Promise<SearchResult> {
      const b = q.before ?? { atUnixMs: Number.MAX_SAFE_INTEGER, sessionId: "\uffff", seq: 0 };
      const short = [...q.text].length < 3;
      const params = [q.tenantId, b.atUnixMs, b.sessionId, q.before ? b.seq : Number.MAX_SAFE_INTEGER, q.limit];
      // Short texts: LIKE over the tenant's newest rows.
      // A trigram MATCH of the text as one phrase (quotes doubled); pages continue below the cursor's row.
      const below = q.before
        ? (qRowId.get(q.before.atUnixMs, q.before.sessionId, q.before.seq)?.id ?? 0)
        : Number.MAX_SAFE_INTEGER;
      const rows = short
        ? qSearchShort.all(...params, `%${likeEscape(q.text)}%`)
        : qSearchFts.all(q.tenantId, below, `"${q.text.replace(/"/g, '""')}"`, q.limit);
      return { hits: rows.map(hitOf), scanLimited: short };
    },
    async windowFacts(tenantId, fromMs, toMs) {
      const c = db
        .query<{ closed: number; bot: number }, [string, number, number]>(
          "SELECT COUNT(*) AS closed, COALESCE(SUM(CASE WHEN queued_at IS NULL THEN 1 ELSE 0 END), 0) AS bot FROM session_facts WHERE tenant_id = ? AND closed_at >= ? AND closed_at < ?",
        )
        .get(tenantId, fromMs, toMs) ?? { closed: 0, bot: 0 };
      const fr = db
        .query<{ ms: number }, [string, number, number, number]>(
          `SELECT first_agent_at - assigned_at AS ms FROM session_facts
           WHERE tenant_id = ? AND assigned_at >= ? AND assigned_at < ? AND first_agent_at >= assigned_at
           ORDER BY assigned_at DESC LIMIT ?`,
        )
        .all(tenantId, fromMs, toMs, MAX_FIRST_RESPONSE_SAMPLES);
      return { closed: c.closed, closedWithoutHandoff: c.bot, firstResponsesMs: fr.map((r) => r.ms) };
    },
    async listCanned(tenantId, query) {
      const rows = query
        ? db
            .query<CannedRow, [string, string, string]>(
              "SELECT * FROM canned_responses WHERE tenant_id = ? AND (title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\') ORDER BY title, id",
            )
            .all(tenantId, `%${likeEscape(query)}%`, `%${likeEscape(query)}%`)
        : db
            .query<CannedRow, [string]>("SELECT * FROM canned_responses WHERE tenant_id = ? ORDER BY title, id")
            .all(tenantId);
      return rows.map(cannedOf);
    },
    async getCanned(tenantId, id) {
      const r = db
        .query<CannedRow, [string, string]>("SELECT * FROM canned_responses WHERE tenant_id = ? AND id = ?")
        .get(tenantId, id);
      return r ? cannedOf(r) : undefined;
    },
    async putCanned(c) {
      return db.transaction(() => {
        const had = db
          .query<{ n: number }, [string, string]>(
            "SELECT COUNT(*) AS n FROM canned_responses WHERE tenant_id = ? AND id = ?",
          )
          .get(c.tenantId, c.id);
        if (!had?.n) {
          const n = db
            .query<{ n: number }, [string]>("SELECT COUNT(*) AS n FROM canned_responses WHERE tenant_id = ?")
            .get(c.tenantId);
          if ((n?.n ?? 0) >= MAX_CANNED)
            throw new KefuError("canned_full", `a tenant has at most ${MAX_CANNED} canned responses`, { status: 409 });
        }
        db.query(
          `INSERT INTO canned_responses (tenant_id, id, title, text, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (tenant_id, id) DO UPDATE SET title = excluded.title, text = excluded.text,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        ).run(c.tenantId, c.id, c.title, c.text, c.updatedAtMs, c.updatedBy);
        return { created: !had?.n };
      })();
    },
    async deleteCanned(tenantId, id) {
      return db.query("DELETE FROM canned_responses WHERE tenant_id = ? AND id = ?").run(tenantId, id).changes > 0;
    },
    async ping() {
      db.query("SELECT 1").get();
    },
    async close() {
      db.close();
    },
  };
  return store;
}
