/**
 * Test helpers for the real PostgreSQL that `.ci/services/postgres.sh` starts.
 * Tests that need it fail (never skip) when `KEFU_TEST_PG_URL` is unset.
 *
 * @example
 *   const url = requirePgUrl();
 *   const schema = freshSchemaName("evt"); // "kefu_t_evt_12345_0"
 */
import pg from "pg";

/**
 * The test database URL from `KEFU_TEST_PG_URL`; throws naming the script that provides it.
 *
 * @example
 *   const url = requirePgUrl(); // "postgres://kefu:kefu@127.0.0.1:55432/kefu"
 */
export function requirePgUrl(): string {
  const url = process.env.KEFU_TEST_PG_URL;
  if (!url)
    throw new Error(
      "KEFU_TEST_PG_URL is not set: run `export KEFU_TEST_PG_URL=$(bash .ci/services/postgres.sh)` first (.ci/test.sh does)",
    );
  return url;
}

let counter = 0;

/**
 * A schema name no other test process uses, for an isolated store.
 *
 * @example
 *   freshSchemaName("mig"); // "kefu_t_mig_4242_0"
 */
export function freshSchemaName(tag: string): string {
  return `kefu_t_${tag}_${process.pid}_${counter++}`;
}

/**
 * Creates a schema of its own and returns the test URL whose connections use it
 * (`search_path`), so a test's data never meets another run's; `drop` removes it.
 *
 * @example
 *   const s = await freshSchema("cluster"); // s.url → …?options=-c%20search_path%3Dkefu_t_cluster_…
 *   await s.drop();
 */
export async function freshSchema(tag: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const base = requirePgUrl();
  const name = freshSchemaName(tag);
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${name}`);
  const u = new URL(base);
  u.searchParams.set("options", `-c search_path=${name}`);
  return { name, url: u.toString(), drop: () => admin(`DROP SCHEMA IF EXISTS ${name} CASCADE`) };
}
