import { describe, expect, test } from "bun:test";
import { manualClock } from "../clock.ts";
import type { KefuError } from "../errors.ts";
import { createApiKeys } from "./api-keys.ts";
import { createSqliteIdentityStore } from "./identity-store.sqlite.ts";

function setup() {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const store = createSqliteIdentityStore({ path: ":memory:" });
  return { clock, store, keys: createApiKeys({ store, clock }) };
}
const opts = { tenantId: "acme", role: "service" as const, name: "crm", createdBy: "owner-1" };

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = (await p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (x: unknown) => x,
  )) as KefuError;
  expect([e.code, e.status]).toEqual(["unauthorized", 401]);
  return e.message;
}

describe("API keys", () => {
  test("a key is kf_live_<id>_<secret>, shown once: the store keeps only the SHA-256 of the secret", async () => {
    const { keys, store } = setup();
    const { key, secret } = await keys.create(opts);
    expect(secret).toMatch(/^kf_live_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(secret.slice(8, 20)).toBe(key.id);
    const stored = await store.getKey(key.id);
    const hash = new Bun.CryptoHasher("sha256").update(secret.slice(21)).digest("hex");
    expect(stored?.hash).toBe(hash);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(21));
    expect(JSON.stringify(key)).not.toContain(hash);
    expect((await keys.verify(secret)).tenantId).toBe("acme");
  });

  test("a wrong secret, a malformed key and an unknown id are refused", async () => {
    const { keys } = setup();
    const { secret } = await keys.create(opts);
    const wrong = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    expect(await refusal(keys.verify(wrong))).toBe("invalid API key");
    expect(await refusal(keys.verify("kf_live_nope"))).toBe("malformed API key");
    expect(await refusal(keys.verify(`kf_live_000000000000_${secret.slice(21)}`))).toBe("invalid API key");
  });

  test("rotation: a new key at once; the old one verifies for the grace period, then expires", async () => {
    const { keys, clock } = setup();
    const first = await keys.create(opts);
    const r = await keys.rotate(first.key.id, 3600, "owner-2");
    expect(r.key.id).not.toBe(first.key.id);
    expect([r.key.role, r.key.tenantId, r.key.name, r.key.state]).toEqual(["service", "acme", "crm", "active"]);
    expect([r.old.state, r.old.rotatedTo, r.old.expiresAtMs]).toEqual(["expiring", r.key.id, clock.now() + 3_600_000]);
    expect((await keys.verify(first.secret)).id).toBe(first.key.id);
    expect((await keys.verify(r.secret)).id).toBe(r.key.id);
    clock.advance(3_600_000 - 1);
    expect((await keys.verify(first.secret)).id).toBe(first.key.id);
    clock.advance(1);
    expect(await refusal(keys.verify(first.secret))).toBe("API key expired");
    expect((await keys.verify(r.secret)).id).toBe(r.key.id);
    expect((await keys.get(first.key.id))?.state).toBe("expired");
    // A rotated key is not rotated twice; bounds are explicit.
    expect(await keys.rotate(first.key.id, 60, "x").catch((e: KefuError) => [e.code, e.status])).toEqual([
      "key_inactive",
      409,
    ]);
    expect(await keys.rotate(r.key.id, -1, "x").catch((e: KefuError) => e.status)).toBe(400);
    expect(await keys.rotate("000000000000", 60, "x").catch((e: KefuError) => e.status)).toBe(404);
  });

  test("revocation is immediate and tells the listeners (the realtime layer closes the key's sockets)", async () => {
    const { keys } = setup();
    const a = await keys.create(opts);
    const b = await keys.create(opts);
    const closed: string[] = [];
    const off = keys.onRevoked((id) => closed.push(id));
    expect((await keys.revoke(a.key.id)).state).toBe("revoked");
    expect(closed).toEqual([a.key.id]);
    expect(await refusal(keys.verify(a.secret))).toBe("API key revoked");
    expect((await keys.verify(b.secret)).id).toBe(b.key.id);
    off();
    await keys.revoke(b.key.id);
    expect(closed).toEqual([a.key.id]);
  });

  test("lists show a tenant's keys only, without hashes", async () => {
    const { keys } = setup();
    await keys.create(opts);
    await keys.create({ ...opts, tenantId: "other" });
    const list = await keys.list("acme");
    expect(list.map((k) => k.tenantId)).toEqual(["acme"]);
    expect("hash" in (list[0] as object)).toBe(false);
  });
});
