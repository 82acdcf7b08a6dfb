// Tenants, API key lifecycle, token minting, audit log and tenant isolation over HTTP, on an
// in-process gateway with a manual clock.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { callApp } from "../test/utils.ts";
import { connect, refusedUpgrade } from "../test/ws-client.ts";

let h: RealtimeHarness;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const bearer = (b: unknown) => ({ authorization: `Bearer ${b}` });

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  callApp(h.gw.app, method, path, body, headers);

beforeAll(async () => {
  h = await realtimeHarness();
});
afterAll(async () => {
  await h.close();
});

describe("tenants", () => {
  test("create, list, get, disable and enable; ids are unique; only the admin key creates", async () => {
    const c = await call("POST", "/v1/admin/tenants", { id: "ten-a", name: "Tenant A" }, admin);
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ id: "ten-a", name: "Tenant A", status: "active" });
    expect((await call("POST", "/v1/admin/tenants", { id: "ten-a" }, admin)).json.error?.code).toBe("tenant_exists");
    expect((await call("POST", "/v1/admin/tenants", { id: "_platform" }, admin)).status).toBe(400);
    expect((await call("GET", "/v1/admin/tenants/ten-a", undefined, admin)).json.name).toBe("Tenant A");
    expect((await call("GET", "/v1/admin/tenants/nope", undefined, admin)).status).toBe(404);
    const list = await call("GET", "/v1/admin/tenants", undefined, admin);
    expect((list.json.tenants as { id: string }[]).map((t) => t.id)).toContain("ten-a");
    const owner = await call("POST", "/v1/tenants/ten-a/tokens", { role: "owner", subject: "o" }, admin);
    // A tenant's own owner cannot create other tenants or disable its own (shared setting).
    expect((await call("POST", "/v1/admin/tenants", { id: "ten-x" }, bearer(owner.json.token))).json.error?.code).toBe(
      "tenant_forbidden",
    );
    const off = await call("POST", "/v1/admin/tenants/ten-a/disable", { reason: "unpaid" }, admin);
    expect(off.json.status).toBe("disabled");
    expect((await call("POST", "/v1/admin/tenants/ten-a/enable", undefined, admin)).json.status).toBe("active");
    const { records } = (await call("GET", "/v1/tenants/ten-a/audit", undefined, admin)).json as {
      records: { action: string; before: { status: string }; after: { status: string; reason?: string } }[];
    };
    expect(
      records.map((r) => [r.action, r.before?.status ?? null, r.after.status ?? null, r.after.reason ?? null]),
    ).toEqual([
      ["tenant.create", null, "active", null],
      ["token.mint", null, null, null],
      ["tenant.disable", "active", "disabled", "unpaid"],
      ["tenant.enable", "disabled", "active", null],
    ]);
  });

  test("a disabled tenant's API keys, tokens and new visitor sessions are refused with 403 tenant_disabled, and work again once enabled", async () => {
    await call("POST", "/v1/admin/tenants", { id: "ten-d" }, admin);
    const key = (await call("POST", "/v1/tenants/ten-d/keys", { name: "k" }, admin)).json.key;
    const tok = (await call("POST", "/v1/tenants/ten-d/tokens", { role: "viewer", subject: "v" }, admin)).json.token;
    expect((await call("GET", "/v1/tenants/ten-d/kb", undefined, bearer(key))).status).toBe(200);
    await call("POST", "/v1/admin/tenants/ten-d/disable", undefined, admin);
    h.clock.advance(1001); // the tenant status cache (1 s)
    for (const b of [key, tok]) {
      const r = await call("GET", "/v1/tenants/ten-d/kb", undefined, bearer(b));
      expect([r.status, r.json.error?.code]).toEqual([403, "tenant_disabled"]);
    }
    expect((await call("POST", "/v1/tenants/ten-d/keys", { name: "k2" }, admin)).json.error?.code).toBe(
      "tenant_disabled",
    );
    // No new visitor sessions either (the widget of a disabled tenant cannot open one).
    const visitor = await call("POST", "/v1/visitor/sessions", { tenantId: "ten-d" });
    expect([visitor.status, visitor.json.error?.code]).toEqual([403, "tenant_disabled"]);
    await call("POST", "/v1/admin/tenants/ten-d/enable", undefined, admin);
    h.clock.advance(1001);
    expect((await call("GET", "/v1/tenants/ten-d/kb", undefined, bearer(key))).status).toBe(200);
    expect((await call("POST", "/v1/visitor/sessions", { tenantId: "ten-d" })).status).toBe(200);
  });
});

