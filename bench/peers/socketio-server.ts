/**
 * The Socket.IO peer for `ws-chat`: a minimal chat server doing what kefu does
 * for a visitor message, minus durability — receive `msg`, call the ack, then
 * broadcast `deliver` to the socket's room (the sender is in it, as a kefu
 * visitor is in its session topic). No store: an acked message here is NOT
 * durable, unlike kefu's. WebSocket transport only, no compression.
 *
 * Runs on Node (its home runtime; bench/drivers/servers.ts bundles it with
 * `bun build --target=node` because Node 20 cannot run TypeScript) or on Bun.
 *
 * @example
 *   PORT=9003 bun bench/peers/socketio-server.ts
 */
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.env.PORT ?? 9003);
const http = createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":"ok"}');
    return;
  }
  res.writeHead(404);
  res.end();
});
const io = new Server(http, {
  transports: ["websocket"],
  serveClient: false,
  perMessageDeflate: false,
  pingInterval: 25_000,
  pingTimeout: 20_000,
});
io.on("connection", (socket) => {
  const room = String(socket.handshake.query.room ?? "");
  if (room) void socket.join(room);
  socket.on("msg", (m: { id: string; text: string }, ack?: (a: { id: string }) => void) => {
    if (typeof ack === "function") ack({ id: m.id });
    io.to(room).emit("deliver", m);
  });
  socket.on("ping2", () => socket.emit("pong2"));
});
http.listen(port, "127.0.0.1", () => console.error(`socket.io listening on ${port}`));
