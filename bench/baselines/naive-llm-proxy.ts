/**
 * Baseline for the LLM proxy scenarios: the naive pass-through an engineer would
 * write in five minutes. `POST /v1/chat/completions` forwards the body as is to
 * `${UPSTREAM}/chat/completions` with `fetch` (keep-alive, Bun's pool) and returns
 * the upstream's status, content type and body (streamed through, so SSE works);
 * no validation, routing, breakers, retries or metrics. `GET /healthz` answers 200.
 *
 * Environment: PORT (required), UPSTREAM (required, e.g. "http://127.0.0.1:4000/v1").
 *
 * @example
 *   PORT=8081 UPSTREAM=http://127.0.0.1:4000/v1 bun bench/baselines/naive-llm-proxy.ts
 */
const port = Number(process.env.PORT);
const upstream = process.env.UPSTREAM?.replace(/\/+$/, "");
if (!port || !upstream) throw new Error("PORT and UPSTREAM are required");
const target = `${upstream}/chat/completions`;

Bun.serve({
  hostname: "127.0.0.1",
  port,
  development: false,
  async fetch(req) {
    const path = new URL(req.url).pathname;
    if (req.method === "GET" && path === "/healthz") return new Response("ok");
    if (req.method !== "POST" || path !== "/v1/chat/completions") return new Response("not found", { status: 404 });
    const auth = req.headers.get("authorization");
    const res = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
      body: await req.arrayBuffer(),
      signal: req.signal,
    });
    return new Response(res.body, {
      status: res.status,
      headers: { "content-type": res.headers.get("content-type") ?? "application/json" },
    });
  },
});
