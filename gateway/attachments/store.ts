/**
 * Where attachments live. Two stores with one contract (store.test.ts runs it on both):
 * - `createFileAttachmentStore(dataDir)`: the bytes as files under
 *   `<dataDir>/attachments/`, the records in `<dataDir>/attachments.db` (SQLite) — one
 *   node, the embedded default;
 * - `createPostgresAttachmentStore(opts)`: records and bytes in PostgreSQL
 *   (`kefu_attachments`, migration 0004) — every node of a cluster reads what any node
 *   stored, so a visitor may upload through one node and an agent read it through another.
 * `startGateway` picks PostgreSQL when `storage.eventStore` is `postgres`.
 *
 * @example
 *   const store = createFileAttachmentStore("./data");
 *   await store.put({ id, tenantId, sessionId, mime: "image/png", bytes: 68, name: "a.png", atUnixMs: Date.now() }, png);
 *   (await store.find(id))?.sessionId; // sessionId
 *   await store.close();
 */
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { KefuError } from "../../engine/errors.ts";
import { type LazyPostgresOptions, lazyPostgres } from "../../engine/storage/lazy-postgres.ts";

/** The image types accepted, by what their first bytes say. */
export type ImageMime = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

/** One stored attachment's record. */
export interface AttachmentRecord {
  id: string;
  tenantId: string;
  sessionId: string;
  mime: ImageMime;
  bytes: number;
  name: string;
  atUnixMs: number;
}

/** Attachment records and their bytes. */
export interface AttachmentStore {
  readonly kind: "file" | "postgres";
  /** How many attachments `sessionId` has. */
  count(sessionId: string): Promise<number>;
  /** Stores the record and its bytes (ids are random: a clash is an error). */
  put(record: AttachmentRecord, bytes: Uint8Array): Promise<void>;
  find(id: string): Promise<AttachmentRecord | undefined>;
  /** The bytes of a stored attachment, or undefined. */
  read(id: string): Promise<Blob | Uint8Array | undefined>;
  close(): Promise<void>;
}

interface Row {
  id: string;
  tenant_id: string;
  session_id: string;
  mime: ImageMime;
  bytes: number;
  name: string;
  at_unix_ms: number | string;
}

const recordOf = (r: Row): AttachmentRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  sessionId: r.session_id,
  mime: r.mime,
  bytes: Number(r.bytes),
  name: r.name,
  atUnixMs: Number(r.at_unix_ms),
});

