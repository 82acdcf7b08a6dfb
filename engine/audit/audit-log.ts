/**
 * The audit log: every admin action (keys, tenants, roles and tokens, limits, config,
 * knowledge-base changes, exports) with its actor, time, target and before/after,
 * kept in the EventStore as a per-tenant stream (session `audit:<tenant>`; actions on
 * settings shared by every tenant go to tenant `_platform`).
 *
 * Tamper evidence: record `n` is a `message` event whose text is canonical JSON
 * (sorted keys) of `{v, seq, at, actor, action, target, before, after, prev}` where
 * `prev` is the SHA-256 of record `n-1`'s text (64 zeros for the first); the event's
 * `attributes.hash` is the SHA-256 of its own text. Editing, deleting or reordering
 * a record breaks the chain, and `verify` names the first broken record. (Cutting
 * records off the end is only visible against a head hash kept elsewhere: `verify`
 * returns it.)
 *
 * Several nodes: each record's `client_msg_id` is `audit-<seq>`, so two nodes
 * appending at the same position collide on the store's idempotent-send rule; the
 * loser re-reads the tail and chains after the winner (no fork).
 *
 * @example
 *   const audit = createAuditLog({ store, clock });
 *   await audit.record({ tenantId: "acme", actor, action: "key.create", target: "key:ab12cd34ef56", after: { role: "service" } });
 *   (await audit.verify("acme")).ok; // true
 */
import { createHash } from "node:crypto";
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import type { SessionEvent } from "../events.ts";
import type { EventStore } from "../storage/event-store.ts";

/** Prefix of the audit streams' session ids. */
export const AUDIT_SESSION_PREFIX = "audit:";
/** The tenant of actions on settings shared by every tenant. */
export const PLATFORM_TENANT = "_platform";
/** The `prev` of a stream's first record. */
export const GENESIS = "0".repeat(64);
/** Largest before/after JSON kept in one record, bytes; larger values are replaced by their size and hash. */
export const MAX_STATE_BYTES = 64 * 1024;
const PAGE = 1000;
const MAX_RETRIES = 8;

/** Who did it. */
export interface AuditActor {
  /** Credential kind: admin_key, api_key or token. */
  kind: string;
  role: string;
  subject: string;
  keyId?: string;
}

/** What `record` takes. */
export interface AuditEntry {
  /** Undefined: a platform-wide setting (recorded under `_platform`). */
  tenantId?: string;
  actor: AuditActor;
  /** Dotted verb, e.g. "key.rotate", "kb.document.put", "limits.put". */
  action: string;
  /** What it acted on, e.g. "key:ab12cd34ef56", "kb:faq/doc:refunds". */
  target: string;
  before?: unknown;
  after?: unknown;
}

/** A stored, chained record. */
export interface AuditRecord {
  v: 1;
  seq: number;
  /** ISO 8601 time of the action. */
  at: string;
  tenantId: string;
  actor: AuditActor;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  prev: string;
  hash: string;
}

/** The outcome of a chain check. */
export interface AuditVerifyResult {
  tenantId: string;
  ok: boolean;
  records: number;
  /** Hash of the last record (GENESIS for an empty stream): keep it elsewhere to detect truncation. */
  head: string;
  /** The first record that does not verify, and why. */
  broken?: { seq: number; reason: string };
}

/** The audit log. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<AuditRecord>;
  /** Records with `seq > afterSeq`, ascending, at most `limit`. */
  read(tenantId: string, afterSeq: number, limit: number): Promise<AuditRecord[]>;
  verify(tenantId: string): Promise<AuditVerifyResult>;
}

