/**
 * One client interface over every server the WebSocket scenarios compare, so
 * the driver logic (hold, chat, fan-out) is written once:
 *
 * - `kefu`: a visitor socket, `kefu.v1.proto` binary frames (send → ack + deliver).
 * - `bare`: bench/baselines/bare-ws.ts, a bare `Bun.serve` WebSocket server
 *   with a minimal binary protocol (`m<id>|<text>` → ack `a<id>` + publish).
 * - `socketio`: bench/peers/socketio-server.ts over socket.io-client
 *   (WebSocket transport only, no long-polling); in `count` mode over the
 *   Socket.IO wire protocol directly (a cheaper receiver, same server work).
 * - `centrifuge`: the Centrifugo / centrifuge JSON protocol (connect, subscribe,
 *   publish, push).
 *
 * All use real WebSockets (Bun's client, or socket.io-client on top of it).
 * In `count` mode the kefu and bare adapters recognise a deliver frame by its
 * first byte and do not decode it, so counting receivers stay cheap.
 *
 * @example
 *   const c = await connectClient("kefu", { url: gw.url, token }, { deliver: (id) => … }, {});
 *   c.send("c1", "hello");
 */
import { kefu } from "../../proto/index.ts";
import { connectCounter } from "./raw-ws.ts";

/** Which server a client talks to. */
export type Proto = "kefu" | "bare" | "socketio" | "centrifuge";

/** Where to connect: the server's base http URL plus credentials or a topic. */
export interface Target {
  url: string;
  /** kefu: visitor token; centrifuge: connection JWT (empty: insecure mode). */
  token?: string;
  /** bare / socketio / centrifuge: the topic, room or channel to join. */
  topic?: string;
  /**
   * kefu: the token is an agent or supervisor token; connect to /v1/ws/agent and
   * send `watch` for this session once open (supervisors follow a session this way).
   */
  watch?: string;
}

/** What a client reports. Every callback is optional. */
export interface ClientEvents {
  ack?(id: string): void;
  /** A delivered chat message (decoded). */
  deliver?(id: string, text: string): void;
  /** `n` delivered messages in `count` mode (not decoded). */
  deliverRaw?(n: number): void;
  pong?(): void;
  error?(message: string): void;
  closed?(code: number, reason: string): void;
}

/** Options of a connection. */
export interface ClientOptions {
  /** Do not decode deliveries; call `deliverRaw` instead. */
  count?: boolean;
  /**
   * With `count`: use the raw-TCP counting client (bench/drivers/raw-ws.ts), which
   * counts every data frame after the handshake and cannot send (kefu, bare only).
   */
  raw?: boolean;
}

/** An open client connection. */
export interface Client {
  /** Sends one chat message (`id` must be unique per sender). */
  send(id: string, text: string): void;
  /** Sends an application-level ping; the answer calls `pong`. */
  ping(): void;
  isOpen(): boolean;
  close(): void;
  /** kefu only: sends any protocol frame (e.g. a handoff). */
  frame?(f: kefu.v1.IFrame): void;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
/** First byte of a `kefu.v1.Frame` whose first field is `deliver` (field 14, length-delimited). */
const KEFU_DELIVER_TAG = (14 << 3) | 2;
const B_M = 0x6d; // 'm'
const B_A = 0x61; // 'a'
const B_PONG = 0x50; // 'P'

const wsUrl = (url: string) => url.replace(/^http/, "ws");

function openWs(url: string, protocols: string[], ev: ClientEvents): Promise<WebSocket> {
  const ws = new WebSocket(url, protocols);
  ws.binaryType = "arraybuffer";
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error(`WebSocket to ${url.replace(/token=[^&]+/, "token=…")} failed`));
    ws.onclose = (e) => {
      reject(new Error(`closed before open: ${e.code} ${e.reason}`));
      ev.closed?.(e.code, e.reason);
    };
  });
}

/** The kefu endpoint for a target: visitor, or agent/supervisor when it watches a session. */
const kefuPath = (t: Target) =>
  `${t.watch ? "/v1/ws/agent" : "/v1/ws/visitor"}?token=${encodeURIComponent(t.token ?? "")}`;
const watchFrame = (sessionId: string) => kefu.v1.Frame.encode({ watch: { sessionId } }).finish();

