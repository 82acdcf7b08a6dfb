import { describe, expect, test } from "bun:test";
import { createApiKeys } from "../../engine/auth/api-keys.ts";
import { createSqliteIdentityStore } from "../../engine/auth/identity-store.sqlite.ts";
import { createTokenService, type TokenService } from "../../engine/auth/tokens.ts";
import { manualClock } from "../../engine/clock.ts";
import { loadConfig } from "../../engine/config.ts";
import type { KefuError } from "../../engine/errors.ts";
import { createAuthenticate } from "./principal.ts";

const config = loadConfig({ KEFU_AUTH_ADMIN_KEY: "admin-key-0123456789" });
const req = (auth?: string) => new Request("http://kefu.test/x", auth ? { headers: { authorization: auth } } : {});

function setup() {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const identity = createSqliteIdentityStore({ path: ":memory:" });
  const apiKeys = createApiKeys({ store: identity, clock });
  let verified = 0;
  const inner = createTokenService({ secret: new TextEncoder().encode("s".repeat(32)), clock });
  const tokens: TokenService = {
    issue: (p, ttl) => inner.issue(p, ttl),
    verify: (t) => {
      verified++;
      return inner.verify(t);
    },
  };
  const authenticate = createAuthenticate({ config, tokens, apiKeys, identity, clock });
  return { clock, identity, apiKeys, tokens, authenticate, verified: () => verified };
}

describe("createAuthenticate", () => {
  test("admin key, API key and token each resolve to their principal; none: undefined", async () => {
    const { authenticate, apiKeys, tokens } = setup();
    expect(await authenticate(req())).toBeUndefined();
    expect(await authenticate(req("Bearer admin-key-0123456789"))).toEqual({
      kind: "admin_key",
      role: "owner",
      subject: "admin-key",
    });
    const k = await apiKeys.create({ tenantId: "acme", role: "viewer", name: "n", createdBy: "o" });
    expect(await authenticate(req(`Bearer ${k.secret}`))).toEqual({
      kind: "api_key",
      role: "viewer",
      tenantId: "acme",
      subject: `key:${k.key.id}`,
      keyId: k.key.id,
    });
    const t = await tokens.issue({ role: "admin", tenantId: "acme", subject: "ann" }, 60);
    expect(await authenticate(req(`Bearer ${t}`))).toEqual({
      kind: "token",
      role: "admin",
      tenantId: "acme",
      subject: "ann",
    });
  });

  test("a credential is verified once per request, however many plugins ask", async () => {
    const s = setup();
    const t = await s.tokens.issue({ role: "agent", tenantId: "acme", subject: "a" }, 60);
    const r = req(`Bearer ${t}`);
    await Promise.all([s.authenticate(r), s.authenticate(r), s.authenticate(r)]);
    expect(s.verified()).toBe(1);
  });

  test("a disabled tenant's credentials are refused (403 tenant_disabled) once the 1 s status cache turns over", async () => {
    const s = setup();
    await s.identity.createTenant({ id: "acme", name: "A", status: "active", createdAtMs: 0, updatedAtMs: 0 });
    const k = await s.apiKeys.create({ tenantId: "acme", role: "service", name: "n", createdBy: "o" });
    expect((await s.authenticate(req(`Bearer ${k.secret}`)))?.tenantId).toBe("acme");
    await s.identity.setTenantStatus("acme", "disabled", 1);
    s.clock.advance(1000);
    const e = (await s.authenticate(req(`Bearer ${k.secret}`)).catch((x: unknown) => x)) as KefuError;
    expect([e.code, e.status]).toEqual(["tenant_disabled", 403]);
  });

  test("without token and key services, only the admin key is known", async () => {
    const authenticate = createAuthenticate({ config });
    expect((await authenticate(req("Bearer admin-key-0123456789")))?.role).toBe("owner");
    const e = (await authenticate(req("Bearer kf_live_x")).catch((x: unknown) => x)) as KefuError;
    expect([e.code, e.status]).toEqual(["unauthorized", 401]);
    const e2 = (await authenticate(req("Bearer eyJ.x.y")).catch((x: unknown) => x)) as KefuError;
    expect([e2.code, e2.status]).toEqual(["unauthorized", 401]);
  });
});