/**
 * JSON with object keys sorted at every level: one text per value.
 *
 * @example
 *   canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const sessionOf = (tenantId: string) => `${AUDIT_SESSION_PREFIX}${tenantId}`;

function bounded(v: unknown): unknown {
  if (v === undefined) return null;
  const text = canonicalJson(v);
  if (text === undefined) return null;
  if (text.length <= MAX_STATE_BYTES) return JSON.parse(text);
  return { truncated: true, bytes: text.length, sha256: sha256(text) };
}

function recordOf(e: SessionEvent): AuditRecord {
  if (e.body.type !== "message") throw new TypeError(`audit event ${e.seq} is not a record`);
  const r = JSON.parse(e.body.text) as Omit<AuditRecord, "hash">;
  return { ...r, hash: e.body.attributes?.hash ?? "" };
}

/** Creates the audit log over an event store. */
export function createAuditLog(deps: { store: EventStore; clock?: Clock }): AuditLog {
  const clock = deps.clock ?? systemClock;
  const tails = new Map<string, { seq: number; hash: string }>();
  const queues = new Map<string, Promise<unknown>>();

  async function tail(tenantId: string): Promise<{ seq: number; hash: string }> {
    const known = tails.get(tenantId);
    if (known) return known;
    const session = sessionOf(tenantId);
    const seq = await deps.store.lastSeq(session);
    const last = seq > 0 ? (await deps.store.readAfter(session, seq - 1, 1))[0] : undefined;
    const t = { seq, hash: last ? recordOf(last).hash : GENESIS };
    tails.set(tenantId, t);
    return t;
  }

  async function append(entry: AuditEntry): Promise<AuditRecord> {
    const tenantId = entry.tenantId ?? PLATFORM_TENANT;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const t = await tail(tenantId);
      const seq = t.seq + 1;
      const body: Omit<AuditRecord, "hash"> = {
        v: 1,
        seq,
        at: new Date(clock.now()).toISOString(),
        tenantId,
        actor: { ...entry.actor },
        action: entry.action,
        target: entry.target,
        before: bounded(entry.before),
        after: bounded(entry.after),
        prev: t.hash,
      };
      const text = canonicalJson(body);
      const hash = sha256(text);
      const r = await deps.store.append({
        tenantId,
        sessionId: sessionOf(tenantId),
        actor: { kind: "system", id: entry.actor.subject },
        body: { type: "message", clientMsgId: `audit-${seq}`, text, attributes: { kind: "audit", hash } },
      });
      if (!r.duplicate && r.event.seq === seq) {
        tails.set(tenantId, { seq, hash });
        return { ...body, hash };
      }
      // Another node took this position (or the stream moved): re-read the tail and chain after it.
      tails.delete(tenantId);
    }
    throw new KefuError("audit_contended", `could not append to the audit log of ${tenantId}; retry`, {
      status: 503,
      retryable: true,
    });
  }

  return {
    record(entry) {
      const key = entry.tenantId ?? PLATFORM_TENANT;
      const run = (queues.get(key) ?? Promise.resolve()).then(
        () => append(entry),
        () => append(entry),
      );
      queues.set(
        key,
        run.catch(() => tails.delete(key)),
      );
      return run;
    },
    async read(tenantId, afterSeq, limit) {
      return (await deps.store.readAfter(sessionOf(tenantId), afterSeq, limit)).map(recordOf);
    },
    async verify(tenantId) {
      let prev = GENESIS;
      let n = 0;
      const session = sessionOf(tenantId);
      for (;;) {
        const page = await deps.store.readAfter(session, n, PAGE);
        for (const e of page) {
          const bad = (reason: string): AuditVerifyResult => ({
            tenantId,
            ok: false,
            records: n,
            head: prev,
            broken: { seq: e.seq, reason },
          });
          if (e.seq !== n + 1) return bad(`expected record ${n + 1}, found ${e.seq}: records are missing`);
          if (e.body.type !== "message") return bad("not an audit record");
          let rec: AuditRecord;
          try {
            rec = recordOf(e);
          } catch {
            return bad("the record is not valid JSON");
          }
          if (sha256(e.body.text) !== rec.hash) return bad("the record's content does not match its hash");
          if (rec.seq !== e.seq || e.body.clientMsgId !== `audit-${e.seq}`)
            return bad("the record's position was changed");
          if (rec.prev !== prev) return bad("the record does not chain to the previous one");
          prev = rec.hash;
          n = e.seq;
        }
        if (page.length < PAGE) return { tenantId, ok: true, records: n, head: prev };
      }
    },
  };
}
