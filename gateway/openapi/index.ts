/**
 * The API's self-description:
 * - `GET /openapi.json` — the OpenAPI 3.1 document generated from the routes' own
 *   schemas (see document.ts), built once on first request;
 * - `GET /docs` — an interactive page (one self-contained HTML file: no CDN, works
 *   offline) listing every operation with its schemas and a "try it" form;
 * - development mode only (`mode = "development"`): `POST /docs/dev-token` mints
 *   test tokens (visitor, agent, supervisor) and the page shows a token generator.
 *   In production mode neither exists (the route is not registered at all).
 *
 * @example
 *   app.use(openApi({ routes: () => app.routes, version: "0.1.0", devTokens: undefined }));
 */
import { Elysia, t } from "elysia";
import type { TokenService } from "../../engine/auth/tokens.ts";
import { KefuError } from "../../engine/errors.ts";
import { openApiDocument, type RouteLike } from "./document.ts";
import { docsPage } from "./page.ts";

/** Options of the OpenAPI plugin. */
export interface OpenApiOptions {
  /** The app's routes, read lazily (the plugin is added before or after the others). */
  routes: () => readonly RouteLike[];
  version: string;
  /** Development mode: the token service test tokens are minted with. Never set in production. */
  devTokens?: TokenService;
}

const Id = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._:-]+$" });

/** The plugin. */
export function openApi(opts: OpenApiOptions) {
  let doc: ReturnType<typeof openApiDocument> | undefined;
  const dev = opts.devTokens !== undefined;
  const page = docsPage({ dev });
  const base = new Elysia({ name: "kefu/openapi" })
    .get("/openapi.json", () => {
      doc ??= openApiDocument(opts.routes(), {
        title: "kefu",
        version: opts.version,
        description:
          "Self-hosted, AI-first customer-service gateway. Errors are {error:{code,message,details?}}; every POST honours X-Idempotency-Key.",
      });
      return doc;
    })
    .get(
      "/docs",
      () =>
        new Response(page, {
          headers: {
            "content-type": "text/html; charset=utf-8",
            // Everything the page needs is inline; it talks only to this gateway.
            "content-security-policy":
              "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
          },
        }),
    );
  const tokens = opts.devTokens;
  if (!tokens) return base;
  return base.post(
    "/docs/dev-token",
    async ({ body }) => {
      if (body.role === "visitor" && !body.sessionId)
        throw new KefuError("invalid_request", "a visitor token names its session: give sessionId", { status: 400 });
      const ttl = body.ttlSec ?? 3600;
      const token = await tokens.issue(
        {
          role: body.role,
          tenantId: body.tenantId,
          subject: body.subject,
          ...(body.role === "visitor" && body.sessionId ? { sessionId: body.sessionId } : {}),
        },
        ttl,
      );
      return { token, role: body.role, tenantId: body.tenantId, subject: body.subject, ttlSec: ttl };
    },
    {
      detail: { summary: "Development mode only: mint a test token" },
      body: t.Object({
        role: t.Union([t.Literal("visitor"), t.Literal("agent"), t.Literal("supervisor")]),
        tenantId: Id,
        subject: Id,
        sessionId: t.Optional(Id),
        ttlSec: t.Optional(t.Integer({ minimum: 60, maximum: 86_400 })),
      }),
    },
  );
}
