/**
 * The agent console's HTTP APIs, tenant-scoped (a tenant's credential reaches only its
 * own `:tenant`; see README "Access control"):
 * - `GET /v1/tenants/:tenant/transcripts/search?q=…[&limit=20][&cursor=…]` (`transcripts:read`):
 *   past sessions' messages and internal notes containing `q` (2–100 characters), newest
 *   first, at most `limit` (≤ 50) hits with session id, seq, time and a snippet; `next`
 *   is the cursor of the following page. Visitors hold no `transcripts:read`: notes stay
 *   with staff.
 * - `GET /v1/tenants/:tenant/canned[?q=…]` (`canned:read`), `PUT …/canned/:id` and
 *   `DELETE …/canned/:id` (`canned:write`): shared canned responses.
 * - `GET /v1/tenants/:tenant/console/queue` (`queue:read`): the queued sessions now, longest
 *   wait first (session, group, position, wait): the agents' inbox.
 * - `GET /v1/tenants/:tenant/console/stats[?hours=24]` (`stats:read`): the queue now (each
 *   waiting session with its group and wait), the bot resolution rate (sessions closed
 *   without a handoff / sessions closed, over the window) and the first-response time
 *   (median and p90 of assignment → first agent message, sessions assigned in the window).
 * - `GET /v1/admin/llm/routing` (`config:read`, admin key): the LLM routing in effect,
 *   without secrets (routing.ts).
 *
 * @example
 *   curl -H "authorization: Bearer $TOKEN" '127.0.0.1:8080/v1/tenants/default/transcripts/search?q=refund'
 */
import { Elysia, t } from "elysia";
import type { Clock } from "../../engine/clock.ts";
import {
  type ConsoleStore,
  MAX_CANNED_TEXT,
  MAX_CANNED_TITLE,
  MAX_PAGE,
  MAX_QUERY_CHARS,
  MIN_QUERY_CHARS,
  percentiles,
  type SearchCursor,
  type TranscriptHit,
} from "../../engine/console/console-store.ts";
import type { QueuedView } from "../../engine/conversations/service.ts";
import { KefuError } from "../../engine/errors.ts";
import { principalOf, recordAudit } from "../auth/access.ts";
import { type RoutingViewDeps, routingViewApi } from "./routing.ts";

/** Dependencies of the console API. */
export interface ConsoleApiDeps {
  store: ConsoleStore;
  /** The tenant's queued sessions, longest wait first (the conversation service's `queue`: from the tenant's home node). */
  queue: (tenantId: string, perGroup: number) => Promise<QueuedView[]>;
  clock: Clock;
  /** The LLM router, for the admin page's read-only routing view (`GET /v1/admin/llm/routing`, routing.ts). */
  llmRouter?: RoutingViewDeps["router"];
}

/** Longest stats window, hours. */
export const MAX_STATS_HOURS = 24 * 30;
/** Most queued sessions listed per group. */
export const MAX_QUEUE_LIST = 200;
/** Characters of a snippet around the match. */
const BEFORE = 30;
const AFTER = 60;

const Tenant = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._:-]+$" });
const Id = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._:-]+$" });

const invalid = (message: string) => new KefuError("invalid_request", message, { status: 400 });

/**
 * The text around the first case-insensitive occurrence of `q` in `text`, with where the
 * match is inside the snippet (so a client can highlight it without HTML).
 *
 * @example
 *   snippet("Where is my order 2024-77?", "ORDER"); // { text: "Where is my order 2024-77?", match: [12, 17] }
 */
