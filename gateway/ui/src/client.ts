/**
 * The browser side of the realtime protocol, shared by the widget and the console:
 * a WebSocket that reconnects by itself (exponential backoff with jitter; it drops
 * the socket when the browser goes offline, reconnects at once when it is back
 * online, and when the server has been silent too long). Per-session state (dedupe, `lastSeq`, outbox) is `Timeline` (timeline.ts).
 *
 * @example
 *   const conn = new Connection({ url: () => wsUrl, onFrame, onStatus });
 *   conn.start();
 */
import { type Frame, JSON_SUBPROTOCOL } from "./frames.ts";

export { type Pending, Timeline } from "./timeline.ts";

/** Connection status. */
export type Status = "connecting" | "open" | "closed";

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
}

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
    addEventListener("online", this.onOnline);
    addEventListener("offline", this.onOffline);
    this.open();
  }

  /** Closes for good. */
  stop(): void {
    this.stopped = true;
    removeEventListener("online", this.onOnline);
    removeEventListener("offline", this.onOffline);
    clearTimeout(this.retry);
    clearInterval(this.beat);
    this.ws?.close(1000, "bye");
    this.ws = undefined;
    this.opts.onStatus("closed");
  }

  /** Is the socket open now? */
  isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a frame if the socket is open; returns whether it was handed to the socket. */
  send(f: Frame): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(f));
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
      ws = new WebSocket(this.opts.url(), JSON_SUBPROTOCOL);
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
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      clearInterval(this.beat);
      this.schedule();
    };
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
    const base = Math.min(this.opts.maxBackoffMs ?? 5_000, 250 * 2 ** this.attempts++);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.open(), base * (0.5 + Math.random() / 2));
  }
}

/**
 * The ws:// (or wss://) URL of `path` on the page's own origin, with the token.
 *
 * @example
 *   wsUrl("/v1/ws/agent", token); // "ws://127.0.0.1:8080/v1/ws/agent?token=…"
 */
export function wsUrl(path: string, token: string): string {
  const u = new URL(path, location.href);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  u.searchParams.set("token", token);
  return u.toString();
}
