/**
 * The realtime frames of the kefu SDK (and so of the widget and the console), in
 * their proto3 JSON form (subprotocol `kefu.v1.json`; see
 * proto/kefu/v1/realtime.proto and README "Realtime protocol"). Default values are
 * omitted on the wire, so every field is optional; 64-bit integers arrive as
 * numbers (or strings, which `num` accepts). `FRAME_KINDS` and every field name
 * are checked against the generated proto code by gateway/sdk/frames.test.ts.
 *
 * @example
 *   const f: Frame = { id: "f1", send: { message: { clientMsgId: "c-1", text: "hi" } } };
 */

/** Who produced an event. */
export type ActorKind =
  | "ACTOR_KIND_UNSPECIFIED"
  | "ACTOR_KIND_VISITOR"
  | "ACTOR_KIND_AGENT"
  | "ACTOR_KIND_BOT"
  | "ACTOR_KIND_SYSTEM";
/** Conversation states. */
export type SessionState =
  | "SESSION_STATE_UNSPECIFIED"
  | "SESSION_STATE_BOT"
  | "SESSION_STATE_QUEUED"
  | "SESSION_STATE_ASSIGNED"
  | "SESSION_STATE_CLOSED";
/** Agent seat states. */
export type SeatState =
  | "SEAT_STATE_UNSPECIFIED"
  | "SEAT_STATE_ONLINE"
  | "SEAT_STATE_BUSY"
  | "SEAT_STATE_AWAY"
  | "SEAT_STATE_OFFLINE";

type U64 = number | string;

export interface Actor {
  kind?: ActorKind;
  id?: string;
}
export interface ChatMessage {
  clientMsgId?: string;
  text?: string;
  attributes?: Record<string, string>;
}
export interface StateChanged {
  from?: SessionState;
  to?: SessionState;
  reason?: string;
  agentId?: string;
  group?: string;
}
export interface SessionEvent {
  tenantId?: string;
  sessionId?: string;
  seq?: U64;
  atUnixMs?: U64;
  actor?: Actor;
  message?: ChatMessage;
  stateChanged?: StateChanged;
  started?: { visitorId?: string; metadata?: Record<string, string> };
  /** An internal note (agents and supervisors only; visitors get the seq without a body). */
  note?: { clientMsgId?: string; text?: string };
  /** The visitor's rating of the conversation (1–5, optional comment); one per session. */
  rating?: { score?: number; comment?: string };
}

/** One frame; exactly one kind is set. */
export interface Frame {
  id?: string;
  hello?: { client?: string };
  welcome?: {
    connectionId?: string;
    sessionId?: string;
    lastSeq?: U64;
    role?: string;
    tenantId?: string;
    agentId?: string;
    maxFrameBytes?: number;
    heartbeatMs?: number;
    state?: SessionState;
  };
  send?: { sessionId?: string; message?: ChatMessage; internal?: boolean };
  ack?: { sessionId?: string; clientMsgId?: string; seq?: U64; duplicate?: boolean };
  deliver?: { event?: SessionEvent };
  resume?: { sessionId?: string; lastSeq?: U64 };
  typing?: { sessionId?: string; on?: boolean; actor?: Actor };
  read?: { sessionId?: string; seq?: U64; actor?: Actor };
  error?: { code?: string; message?: string; ref?: string };
  ping?: { atUnixMs?: U64 };
  pong?: { atUnixMs?: U64 };
  resumed?: { sessionId?: string; fromSeq?: U64; toSeq?: U64; replayed?: number; source?: string };
  presence?: { sessionId?: string; actor?: Actor; online?: boolean };
  botDelta?: { sessionId?: string; replyId?: string; text?: string; done?: boolean };
  handoff?: { sessionId?: string; group?: string; reason?: string };
  assignment?: { sessionId?: string; agentId?: string; group?: string; waitedMs?: U64; agentName?: string };
  queuePosition?: { sessionId?: string; group?: string; position?: number };
  agentState?: { agentId?: string; state?: SeatState; version?: U64; capacity?: number; load?: number };
  transfer?: { sessionId?: string; toAgentId?: string; toGroup?: string; reason?: string };
  returnToBot?: { sessionId?: string; reason?: string };
  close?: { sessionId?: string; reason?: string };
  watch?: { sessionId?: string };
  alert?: { sessionId?: string; kind?: string; message?: string; agentId?: string };
}

/** Every frame kind this client knows: the oneof `kind` of kefu.v1.Frame. */
export const FRAME_KINDS = [
  "hello",
  "welcome",
  "send",
  "ack",
  "deliver",
  "resume",
  "typing",
  "read",
  "error",
  "ping",
  "pong",
  "resumed",
  "presence",
  "botDelta",
  "handoff",
  "assignment",
  "queuePosition",
  "agentState",
  "transfer",
  "returnToBot",
  "close",
  "watch",
  "alert",
] as const satisfies readonly Exclude<keyof Frame, "id">[];

/** The WebSocket subprotocol of JSON frames. */
export const JSON_SUBPROTOCOL = "kefu.v1.json";

/**
 * A uint64/int64 JSON value as a number (0 when absent).
 *
 * @example
 *   num("42"); // 42
 */
export function num(v: U64 | undefined | null): number {
  return v === undefined || v === null ? 0 : Number(v);
}

/**
 * Message attributes with a meaning to clients (`ChatMessage.attributes`, values are
 * strings): `quick_replies` is a JSON array of button labels (bot answers from an
 * intent); `attachments` a JSON array of `Attachment` (images uploaded with
 * `POST /v1/visitor/attachments`); `citations` the knowledge-base sources.
 */
export const ATTR_QUICK_REPLIES = "quick_replies";
export const ATTR_ATTACHMENTS = "attachments";

/** An uploaded file a message refers to (served at `GET /v1/attachments/:id`). */
export interface Attachment {
  id: string;
  /** The type sniffed from the file's bytes: image/png, image/jpeg, image/gif or image/webp. */
  mime: string;
  bytes: number;
  name?: string;
}

function jsonArray(raw: string | undefined): unknown[] {
  if (!raw || raw.length > 16_384) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/**
 * The quick replies of a message (at most 6, each at most 40 characters; malformed: none).
 *
 * @example
 *   quickRepliesOf({ attributes: { quick_replies: '["Track my order"]' } }); // ["Track my order"]
 */
export function quickRepliesOf(m: ChatMessage | undefined): string[] {
  return jsonArray(m?.attributes?.[ATTR_QUICK_REPLIES])
    .filter((x): x is string => typeof x === "string" && x.trim().length > 0)
    .slice(0, 6)
    .map((x) => x.slice(0, 40));
}

/**
 * The attachments of a message (at most 4 well-formed ones; the rest is ignored).
 *
 * @example
 *   attachmentsOf({ attributes: { attachments: '[{"id":"a1","mime":"image/png","bytes":120}]' } })[0]?.id; // "a1"
 */
export function attachmentsOf(m: ChatMessage | undefined): Attachment[] {
  const out: Attachment[] = [];
  for (const x of jsonArray(m?.attributes?.[ATTR_ATTACHMENTS])) {
    const a = x as Partial<Attachment> | null;
    if (!a || typeof a.id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(a.id)) continue;
    if (typeof a.mime !== "string" || !a.mime.startsWith("image/") || typeof a.bytes !== "number") continue;
    out.push({
      id: a.id,
      mime: a.mime,
      bytes: a.bytes,
      ...(typeof a.name === "string" ? { name: a.name.slice(0, 128) } : {}),
    });
    if (out.length === 4) break;
  }
  return out;
}
