import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { openApiPath } from "./document.ts";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters: { name: string; in: string; schema: unknown }[];
        requestBody?: { content: { "application/json": { schema: unknown } } };
      }
    >
  >;
};

/** The page's inline script is valid JavaScript (it is built from a template). */
function scriptParses(html: string): boolean {
  const src = /<script>([\s\S]*)<\/script>/.exec(html)?.[1];
  if (!src) return false;
  new Function(src);
  return true;
}

/** Routes that read a body without a TypeBox schema, and what validates it instead. */
const BODY_VALIDATED_ELSEWHERE: Record<string, string> = {
  "PUT /v1/tenants/:tenant/intents": "the intents file (JSON or TOML) is parsed and validated with line-level errors",
  "PUT /v1/admin/llm/config": "the LLM routing config is validated by its own schema before it is swapped in",
  "POST /v1/visitor/attachments": "the image bytes: size-bounded while read, type sniffed from the magic bytes",
};

describe("production mode (the default)", () => {
  let h: RealtimeHarness;
  let doc: Doc;
  beforeAll(async () => {
    h = await realtimeHarness();
    const res = await fetch(`${h.gw.url}/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
  });
  afterAll(() => h.close());

  test("every route of the app is in the document, with its schemas as enforced", () => {
    expect(doc.openapi).toBe("3.1.0");
    const routes = h.gw.app.routes.filter((r) => ["GET", "POST", "PUT", "DELETE", "PATCH"].includes(r.method));
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];
      expect([r.method, r.path, op !== undefined]).toEqual([r.method, r.path, true]);
      if (!op) continue;
      const hooks = (r.hooks ?? {}) as Record<string, unknown>;
      if (hooks.body) {
        expect(op.requestBody?.content["application/json"].schema).toEqual(JSON.parse(JSON.stringify(hooks.body)));
      }
      for (const name of Object.keys(((hooks.query ?? {}) as { properties?: object }).properties ?? {}))
        expect(op.parameters.some((p) => p.in === "query" && p.name === name)).toBe(true);
      for (const m of r.path.matchAll(/:([A-Za-z0-9_]+)/g))
        expect(op.parameters.some((p) => p.in === "path" && p.name === m[1])).toBe(true);
      if (r.method === "POST") expect(op.parameters.some((p) => p.name === "X-Idempotency-Key")).toBe(true);
    }
    // Operation ids are unique, and every {param} of a path is declared as a path parameter.
    const ids = Object.values(doc.paths).flatMap((m) => Object.values(m).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, methods] of Object.entries(doc.paths))
      for (const op of Object.values(methods))
        for (const m of path.matchAll(/\{([^}]+)\}/g))
          expect(op.parameters.filter((p) => p.in === "path" && p.name === m[1]).length).toBe(1);
    // The document describes itself and the page too.
    expect(doc.paths["/openapi.json"]?.get).toBeDefined();
    expect(doc.paths["/docs"]?.get).toBeDefined();
  });

  test("every route that takes a body validates it by schema (or names what validates it)", () => {
    for (const r of h.gw.app.routes) {
      if (!["POST", "PUT", "PATCH"].includes(r.method)) continue;
      const hooks = (r.hooks ?? {}) as Record<string, unknown>;
      const id = `${r.method} ${r.path}`;
      expect([id, Boolean(hooks.body) || id in BODY_VALIDATED_ELSEWHERE]).toEqual([id, true]);
    }
  });

  test("/docs is one self-contained page (no CDN, works offline) without the token generator", async () => {
    const res = await fetch(`${h.gw.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain("openapi.json");
    expect(scriptParses(html)).toBe(true);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain("token-generator");
    expect(html).not.toContain("dev-token");
    const mint = await fetch(`${h.gw.url}/docs/dev-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "agent", tenantId: "t1", subject: "a1" }),
    });
    expect(mint.status).toBe(404);
    expect(doc.paths["/docs/dev-token"]).toBeUndefined();
  });
});

describe("development mode", () => {
  let h: RealtimeHarness;
  beforeAll(async () => {
    h = await realtimeHarness({ KEFU_MODE: "development" });
  });
  afterAll(() => h.close());

  test("the page has the token generator, and the tokens it mints work", async () => {
    const html = await (await fetch(`${h.gw.url}/docs`)).text();
    expect(html).toContain('id="token-generator"');
    expect(scriptParses(html)).toBe(true);
    const s = (await (
      await fetch(`${h.gw.url}/v1/visitor/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenantId: "t1" }),
      })
    ).json()) as { sessionId: string };
    const mint = await fetch(`${h.gw.url}/docs/dev-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "visitor", tenantId: "t1", subject: "v-dev", sessionId: s.sessionId }),
    });
    expect(mint.status).toBe(200);
    const { token } = (await mint.json()) as { token: string };
    const chat = await fetch(`${h.gw.url}/v1/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ session_id: s.sessionId, text: "hello" }),
    });
    expect(chat.status).toBe(200);
    const bad = await fetch(`${h.gw.url}/docs/dev-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "visitor", tenantId: "t1", subject: "v" }),
    });
    expect(bad.status).toBe(400);
    const doc = (await (await fetch(`${h.gw.url}/openapi.json`)).json()) as Doc;
    expect(doc.paths["/docs/dev-token"]?.post).toBeDefined();
  });
});
