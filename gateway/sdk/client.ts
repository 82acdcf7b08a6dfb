/**
 * `KefuClient`: the kefu realtime protocol for apps, in browsers, Bun and Node. It
 * implements the delivery contract so an app does not have to:
 * - every send carries a `clientMsgId`; `send()` resolves with the stored `seq`
 *   once the server acked it (or delivered it back);
 * - unacked sends wait in an outbox (bounded) and are resent with the same
 *   `clientMsgId` after every reconnect, so the server stores each once;
 * - after every (re)connect it resumes each followed session from its `lastSeq`
 *   (the highest seq with no gap below it), and delivered events are deduplicated
 *   by `seq`: each reaches the `event` listeners exactly once, in order of arrival;
 * - it reconnects with exponential backoff (and pings, to notice a dead network);
 * - server frames come out as typed events (`event`, `botDelta`, `handoff`,
 *   `assignment`, `queuePosition`, `typing`, `close`, `error`, …).
 *
 * @example
 *   const { token } = await (await fetch(`${base}/v1/visitor/sessions`, { method: "POST",
 *     headers: { "content-type": "application/json" }, body: JSON.stringify({ tenantId: "acme" }) })).json();
 *   const client = new KefuClient({ url: `${base.replace(/^http/, "ws")}/v1/ws/visitor?token=${token}` });
 *   client.on("event", ({ event }) => console.log(event.seq, event.message?.text));
 *   client.start();
 *   const { seq } = await client.send("Where is my order?");
 */
import { Connection, type Status, type WebSocketLike } from "./connection.ts";
import { type Frame, num, type SessionEvent } from "./frames.ts";
import { type Pending, Timeline } from "./timeline.ts";

type F<K extends keyof Frame> = NonNullable<Frame[K]>;

/** A typed error from the server (an `error` frame) or from the client itself. */
export class KefuClientError extends Error {
  /** Machine-readable code: the server's (`bad_frame`, `rate_limited`, `forbidden`, …) or `stopped`, `outbox_full`, `session_closed`. */
  readonly code: string;
  /** Id of the frame that caused it, when known (a send's `clientMsgId`). */
  readonly ref: string;
  /** The send it refused, when it refused one (it left the outbox). */
  readonly send: Pending | undefined;

  constructor(code: string, message: string, ref = "", send?: Pending) {
    super(message);
    this.name = "KefuClientError";
    this.code = code;
    this.ref = ref;
    this.send = send;
  }
}

/** A stored event, delivered once per client. */
export interface DeliveredEvent {
  sessionId: string;
  event: SessionEvent;
  /** True while the resume after a (re)connect replays what was missed. */
  replay: boolean;
}

/** What `send()` resolves with. */
export interface SendResult {
  sessionId: string;
  clientMsgId: string;
  seq: number;
  /** The server had stored this clientMsgId before (a resend): `seq` is the original one. */
  duplicate: boolean;
}

/** The events a client emits, and what their listeners get. */
export interface ClientEvents {
  status: Status;
  welcome: F<"welcome">;
  /** A stored event not seen before (deduplicated by seq). */
  event: DeliveredEvent;
  ack: F<"ack">;
  resumed: F<"resumed">;
  botDelta: F<"botDelta">;
  handoff: F<"handoff">;
  assignment: F<"assignment">;
  queuePosition: F<"queuePosition">;
  typing: F<"typing">;
  presence: F<"presence">;
  read: F<"read">;
  agentState: F<"agentState">;
  transfer: F<"transfer">;
  close: F<"close">;
  alert: F<"alert">;
  error: KefuClientError;
  /** Every frame from the server, before the typed event. */
  frame: Frame;
}

