/**
 * A WebSocket that reconnects by itself, for browsers, Bun and Node (≥ 22, or any
 * `WebSocket` constructor passed in): exponential backoff with jitter; in a browser
 * it drops the socket when the page goes offline and reconnects at once when it is
 * back online; it reconnects when the server has been silent too long (application
 * pings). Frames are JSON (subprotocol `kefu.v1.json`). It knows nothing of
 * sessions: the delivery contract is `KefuClient` (client.ts) and `Timeline`.
 *
 * @example
 *   const conn = new Connection({ url: () => `wss://kefu.example/v1/ws/visitor?token=${token}`, onFrame, onStatus });
 *   conn.start();
 */
import { type Frame, JSON_SUBPROTOCOL } from "./frames.ts";

/** Connection status. */
export type Status = "connecting" | "open" | "closed";

/** The WebSocket constructor the connection uses (the global one by default). */
export type WebSocketLike = new (url: string, protocols?: string | string[]) => WebSocket;

/** Options of a `Connection`. */
export interface ConnectionOptions {
  /** The ws:// URL with the token; called on every (re)connect. */
  url: () => string;
  onFrame: (f: Frame) => void;
  onStatus: (s: Status) => void;
  /** Application ping period, ms (default 10 000); silence for 2.5 periods closes and reconnects. */
  pingMs?: number;
  /** Longest backoff, ms (default 5 000). */
  maxBackoffMs?: number;
  /** First backoff, ms (default 250); doubles per failed attempt up to `maxBackoffMs`. */
  minBackoffMs?: number;
  /** Called when a socket closes, with the server's close code (4001 token expired, 4004 session closed, …). */
  onClose?: (code: number, reason: string) => void;
  /** The WebSocket constructor (default: `globalThis.WebSocket`). */
  WebSocket?: WebSocketLike;
}

type Listen = (type: string, fn: () => void) => void;
const win = globalThis as unknown as { addEventListener?: Listen; removeEventListener?: Listen };
/** Only pages have online/offline events (Bun and Node have no such notion). */
const hasNetworkEvents = typeof win.addEventListener === "function" && "navigator" in globalThis;

/** A self-healing JSON WebSocket. */
export class Connection {
  private ws: WebSocket | undefined;
  private attempts = 0;
  private stopped = true;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private beat: ReturnType<typeof setInterval> | undefined;
  private heardAt = 0;
  private readonly onOnline = () => this.reconnectNow();
  /** The browser says the network is gone: drop the socket now rather than wait for a timeout. */
  private readonly onOffline = () => {
    const old = this.ws;
    this.ws = undefined;
    clearInterval(this.beat);
    old?.close(4000, "offline");
    this.schedule();
  };

  constructor(private readonly opts: ConnectionOptions) {}

  /** Opens the socket and keeps it open until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (hasNetworkEvents) {
      win.addEventListener?.("online", this.onOnline);
      win.addEventListener?.("offline", this.onOffline);
    }
    this.open();
  }

  /** Closes for good. */
  stop(): void {
    this.stopped = true;
    if (hasNetworkEvents) {
      win.removeEventListener?.("online", this.onOnline);
      win.removeEventListener?.("offline", this.onOffline);
    }
    clearTimeout(this.retry);
    clearInterval(this.beat);
    this.ws?.close(1000, "bye");
    this.ws = undefined;
    this.opts.onStatus("closed");
  }

  /** Is the socket open now? */
  isOpen(): boolean {
    return this.ws?.readyState === 1; // WebSocket.OPEN (the constant is not on every implementation's class)
  }

  /** Sends a frame if the socket is open; returns whether it was handed to the socket. */
  send(f: Frame): boolean {
    return this.sendRaw(JSON.stringify(f));
  }

  /** Sends text as is (tests, tools); returns whether it was handed to the socket. */
  sendRaw(text: string): boolean {
    if (!this.ws || !this.isOpen()) return false;
    this.ws.send(text);
    return true;
  }

  /** Drops the current socket (if any) and connects again without waiting. */
  reconnectNow(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.attempts = 0;
    const old = this.ws;
    this.ws = undefined;
    old?.close(4000, "reconnect");
    this.open();
  }

  private open(): void {
    if (this.stopped) return;
    this.opts.onStatus("connecting");
    if (this.stopped) return; // the listener may stop it (e.g. to start over with a new token)
    let ws: WebSocket;
    try {
      const Ctor = this.opts.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketLike);
      ws = new Ctor(this.opts.url(), JSON_SUBPROTOCOL);
    } catch {
      this.schedule();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.attempts = 0;
      this.heardAt = Date.now();
      this.opts.onStatus("open");
      this.startBeat(ws);
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws || typeof ev.data !== "string") return;
      this.heardAt = Date.now();
      let f: Frame;
      try {
        f = JSON.parse(ev.data) as Frame;
      } catch {
        return;
      }
      this.opts.onFrame(f);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      clearInterval(this.beat);
      this.opts.onClose?.(ev.code, ev.reason);
      this.schedule();
    };
    // An error is followed by a close; nothing to do here but keep it from being reported as unhandled.
    ws.onerror = () => {};
  }

  private startBeat(ws: WebSocket): void {
    clearInterval(this.beat);
    const period = this.opts.pingMs ?? 10_000;
    this.beat = setInterval(() => {
      if (this.ws !== ws) return;
      if (Date.now() - this.heardAt > period * 2.5) {
        this.reconnectNow(); // silent too long: the network is gone even if the socket does not know it
        return;
      }
      this.send({ ping: { atUnixMs: Date.now() } });
    }, period);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.opts.onStatus("connecting");
    if (this.stopped) return;
    const first = this.opts.minBackoffMs ?? 250;
    const base = Math.min(this.opts.maxBackoffMs ?? 5_000, first * 2 ** this.attempts++);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.open(), base * (0.5 + Math.random() / 2));
  }
}
