/**
 * Knowledge-base HTTP API (permissions `kb:read|write`, `intents:read|write`; a
 * tenant's credential reaches only its own `:tenant`; every change is audited):
 * - `GET /v1/tenants/:tenant/kb` list, `POST …/kb` create `{name, id?}`, `DELETE …/kb/:kb`;
 * - `GET …/kb/:kb/documents`, `PUT …/kb/:kb/documents/:doc` add or replace
 *   `{format, content, title?, tags?}` (re-chunked and re-embedded), `DELETE …/documents/:doc`;
 * - `GET …/kb/:kb/search?q=&k=&tags=a,b` and `POST …/kb/:kb/search {query, k?, tags?, mode?}`:
 *   chunks with scores and document ids.
 *
 * @example
 *   curl -H "authorization: Bearer $KEFU_AUTH_ADMIN_KEY" '127.0.0.1:8080/v1/tenants/default/kb/default-demo/search?q=refund'
 */
import { Elysia, t } from "elysia";
import type { IntentRegistry } from "../../engine/bot/intents.ts";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";
import type { KbHit, KnowledgeBase } from "../../engine/kb/knowledge-base.ts";
import { recordAudit } from "../auth/access.ts";

/** Dependencies of the KB API. */
export interface KbApiDeps {
  config: Config;
  kb: KnowledgeBase;
  intents: IntentRegistry;
}

const Id = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._:-]+$" });
const MAX_K = 50;

const hitView = (h: KbHit) => ({
  kbId: h.kbId,
  docId: h.docId,
  chunkId: h.chunk.id,
  score: h.score,
  cosine: h.cosine,
  kind: h.chunk.kind,
  heading: h.chunk.heading ?? null,
  text: h.chunk.text,
  tags: h.chunk.tags,
});

