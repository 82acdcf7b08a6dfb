/**
 * The realtime frames the widget and the console use, in their proto3 JSON form
 * (subprotocol `kefu.v1.json`; see proto/kefu/v1/realtime.proto and README
 * "Realtime protocol"). Default values are omitted on the wire, so every field is
 * optional; 64-bit integers arrive as numbers (or strings, which `num` accepts).
 * `FRAME_KINDS` is checked against the proto's `Frame.kind` oneof by a test.
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
  send?: { sessionId?: string; message?: ChatMessage };
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
  assignment?: { sessionId?: string; agentId?: string; group?: string; waitedMs?: U64 };
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
