// The gateway process on the PostgreSQL EventStore (KEFU_TEST_PG_URL from .ci/services/postgres.sh):
// it starts and reports the store ready, and a schema it cannot migrate stops start-up.
import { afterAll, expect, test } from "bun:test";
import pg from "pg";
import { loadMigrations } from "../engine/storage/migrate.ts";
import { freshSchema, requirePgUrl } from "../engine/testing/postgres.ts";
import { runGateway, startGateway, tempDir } from "./test/utils.ts";

const url = requirePgUrl();
const drops: (() => Promise<void>)[] = [];
const tmp = tempDir("kefu-main-pg-");

afterAll(async () => {
  tmp.cleanup();
  for (const drop of drops) await drop();
});

test("the gateway starts on PostgreSQL, migrates, and reports the store ready", async () => {
  const schema = await freshSchema("main");
  drops.push(schema.drop);
  const gw = await startGateway({
    KEFU_DATA_DIR: tmp.dir,
    KEFU_STORAGE_EVENT_STORE: "postgres",
    KEFU_STORAGE_POSTGRES_URL: schema.url,
  });
  try {
    const ready = (await (await fetch(`${gw.url}/readyz`)).json()) as {
      backends: { eventStore: { ok: boolean; kind: string } };
    };
    expect(ready.backends.eventStore).toEqual({ ok: true, kind: "postgres" });
  } finally {
    gw.proc.kill("SIGTERM");
    await gw.exited;
  }
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  const { rows } = await check.query(`SELECT name FROM ${schema.name}.kefu_schema_migrations ORDER BY version`);
  await check.end();
  expect(rows).toEqual(loadMigrations().map((m) => ({ name: m.name })));
});

test("a migration that cannot be applied stops start-up with exit code 1 and names it", async () => {
  const schema = await freshSchema("mainbad");
  drops.push(schema.drop);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // A table in the way: 0001 cannot create session_heads.
  await c.query(`CREATE TABLE ${schema.name}.session_heads (x int)`);
  await c.end();
  const r = await runGateway({
    KEFU_PORT: "0",
    KEFU_DATA_DIR: tmp.dir,
    KEFU_STORAGE_EVENT_STORE: "postgres",
    KEFU_STORAGE_POSTGRES_URL: schema.url,
  });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/migration 0001_session_events\.sql failed and was rolled back/);
});

test("postgres without a URL is a configuration error (exit 2) naming the key", async () => {
  const r = await runGateway({ KEFU_PORT: "0", KEFU_DATA_DIR: tmp.dir, KEFU_STORAGE_EVENT_STORE: "postgres" });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("KEFU_STORAGE_POSTGRES_URL");
});
