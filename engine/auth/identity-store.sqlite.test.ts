import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runIdentityStoreContract } from "./identity-store.contract.ts";
import { createSqliteIdentityStore } from "./identity-store.sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-identity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runIdentityStoreContract("sqlite", async () => createSqliteIdentityStore({ path: ":memory:" }));

test("the SQLite identity store keeps tenants and keys across a reopen", async () => {
  const path = join(dir, "identity.db");
  const a = createSqliteIdentityStore({ path });
  await a.createTenant({ id: "acme", name: "Acme", status: "active", createdAtMs: 1, updatedAtMs: 1 });
  await a.close();
  const b = createSqliteIdentityStore({ path });
  expect((await b.getTenant("acme"))?.name).toBe("Acme");
  await b.close();
});
