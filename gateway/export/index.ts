/**
 * Export API, on any EventStore (SQLite or PostgreSQL). Permissions
 * `transcripts:read` and `exports:read`; a tenant's credential sees only its own
 * tenant's sessions and events (another tenant's session is "not found"); every
 * export is audited.
 * - `GET /v1/sessions/:id/transcript` — one session's events in seq order, as JSON
 *   (`?format=json`, the default) or plain text (`?format=text` or `Accept: text/plain`).
 *   At most `MAX_TRANSCRIPT_EVENTS` events; a longer session is refused with 413.
 * - `GET /v1/audit/events?from=…&to=…[&tenant=…][&format=jsonl|csv]` — every event with
 *   `from <= time < to` (ISO 8601 or Unix ms; span at most `MAX_RANGE_DAYS`), ordered by
 *   (time, session, seq), streamed as JSON Lines or CSV in pages of `PAGE` events, each
 *   page decoded in one batch by the store's decoder (the native batch decoder when built).
 *   Memory stays bounded by one page. A store failure mid-stream aborts the response, so a
 *   client sees a truncated transfer rather than a short export that looks complete.
 *
 * @example
 *   curl -H "authorization: Bearer $KEFU_AUTH_ADMIN_KEY" \
 *     '127.0.0.1:8080/v1/audit/events?from=2026-11-22T15:00:00Z&to=2026-11-22T16:00:00Z&format=csv'
 */
import { Elysia, t } from "elysia";
import { AUDIT_SESSION_PREFIX } from "../../engine/audit/audit-log.ts";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";
import type { SessionEvent } from "../../engine/events.ts";
import type { EventStore } from "../../engine/storage/event-store.ts";
import { confinedTenant, recordAudit } from "../auth/access.ts";

/** Dependencies of the export API. */
export interface ExportApiDeps {
  config: Config;
  store: EventStore;
  /** Events per store read (default 1000). */
  pageSize?: number;
}

/** Most events in one transcript. */
export const MAX_TRANSCRIPT_EVENTS = 100_000;
/** Longest audit range, days. */
export const MAX_RANGE_DAYS = 366;
const PAGE = 1000;
const DAY = 86_400_000;

const Id = t.String({ minLength: 1, maxLength: 128 });

function parseTime(name: string, raw: string): number {
  const ms = /^\d{1,16}$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15)
    throw new KefuError("invalid_request", `${name}: expected an ISO 8601 time or Unix milliseconds, got "${raw}"`, {
      status: 400,
    });
  return ms;
}

/**
 * One event as one line of a transcript.
 *
 * @example
 *   transcriptLine(event); // "2026-11-23T15:00:00.000Z #3 visitor v1: where is my order?"
 */
export function transcriptLine(e: SessionEvent): string {
  const head = `${new Date(e.atUnixMs).toISOString()} #${e.seq} ${e.actor.kind} ${e.actor.id}`;
  const b = e.body;
  if (b.type === "message") return `${head}: ${b.text.replace(/\r?\n/g, "\n    ")}`;
  if (b.type === "started") return `${head} started the session (visitor ${b.visitorId})`;
  if (b.type === "note") return `${head} (internal note): ${b.text.replace(/\r?\n/g, "\n    ")}`;
  if (b.type === "rating")
    return `${head} rated the conversation ${b.score}/5${b.comment ? `: ${b.comment.replace(/\r?\n/g, "\n    ")}` : ""}`;
  return `${head} moved the session ${b.from} → ${b.to}${b.reason ? ` (${b.reason})` : ""}${b.agentId ? ` agent ${b.agentId}` : ""}`;
}

/** The CSV columns of the audit export. */
export const CSV_COLUMNS = [
  "at",
  "tenant_id",
  "session_id",
  "seq",
  "actor_kind",
  "actor_id",
  "type",
  "client_msg_id",
  "text",
  "from_state",
  "to_state",
  "reason",
  "agent_id",
  "group",
] as const;

