/**
 * Builds an OpenAPI 3.1 document from the app's own routes: each route's method and
 * path, and its TypeBox schemas (params, query, headers, body, response) as they are
 * enforced, so the document cannot disagree with the validation. No plugin needed:
 * TypeBox schemas are JSON Schema already.
 *
 * @example
 *   const doc = openApiDocument(app.routes, { title: "kefu", version: "0.1.0" });
 *   doc.paths["/v1/echo"].post.requestBody.content["application/json"].schema; // { type: "object", … }
 */

/** What the generator reads of an Elysia route (`app.routes`). */
export interface RouteLike {
  method: string;
  path: string;
  hooks?: Record<string, unknown> | undefined;
}

/** Title and version of the API. */
export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
}

type Json = Record<string, unknown>;

/** The error body every failure uses (gateway/errors). */
export const ErrorSchema: Json = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Stable machine-readable code" },
        message: { type: "string", description: "What went wrong, for people" },
        details: {
          type: "array",
          description: "Validation failures: where, which field (JSON pointer) and why",
          items: {
            type: "object",
            properties: { in: { type: "string" }, field: { type: "string" }, why: { type: "string" } },
          },
        },
      },
    },
  },
};

/**
 * The OpenAPI path of an Elysia path: `/v1/tenants/:tenant/kb` → `/v1/tenants/{tenant}/kb`.
 *
 * @example
 *   openApiPath("/v1/sessions/:id/transcript"); // "/v1/sessions/{id}/transcript"
 */
export function openApiPath(path: string): string {
  return path.replaceAll(/:([A-Za-z0-9_]+)\??/g, "{$1}");
}

/** A plain JSON copy of a TypeBox schema (drops its symbol keys and functions). */
function plain(schema: unknown): Json | undefined {
  if (!schema || typeof schema !== "object") return undefined;
  return JSON.parse(JSON.stringify(schema)) as Json;
}

function objectFields(schema: Json | undefined): { name: string; schema: Json; required: boolean }[] {
  const props = (schema?.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({ name, schema: s, required: required.has(name) }));
}

const tagOf = (path: string) => {
  const parts = path.split("/").filter((p) => p && !p.startsWith(":") && p !== "v1");
  if (parts[0] === "tenants") return parts[1] ?? "tenants";
  if (parts[0] === "admin") return `admin/${parts[1] ?? ""}`.replace(/\/$/, "");
  return parts[0] ?? "root";
};

/**
 * Generates the document. Methods Elysia registers implicitly (`ALL`, `HEAD` of
 * GETs are not listed separately) are skipped; WebSocket upgrade routes are GETs.
 *
 * @example
 *   openApiDocument([{ method: "GET", path: "/healthz" }], { title: "kefu", version: "1" }).paths["/healthz"];
 */
export function openApiDocument(routes: readonly RouteLike[], info: ApiInfo) {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const method = r.method.toLowerCase();
    if (!["get", "put", "post", "delete", "patch", "options", "head"].includes(method)) continue;
    const hooks = r.hooks ?? {};
    const detail = (hooks.detail ?? {}) as Json;
    const params = plain(hooks.params);
    const query = plain(hooks.query);
    const headers = plain(hooks.headers);
    const body = plain(hooks.body);
    const parameters: Json[] = [];
    const declared = new Set(objectFields(params).map((f) => f.name));
    for (const f of objectFields(params))
      parameters.push({ name: f.name, in: "path", required: true, schema: f.schema });
    // Path parameters without a schema are still parameters (strings).
    for (const m of r.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
      const name = m[1] as string;
      if (!declared.has(name)) parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
    }
    for (const f of objectFields(query))
      parameters.push({ name: f.name, in: "query", required: f.required, schema: f.schema });
    for (const f of objectFields(headers))
      parameters.push({ name: f.name, in: "header", required: f.required, schema: f.schema });
    if (method === "post")
      parameters.push({
        name: "X-Idempotency-Key",
        in: "header",
        required: false,
        description:
          "Makes a retry safe: the first response is stored 24 h and replayed (Idempotent-Replayed: true); another body → 422; while running → 409. Also accepted as Idempotency-Key.",
        schema: { type: "string", minLength: 1, maxLength: 255 },
      });
    const response = plain(hooks.response);
    const ok: Json = { description: "Success (201 when something was created, 204 when nothing is returned)" };
    if (response) ok.content = { "application/json": { schema: response } };
    const errorRef = { $ref: "#/components/responses/Error" };
    const responses: Json = { "2XX": ok };
    if (params || query || headers || body) responses["400"] = errorRef;
    responses["4XX"] = errorRef;
    const op: Json = {
      operationId: `${method}${openApiPath(r.path).replaceAll(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
      tags: [tagOf(r.path)],
      ...(typeof detail.summary === "string" ? { summary: detail.summary } : {}),
      ...(typeof detail.description === "string" ? { description: detail.description } : {}),
      parameters,
      responses,
    };
    if (body) op.requestBody = { required: true, content: { "application/json": { schema: body } } };
    if (/^\/v1\/ws\//.test(r.path))
      op.description = "WebSocket upgrade (subprotocol kefu.v1.proto or kefu.v1.json; token in ?token= or Bearer)";
    const p = openApiPath(r.path);
    paths[p] ??= {};
    (paths[p] as Record<string, Json>)[method] = op;
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "The operator's admin key, a tenant API key, or a kefu token (agent, supervisor, visitor)",
        },
      },
      schemas: { Error: ErrorSchema },
      responses: {
        Error: {
          description: "A typed error",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
    security: [{ bearer: [] }, {}],
  };
}