describe("API key lifecycle", () => {
  test("shown once; used; rotated with a grace period; the old key expires; revocation is immediate", async () => {
    await call("POST", "/v1/admin/tenants", { id: "acme" }, admin);
    const created = await call("POST", "/v1/tenants/acme/keys", { name: "crm", role: "service" }, admin);
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const first = created.json.key as string;
    expect(first).toStartWith(`kf_live_${id}_`);
    expect(created.json).toMatchObject({ tenantId: "acme", role: "service", name: "crm", state: "active" });
    // Never shown again: not in lists, not in single reads, no hash either.
    const list = await call("GET", "/v1/tenants/acme/keys", undefined, admin);
    expect(list.text).not.toContain(first.slice(21));
    expect(list.text).not.toContain('"hash"');
    expect((list.json.keys as { id: string }[]).map((k) => k.id)).toContain(id);

    expect((await call("GET", "/v1/tenants/acme/kb", undefined, bearer(first))).status).toBe(200);
    // Its role is service: no key management.
    expect((await call("GET", "/v1/tenants/acme/keys", undefined, bearer(first))).status).toBe(403);

    const rotated = await call("POST", `/v1/tenants/acme/keys/${id}/rotate`, { graceSec: 60 }, admin);
    expect(rotated.status).toBe(201);
    const second = rotated.json.key as string;
    expect(rotated.json.previous).toMatchObject({ id, state: "expiring", rotatedTo: rotated.json.id });
    expect((await call("GET", "/v1/tenants/acme/kb", undefined, bearer(first))).status).toBe(200);
    expect((await call("GET", "/v1/tenants/acme/kb", undefined, bearer(second))).status).toBe(200);
    h.clock.advance(60_000);
    const old = await call("GET", "/v1/tenants/acme/kb", undefined, bearer(first));
    expect([old.status, old.json.error?.message]).toEqual([401, "API key expired"]);
    expect((await call("GET", "/v1/tenants/acme/kb", undefined, bearer(second))).status).toBe(200);

    const revokedIds: string[] = [];
    const off = h.gw.identity.apiKeys.onRevoked((k) => revokedIds.push(k));
    const del = await call("DELETE", `/v1/tenants/acme/keys/${rotated.json.id}`, undefined, admin);
    off();
    expect([del.status, del.json.state]).toEqual([200, "revoked"]);
    expect(revokedIds).toEqual([rotated.json.id as string]);
    const gone = await call("GET", "/v1/tenants/acme/kb", undefined, bearer(second));
    expect([gone.status, gone.json.error?.message]).toEqual([401, "API key revoked"]);
    // Default grace: auth.apiKeyGraceSec.
    const k3 = await call("POST", "/v1/tenants/acme/keys", { name: "k3" }, admin);
    const r3 = await call("POST", `/v1/tenants/acme/keys/${k3.json.id}/rotate`, undefined, admin);
    expect((r3.json.previous as { expiresAtMs: number }).expiresAtMs).toBe(h.clock.now() + 86_400_000);
  });

  test("a tampered or unknown API key is 401, never another tenant's data", async () => {
    const r = await call("GET", "/v1/tenants/acme/kb", undefined, bearer(`kf_live_000000000000_${"A".repeat(43)}`));
    expect([r.status, r.json.error?.code]).toEqual([401, "unauthorized"]);
  });
});

