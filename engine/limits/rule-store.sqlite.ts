/**
 * Rate-limit rules and blocks in a SQLite file (bun:sqlite, WAL). The embedded
 * default: single node only (with Redis configured, use `createRedisRuleStore`).
 *
 * @example
 *   const store = createSqliteRuleStore({ path: "./data/limits.db" });
 */
import { Database } from "bun:sqlite";
import { full, type LimitRuleStore } from "./rule-store.ts";
import type { BlockRule, RateLimitRule } from "./rules.ts";

/** Creates the SQLite adapter (the file and its tables are created when missing). */
export function createSqliteRuleStore(opts: { path: string }): LimitRuleStore {
  const db = new Database(opts.path, { create: true, strict: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA busy_timeout = 5000");
  for (const table of ["limit_rules", "limit_blocks"])
    db.run(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, body TEXT NOT NULL)`);

  const put = (table: string, what: "rules" | "blocks") => {
    const exists = db.query<{ n: number }, [string]>(`SELECT count(*) AS n FROM ${table} WHERE id = ?`);
    const count = db.query<{ n: number }, []>(`SELECT count(*) AS n FROM ${table}`);
    const upsert = db.query(
      `INSERT INTO ${table} (id, body) VALUES (?1, ?2) ON CONFLICT(id) DO UPDATE SET body = excluded.body`,
    );
    return db.transaction((id: string, body: string, max: number) => {
      if ((exists.get(id)?.n ?? 0) === 0 && (count.get()?.n ?? 0) >= max) throw full(what, max);
      upsert.run(id, body);
    });
  };
  const putRule = put("limit_rules", "rules");
  const putBlock = put("limit_blocks", "blocks");
  const all = (table: string) =>
    db
      .query<{ body: string }, []>(`SELECT body FROM ${table} ORDER BY id`)
      .all()
      .map((r) => JSON.parse(r.body));
  const del = (table: string, id: string) => db.query(`DELETE FROM ${table} WHERE id = ?`).run(id).changes > 0;

  return {
    kind: "sqlite",
    async load() {
      return { rules: all("limit_rules") as RateLimitRule[], blocks: all("limit_blocks") as BlockRule[] };
    },
    async putRule(rule, max) {
      putRule(rule.id, JSON.stringify(rule), max);
    },
    async deleteRule(id) {
      return del("limit_rules", id);
    },
    async putBlock(block, max) {
      putBlock(block.id, JSON.stringify(block), max);
    },
    async deleteBlock(id) {
      return del("limit_blocks", id);
    },
    async close() {
      db.close();
    },
  } satisfies LimitRuleStore;
}
