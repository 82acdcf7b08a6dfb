// Walks every route of the whole gateway × every role (and the admin key, no credential, and
// another tenant's credential): the permission table decides each answer, and a route that is
// missing from the table fails here.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  type AccessRole,
  can,
  canMint,
  type Permission,
  ROLE_PERMISSIONS,
  ROLES,
  routeRule,
} from "../../engine/auth/permissions.ts";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { callApp } from "../test/utils.ts";
import { refusedUpgrade } from "../test/ws-client.ts";

let h: RealtimeHarness;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
/** Credentials by tenant and role: JWTs and API keys. */
const creds: { tenant: string; role: AccessRole; kind: "token" | "api_key"; bearer: string }[] = [];

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  callApp(h.gw.app, method, path, body, headers);

beforeAll(async () => {
  h = await realtimeHarness({ KEFU_MODE: "development" });
  for (const tenant of ["t1", "t2"]) {
    expect((await call("POST", "/v1/admin/tenants", { id: tenant }, admin)).status).toBe(201);
    for (const role of ROLES) {
      if (role === "visitor") {
        const v = await call("POST", "/v1/visitor/sessions", { tenantId: tenant });
        creds.push({ tenant, role, kind: "token", bearer: v.json.token as string });
        continue;
      }
      const t = await call("POST", `/v1/tenants/${tenant}/tokens`, { role, subject: `u-${role}` }, admin);
      expect(t.status).toBe(201);
      creds.push({ tenant, role, kind: "token", bearer: t.json.token as string });
      const k = await call("POST", `/v1/tenants/${tenant}/keys`, { name: `k-${role}`, role }, admin);
      expect(k.status).toBe(201);
      creds.push({ tenant, role, kind: "api_key", bearer: k.json.key as string });
    }
  }
});
afterAll(async () => {
  await h.close();
});

/** A concrete path of a route pattern: `:tenant` is `tenant`, other parameters a placeholder. */
const concrete = (pattern: string, tenant: string) =>
  pattern
    .replace(":tenant", tenant)
    .replace(/:([a-z]+)/g, (_m, name: string) => (name === "key" ? "000000000000" : "zz"));
const hasBody = (method: string) => method === "POST" || method === "PUT" || method === "DELETE";

/** Codes only the permission guard produces. */
function guardRefusal(r: { status: number; json: { error?: { code: string; message: string } } }): string | undefined {
  const e = r.json.error;
  if (!e) return undefined;
  if (r.status === 401 && e.code === "unauthorized") return "unauthorized";
  if (e.code === "forbidden" && e.message.includes("lacks the permission")) return "forbidden";
  if (e.code === "tenant_forbidden" || e.code === "route_undeclared") return e.code;
  return undefined;
}