export function snippet(text: string, q: string): { text: string; match: [number, number] | null } {
  const i = text.toLowerCase().indexOf(q.toLowerCase());
  if (i < 0) return { text: text.slice(0, BEFORE + AFTER), match: null };
  const start = Math.max(0, i - BEFORE);
  const end = Math.min(text.length, i + q.length + AFTER);
  const head = start > 0 ? "…" : "";
  const out = `${head}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
  return { text: out, match: [head.length + i - start, head.length + i - start + q.length] };
}

const encodeCursor = (h: TranscriptHit) =>
  Buffer.from(JSON.stringify([h.atUnixMs, h.sessionId, h.seq])).toString("base64url");
function decodeCursor(raw: string): SearchCursor {
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      Number.isSafeInteger(v[0]) &&
      typeof v[1] === "string" &&
      v[1].length <= 128 &&
      Number.isSafeInteger(v[2])
    )
      return { atUnixMs: v[0], sessionId: v[1], seq: v[2] };
  } catch {
    // falls through
  }
  throw invalid("cursor is not one this API returned");
}

/** The console API plugin. */
export function consoleApi(deps: ConsoleApiDeps) {
  const { store } = deps;
  const base = new Elysia({ name: "kefu/console-api" });
  const app = deps.llmRouter ? base.use(routingViewApi({ router: deps.llmRouter, clock: deps.clock })) : base;
  return app
    .get(
      "/v1/tenants/:tenant/transcripts/search",
      async ({ params, query }) => {
        const q = query.q.trim();
        const n = [...q].length;
        if (n < MIN_QUERY_CHARS || n > MAX_QUERY_CHARS)
          throw invalid(`q must be ${MIN_QUERY_CHARS} to ${MAX_QUERY_CHARS} characters (got ${n})`);
        const limit = query.limit ?? 20;
        const r = await store.search({
          tenantId: params.tenant,
          text: q,
          limit: limit + 1,
          ...(query.cursor ? { before: decodeCursor(query.cursor) } : {}),
        });
        const hits = r.hits.slice(0, limit);
        const last = hits.at(-1);
        return {
          hits: hits.map((h) => ({
            sessionId: h.sessionId,
            seq: h.seq,
            at: new Date(h.atUnixMs).toISOString(),
            atUnixMs: h.atUnixMs,
            kind: h.kind,
            actor: h.actor,
            actorId: h.actorId,
            snippet: snippet(h.text, q),
          })),
          next: r.hits.length > limit && last ? encodeCursor(last) : null,
          // Texts under 3 characters search only the tenant's newest documents.
          scanLimited: r.scanLimited,
        };
      },
      {
        params: t.Object({ tenant: Tenant }),
        query: t.Object({
          q: t.String({ minLength: 1, maxLength: MAX_QUERY_CHARS * 4 }),
          limit: t.Optional(t.Numeric({ minimum: 1, maximum: MAX_PAGE })),
          cursor: t.Optional(t.String({ maxLength: 512 })),
        }),
      },
    )
    .get(
      "/v1/tenants/:tenant/canned",
      async ({ params, query }) => {
        const q = query.q?.trim();
        return { canned: (await store.listCanned(params.tenant, q || undefined)).map(cannedView) };
      },
      {
        params: t.Object({ tenant: Tenant }),
        query: t.Object({ q: t.Optional(t.String({ maxLength: MAX_QUERY_CHARS })) }),
      },
    )
    .put(
      "/v1/tenants/:tenant/canned/:id",
      async ({ params, body, request, set }) => {
        const title = body.title.trim();
        const text = body.text.trim();
        if (!title || !text) throw invalid("title and text must not be blank");
        const before = await store.getCanned(params.tenant, params.id);
        const p = principalOf(request);
        const c = {
          tenantId: params.tenant,
          id: params.id,
          title,
          text,
          updatedAtMs: deps.clock.now(),
          updatedBy: p?.subject ?? p?.kind ?? "admin",
        };
        const { created } = await store.putCanned(c);
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "canned.put",
          target: `canned:${params.id}`,
          before: before ? { title: before.title } : null,
          after: { title },
        });
        set.status = created ? 201 : 200;
        return cannedView(c);
      },
      {
        params: t.Object({ tenant: Tenant, id: Id }),
        body: t.Object({
          title: t.String({ minLength: 1, maxLength: MAX_CANNED_TITLE }),
          text: t.String({ minLength: 1, maxLength: MAX_CANNED_TEXT }),
        }),
      },
    )
    .delete(
      "/v1/tenants/:tenant/canned/:id",
      async ({ params, request }) => {
        const before = await store.getCanned(params.tenant, params.id);
        if (!before || !(await store.deleteCanned(params.tenant, params.id)))
          throw new KefuError("not_found", `no canned response ${params.id}`, { status: 404 });
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "canned.delete",
          target: `canned:${params.id}`,
          before: { title: before.title },
          after: null,
        });
        return { deleted: params.id };
      },
      { params: t.Object({ tenant: Tenant, id: Id }) },
    )
    .get(
      "/v1/tenants/:tenant/console/stats",
      async ({ params, query }) => {
        const hours = query.hours ?? 24;
        const now = deps.clock.now();
        const facts = await store.windowFacts(params.tenant, now - hours * 3_600_000, now + 1);
        // From the tenant's home node (its router holds the queue), whichever node answers.
        const queue = await deps.queue(params.tenant, MAX_QUEUE_LIST);
        const fr = percentiles(facts.firstResponsesMs);
        return {
          windowHours: hours,
          waiting: queue.length,
          queue,
          botResolution: {
            closed: facts.closed,
            withoutHandoff: facts.closedWithoutHandoff,
            rate: facts.closed > 0 ? facts.closedWithoutHandoff / facts.closed : null,
          },
          firstResponse: {
            sessions: facts.firstResponsesMs.length,
            medianMs: fr?.median ?? null,
            p90Ms: fr?.p90 ?? null,
          },
        };
      },
      {
        params: t.Object({ tenant: Tenant }),
        query: t.Object({ hours: t.Optional(t.Numeric({ minimum: 1, maximum: MAX_STATS_HOURS })) }),
      },
    )
    .get(
      "/v1/tenants/:tenant/console/queue",
      async ({ params }) => {
        // The agents' inbox: what waits for a human now, longest wait first (from the tenant's home node).
        const queue = await deps.queue(params.tenant, MAX_QUEUE_LIST);
        return { waiting: queue.length, queue };
      },
      {
        params: t.Object({ tenant: Tenant }),
        detail: { summary: "Queued conversations of the tenant with their wait (the agents' inbox)" },
      },
    );
}

function cannedView(c: { id: string; title: string; text: string; updatedAtMs: number; updatedBy: string }) {
  return {
    id: c.id,
    title: c.title,
    text: c.text,
    updatedAt: new Date(c.updatedAtMs).toISOString(),
    updatedBy: c.updatedBy,
  };
}