/** Files under `<dataDir>/attachments/`, records in `<dataDir>/attachments.db`; nothing is created before the first use. */
export function createFileAttachmentStore(dataDir: string): AttachmentStore {
  const root = resolve(dataDir);
  const dir = join(root, "attachments");
  let db: Database | undefined;
  const open = (): Database => {
    if (db) return db;
    mkdirSync(dir, { recursive: true });
    db = new Database(join(root, "attachments.db"));
    db.exec("PRAGMA journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS attachments (
      id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, session_id TEXT NOT NULL, mime TEXT NOT NULL,
      bytes INTEGER NOT NULL, name TEXT NOT NULL, at_unix_ms INTEGER NOT NULL)`);
    db.exec("CREATE INDEX IF NOT EXISTS attachments_session ON attachments (session_id)");
    return db;
  };
  return {
    kind: "file",
    async count(sessionId) {
      return (
        open()
          .query<{ n: number }, [string]>("SELECT count(*) AS n FROM attachments WHERE session_id = ?")
          .get(sessionId)?.n ?? 0
      );
    },
    async put(r, bytes) {
      // The record first: a clashing id fails here, before any file is touched.
      open()
        .query("INSERT INTO attachments VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(r.id, r.tenantId, r.sessionId, r.mime, r.bytes, r.name, r.atUnixMs);
      try {
        await Bun.write(join(dir, r.id), bytes);
      } catch (e) {
        open().query("DELETE FROM attachments WHERE id = ?").run(r.id);
        throw e;
      }
    },
    async find(id) {
      const row = open().query<Row, [string]>("SELECT * FROM attachments WHERE id = ?").get(id);
      return row ? recordOf(row) : undefined;
    },
    async read(id) {
      const file = Bun.file(join(dir, id));
      return (await file.exists()) ? file : undefined;
    },
    async close() {
      db?.close();
      db = undefined;
    },
  };
}

/** Options of the PostgreSQL adapter. */
export type PostgresAttachmentStoreOptions = LazyPostgresOptions;

/** Records and bytes in PostgreSQL (`kefu_attachments`); connects and migrates on first use. */
export function createPostgresAttachmentStore(opts: PostgresAttachmentStoreOptions): AttachmentStore {
  const db = lazyPostgres(opts, "the attachment store");
  const q = db.query;
  return {
    kind: "postgres",
    async count(sessionId) {
      const r = await q<{ n: string }>("SELECT count(*) AS n FROM kefu_attachments WHERE session_id = $1", [sessionId]);
      return Number(r.rows[0]?.n ?? 0);
    },
    async put(r, bytes) {
      await q(
        "INSERT INTO kefu_attachments (id, tenant_id, session_id, mime, bytes, name, at_unix_ms, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [r.id, r.tenantId, r.sessionId, r.mime, r.bytes, r.name, r.atUnixMs, Buffer.from(bytes)],
      );
    },
    async find(id) {
      const r = await q<Row>(
        "SELECT id, tenant_id, session_id, mime, bytes, name, at_unix_ms FROM kefu_attachments WHERE id = $1",
        [id],
      );
      const row = r.rows[0];
      return row ? recordOf(row) : undefined;
    },
    async read(id) {
      const r = await q<{ data: Buffer }>("SELECT data FROM kefu_attachments WHERE id = $1", [id]);
      const data = r.rows[0]?.data;
      return data ? new Uint8Array(data) : undefined;
    },
    async close() {
      await db.close();
    },
  };
}

/** Most attachments one message may carry. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 4;

/**
 * The check behind `ConversationDeps.attachments`: a message's `attachments` attribute
 * (a JSON array of `{ id, … }`, at most {@link MAX_ATTACHMENTS_PER_MESSAGE}) may name only
 * uploads of the message's session; the result is the attribute rebuilt from the stored
 * records (`id`, `mime`, `bytes`, `name`), so what clients show is what was uploaded.
 * Anything else is a 400 `invalid_attachment`.
 *
 * @example
 *   const check = attachmentChecker(store);
 *   await check(sessionId, '[{"id":"Xy1"}]'); // '[{"id":"Xy1","mime":"image/png","bytes":68,"name":"a.png"}]'
 */
export function attachmentChecker(store: AttachmentStore) {
  const invalid = (why: string) =>
    new KefuError("invalid_attachment", `attachments attribute: ${why}`, { status: 400, retryable: false });
  return async (sessionId: string, attribute: string): Promise<string> => {
    let items: unknown;
    try {
      items = JSON.parse(attribute);
    } catch {
      throw invalid("not JSON");
    }
    if (!Array.isArray(items) || items.length === 0) throw invalid("expected a non-empty JSON array");
    if (items.length > MAX_ATTACHMENTS_PER_MESSAGE) throw invalid(`at most ${MAX_ATTACHMENTS_PER_MESSAGE} per message`);
    const out: { id: string; mime: ImageMime; bytes: number; name: string }[] = [];
    for (const item of items) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw invalid("each item needs an upload id");
      const r = await store.find(id);
      // Another session's upload reads exactly like a missing one.
      if (!r || r.sessionId !== sessionId) throw invalid(`no upload ${id} in this session`);
      out.push({ id: r.id, mime: r.mime, bytes: r.bytes, name: r.name });
    }
    return JSON.stringify(out);
  };
}