/** The KB API plugin. */
export function kbApi(deps: KbApiDeps) {
  const { kb } = deps;
  const intentsApi = new Elysia({ name: "kefu/intents", prefix: "/v1/tenants/:tenant/intents" })
    .get(
      "",
      ({ params }) => {
        const m = deps.intents.model(params.tenant);
        if (!m) throw new KefuError("not_found", `tenant ${params.tenant} has no intents`, { status: 404 });
        return { intents: m.intents.map((i) => ({ name: i.name, action: i.action })) };
      },
      { params: t.Object({ tenant: Id }) },
    )
    // The body is the intents file itself (JSON, or TOML with content-type application/toml);
    // it is validated and swapped in atomically, or refused with line-level errors.
    .put(
      "",
      async ({ params, request }) => {
        const text = await request.text();
        const format = (request.headers.get("content-type") ?? "").includes("toml") ? "toml" : "json";
        const before = deps.intents.model(params.tenant)?.intents.map((i) => i.name) ?? null;
        try {
          const m = deps.intents.reload(params.tenant, text, { format, source: `intents of ${params.tenant}` });
          const after = m.intents.map((i) => i.name);
          await recordAudit(request, {
            tenantId: params.tenant,
            action: "intents.put",
            target: `intents:${params.tenant}`,
            before,
            after,
          });
          return { status: "reloaded", intents: after };
        } catch (e) {
          if (e instanceof KefuError) throw new KefuError("invalid_intents", e.message, { status: 400 });
          throw e;
        }
      },
      { params: t.Object({ tenant: Id }), parse: "none" },
    );
  const kbRoutes = new Elysia({ name: "kefu/kb", prefix: "/v1/tenants/:tenant/kb" })
    .get("", ({ params }) => ({ kbs: kb.listKbs(params.tenant) }), { params: t.Object({ tenant: Id }) })
    .post(
      "",
      async ({ params, body, set, request }) => {
        set.status = 201;
        const created = kb.createKb(params.tenant, body.id ? { name: body.name, id: body.id } : { name: body.name });
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "kb.create",
          target: `kb:${created.id}`,
          after: created,
        });
        return created;
      },
      {
        params: t.Object({ tenant: Id }),
        body: t.Object({ name: t.String({ minLength: 1, maxLength: 200 }), id: t.Optional(Id) }),
      },
    )
    .delete(
      "/:kb",
      async ({ params, set, request }) => {
        kb.deleteKb(params.tenant, params.kb);
        await recordAudit(request, { tenantId: params.tenant, action: "kb.delete", target: `kb:${params.kb}` });
        set.status = 204;
      },
      { params: t.Object({ tenant: Id, kb: Id }) },
    )
    .get("/:kb/documents", ({ params }) => ({ documents: kb.listDocuments(params.tenant, params.kb) }), {
      params: t.Object({ tenant: Id, kb: Id }),
    })
    .put(
      "/:kb/documents/:doc",
      async ({ params, body, request }) => {
        const before = kb.listDocuments(params.tenant, params.kb).find((d) => d.id === params.doc) ?? null;
        const after = await kb.putDocument(params.tenant, params.kb, {
          id: params.doc,
          format: body.format,
          content: body.content,
          ...(body.title ? { title: body.title } : {}),
          ...(body.tags ? { tags: body.tags } : {}),
        });
        // The document's summary, not its content: the audit log is no copy of the knowledge base.
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "kb.document.put",
          target: `kb:${params.kb}/doc:${params.doc}`,
          before,
          after: { ...after, contentBytes: body.content.length },
        });
        return after;
      },
      {
        params: t.Object({ tenant: Id, kb: Id, doc: Id }),
        body: t.Object({
          format: t.Union([
            t.Literal("markdown"),
            t.Literal("text"),
            t.Literal("html"),
            t.Literal("faq-csv"),
            t.Literal("faq-json"),
          ]),
          content: t.String({ minLength: 1, maxLength: 5_000_000 }),
          title: t.Optional(t.String({ maxLength: 200 })),
          tags: t.Optional(t.Array(t.String({ minLength: 1, maxLength: 64 }), { maxItems: 32 })),
        }),
      },
    )
    .delete(
      "/:kb/documents/:doc",
      async ({ params, set, request }) => {
        const before = kb.listDocuments(params.tenant, params.kb).find((d) => d.id === params.doc) ?? null;
        if (!kb.deleteDocument(params.tenant, params.kb, params.doc)) {
          set.status = 404;
          return { error: { code: "not_found", message: `no document ${params.doc} in ${params.kb}` } };
        }
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "kb.document.delete",
          target: `kb:${params.kb}/doc:${params.doc}`,
          before,
        });
        set.status = 204;
      },
      { params: t.Object({ tenant: Id, kb: Id, doc: Id }) },
    )
    .get(
      "/:kb/search",
      async ({ params, query }) => {
        const hits = await kb.search(params.tenant, [params.kb], query.q, {
          k: query.k ?? 5,
          ...(query.tags ? { tags: query.tags.split(",").filter(Boolean) } : {}),
        });
        return { hits: hits.map(hitView) };
      },
      {
        params: t.Object({ tenant: Id, kb: Id }),
        query: t.Object({
          q: t.String({ minLength: 1, maxLength: 2000 }),
          k: t.Optional(t.Integer({ minimum: 1, maximum: MAX_K })),
          tags: t.Optional(t.String()),
        }),
      },
    )
    .post(
      "/:kb/search",
      async ({ params, body }) => {
        const hits = await kb.search(params.tenant, [params.kb], body.query, {
          k: body.k ?? 5,
          ...(body.tags ? { tags: body.tags } : {}),
          ...(body.mode ? { mode: body.mode } : {}),
        });
        return { hits: hits.map(hitView) };
      },
      {
        params: t.Object({ tenant: Id, kb: Id }),
        body: t.Object({
          query: t.String({ minLength: 1, maxLength: 2000 }),
          k: t.Optional(t.Integer({ minimum: 1, maximum: MAX_K })),
          tags: t.Optional(t.Array(t.String(), { maxItems: 32 })),
          mode: t.Optional(t.Union([t.Literal("hybrid"), t.Literal("vector"), t.Literal("bm25")])),
        }),
      },
    );
  return new Elysia({ name: "kefu/knowledge" }).use(intentsApi).use(kbRoutes);
}
