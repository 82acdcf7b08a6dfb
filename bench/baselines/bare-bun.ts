/**
 * The baseline server: bare `Bun.serve` with the same two routes as the gateway
 * scenario (`GET /healthz`, `POST /v1/echo` with JSON parse and a length check),
 * no framework. kefu's numbers are reported as ratios against it.
 *
 * @example
 *   PORT=9001 bun bench/baselines/bare-bun.ts
 */
const port = Number(process.env.PORT ?? 9001);
Bun.serve({
  hostname: "127.0.0.1",
  port,
  async fetch(req) {
    const url = new URL(req.url);
    if (req.method === "GET" && url.pathname === "/healthz") return Response.json({ status: "ok" });
    if (req.method === "POST" && url.pathname === "/v1/echo") {
      const body = (await req.json()) as { message?: unknown };
      if (typeof body.message !== "string" || body.message.length > 4096) {
        return Response.json({ error: { code: "invalid_request", message: "message" } }, { status: 400 });
      }
      return Response.json({ message: body.message, length: body.message.length });
    }
    return Response.json({ error: { code: "not_found", message: "no route" } }, { status: 404 });
  },
});
console.error(`bare-bun listening on ${port}`);

export {};
