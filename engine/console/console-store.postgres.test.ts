// Runs against the real PostgreSQL of .ci/services/postgres.sh (KEFU_TEST_PG_URL); fails without it.
import { afterAll } from "bun:test";
import pg from "pg";
import { freshSchemaName, requirePgUrl } from "../testing/postgres.ts";
import { runConsoleStoreContract } from "./console-store.contract.ts";
import { createPostgresConsoleStore } from "./console-store.postgres.ts";

const url = requirePgUrl();
const schemas: string[] = [];
afterAll(async () => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await c.end();
});

runConsoleStoreContract("postgres", () => {
  const schema = freshSchemaName("con");
  schemas.push(schema);
  return createPostgresConsoleStore({ url, schema, poolSize: 2 });
});
