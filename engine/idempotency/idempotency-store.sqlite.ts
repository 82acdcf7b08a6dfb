/**
 * IdempotencyStore on SQLite (bun:sqlite, WAL). Single node only.
 *
 * @example
 *   const store = createSqliteIdempotencyStore({ path: "./data/idempotency.db", ttlMs: 86_400_000 });
 */
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Clock, systemClock } from "../clock.ts";
import type { BeginResult, IdempotencyStore, StoredResponse } from "./idempotency-store.ts";

/** Options of the SQLite idempotency store. */
export interface SqliteIdempotencyOptions {
  path: string;
  /** How long a completed response is replayed. */
  ttlMs?: number;
  /** How long an unfinished claim blocks the key (a crashed request). */
  lockMs?: number;
  clock?: Clock;
}

/** Creates the store; expired rows are purged on a bounded, amortised schedule. */
export function createSqliteIdempotencyStore(opts: SqliteIdempotencyOptions): IdempotencyStore {
  const ttlMs = opts.ttlMs ?? 86_400_000;
  const lockMs = opts.lockMs ?? 60_000;
  const clock = opts.clock ?? systemClock;
  if (opts.path !== ":memory:") mkdirSync(dirname(opts.path), { recursive: true });
  const db = new Database(opts.path, { create: true, strict: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = NORMAL");
  db.run(`CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    created_ms INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0, response TEXT,
    PRIMARY KEY (scope, key)) WITHOUT ROWID`);
  db.run("CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency (created_ms)");
  const qGet = db.query<
    { fingerprint: string; created_ms: number; done: number; response: string | null },
    [string, string]
  >("SELECT fingerprint, created_ms, done, response FROM idempotency WHERE scope = ? AND key = ?");
  const qClaim = db.query(
    "INSERT OR REPLACE INTO idempotency (scope, key, fingerprint, created_ms, done, response) VALUES (?, ?, ?, ?, 0, NULL)",
  );
  const qDone = db.query("UPDATE idempotency SET done = 1, response = ? WHERE scope = ? AND key = ?");
  const qDel = db.query("DELETE FROM idempotency WHERE scope = ? AND key = ?");
  const qPurge = db.query(
    "DELETE FROM idempotency WHERE (scope, key) IN (SELECT scope, key FROM idempotency WHERE created_ms < ? LIMIT 1000)",
  );
  let ops = 0;

  // bun:sqlite is synchronous: a claim is one transaction, so two claims cannot both win.
  const claim = db.transaction((scope: string, key: string, fingerprint: string, now: number): BeginResult => {
    const row = qGet.get(scope, key);
    if (row) {
      const age = now - row.created_ms;
      const live = row.done ? age < ttlMs : age < lockMs;
      if (live) {
        if (row.fingerprint !== fingerprint) return { state: "mismatch" };
        if (!row.done) return { state: "in_progress" };
        return { state: "done", response: JSON.parse(row.response as string) as StoredResponse };
      }
    }
    qClaim.run(scope, key, fingerprint, now);
    return { state: "new" };
  });

  return {
    kind: "sqlite",
    async begin(scope, key, fingerprint) {
      const now = clock.now();
      if (++ops % 1000 === 0) qPurge.run(now - Math.max(ttlMs, lockMs));
      return claim(scope, key, fingerprint, now);
    },
    async complete(scope, key, response) {
      qDone.run(JSON.stringify(response), scope, key);
    },
    async abandon(scope, key) {
      qDel.run(scope, key);
    },
    async ping() {
      db.query("SELECT 1").get();
    },
    async close() {
      db.close();
    },
  } satisfies IdempotencyStore;
}
