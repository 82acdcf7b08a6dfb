/**
 * Session events: the domain shape of what every conversation is made of, and
 * its codec to the `kefu.v1.SessionEvent` protobuf (the stored and wire form).
 *
 * @example
 *   const bytes = encodeEvent(event);
 *   decodeEvent(bytes).seq === event.seq; // true
 */
import { kefu } from "../proto/index.ts";

const pb = kefu.v1;

/** Who produced an event. */
export type ActorKind = "visitor" | "agent" | "bot" | "system";
/** Conversation states. */
export type SessionState = "bot" | "queued" | "assigned" | "closed";

/** The numeric `kefu.v1.SessionState` of a state. */
export function stateToProto(s: SessionState): kefu.v1.SessionState {
  return toEnum(states, s);
}

/** What happened. */
export type EventBody =
  | { type: "message"; clientMsgId: string; text: string; attributes?: Record<string, string> }
  | { type: "state_changed"; from: SessionState; to: SessionState; reason: string; agentId?: string; group?: string }
  | { type: "started"; visitorId: string; metadata?: Record<string, string> }
  /** An internal note: agents and supervisors of the tenant only (see `forVisitor`). */
  | { type: "note"; clientMsgId: string; text: string }
  /** The visitor's rating of the conversation: once per session (see `clientMsgIdOf`). */
  | { type: "rating"; score: number; comment?: string };

/** An event before the store has given it a `seq`. */
export interface NewEvent {
  tenantId: string;
  sessionId: string;
  actor: { kind: ActorKind; id: string };
  body: EventBody;
}

/** A stored event: `seq` is strictly increasing per session, from 1. */
export interface SessionEvent extends NewEvent {
  seq: number;
  atUnixMs: number;
}

const actorKinds: ActorKind[] = ["visitor", "agent", "bot", "system"];
const states: SessionState[] = ["bot", "queued", "assigned", "closed"];
// Proto enums reserve 0 for UNSPECIFIED; ours start at 1.
const toEnum = <T>(list: T[], v: T) => list.indexOf(v) + 1;
const fromEnum = <T>(list: T[], n: number | null | undefined, what: string): T => {
  const v = list[(n ?? 0) - 1];
  if (v === undefined) throw new TypeError(`invalid ${what} enum value ${n}`);
  return v;
};

/** Encodes an event as `kefu.v1.SessionEvent` bytes. */
export function encodeEvent(e: SessionEvent): Uint8Array {
  return pb.SessionEvent.encode(toProto(e)).finish();
}

/** Maps an event to the generated protobuf message object. */
export function toProto(e: SessionEvent): kefu.v1.ISessionEvent {
  const b = e.body;
  return {
    tenantId: e.tenantId,
    sessionId: e.sessionId,
    seq: e.seq,
    atUnixMs: e.atUnixMs,
    actor: { kind: toEnum(actorKinds, e.actor.kind), id: e.actor.id },
    ...bodyToProto(b),
  };
}

function bodyToProto(b: EventBody): Partial<kefu.v1.ISessionEvent> {
  switch (b.type) {
    case "message":
      return { message: { clientMsgId: b.clientMsgId, text: b.text, attributes: b.attributes ?? {} } };
    case "state_changed":
      return {
        stateChanged: {
          from: toEnum(states, b.from),
          to: toEnum(states, b.to),
          reason: b.reason,
          agentId: b.agentId ?? "",
          group: b.group ?? "",
        },
      };
    case "started":
      return { started: { visitorId: b.visitorId, metadata: b.metadata ?? {} } };
    case "note":
      return { note: { clientMsgId: b.clientMsgId, text: b.text } };
    case "rating":
      return { rating: { score: b.score, comment: b.comment ?? "" } };
  }
}

/** Decodes `kefu.v1.SessionEvent` bytes; throws on malformed input. */
export function decodeEvent(bytes: Uint8Array): SessionEvent {
  return fromProto(pb.SessionEvent.decode(bytes));
}

/** Maps a decoded protobuf message back to the domain event. */
export function fromProto(m: kefu.v1.ISessionEvent): SessionEvent {
  let body: EventBody;
  if (m.message) {
    const attrs = m.message.attributes ?? {};
    body = {
      type: "message",
      clientMsgId: m.message.clientMsgId ?? "",
      text: m.message.text ?? "",
      ...(Object.keys(attrs).length ? { attributes: { ...attrs } } : {}),
    };
  } else if (m.stateChanged) {
    const s = m.stateChanged;
    body = {
      type: "state_changed",
      from: fromEnum(states, s.from, "SessionState"),
      to: fromEnum(states, s.to, "SessionState"),
      reason: s.reason ?? "",
      ...(s.agentId ? { agentId: s.agentId } : {}),
      ...(s.group ? { group: s.group } : {}),
    };
  } else if (m.started) {
    const md = m.started.metadata ?? {};
    body = {
      type: "started",
      visitorId: m.started.visitorId ?? "",
      ...(Object.keys(md).length ? { metadata: { ...md } } : {}),
    };
  } else if (m.note) {
    body = { type: "note", clientMsgId: m.note.clientMsgId ?? "", text: m.note.text ?? "" };
  } else if (m.rating) {
    body = { type: "rating", score: m.rating.score ?? 0, ...(m.rating.comment ? { comment: m.rating.comment } : {}) };
  } else {
    throw new TypeError("SessionEvent has no body");
  }
  return {
    tenantId: m.tenantId ?? "",
    sessionId: m.sessionId ?? "",
    seq: Number(m.seq ?? 0),
    atUnixMs: Number(m.atUnixMs ?? 0),
    actor: { kind: fromEnum(actorKinds, m.actor?.kind, "ActorKind"), id: m.actor?.id ?? "" },
    body,
  };
}

/**
 * The wire form of an event for a visitor: an internal note loses its body and its
 * actor (only `seq` and the time stay, so the visitor's log stays gap-free and its
 * resume point moves on); every other event is `toProto(e)` unchanged.
 *
 * @example
 *   forVisitor(noteEvent); // { tenantId, sessionId, seq: 7, atUnixMs } (no actor, no body)
 */
export function forVisitor(e: SessionEvent): kefu.v1.ISessionEvent {
  if (e.body.type !== "note") return toProto(e);
  return { tenantId: e.tenantId, sessionId: e.sessionId, seq: e.seq, atUnixMs: e.atUnixMs };
}

/**
 * Is this wire event an internal note (agents and supervisors only)?
 *
 * @example
 *   isNote({ note: { text: "VIP" } }); // true
 */
export function isNote(e: kefu.v1.ISessionEvent | null | undefined): boolean {
  return Boolean(e?.note);
}

/** The idempotency key every rating event is stored under: a session keeps one rating. */
export const RATING_KEY = "kefu:rating";

/**
 * The idempotency key of an event (messages and notes carry one; a rating is
 * {@link RATING_KEY}, so a session stores at most one), or null.
 *
 * @example
 *   clientMsgIdOf({ type: "note", clientMsgId: "n-1", text: "VIP" }); // "n-1"
 */
export function clientMsgIdOf(b: EventBody): string | null {
  if (b.type === "rating") return RATING_KEY;
  return (b.type === "message" || b.type === "note") && b.clientMsgId ? b.clientMsgId : null;
}
