/**
 * The IdentityStore contract suite: every adapter runs it.
 *
 * @example
 *   runIdentityStoreContract("sqlite", async () => createSqliteIdentityStore({ path: ":memory:" }));
 */
import { afterAll, describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { KefuError } from "../errors.ts";
import type { ApiKeyRecord, IdentityStore } from "./identity-store.ts";

const key = (id: string, tenantId: string, createdAtMs: number): ApiKeyRecord => ({
  id,
  tenantId,
  name: `key ${id}`,
  role: "service",
  hash: "ab".repeat(32),
  createdAtMs,
  createdBy: "owner-1",
  expiresAtMs: null,
  revokedAtMs: null,
  rotatedTo: null,
});

/** Runs the contract against stores made by `open` (each test gets a fresh one). */
export function runIdentityStoreContract(name: string, open: () => Promise<IdentityStore>): void {
  const opened: IdentityStore[] = [];
  const fresh = async () => {
    const s = await open();
    opened.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of opened) await s.close();
  });

  describe(`identity store contract: ${name}`, () => {
    test("tenants: create, get, list by id, disable; a second create of an id is 409", async () => {
      const s = await fresh();
      await s.createTenant({ id: "b", name: "B", status: "active", createdAtMs: 1, updatedAtMs: 1 });
      await s.createTenant({ id: "a", name: "A", status: "active", createdAtMs: 2, updatedAtMs: 2 });
      const dup = await s
        .createTenant({ id: "a", name: "again", status: "active", createdAtMs: 3, updatedAtMs: 3 })
        .catch((e: unknown) => e);
      expect(dup).toBeInstanceOf(KefuError);
      expect([(dup as KefuError).code, (dup as KefuError).status]).toEqual(["tenant_exists", 409]);
      expect((await s.listTenants()).map((t) => t.id)).toEqual(["a", "b"]);
      expect((await s.getTenant("a"))?.name).toBe("A");
      expect(await s.getTenant("zz")).toBeUndefined();
      expect(await s.setTenantStatus("a", "disabled", 9)).toEqual({
        id: "a",
        name: "A",
        status: "disabled",
        createdAtMs: 2,
        updatedAtMs: 9,
      });
      expect(await s.setTenantStatus("zz", "disabled", 9)).toBeUndefined();
    });

    test("keys: insert, get, list per tenant newest first, update only the given fields", async () => {
      const s = await fresh();
      await s.insertKey(key("k1", "t1", 10));
      await s.insertKey(key("k2", "t1", 20));
      await s.insertKey(key("k3", "t2", 30));
      expect((await s.insertKey(key("k1", "t1", 10)).catch((e: KefuError) => e.code)) as string).toBe("key_exists");
      expect(await s.getKey("k1")).toEqual(key("k1", "t1", 10));
      expect((await s.listKeys("t1")).map((k) => k.id)).toEqual(["k2", "k1"]);
      expect((await s.listKeys("t2")).map((k) => k.id)).toEqual(["k3"]);
      const rotated = await s.updateKey("k1", { expiresAtMs: 500, rotatedTo: "k2" });
      expect(rotated).toEqual({ ...key("k1", "t1", 10), expiresAtMs: 500, rotatedTo: "k2" });
      const revoked = await s.updateKey("k1", { revokedAtMs: 600 });
      expect(revoked).toEqual({ ...key("k1", "t1", 10), expiresAtMs: 500, rotatedTo: "k2", revokedAtMs: 600 });
      expect(await s.getKey("k1")).toEqual(revoked as ApiKeyRecord);
      expect(await s.updateKey("nope", { revokedAtMs: 1 })).toBeUndefined();
    });

    test("signing keys: insert-if-absent by kid (the first writer wins), newest first, retired ones deleted", async () => {
      const s = await fresh();
      const a = new Uint8Array(randomBytes(32));
      const b = new Uint8Array(randomBytes(32));
      expect((await s.addSigningKey({ kid: "k100", secret: a, createdAtMs: 100 })).secret).toEqual(a);
      // A second node rotating at the same moment gets the stored key, not its own.
      expect((await s.addSigningKey({ kid: "k100", secret: b, createdAtMs: 101 })).secret).toEqual(a);
      await s.addSigningKey({ kid: "k200", secret: b, createdAtMs: 200 });
      expect((await s.signingKeys()).map((k) => [k.kid, k.createdAtMs])).toEqual([
        ["k200", 200],
        ["k100", 100],
      ]);
      expect(await s.deleteSigningKeysBefore(150)).toBe(1);
      expect((await s.signingKeys()).map((k) => k.kid)).toEqual(["k200"]);
    });
  });
}