function csvCell(v: string | number | undefined): string {
  if (v === undefined) return "";
  let s = String(v);
  // A cell a spreadsheet would run as a formula is prefixed (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One event as one CSV record (RFC 4180, CRLF), columns `CSV_COLUMNS`.
 *
 * @example
 *   csvRecord(event); // "2026-11-23T15:00:00.000Z,t1,s1,3,visitor,v1,message,c1,hello,,,,,\r\n"
 */
export function csvRecord(e: SessionEvent): string {
  const b = e.body;
  const cells = [
    new Date(e.atUnixMs).toISOString(),
    e.tenantId,
    e.sessionId,
    e.seq,
    e.actor.kind,
    e.actor.id,
    b.type,
    b.type === "message" || b.type === "note" ? b.clientMsgId : undefined,
    b.type === "message" || b.type === "note" ? b.text : undefined,
    b.type === "state_changed" ? b.from : undefined,
    b.type === "state_changed" ? b.to : undefined,
    b.type === "state_changed" ? b.reason : undefined,
    b.type === "state_changed" ? b.agentId : undefined,
    b.type === "state_changed" ? b.group : undefined,
  ];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The export API plugin. */
export function exportApi(deps: ExportApiDeps) {
  const page = deps.pageSize ?? PAGE;
  return new Elysia({ name: "kefu/export" })
    .get(
      "/v1/sessions/:id/transcript",
      async ({ params, query, request }) => {
        const format = query.format ?? ((request.headers.get("accept") ?? "").includes("text/plain") ? "text" : "json");
        const only = confinedTenant(request);
        const missing = () => new KefuError("not_found", `session ${params.id} has no events`, { status: 404 });
        // Audit streams are read through /v1/tenants/:tenant/audit (chain-checked), not as transcripts.
        if (params.id.startsWith(AUDIT_SESSION_PREFIX)) throw missing();
        const events: SessionEvent[] = [];
        for (;;) {
          const got = await deps.store.readAfter(params.id, events.at(-1)?.seq ?? 0, page);
          events.push(...got);
          if (events.length > MAX_TRANSCRIPT_EVENTS)
            throw new KefuError(
              "transcript_too_large",
              `session ${params.id} has more than ${MAX_TRANSCRIPT_EVENTS} events; use /v1/audit/events`,
              { status: 413 },
            );
          // Another tenant's session is "not found": its existence is not disclosed.
          if (only !== undefined && events.length > 0 && events[0]?.tenantId !== only) throw missing();
          if (got.length < page) break;
        }
        if (events.length === 0) throw missing();
        await recordAudit(request, {
          tenantId: events[0]?.tenantId as string,
          action: "export.transcript",
          target: `session:${params.id}`,
          after: { events: events.length, format },
        });
        if (format === "text") {
          return new Response(`${events.map(transcriptLine).join("\n")}\n`, {
            headers: { "content-type": "text/plain; charset=utf-8" },
          });
        }
        return { sessionId: params.id, tenantId: events[0]?.tenantId, events };
      },
      {
        params: t.Object({ id: Id }),
        query: t.Object({ format: t.Optional(t.Union([t.Literal("json"), t.Literal("text")])) }),
      },
    )
    .get(
      "/v1/audit/events",
      async ({ query, request }) => {
        const only = confinedTenant(request);
        if (only !== undefined && query.tenant !== undefined && query.tenant !== only)
          throw new KefuError("tenant_forbidden", `this credential belongs to another tenant than ${query.tenant}`, {
            status: 403,
          });
        const tenant = only ?? query.tenant;
        const fromMs = parseTime("from", query.from);
        const toMs = parseTime("to", query.to);
        if (toMs <= fromMs) throw new KefuError("invalid_request", "to must be later than from", { status: 400 });
        if (toMs - fromMs > MAX_RANGE_DAYS * DAY)
          throw new KefuError("invalid_request", `the range spans more than ${MAX_RANGE_DAYS} days; split it`, {
            status: 400,
          });
        const csv = query.format === "csv";
        const encoder = new TextEncoder();
        const read = (after?: SessionEvent) =>
          deps.store.readRange({ fromMs, toMs, tenantId: tenant, after, limit: page });
        // The first page is read before answering, so an unavailable store is a 503, not a cut stream.
        let next: SessionEvent[] | undefined = await read();
        await recordAudit(request, {
          ...(tenant !== undefined ? { tenantId: tenant } : {}),
          action: "export.events",
          target: `events:${tenant ?? "*"}`,
          after: {
            from: new Date(fromMs).toISOString(),
            to: new Date(toMs).toISOString(),
            format: query.format ?? "jsonl",
          },
        });
        let after: SessionEvent | undefined;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            if (csv) controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
          },
          async pull(controller) {
            const got = next ?? (await read(after));
            next = undefined;
            if (got.length > 0) {
              after = got[got.length - 1];
              const text = csv
                ? got.map(csvRecord).join("")
                : got.map((e) => `${JSON.stringify({ at: new Date(e.atUnixMs).toISOString(), ...e })}\n`).join("");
              controller.enqueue(encoder.encode(text));
            }
            if (got.length < page) controller.close();
          },
        });
        const name = `kefu-events-${new Date(fromMs).toISOString()}.${csv ? "csv" : "jsonl"}`.replace(/:/g, "");
        return new Response(body, {
          headers: {
            "content-type": csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
            "content-disposition": `attachment; filename="${name}"`,
          },
        });
      },
      {
        query: t.Object({
          from: t.String({ minLength: 1, maxLength: 40 }),
          to: t.String({ minLength: 1, maxLength: 40 }),
          tenant: t.Optional(Id),
          format: t.Optional(t.Union([t.Literal("jsonl"), t.Literal("csv")])),
        }),
      },
    );
}
