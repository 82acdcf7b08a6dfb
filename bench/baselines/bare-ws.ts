/**
 * The WebSocket baseline: bare `Bun.serve` pub/sub with no framework, no auth,
 * no storage. Each socket joins the topic named in `?topic=` (as a kefu visitor
 * joins its session topic). Binary protocol, first byte is the kind:
 *
 * - `p` → replies `P` (ping / pong)
 * - `m<id>|<text>` → replies `a<id>` to the sender, then `server.publish`es the
 *   frame unchanged to the sender's topic (every subscriber, the sender too)
 *
 * @example
 *   PORT=9002 bun bench/baselines/bare-ws.ts
 */
import type { ServerWebSocket } from "bun";

const port = Number(process.env.PORT ?? 9002);
const B_P = 0x70; // 'p'
const B_M = 0x6d; // 'm'
const B_BAR = 0x7c; // '|'
const PONG = new Uint8Array([0x50]);

interface Data {
  topic: string;
}

const server = Bun.serve<Data>({
  hostname: "127.0.0.1",
  port,
  fetch(req, srv) {
    const url = new URL(req.url);
    if (url.pathname === "/healthz") return Response.json({ status: "ok" });
    if (url.pathname === "/ws") {
      if (srv.upgrade(req, { data: { topic: url.searchParams.get("topic") ?? "" } })) return undefined;
      return new Response("upgrade failed", { status: 400 });
    }
    return new Response("not found", { status: 404 });
  },
  websocket: {
    idleTimeout: 60,
    sendPings: true,
    perMessageDeflate: false,
    open(ws: ServerWebSocket<Data>) {
      if (ws.data.topic) ws.subscribe(ws.data.topic);
    },
    message(ws: ServerWebSocket<Data>, message) {
      const bytes = typeof message === "string" ? new TextEncoder().encode(message) : message;
      if (bytes[0] === B_P) {
        ws.send(PONG);
        return;
      }
      if (bytes[0] !== B_M) return;
      const bar = bytes.indexOf(B_BAR);
      const ack = new Uint8Array(bar > 0 ? bar : 1);
      ack.set(bytes.subarray(0, ack.length));
      ack[0] = 0x61; // 'a'
      ws.send(ack);
      server.publish(ws.data.topic, bytes);
    },
  },
});
console.error(`bare-ws listening on ${port}`);