describe("audit log API", () => {
  test("admin actions are recorded with actor, time, target, before/after, and the chain verifies", async () => {
    await call("POST", "/v1/admin/tenants", { id: "aud" }, admin);
    const k = await call("POST", "/v1/tenants/aud/keys", { name: "svc", role: "service" }, admin);
    await call("POST", `/v1/tenants/aud/keys/${k.json.id}/rotate`, { graceSec: 10 }, admin);
    await call("DELETE", `/v1/tenants/aud/keys/${k.json.id}`, undefined, admin);
    // A KB change by the tenant's own service key.
    const svc = await call("POST", "/v1/tenants/aud/keys", { name: "svc2", role: "service" }, admin);
    await call("POST", "/v1/tenants/aud/kb", { name: "FAQ", id: "faq" }, bearer(svc.json.key));
    await call(
      "PUT",
      "/v1/tenants/aud/kb/faq/documents/d1",
      { format: "text", content: "Refunds take 5 days." },
      bearer(svc.json.key),
    );
    await call("DELETE", "/v1/tenants/aud/kb/faq/documents/d1", undefined, bearer(svc.json.key));
    await call("POST", "/v1/tenants/aud/tokens", { role: "agent", subject: "ann" }, admin);
    await call("POST", "/v1/admin/agents", { id: "bob", tenantId: "aud" }, admin);
    const { records } = (await call("GET", "/v1/tenants/aud/audit", undefined, admin)).json as {
      records: {
        action: string;
        target: string;
        actor: Record<string, string>;
        at: string;
        before: unknown;
        after: unknown;
      }[];
    };
    expect(records.map((r) => r.action)).toEqual([
      "tenant.create",
      "key.create",
      "key.rotate",
      "key.revoke",
      "key.create",
      "kb.create",
      "kb.document.put",
      "kb.document.delete",
      "token.mint",
      "agent.register",
    ]);
    expect(records[0]?.actor).toEqual({ kind: "admin_key", role: "owner", subject: "admin-key" });
    expect(records[5]?.actor).toEqual({
      kind: "api_key",
      role: "service",
      subject: `key:${svc.json.id}`,
      keyId: svc.json.id as string,
    });
    expect(records[3]).toMatchObject({
      target: `key:${k.json.id}`,
      before: { state: "expiring" },
      after: { state: "revoked" },
    });
    expect(records[6]).toMatchObject({ target: "kb:faq/doc:d1", before: null, after: { contentBytes: 20 } });
    expect(records[7]?.before).toMatchObject({ id: "d1" });
    expect(new Date(records[0]?.at as string).getTime()).toBe(records[0] ? Date.parse(records[0].at) : 0);
    // Secrets never reach the audit log.
    expect(JSON.stringify(records)).not.toContain(svc.json.key as string);
    expect(JSON.stringify(records.map((r) => [r.before, r.after]))).not.toContain('"hash"');
    const page = (await call("GET", "/v1/tenants/aud/audit?after=8&limit=1", undefined, admin)).json
      .records as unknown[];
    expect(page).toHaveLength(1);
    const v = await call("GET", "/v1/tenants/aud/audit/verify", undefined, admin);
    expect(v.json).toMatchObject({ tenantId: "aud", ok: true, records: 10 });
    expect((await call("GET", "/v1/tenants/aud/audit?limit=5000", undefined, admin)).status).toBe(400);
  });

  test("shared settings go to _platform: an LLM config change with its before and after", async () => {
    const cfg = (await call("GET", "/v1/admin/llm/config", undefined, admin)).json;
    expect((await call("PUT", "/v1/admin/llm/config", cfg, admin)).status).toBe(200);
    const { records } = (await call("GET", "/v1/tenants/_platform/audit", undefined, admin)).json as {
      records: { action: string; before: unknown; after: unknown }[];
    };
    const last = records.at(-1);
    expect(last?.action).toBe("config.llm.put");
    expect(last?.before).toEqual(JSON.parse(JSON.stringify(cfg)));
    expect((await call("GET", "/v1/tenants/_platform/audit/verify", undefined, admin)).json.ok).toBe(true);
  });
});