/** Options of a `KefuClient`. */
export interface KefuClientOptions {
  /** The ws:// or wss:// URL with `?token=…` (a function is called on every reconnect: it may return a fresh token). */
  url: string | (() => string);
  /** A visitor's session id, when known before the welcome (it comes with the welcome otherwise). */
  sessionId?: string;
  /** Application ping period, ms (default 10 000). */
  pingMs?: number;
  /** First and longest reconnect backoff, ms (default 250 and 5 000). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Most unacked sends kept per session (default 500); more rejects with `outbox_full`. */
  maxPending?: number;
  /** After a `rate_limited` error, resend the unacked sends this much later, ms (default 1 000). */
  rateLimitRetryMs?: number;
  /** Sent as the first frame of every connection (`hello.client`, e.g. "shop-app/2.1"); absent: no hello. */
  client?: string;
  /** The WebSocket constructor (default: the global one; Node < 22 can pass the `ws` package's). */
  WebSocket?: WebSocketLike;
}

type Listener<K extends keyof ClientEvents> = (v: ClientEvents[K]) => void;

/** Random hex id with a prefix (no `crypto.randomUUID`: plain-http pages lack it). */
function newId(prefix: string): string {
  const a = new Uint8Array(8);
  crypto.getRandomValues(a);
  return `${prefix}-${Array.from(a, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The kefu realtime client (see the file comment). */
export class KefuClient {
  private readonly conn: Connection;
  private readonly listeners = new Map<keyof ClientEvents, Set<(v: never) => void>>();
  private readonly timelines = new Map<string, Timeline>();
  /** Sessions resumed after every reconnect: the visitor's own, or those an agent follows. */
  private readonly followed = new Set<string>();
  private readonly replaying = new Set<string>();
  private readonly waiting = new Map<
    string,
    { sessionId: string; resolve: (r: SendResult) => void; reject: (e: KefuClientError) => void }
  >();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private mySessionId: string;
  private current: Status = "closed";

  constructor(private readonly opts: KefuClientOptions) {
    this.mySessionId = opts.sessionId ?? "";
    if (this.mySessionId) this.followed.add(this.mySessionId);
    const url = opts.url;
    this.conn = new Connection({
      url: typeof url === "string" ? () => url : url,
      onFrame: (f) => this.onFrame(f),
      onStatus: (s) => {
        this.current = s;
        if (s === "open" && opts.client) this.conn.send({ hello: { client: opts.client.slice(0, 64) } });
        this.emit("status", s);
      },
      onClose: (code, reason) => {
        if (code === 4004) {
          this.emit("error", new KefuClientError("session_closed", reason || "the session is closed"));
          this.stop();
        }
      },
      ...(opts.pingMs !== undefined ? { pingMs: opts.pingMs } : {}),
      ...(opts.minBackoffMs !== undefined ? { minBackoffMs: opts.minBackoffMs } : {}),
      ...(opts.maxBackoffMs !== undefined ? { maxBackoffMs: opts.maxBackoffMs } : {}),
      ...(opts.WebSocket ? { WebSocket: opts.WebSocket } : {}),
    });
  }

  /** The visitor's session id ("" for agents, and for a visitor before its first welcome). */
  get sessionId(): string {
    return this.mySessionId;
  }

  /** The connection status. */
  get status(): Status {
    return this.current;
  }

  /** Is the socket open now? */
  isOpen(): boolean {
    return this.conn.isOpen();
  }

  /**
   * Listens to an event; returns the function that stops listening.
   *
   * @example
   *   const off = client.on("assignment", (a) => console.log(a.agentName || a.agentId));
   */
  on<K extends keyof ClientEvents>(name: K, fn: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(fn as (v: never) => void);
    return () => set.delete(fn as (v: never) => void);
  }

  /** Connects, and keeps reconnecting until `stop()`. */
  start(): void {
    this.conn.start();
  }

  /** Closes for good: pending sends reject with `stopped`. */
  stop(): void {
    clearTimeout(this.retryTimer);
    this.conn.stop();
    for (const [id, w] of this.waiting) w.reject(new KefuClientError("stopped", "the client was stopped", id));
    this.waiting.clear();
  }

  /** Drops the socket and reconnects at once (the outbox is resent, followed sessions resumed). */
  reconnect(): void {
    this.conn.reconnectNow();
  }

  /**
   * One session's events as this client knows them (the visitor's own by default).
   *
   * @example
   *   client.timeline().ordered().map((e) => e.message?.text);
   */
  timeline(sessionId = this.mySessionId): Timeline {
    let t = this.timelines.get(sessionId);
    if (!t) {
      t = new Timeline();
      this.timelines.set(sessionId, t);
    }
    return t;
  }

  /**
   * Sends a chat message; resolves once it is durably stored (its seq), rejects
   * with a `KefuClientError` when the server refuses it. While the socket is down
   * it waits in the outbox and goes out after the reconnect.
   *
   * @example
   *   const { seq, duplicate } = await client.send("hello", { clientMsgId: "c-1" });
   */
  send(
    text: string,
    opts: { sessionId?: string; clientMsgId?: string; attributes?: Record<string, string> } = {},
  ): Promise<SendResult> {
    const sessionId = opts.sessionId ?? this.mySessionId;
    const tl = this.timeline(sessionId);
    const clientMsgId = opts.clientMsgId ?? newId("c");
    const known = [...tl.events.values()].find((e) => e.message?.clientMsgId === clientMsgId);
    if (known) {
      // Already stored and seen: still ask the server (it answers with the same seq), but resolve now.
      this.conn.send(this.buildSend(sessionId, { ...opts, clientMsgId, text }));
      return Promise.resolve({ sessionId, clientMsgId, seq: num(known.seq), duplicate: true });
    }
    const limit = this.opts.maxPending ?? 500;
    if (!tl.outbox.has(clientMsgId) && tl.outbox.size >= limit)
      return Promise.reject(new KefuClientError("outbox_full", `more than ${limit} unacked sends`, clientMsgId));
    const frame = tl.queue(sessionId || undefined, text, clientMsgId, opts.attributes);
    const done = new Promise<SendResult>((resolve, reject) => {
      this.waiting.get(clientMsgId)?.reject(new KefuClientError("superseded", "sent again", clientMsgId));
      this.waiting.set(clientMsgId, { sessionId, resolve, reject });
    });
    this.conn.send(frame);
    return done;
  }

  /** Asks for a human (visitors; agents name the session). Returns whether the frame went out. */
  handoff(opts: { sessionId?: string; group?: string; reason?: string } = {}): boolean {
    return this.conn.send({ id: newId("h"), handoff: { ...opts } });
  }

  /** Says the user is (or stopped) typing. Not stored; dropped while offline. */
  typing(on: boolean, sessionId?: string): boolean {
    return this.conn.send({ typing: { ...(sessionId ? { sessionId } : {}), on } });
  }

  /** Read receipt up to `seq`. */
  read(seq: number, sessionId?: string): boolean {
    return this.conn.send({ read: { ...(sessionId ? { sessionId } : {}), seq } });
  }

  /** Ends the session. */
  closeSession(reason = "", sessionId?: string): boolean {
    return this.conn.send({ id: newId("x"), close: { ...(sessionId ? { sessionId } : {}), reason } });
  }

  /**
   * Agents and supervisors: follow a session (subscribe and replay from what this
   * client holds), now and after every reconnect.
   *
   * @example
   *   agentClient.follow(sessionId);
   */
  follow(sessionId: string): void {
    this.followed.add(sessionId);
    this.resume(sessionId);
  }

  /** Stops resuming a session after reconnects (the server stops sending it when the socket closes). */
  unfollow(sessionId: string): void {
    this.followed.delete(sessionId);
  }

  /** Sends any frame as is (agent frames the SDK has no method for: transfer, agentState, watch…). */
  sendFrame(f: Frame): boolean {
    return this.conn.send(f);
  }

  /** Sends raw text as a frame (for tests of the server's error handling). */
  sendRaw(text: string): boolean {
    return this.conn.sendRaw(text);
  }

  private buildSend(sessionId: string, m: { clientMsgId: string; text: string; attributes?: Record<string, string> }) {
    return {
      id: m.clientMsgId,
      send: {
        ...(sessionId ? { sessionId } : {}),
        message: { clientMsgId: m.clientMsgId, text: m.text, ...(m.attributes ? { attributes: m.attributes } : {}) },
      },
    } satisfies Frame;
  }

  private resume(sessionId: string): void {
    this.replaying.add(sessionId);
    this.conn.send({ id: `r-${sessionId}`, resume: { sessionId, lastSeq: this.timeline(sessionId).lastSeq } });
  }

  private emit<K extends keyof ClientEvents>(name: K, v: ClientEvents[K]): void {
    for (const fn of [...(this.listeners.get(name) ?? [])]) (fn as Listener<K>)(v);
  }

  private settle(clientMsgId: string, seq: number, duplicate: boolean): void {
    const w = this.waiting.get(clientMsgId);
    if (!w || seq <= 0) return;
    this.waiting.delete(clientMsgId);
    w.resolve({ sessionId: w.sessionId, clientMsgId, seq, duplicate });
  }

  private onFrame(f: Frame): void {
    this.emit("frame", f);
    if (f.welcome) {
      const w = f.welcome;
      if (w.sessionId && w.sessionId !== this.mySessionId) {
        // A visitor learns its session id: what was queued before moves to it.
        const early = this.timelines.get(this.mySessionId);
        if (early && !this.mySessionId) {
          this.timelines.delete("");
          this.timelines.set(w.sessionId, early);
          for (const x of this.waiting.values()) if (x.sessionId === "") x.sessionId = w.sessionId;
        }
        this.followed.delete(this.mySessionId);
        this.mySessionId = w.sessionId;
        this.followed.add(w.sessionId);
      }
      this.emit("welcome", w);
      for (const sid of this.followed) this.resume(sid);
      for (const [sid, tl] of this.timelines) for (const r of tl.resends(sid || undefined)) this.conn.send(r);
      return;
    }
    if (f.deliver?.event) {
      const ev = f.deliver.event;
      const sid = ev.sessionId ?? this.mySessionId;
      const cid = ev.message?.clientMsgId;
      if (this.timeline(sid).add(ev))
        this.emit("event", { sessionId: sid, event: ev, replay: this.replaying.has(sid) });
      if (cid) this.settle(cid, num(ev.seq), false);
      if (ev.stateChanged?.to === "SESSION_STATE_CLOSED" && sid === this.mySessionId && this.mySessionId) this.stop();
      return;
    }
    if (f.ack) {
      const a = f.ack;
      const sid = a.sessionId ?? this.mySessionId;
      const cid = a.clientMsgId ?? "";
      const kind = this.mySessionId ? "ACTOR_KIND_VISITOR" : "ACTOR_KIND_AGENT";
      this.timeline(sid).ack(cid, num(a.seq), { kind });
      this.settle(cid, num(a.seq), Boolean(a.duplicate));
      this.emit("ack", a);
      return;
    }
    if (f.resumed) {
      this.replaying.delete(f.resumed.sessionId ?? this.mySessionId);
      this.emit("resumed", f.resumed);
      return;
    }
    if (f.error) {
      this.onError(f.error);
      return;
    }
    if (f.close) {
      this.emit("close", f.close);
      if ((f.close.sessionId ?? this.mySessionId) === this.mySessionId && this.mySessionId) this.stop();
      return;
    }
    for (const k of [
      "botDelta",
      "handoff",
      "assignment",
      "queuePosition",
      "typing",
      "presence",
      "read",
      "agentState",
      "transfer",
      "alert",
    ] as const) {
      const v = f[k];
      if (v) {
        this.emit(k, v as never);
        return;
      }
    }
  }

  private onError(e: F<"error">): void {
    const code = e.code ?? "error";
    const ref = e.ref ?? "";
    if (code === "rate_limited") {
      // The refused frame is not named: resend every unacked send a little later (the server dedupes).
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        for (const [sid, tl] of this.timelines) for (const r of tl.resends(sid || undefined)) this.conn.send(r);
      }, this.opts.rateLimitRetryMs ?? 1_000);
      this.emit("error", new KefuClientError(code, e.message ?? "", ref));
      return;
    }
    let refused: Pending | undefined;
    const w = ref ? this.waiting.get(ref) : undefined;
    const tl = w ? this.timelines.get(w.sessionId) : undefined;
    if (w && tl) {
      refused = tl.outbox.get(ref);
      tl.outbox.delete(ref);
    }
    const err = new KefuClientError(code, e.message ?? "", ref, refused);
    if (w) {
      this.waiting.delete(ref);
      w.reject(err);
    }
    this.emit("error", err);
  }
}
