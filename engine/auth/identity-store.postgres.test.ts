// Runs against the real PostgreSQL of .ci/services/postgres.sh (KEFU_TEST_PG_URL); fails without it.
import { afterAll, expect, test } from "bun:test";
import pg from "pg";
import { freshSchemaName, requirePgUrl } from "../testing/postgres.ts";
import { createApiKeys } from "./api-keys.ts";
import { runIdentityStoreContract } from "./identity-store.contract.ts";
import { createPostgresIdentityStore } from "./identity-store.postgres.ts";
import { createKeySet } from "./keyset.ts";
import { createTokenService } from "./tokens.ts";

const url = requirePgUrl();
const schemas: string[] = [];
afterAll(async () => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await c.end();
});
const open = (tag: string) => {
  const schema = freshSchemaName(tag);
  schemas.push(schema);
  return createPostgresIdentityStore({ url, schema });
};

runIdentityStoreContract("postgres", () => open("idc"));

test("two PostgreSQL identity stores (two nodes) share keys: a revocation on one is seen by the other", async () => {
  const schema = freshSchemaName("idn");
  schemas.push(schema);
  const a = await createPostgresIdentityStore({ url, schema });
  const b = await createPostgresIdentityStore({ url, schema });
  await a.insertKey({
    id: "k1",
    tenantId: "t1",
    name: "n",
    role: "service",
    hash: "00",
    createdAtMs: 1,
    createdBy: "o",
    expiresAtMs: null,
    revokedAtMs: null,
    rotatedTo: null,
  });
  expect((await b.getKey("k1"))?.revokedAtMs).toBeNull();
  await a.updateKey("k1", { revokedAtMs: 5 });
  expect((await b.getKey("k1"))?.revokedAtMs).toBe(5);
  await a.close();
  await b.close();
});

test("two nodes on PostgreSQL: an API key made on one verifies on the other until revoked there; tokens verify across", async () => {
  const schema = freshSchemaName("idk");
  schemas.push(schema);
  const sa = await createPostgresIdentityStore({ url, schema });
  const sb = await createPostgresIdentityStore({ url, schema });
  const a = createApiKeys({ store: sa });
  const b = createApiKeys({ store: sb });
  const k = await a.create({ tenantId: "t1", role: "service", name: "n", createdBy: "o" });
  expect((await b.verify(k.secret)).id).toBe(k.key.id);
  await b.revoke(k.key.id);
  expect(await a.verify(k.secret).catch((e: Error) => e.message)).toBe("API key revoked");
  const secret = new TextEncoder().encode("node-local-secret-".repeat(2));
  const opts = { rotationSec: 7 * 86_400, maxTokenTtlSec: 86_400 };
  const ta = createTokenService({ secret, keys: createKeySet({ store: sa, ...opts }) });
  const tb = createTokenService({ secret, keys: createKeySet({ store: sb, ...opts }) });
  const p = { role: "admin" as const, tenantId: "t1", subject: "ann" };
  expect(await tb.verify(await ta.issue(p, 60))).toEqual(p);
  await sa.close();
  await sb.close();
});
