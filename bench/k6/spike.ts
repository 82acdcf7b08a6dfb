/**
 * Spike: normal load, then a sudden ramp to many times normal, then back. kefu must
 * keep answering (shedding with 429/503 is allowed, errors and timeouts are not) and
 * recover to normal latency afterwards.
 *
 *   k6 run -e KEFU_URL=http://127.0.0.1:8080 -e NORMAL=100 -e FACTOR=10 bench/k6/spike.ts
 */
import { check } from "k6";
import { Rate } from "k6/metrics";
import { openSession, postJson } from "./lib.ts";

const NORMAL = Number(__ENV.NORMAL || 100);
const FACTOR = Number(__ENV.FACTOR || 10);
const shed = new Rate("kefu_shed");

export const options = {
  scenarios: {
    spike: {
      executor: "ramping-arrival-rate",
      startRate: NORMAL,
      timeUnit: "1s",
      preAllocatedVUs: 100,
      maxVUs: 5000,
      stages: [
        { target: NORMAL, duration: __ENV.WARM || "30s" },
        { target: NORMAL * FACTOR, duration: "10s" },
        { target: NORMAL * FACTOR, duration: __ENV.HOLD || "1m" },
        { target: NORMAL, duration: "10s" },
        { target: NORMAL, duration: __ENV.COOL || "1m" },
      ],
    },
  },
  thresholds: {
    // Answered or shed with a typed 429/503: never a 5xx of another kind or a timeout.
    checks: ["rate>0.999"],
    "http_req_duration{name:/v1/chat}": ["p(95)<1000"],
    kefu_shed: ["rate<0.5"],
  },
};

export default async function () {
  const s = await openSession();
  const r = await postJson(
    "/v1/chat",
    { session_id: s.sessionId, text: "Is there a discount today?" },
    { authorization: `Bearer ${s.token}` },
  );
  shed.add(r.res.status === 429 || r.res.status === 503);
  check(r.res, {
    "spike: answered or shed with a typed error": (x) =>
      x.status === 200 || ((x.status === 429 || x.status === 503) && typeof r.body.error === "object"),
  });
}
