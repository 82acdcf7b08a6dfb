/**
 * Streaming completions (`POST /v1/chat/completions` with `stream: true`): time to
 * first token is the response's time to first byte (kefu sends the first delta as
 * soon as the upstream's first token arrives), and the stream must end with `[DONE]`.
 *
 *   k6 run -e KEFU_URL=http://127.0.0.1:8080 -e VUS=32 -e DURATION=1m bench/k6/stream.ts
 */
import { check } from "k6";
import http from "k6/http";
import { Trend } from "k6/metrics";
import { BASE } from "./lib.ts";

const ttft = new Trend("kefu_ttft_ms", true);
const total = new Trend("kefu_stream_total_ms", true);

export const options = {
  scenarios: {
    streams: { executor: "constant-vus", vus: Number(__ENV.VUS || 32), duration: __ENV.DURATION || "1m" },
  },
  thresholds: {
    http_req_failed: ["rate<0.01"],
    kefu_ttft_ms: ["p(95)<100", "p(99)<250"],
    kefu_stream_total_ms: ["p(95)<2000"],
    checks: ["rate>0.99"],
  },
};

export default async function () {
  const res = await http.asyncRequest(
    "POST",
    `${BASE}/v1/chat/completions`,
    JSON.stringify({
      model: __ENV.KEFU_MODEL || "kefu",
      stream: true,
      messages: [{ role: "user", content: "Where is my order?" }],
    }),
    { headers: { "content-type": "application/json" }, tags: { name: "/v1/chat/completions (stream)" } },
  );
  ttft.add(res.timings.waiting);
  total.add(res.timings.duration);
  const body = typeof res.body === "string" ? res.body : "";
  check(res, {
    "stream: 200 text/event-stream": (r) =>
      r.status === 200 && String(r.headers["Content-Type"]).startsWith("text/event-stream"),
    "stream: carries deltas": () => body.includes('"delta"'),
    "stream: ends with [DONE]": () => body.trimEnd().endsWith("data: [DONE]"),
  });
}