describe("every route × every role", () => {
  test("the gateway has routes, and every one of them is in the permission table", () => {
    const routes = h.gw.app.routes.map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(40);
    const undeclared = h.gw.app.routes.filter((r) => !routeRule(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  test("no credential: public routes answer, every other route is 401", async () => {
    for (const r of h.gw.app.routes) {
      const rule = routeRule(r.method, r.path);
      const res = await call(r.method, concrete(r.path, "t1"), hasBody(r.method) ? {} : undefined);
      const refusal = guardRefusal(res);
      expect({ route: `${r.method} ${r.path}`, refusal }).toEqual({
        route: `${r.method} ${r.path}`,
        refusal: rule?.scope === "public" ? undefined : "unauthorized",
      });
    }
  });

  test("each role, by token and by API key: allowed exactly by the matrix, on its own tenant only", async () => {
    let checked = 0;
    for (const r of h.gw.app.routes) {
      const rule = routeRule(r.method, r.path);
      if (!rule || rule.scope === "public") continue;
      for (const c of creds.filter((x) => x.tenant === "t1")) {
        const res = await call(r.method, concrete(r.path, "t1"), hasBody(r.method) ? {} : undefined, {
          authorization: `Bearer ${c.bearer}`,
        });
        const expected = !can(c.role, rule.permission as Permission)
          ? "forbidden"
          : rule.scope === "platform"
            ? "tenant_forbidden"
            : undefined;
        expect({ route: `${r.method} ${r.path}`, role: c.role, kind: c.kind, refusal: guardRefusal(res) }).toEqual({
          route: `${r.method} ${r.path}`,
          role: c.role,
          kind: c.kind,
          refusal: expected,
        });
        checked++;
        // The same role of tenant t2 on t1's path.
        if (r.path.includes(":tenant") && expected === undefined) {
          const other = creds.find((x) => x.tenant === "t2" && x.role === c.role && x.kind === c.kind);
          const cross = await call(r.method, concrete(r.path, "t1"), hasBody(r.method) ? {} : undefined, {
            authorization: `Bearer ${other?.bearer}`,
          });
          expect({ route: `${r.method} ${r.path}`, role: c.role, refusal: guardRefusal(cross) }).toEqual({
            route: `${r.method} ${r.path}`,
            role: c.role,
            refusal: "tenant_forbidden",
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  test("the admin key passes the permission check of every route", async () => {
    for (const r of h.gw.app.routes) {
      // A tenant that does not exist: nothing the walk does (disable, delete) touches real data.
      const res = await call(r.method, concrete(r.path, "walk-none"), hasBody(r.method) ? {} : undefined, admin);
      expect({ route: `${r.method} ${r.path}`, refusal: guardRefusal(res) }).toEqual({
        route: `${r.method} ${r.path}`,
        refusal: undefined,
      });
    }
  });
});

describe("no role mints a credential broader than its own", () => {
  test("tokens and API keys: minted exactly when the target role's permissions are all the caller's", async () => {
    let minted = 0;
    for (const c of creds.filter((x) => x.tenant === "t1" && x.kind === "token")) {
      for (const target of ROLES) {
        const auth = { authorization: `Bearer ${c.bearer}` };
        const t = await call("POST", "/v1/tenants/t1/tokens", { role: target, subject: "m" }, auth);
        const mayMint = can(c.role, "tokens:mint") && canMint(c.role, target);
        const want = !can(c.role, "tokens:mint") ? 403 : target === "visitor" ? 400 : mayMint ? 201 : 403;
        expect({ caller: c.role, target, status: t.status }).toEqual({ caller: c.role, target, status: want });
        if (t.status === 201) {
          minted++;
          const held = ROLE_PERMISSIONS[c.role];
          expect(ROLE_PERMISSIONS[target].filter((p) => !held.includes(p))).toEqual([]);
        } else if (want === 403 && can(c.role, "tokens:mint")) {
          expect(t.json.error?.code).toBe("role_too_broad");
        }
        const k = await call("POST", "/v1/tenants/t1/keys", { name: "m", role: target }, auth);
        const wantKey = can(c.role, "keys:write") ? (canMint(c.role, target) ? 201 : 403) : 403;
        expect({ caller: c.role, target, key: k.status }).toEqual({ caller: c.role, target, key: wantKey });
      }
      // Agents: registering mints an agent or supervisor token.
      for (const role of ["agent", "supervisor"] as const) {
        const a = await call(
          "POST",
          "/v1/admin/agents",
          { id: `ag-${c.role}-${role}`, tenantId: "t1", role },
          { authorization: `Bearer ${c.bearer}` },
        );
        const want = can(c.role, "agents:write") ? (canMint(c.role, role) ? 200 : 403) : 403;
        expect({ caller: c.role, role, status: a.status }).toEqual({ caller: c.role, role, status: want });
      }
    }
    expect(minted).toBeGreaterThan(5);
  });

  test("a token minted for a narrower role cannot mint upwards either", async () => {
    const sup = creds.find((x) => x.tenant === "t1" && x.role === "supervisor" && x.kind === "token");
    const t = await call(
      "POST",
      "/v1/tenants/t1/tokens",
      { role: "agent", subject: "x" },
      {
        authorization: `Bearer ${sup?.bearer}`,
      },
    );
    expect(t.status).toBe(201);
    const up = await call(
      "POST",
      "/v1/tenants/t1/tokens",
      { role: "supervisor", subject: "y" },
      {
        authorization: `Bearer ${t.json.token}`,
      },
    );
    expect([up.status, up.json.error?.code]).toEqual([403, "forbidden"]);
  });
});

describe("the audit log is no conversation", () => {
  test("a development-mode visitor token naming an audit stream can neither join nor write it", async () => {
    await call("POST", "/v1/tenants/t1/keys", { name: "before" }, admin); // at least one record in audit:t1
    const dev = await call("POST", "/docs/dev-token", {
      role: "visitor",
      tenantId: "t1",
      subject: "v",
      sessionId: "audit:t1",
    });
    expect(dev.status).toBe(200);
    const chat = await call(
      "POST",
      "/v1/chat",
      { session_id: "audit:t1", text: "hi" },
      {
        authorization: `Bearer ${dev.json.token}`,
      },
    );
    expect([chat.status, chat.json.error?.code]).toEqual([403, "forbidden"]);
    expect(await refusedUpgrade(`${h.gw.url}/v1/ws/visitor?token=${dev.json.token}`, {})).toEqual({
      status: 403,
      code: "forbidden",
    });
    expect((await call("GET", "/v1/tenants/t1/audit/verify", undefined, admin)).json.ok).toBe(true);
  });
});