async function kefuClient(t: Target, ev: ClientEvents, o: ClientOptions): Promise<Client> {
  const ws = await openWs(`${wsUrl(t.url)}${kefuPath(t)}`, ["kefu.v1.proto"], ev);
  if (t.watch) ws.send(watchFrame(t.watch));
  ws.onmessage = (e) => {
    const bytes = new Uint8Array(e.data as ArrayBuffer);
    if (o.count && bytes[0] === KEFU_DELIVER_TAG) {
      ev.deliverRaw?.(1);
      return;
    }
    const f = kefu.v1.Frame.decode(bytes);
    if (f.deliver) {
      const m = f.deliver.event?.message;
      if (m) ev.deliver?.(m.clientMsgId ?? "", m.text ?? "");
    } else if (f.ack) ev.ack?.(f.ack.clientMsgId ?? "");
    else if (f.pong) ev.pong?.();
    else if (f.error) ev.error?.(`${f.error.code}: ${f.error.message}`);
  };
  return {
    send: (id, text) => ws.send(kefu.v1.Frame.encode({ send: { message: { clientMsgId: id, text } } }).finish()),
    ping: () => ws.send(kefu.v1.Frame.encode({ ping: { atUnixMs: Date.now() } }).finish()),
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close: () => ws.close(),
    frame: (f) => ws.send(kefu.v1.Frame.encode(f).finish()),
  };
}

async function bareClient(t: Target, ev: ClientEvents, o: ClientOptions): Promise<Client> {
  const ws = await openWs(`${wsUrl(t.url)}/ws?topic=${encodeURIComponent(t.topic ?? "")}`, [], ev);
  ws.onmessage = (e) => {
    const bytes = new Uint8Array(e.data as ArrayBuffer);
    const b0 = bytes[0];
    if (b0 === B_M) {
      if (o.count) return ev.deliverRaw?.(1);
      const s = dec.decode(bytes);
      const bar = s.indexOf("|");
      ev.deliver?.(s.slice(1, bar), s.slice(bar + 1));
    } else if (b0 === B_A) ev.ack?.(dec.decode(bytes.subarray(1)));
    else if (b0 === B_PONG) ev.pong?.();
  };
  return {
    send: (id, text) => ws.send(enc.encode(`m${id}|${text}`)),
    ping: () => ws.send(enc.encode("p")),
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close: () => ws.close(),
  };
}

/**
 * A counting Socket.IO client speaking the wire protocol directly (Engine.IO v4 packets over
 * one WebSocket, Socket.IO v5 packets inside): "0{…}" open → send "40" (connect the main
 * namespace); "40{…}" connected; "2" ping → "3" pong; every "42[event, data]" counts as a
 * delivery; a send is "42<n>[…]", acked by "43<n>[…]". The room comes from the handshake
 * query, as with socket.io-client.
 */
async function socketioCounter(t: Target, ev: ClientEvents): Promise<Client> {
  const url = `${wsUrl(t.url)}/socket.io/?EIO=4&transport=websocket&room=${encodeURIComponent(t.topic ?? "")}`;
  const ws = await openWs(url, [], ev);
  let nextAck = 0;
  const acks = new Map<number, string>();
  await new Promise<void>((resolve, reject) => {
    ws.onmessage = (e) => {
      const m = typeof e.data === "string" ? e.data : dec.decode(e.data as ArrayBuffer);
      if (m.startsWith("42")) ev.deliverRaw?.(1);
      else if (m === "2") ws.send("3");
      else if (m.startsWith("43")) {
        const n = Number.parseInt(m.slice(2), 10);
        const id = acks.get(n);
        if (id !== undefined) {
          acks.delete(n);
          ev.ack?.(id);
        }
      } else if (m.startsWith("40")) resolve();
      else if (m.startsWith("0")) ws.send("40");
      else if (m.startsWith("44")) reject(new Error(`socket.io connect refused: ${m.slice(2)}`));
    };
  });
  return {
    send(id, text) {
      const n = nextAck++;
      acks.set(n, id);
      ws.send(`42${n}${JSON.stringify(["msg", { id, text }])}`);
    },
    ping: () => {
      throw new Error("a counting client cannot ping");
    },
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close: () => ws.close(),
  };
}

async function socketioClient(t: Target, ev: ClientEvents, o: ClientOptions): Promise<Client> {
  if (o.count) return socketioCounter(t, ev);
  const { io } = await import("socket.io-client");
  const s = io(t.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    timeout: 60_000,
    query: { room: t.topic ?? "" },
  });
  s.on("deliver", (m: { id: string; text: string }) => ev.deliver?.(m.id, m.text));
  s.on("pong2", () => ev.pong?.());
  s.on("disconnect", (reason: string) => ev.closed?.(1000, reason));
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", (e: Error) => reject(e));
  });
  return {
    send: (id, text) => s.emit("msg", { id, text }, (a: { id: string }) => ev.ack?.(a.id)),
    ping: () => s.emit("ping2"),
    isOpen: () => s.connected,
    close: () => s.close(),
  };
}

interface CentrifugeReply {
  id?: number;
  error?: { code: number; message: string };
  push?: { channel: string; pub?: { data: { id: string; text: string } } };
}