describe("tenant isolation: nothing of tenant A is visible to tenant B", () => {
  test("sessions, transcripts, exports, KB, intents, agents, keys, tokens, tenants and audit", async () => {
    for (const id of ["iso-a", "iso-b"]) await call("POST", "/v1/admin/tenants", { id }, admin);
    const A = bearer(
      (await call("POST", "/v1/tenants/iso-a/tokens", { role: "admin", subject: "a" }, admin)).json.token,
    );
    const B = bearer(
      (await call("POST", "/v1/tenants/iso-b/tokens", { role: "admin", subject: "b" }, admin)).json.token,
    );
    const keyA = await call("POST", "/v1/tenants/iso-a/keys", { name: "a", role: "admin" }, A);
    expect(keyA.status).toBe(201);
    const KA = bearer(keyA.json.key);

    // Sessions and transcripts.
    const v = await call("POST", "/v1/visitor/sessions", { tenantId: "iso-a" });
    const sid = v.json.sessionId as string;
    expect((await call("GET", `/v1/sessions/${sid}/transcript`, undefined, A)).status).toBe(200);
    expect((await call("GET", `/v1/sessions/${sid}/transcript`, undefined, KA)).status).toBe(200);
    const tb = await call("GET", `/v1/sessions/${sid}/transcript`, undefined, B);
    expect([tb.status, tb.json.error?.code]).toEqual([404, "not_found"]);
    // The audit stream is no transcript, even for its own tenant.
    expect((await call("GET", "/v1/sessions/audit:iso-a/transcript", undefined, A)).status).toBe(404);

    // Exports: B's export holds none of A's events; naming A is refused.
    const range = `from=${h.clock.now() - 86_400_000}&to=${h.clock.now() + 1000}`;
    const eb = await call("GET", `/v1/audit/events?${range}`, undefined, B);
    expect(eb.status).toBe(200);
    expect(eb.text).not.toContain("iso-a");
    expect(eb.text).toContain("iso-b"); // B's own audit records
    expect((await call("GET", `/v1/audit/events?${range}&tenant=iso-a`, undefined, B)).json.error?.code).toBe(
      "tenant_forbidden",
    );
    expect((await call("GET", `/v1/audit/events?${range}`, undefined, A)).text).toContain(sid);

    // Knowledge base and intents.
    expect((await call("POST", "/v1/tenants/iso-a/kb", { name: "A's", id: "a-kb" }, A)).status).toBe(201);
    expect((await call("GET", "/v1/tenants/iso-a/kb", undefined, B)).json.error?.code).toBe("tenant_forbidden");
    expect((await call("GET", "/v1/tenants/iso-a/kb/a-kb/documents", undefined, B)).status).toBe(403);
    expect((await call("GET", "/v1/tenants/iso-a/kb/a-kb/search?q=x", undefined, B)).status).toBe(403);
    expect((await call("DELETE", "/v1/tenants/iso-a/kb/a-kb", undefined, B)).status).toBe(403);
    expect((await call("GET", "/v1/tenants/iso-b/kb", undefined, B)).json.kbs).toEqual([]);
    expect((await call("GET", "/v1/tenants/iso-a/intents", undefined, B)).status).toBe(403);
    expect((await call("PUT", "/v1/tenants/iso-a/intents", {}, B)).status).toBe(403);

    // Agents: B cannot register (or mint tokens for) agents of A.
    const ag = await call("POST", "/v1/admin/agents", { id: "mallory", tenantId: "iso-a" }, B);
    expect([ag.status, ag.json.error?.code]).toEqual([403, "tenant_forbidden"]);
    expect((await call("POST", "/v1/admin/agents", { id: "alice", tenantId: "iso-a" }, A)).status).toBe(200);
    expect((await call("POST", "/v1/tenants/iso-a/tokens", { role: "agent", subject: "m" }, B)).status).toBe(403);

    // Keys: not listed, not rotatable or revocable through B's own path, and A's key cannot reach B.
    expect((await call("GET", "/v1/tenants/iso-a/keys", undefined, B)).status).toBe(403);
    expect(JSON.stringify((await call("GET", "/v1/tenants/iso-b/keys", undefined, B)).json)).not.toContain(
      keyA.json.id as string,
    );
    expect((await call("POST", `/v1/tenants/iso-b/keys/${keyA.json.id}/rotate`, {}, B)).status).toBe(404);
    expect((await call("DELETE", `/v1/tenants/iso-b/keys/${keyA.json.id}`, undefined, B)).status).toBe(404);
    expect((await call("GET", "/v1/tenants/iso-a/kb", undefined, KA)).status).toBe(200);
    expect((await call("GET", "/v1/tenants/iso-b/kb", undefined, KA)).status).toBe(403);

    // Tenants: B sees only itself.
    const tl = (await call("GET", "/v1/admin/tenants", undefined, B)).json.tenants as { id: string }[];
    expect(tl.map((t) => t.id)).toEqual(["iso-b"]);
    expect((await call("GET", "/v1/admin/tenants/iso-a", undefined, B)).status).toBe(403);

    // Audit: B cannot read or verify A's; B's own log names nothing of A.
    expect((await call("GET", "/v1/tenants/iso-a/audit", undefined, B)).status).toBe(403);
    expect((await call("GET", "/v1/tenants/iso-a/audit/verify", undefined, B)).status).toBe(403);
    expect((await call("GET", "/v1/tenants/_platform/audit", undefined, B)).status).toBe(403);
    const own = await call("GET", "/v1/tenants/iso-b/audit", undefined, B);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain("iso-a");
    expect((await call("GET", "/v1/tenants/iso-a/audit", undefined, A)).text).toContain("kb.create");
  });
});

