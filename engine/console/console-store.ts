/**
 * The console store: what the agent console needs beyond the session log, per tenant.
 * - a transcript index: chat messages and internal notes by text, for searching past
 *   sessions (fed from appended events by `withConsoleIndex`, engine/console/indexing.ts);
 * - session facts: when each session started, was handed off, assigned, first answered
 *   by an agent and closed, for the supervisor's numbers;
 * - canned responses: shared reply snippets.
 *
 * Contract (`runConsoleStoreContract`): `index` is idempotent per (session, seq) and may
 * receive a session's events in several calls, in seq order; `search` sees a tenant's
 * documents only, newest first, at most `limit` hits after the cursor; every list is
 * bounded by the constants below. Adapters: SQLite (`createSqliteConsoleStore`, FTS5
 * trigram index; single node) and PostgreSQL (`createPostgresConsoleStore`, pg_trgm GIN
 * index when the extension is available; several nodes).
 *
 * @example
 *   await store.index(events);
 *   const hits = await store.search({ tenantId: "t1", text: "refund", limit: 20 });
 */
import type { ActorKind, SessionEvent } from "../events.ts";

/** Longest search text, characters. */
export const MAX_QUERY_CHARS = 100;
/** Shortest search text, characters. */
export const MIN_QUERY_CHARS = 2;
/** Most hits per page. */
export const MAX_PAGE = 50;
/**
 * Texts shorter than 3 characters cannot use a trigram index: they are matched against
 * the tenant's newest `SHORT_QUERY_SCAN_ROWS` documents only (the answer says so).
 */
export const SHORT_QUERY_SCAN_ROWS = 20_000;
/** Most canned responses per tenant. */
export const MAX_CANNED = 500;
/** Longest canned title and text, characters. */
export const MAX_CANNED_TITLE = 80;
export const MAX_CANNED_TEXT = 4000;
/** Most first-response samples a stats window reads (the newest). */
export const MAX_FIRST_RESPONSE_SAMPLES = 10_000;

/** Where a search page ends: the last hit's position (search continues before it). */
export interface SearchCursor {
  atUnixMs: number;
  sessionId: string;
  seq: number;
}

/** A search. */
export interface SearchQuery {
  tenantId: string;
  text: string;
  limit: number;
  before?: SearchCursor;
}

/** One matching message or note: a document of the index without its tenant. */
export type TranscriptHit = Omit<IndexDoc, "tenantId">;

/** What `search` returns: hits newest first; `scanLimited` when a short text searched only the newest documents. */
export interface SearchResult {
  hits: TranscriptHit[];
  scanLimited: boolean;
}

/** A canned response. */
export interface CannedResponse {
  tenantId: string;
  id: string;
  title: string;
  text: string;
  updatedAtMs: number;
  updatedBy: string;
}

/** Session facts over a window (see `sessionNumbers`). */
export interface WindowFacts {
  /** Sessions closed in the window. */
  closed: number;
  /** Of them, closed without ever being queued for a human. */
  closedWithoutHandoff: number;
  /** First-response times (ms) of sessions first assigned in the window, newest first, at most `MAX_FIRST_RESPONSE_SAMPLES`. */
  firstResponsesMs: number[];
}

/** The port. */
export interface ConsoleStore {
  readonly kind: "sqlite" | "postgres";
  /** Indexes messages and notes and updates session facts; idempotent per (session, seq). */
  index(events: readonly SessionEvent[]): Promise<void>;
  search(q: SearchQuery): Promise<SearchResult>;
  /** Facts of sessions closed / first assigned in `[fromMs, toMs)`. */
  windowFacts(tenantId: string, fromMs: number, toMs: number): Promise<WindowFacts>;
  /** A tenant's canned responses by title; `query` filters title and text (case-insensitive substring). */
  listCanned(tenantId: string, query?: string): Promise<CannedResponse[]>;
  getCanned(tenantId: string, id: string): Promise<CannedResponse | undefined>;
  /** Creates or replaces; refuses (409 `canned_full`) a new one past `MAX_CANNED`. */
  putCanned(c: CannedResponse): Promise<{ created: boolean }>;
  deleteCanned(tenantId: string, id: string): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A document of the index: one message or note. */
export interface IndexDoc {
  tenantId: string;
  sessionId: string;
  seq: number;
  atUnixMs: number;
  kind: "message" | "note";
  actor: ActorKind;
  actorId: string;
  text: string;
}

/** A session-fact update: which column an event sets (first value wins, except `closed_at`). */
export type FactUpdate =
  | { column: "started_at" | "queued_at" | "assigned_at" | "closed_at"; at: number }
  | { column: "first_agent_at"; at: number };

/**
 * What an event contributes: an index document and/or a session-fact update.
 *
 * @example
 *   contribution(agentMessage); // { doc: {...}, fact: { column: "first_agent_at", at } }
 */
export function contribution(e: SessionEvent): { doc?: IndexDoc; fact?: FactUpdate } {
  const b = e.body;
  const base = { tenantId: e.tenantId, sessionId: e.sessionId, seq: e.seq, atUnixMs: e.atUnixMs };
  if (b.type === "message" || b.type === "note") {
    const doc: IndexDoc = { ...base, kind: b.type, actor: e.actor.kind, actorId: e.actor.id, text: b.text };
    if (b.type === "message" && e.actor.kind === "agent")
      return { doc, fact: { column: "first_agent_at", at: e.atUnixMs } };
    return { doc };
  }
  if (b.type === "started") return { fact: { column: "started_at", at: e.atUnixMs } };
  if (b.type === "state_changed") {
    if (b.to === "queued") return { fact: { column: "queued_at", at: e.atUnixMs } };
    if (b.to === "assigned") return { fact: { column: "assigned_at", at: e.atUnixMs } };
    if (b.to === "closed") return { fact: { column: "closed_at", at: e.atUnixMs } };
  }
  return {};
}

/**
 * The SQL of one fact update, the same for SQLite and PostgreSQL (`$n` placeholders;
 * SQLite accepts them too): insert the session's row or update its column, keeping the
 * first value (the last for `closed_at`; `first_agent_at` only once assigned).
 *
 * @example
 *   factSql("assigned_at", "session_facts"); // "INSERT INTO session_facts ... ON CONFLICT (session_id) DO UPDATE ..."
 */
export function factSql(column: FactUpdate["column"], table = "session_facts"): string {
  const set =
    column === "closed_at"
      ? "closed_at = excluded.closed_at"
      : column === "first_agent_at"
        ? `first_agent_at = CASE WHEN ${table}.assigned_at IS NOT NULL THEN COALESCE(${table}.first_agent_at, excluded.first_agent_at) ELSE ${table}.first_agent_at END`
        : `${column} = COALESCE(${table}.${column}, excluded.${column})`;
  return `INSERT INTO ${table} (session_id, tenant_id, ${column}) VALUES ($1, $2, $3)
    ON CONFLICT (session_id) DO UPDATE SET ${set}`;
}

/**
 * Median and 90th percentile (nearest rank) of `values`, or undefined when empty.
 *
 * @example
 *   percentiles([5, 1, 3]); // { median: 3, p90: 5 }
 */
export function percentiles(values: readonly number[]): { median: number; p90: number } | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number;
  return { median: rank(0.5), p90: rank(0.9) };
}

/**
 * Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
 *
 * @example
 *   likeEscape("50%_off"); // "50\\%\\_off"
 */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