async function centrifugeClient(t: Target, ev: ClientEvents, o: ClientOptions): Promise<Client> {
  const ws = await openWs(`${wsUrl(t.url)}/connection/websocket`, [], ev);
  let nextId = 1;
  const waiting = new Map<number, { resolve(): void; reject(e: Error): void }>();
  const acks = new Map<number, string>();
  const pongId = -1;
  const call = (cmd: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, ...cmd }));
    });
  ws.onmessage = (e) => {
    const text = typeof e.data === "string" ? e.data : dec.decode(e.data as ArrayBuffer);
    // Several replies may share one frame, one JSON object per line.
    for (const line of text.split("\n")) {
      if (line === "") continue;
      if (line === "{}") {
        ws.send("{}"); // server ping → client pong
        continue;
      }
      if (o.count && line.startsWith('{"push"')) {
        ev.deliverRaw?.(1);
        continue;
      }
      const r = JSON.parse(line) as CentrifugeReply;
      if (r.push?.pub) ev.deliver?.(r.push.pub.data.id, r.push.pub.data.text);
      else if (r.id !== undefined) {
        const w = waiting.get(r.id);
        if (w) {
          waiting.delete(r.id);
          if (r.error) w.reject(new Error(`${r.error.code} ${r.error.message}`));
          else w.resolve();
          continue;
        }
        const ackId = acks.get(r.id);
        if (ackId !== undefined) {
          acks.delete(r.id);
          // Any reply to the ping RPC is a round trip: Centrifugo with no RPC proxy answers it with an error.
          if (ackId === String(pongId)) ev.pong?.();
          else if (r.error) ev.error?.(`${r.error.code} ${r.error.message}`);
          else ev.ack?.(ackId);
        }
      }
    }
  };
  await call({ connect: t.token ? { token: t.token } : {} });
  if (t.topic) await call({ subscribe: { channel: t.topic } });
  return {
    send(id, text) {
      const cid = nextId++;
      acks.set(cid, id);
      ws.send(JSON.stringify({ id: cid, publish: { channel: t.topic, data: { id, text } } }));
    },
    ping() {
      // An RPC round trip: bench/peers/centrifuge answers method "ping" with an empty result,
      // Centrifugo (no RPC proxy configured) with a "not available" / "method not found" error.
      const cid = nextId++;
      acks.set(cid, String(pongId));
      ws.send(JSON.stringify({ id: cid, rpc: { method: "ping" } }));
    },
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close: () => ws.close(),
  };
}

async function counterClient(
  url: string,
  protocols: string[],
  ev: ClientEvents,
  init: Uint8Array[] = [],
): Promise<Client> {
  const c = await connectCounter(
    url,
    protocols,
    {
      frames: (n) => ev.deliverRaw?.(n),
      closed: (code, reason) => ev.closed?.(code, reason),
    },
    init,
  );
  const cannot = () => {
    throw new Error("a counting client cannot send");
  };
  return { send: cannot, ping: cannot, isOpen: () => c.isOpen(), close: () => c.close() };
}

/** Opens one client of `proto` and resolves once it can send. */
export function connectClient(proto: Proto, t: Target, ev: ClientEvents, o: ClientOptions = {}): Promise<Client> {
  if (o.count && o.raw) {
    if (proto === "kefu")
      return counterClient(`${t.url}${kefuPath(t)}`, ["kefu.v1.proto"], ev, t.watch ? [watchFrame(t.watch)] : []);
    if (proto === "bare") return counterClient(`${t.url}/ws?topic=${encodeURIComponent(t.topic ?? "")}`, [], ev);
  }
  switch (proto) {
    case "kefu":
      return kefuClient(t, ev, o);
    case "bare":
      return bareClient(t, ev, o);
    case "socketio":
      return socketioClient(t, ev, o);
    case "centrifuge":
      return centrifugeClient(t, ev, o);
  }
}

/** Runs `fn(i)` for i in [0, n) with at most `limit` in flight; returns results in order. */
export async function pool<T>(n: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return out;
}

/** Creates a kefu visitor session over HTTP: `{ sessionId, token }`. */
export async function createSession(url: string, tenantId = "bench"): Promise<{ sessionId: string; token: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${url}/v1/visitor/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenantId }),
      });
      if (!res.ok) throw new Error(`POST /v1/visitor/sessions: ${res.status} ${await res.text()}`);
      return (await res.json()) as { sessionId: string; token: string };
    } catch (e) {
      if (attempt >= 3) throw e;
      await Bun.sleep(100 * (attempt + 1));
    }
  }
}

/** Absolute time in ms with µs resolution, comparable across processes on one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();