describe("API keys on WebSockets", () => {
  test("a service key opens an agent socket and watches a session; revoking it closes the socket; a viewer key is refused", async () => {
    await call("POST", "/v1/admin/tenants", { id: "ws-keys" }, admin);
    const created = await call("POST", "/v1/tenants/ws-keys/keys", { name: "crm-bridge", role: "service" }, admin);
    const id = created.json.id as string;
    const key = created.json.key as string;
    const bridge = await connect(`${h.gw.url}/v1/ws/agent`, key, "json");
    expect((await bridge.next((f) => f.welcome)).agentId).toBe(`key:${id}`);
    const v = await h.visitor("ws-keys", "json");
    bridge.send({ id: "w", watch: { sessionId: v.sessionId } });
    v.c.send({ send: { message: { clientMsgId: "k1", text: "hello bridge" } } });
    await bridge.next((f) => (f.deliver?.event?.message?.text === "hello bridge" ? f : null));
    // Revocation is immediate: the socket the key opened is closed, and the key opens no new one.
    expect((await call("DELETE", `/v1/tenants/ws-keys/keys/${id}`, undefined, admin)).status).toBe(200);
    expect(await bridge.closed).toEqual({ code: 1008, reason: "credential revoked" });
    expect(await refusedUpgrade(`${h.gw.url}/v1/ws/agent?token=${encodeURIComponent(key)}`, {})).toMatchObject({
      status: 401,
    });
    const viewer = (await call("POST", "/v1/tenants/ws-keys/keys", { name: "dash", role: "viewer" }, admin)).json
      .key as string;
    expect(await refusedUpgrade(`${h.gw.url}/v1/ws/agent?token=${encodeURIComponent(viewer)}`, {})).toMatchObject({
      status: 403,
    });
  });
});
