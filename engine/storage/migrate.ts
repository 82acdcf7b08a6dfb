/**
 * Versioned SQL migrations for PostgreSQL: `engine/storage/migrations/NNNN_name.sql`,
 * applied in order, each in its own transaction, recorded in `kefu_schema_migrations`
 * (version, name, sha-256 of the file, applied_at). A session advisory lock makes
 * concurrent nodes apply them once. A failed migration is rolled back and raises
 * `KefuError("migration_failed")` naming the file, so start-up stops with a clear error;
 * an applied file that was edited afterwards, or a database newer than this kefu,
 * raises `migration_mismatch`.
 *
 * Run by the PostgreSQL EventStore at start-up (`storage.postgres.migrateOnStart`) and by
 * `npm run migrate` (this file's main, reading `KEFU_STORAGE_POSTGRES_URL`).
 *
 * @example
 *   const { applied } = await migrate(pool); // ["0001_session_events"]
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { KefuError } from "../errors.ts";

/** One migration file. */
export interface Migration {
  version: number;
  /** File name without `.sql`, e.g. "0001_session_events". */
  name: string;
  sql: string;
  /** sha-256 of the file, hex. */
  checksum: string;
}

/** The folder of kefu's migrations. */
export const MIGRATIONS_DIR = join(import.meta.dir, "migrations");

const FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
// pg_advisory_lock key shared by every kefu node: "kefu" in ASCII.
const LOCK_KEY = 0x6b656675;

/**
 * Reads and checks the migration files: names `NNNN_snake_case.sql`, versions 1, 2, 3… without gaps.
 *
 * @example
 *   loadMigrations().map((m) => m.name); // ["0001_session_events"]
 */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  return files.map((file, i) => {
    const m = FILE.exec(file);
    if (!m) throw new KefuError("migration_invalid", `${file}: migration files are named NNNN_snake_case.sql`);
    const version = Number(m[1]);
    if (version !== i + 1)
      throw new KefuError("migration_invalid", `${file}: expected version ${String(i + 1).padStart(4, "0")} (no gaps)`);
    const sql = readFileSync(join(dir, file), "utf8");
    return { version, name: file.slice(0, -4), sql, checksum: createHash("sha256").update(sql).digest("hex") };
  });
}

/** What `migrate` did. */
export interface MigrateResult {
  /** Names applied by this call, in order. */
  applied: string[];
  /** The schema version after the call. */
  version: number;
}

/** Anything that can lend a client: a `pg.Pool`. */
export interface ClientSource {
  connect(): Promise<pg.PoolClient>;
}

/**
 * Applies the pending migrations of `dir` (default: kefu's) through `pool`.
 *
 * @example
 *   await migrate(pool);                              // start-up
 *   await migrate(pool, { dir: "./test-migrations" }); // tests
 */
export async function migrate(pool: ClientSource, opts: { dir?: string } = {}): Promise<MigrateResult> {
  const migrations = loadMigrations(opts.dir);
  const client = await pool.connect();
  // A failing socket also emits "error"; the failed query is what is reported.
  const ignore = () => {};
  client.on("error", ignore);
  let broken = false;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS kefu_schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
        "SELECT version, name, checksum FROM kefu_schema_migrations ORDER BY version",
      );
      for (const row of rows) {
        const known = migrations[row.version - 1];
        if (!known)
          throw new KefuError(
            "migration_mismatch",
            `the database has migration ${row.name}, which this kefu does not know: it is newer; upgrade kefu`,
          );
        if (known.checksum !== row.checksum)
          throw new KefuError(
            "migration_mismatch",
            `migration ${known.name}.sql was changed after it was applied; restore it and add a new migration instead`,
          );
      }
      const applied: string[] = [];
      for (const m of migrations.slice(rows.length)) {
        try {
          await client.query("BEGIN");
          await client.query(m.sql);
          await client.query("INSERT INTO kefu_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
            m.version,
            m.name,
            m.checksum,
          ]);
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK").catch(() => {
            broken = true;
          });
          throw new KefuError(
            "migration_failed",
            `migration ${m.name}.sql failed and was rolled back: ${(e as Error).message}; the schema stays at version ${m.version - 1}`,
            { status: 503, cause: e },
          );
        }
        applied.push(m.name);
      }
      return { applied, version: migrations.length };
    } finally {
      if (!broken) await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    }
  } catch (e) {
    if (e instanceof KefuError) throw e;
    broken = true;
    throw new KefuError("store_unavailable", `cannot migrate: ${(e as Error).message}`, {
      status: 503,
      retryable: true,
      cause: e,
    });
  } finally {
    client.off("error", ignore);
    client.release(broken);
  }
}

if (import.meta.main) {
  const url = process.env.KEFU_STORAGE_POSTGRES_URL;
  if (!url) {
    console.error("npm run migrate: set KEFU_STORAGE_POSTGRES_URL (e.g. postgres://kefu:kefu@127.0.0.1:55432/kefu)");
    process.exit(2);
  }
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
  try {
    const r = await migrate(pool);
    console.log(
      r.applied.length
        ? `applied ${r.applied.join(", ")}; schema version ${r.version}`
        : `up to date (version ${r.version})`,
    );
  } catch (e) {
    console.error(`npm run migrate: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
