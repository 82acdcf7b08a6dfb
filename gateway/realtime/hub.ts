/**
 * The gateway's Fanout: Bun topics, one per target and wire format
 * (`s:<session>|pb`, `s:<session>|json`, `st:<session>|…`, `a:<agent>|…`, `sup:<tenant>|…`).
 * A session has two topics: `s:` for its visitor's sockets and `st:` for staff (agents,
 * supervisors), so internal notes reach staff only: the visitor topic gets a note
 * without its body (`forVisitor`), every other frame goes to both as the same bytes.
 * A frame is encoded at most once per format and only for formats with subscribers;
 * Bun delivers it to every subscribed socket natively.
 *
 * @example
 *   const hub = createHub();
 *   hub.attach(server);          // after listen
 *   hub.session("s1", frame);    // one encode per format, native publish
 */
import type { Server, ServerWebSocket } from "bun";
import type { Fanout, Frame } from "../../engine/conversations/fanout.ts";
import { isNote } from "../../engine/events.ts";
import { encodeFrame, type WireFormat } from "./codec.ts";
import type { SocketData } from "./socket.ts";

const formats: WireFormat[] = ["pb", "json"];
/** WebSocket close code for a slow consumer. */
export const SLOW_CONSUMER = 4008;

/** Topic name for a target and format. */
export const topic = (kind: TopicKind, id: string, format: WireFormat) => `${kind}:${id}|${format}`;
/** Topic kinds: a session's visitor (`s`) and staff (`st`), an agent (`a`), a tenant's supervisors (`sup`). */
export type TopicKind = "s" | "st" | "a" | "sup";

/** The hub: Fanout plus the registry of agent sockets (to join them to sessions). */
export interface Hub extends Fanout {
  attach(server: Server<SocketData>): void;
  addAgentSocket(agentId: string, ws: ServerWebSocket<SocketData>): void;
  removeAgentSocket(agentId: string, ws: ServerWebSocket<SocketData>): number;
  /** Sessions an agent's sockets follow (so a new socket of the agent follows them too). */
  sessionsOf(agentId: string): ReadonlySet<string>;
  /** Registers an open socket for the slow-consumer sweep. */
  track(ws: ServerWebSocket<SocketData>): void;
  untrack(ws: ServerWebSocket<SocketData>): void;
  /**
   * Closes (code 4008) every socket with more than `maxBuffered` unsent bytes and
   * returns how many. Runs on an interval, off the message path; the close frame
   * queues behind the buffered data, so the client reads everything, then 4008.
   */
  sweep(maxBuffered: number): number;
  /** Closes every socket (e.g. 1001 "going away" on shutdown); clients resume elsewhere. */
  closeAll(code: number, reason: string): void;
  /** Closes the sockets whose data matches (e.g. those a revoked API key opened); returns how many. */
  closeWhere(match: (d: SocketData) => boolean, code: number, reason: string): number;
  /** Open sockets. */
  readonly size: number;
}

/** Options of `createHub`. */
export interface HubOptions {
  /** Told how many sockets each publish reached (fan-out deliveries), by target kind. */
  onDelivered?: (target: "session" | "agent" | "supervisors", sockets: number) => void;
}

const targetOf = { s: "session", a: "agent", sup: "supervisors" } as const;

/** Creates the hub; frames published before `attach` are dropped (no sockets yet). */
export function createHub(opts: HubOptions = {}): Hub {
  let server: Server<SocketData> | undefined;
  const agentSockets = new Map<string, Set<ServerWebSocket<SocketData>>>();
  const following = new Map<string, Set<string>>();
  const all = new Set<ServerWebSocket<SocketData>>();

  const publish = (kind: "s" | "a" | "sup", id: string, frame: Frame) => {
    if (!server) return;
    let reached = 0;
    for (const f of formats) {
      const t = topic(kind, id, f);
      const n = server.subscriberCount(t);
      if (n > 0) {
        server.publish(t, encodeFrame(frame, f));
        reached += n;
      }
    }
    if (reached > 0) opts.onDelivered?.(targetOf[kind], reached);
  };
  /** A session frame: to its visitor topic and its staff topic (a note's body to staff only). */
  const publishSession = (id: string, frame: Frame) => {
    if (!server) return;
    const event = frame.deliver?.event;
    const visitorFrame = event && isNote(event) ? { deliver: { event: withoutBody(event) } } : frame;
    let reached = 0;
    for (const f of formats) {
      const tv = topic("s", id, f);
      const ts = topic("st", id, f);
      const nv = server.subscriberCount(tv);
      const ns = server.subscriberCount(ts);
      if (nv + ns === 0) continue;
      const bytes = ns > 0 || visitorFrame === frame ? encodeFrame(frame, f) : undefined;
      if (ns > 0) server.publish(ts, bytes as Uint8Array | string);
      if (nv > 0)
        server.publish(tv, visitorFrame === frame ? (bytes as Uint8Array | string) : encodeFrame(visitorFrame, f));
      reached += nv + ns;
    }
    if (reached > 0) opts.onDelivered?.("session", reached);
  };

  return {
    attach(s) {
      server = s;
    },
    session: publishSession,
    agent: (id, frame) => publish("a", id, frame),
    supervisors: (id, frame) => publish("sup", id, frame),
    join(agentId, sessionId) {
      let set = following.get(agentId);
      if (!set) {
        set = new Set();
        following.set(agentId, set);
      }
      set.add(sessionId);
      for (const ws of agentSockets.get(agentId) ?? []) ws.subscribe(topic("st", sessionId, ws.data.format));
    },
    leave(agentId, sessionId) {
      following.get(agentId)?.delete(sessionId);
      for (const ws of agentSockets.get(agentId) ?? []) ws.unsubscribe(topic("st", sessionId, ws.data.format));
    },
    addAgentSocket(agentId, ws) {
      let set = agentSockets.get(agentId);
      if (!set) {
        set = new Set();
        agentSockets.set(agentId, set);
      }
      set.add(ws);
      for (const sid of following.get(agentId) ?? []) ws.subscribe(topic("st", sid, ws.data.format));
    },
    removeAgentSocket(agentId, ws) {
      const set = agentSockets.get(agentId);
      if (!set) return 0;
      set.delete(ws);
      if (set.size === 0) agentSockets.delete(agentId);
      return set.size;
    },
    sessionsOf: (agentId) => following.get(agentId) ?? new Set(),
    track: (ws) => {
      all.add(ws);
    },
    untrack: (ws) => {
      all.delete(ws);
    },
    sweep(maxBuffered) {
      let closed = 0;
      for (const ws of all) {
        if (ws.getBufferedAmount() > maxBuffered) {
          all.delete(ws);
          ws.close(SLOW_CONSUMER, "slow consumer: resume with last_seq");
          closed++;
        }
      }
      return closed;
    },
    closeAll(code, reason) {
      for (const ws of all) ws.close(code, reason);
      all.clear();
    },
    closeWhere(match, code, reason) {
      let n = 0;
      for (const ws of all) {
        if (!match(ws.data)) continue;
        all.delete(ws);
        ws.close(code, reason);
        n++;
      }
      return n;
    },
    get size() {
      return all.size;
    },
  };
}

/** A wire event with its body and actor removed (what a visitor gets for a note). */
function withoutBody(e: NonNullable<NonNullable<Frame["deliver"]>["event"]>): typeof e {
  return { tenantId: e.tenantId ?? "", sessionId: e.sessionId ?? "", seq: e.seq ?? 0, atUnixMs: e.atUnixMs ?? 0 };
}
