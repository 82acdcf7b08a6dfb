/**
 * Rate-limit behaviour: a token-bucket rule is put on `/v1/chat/completions` through
 * the runtime admin API, then load above its refill rate is sent. The share of 429s
 * must match the rule, every 429 must carry `Retry-After` and the RateLimit headers,
 * and a refusal must be cheap. The rule is removed at the end.
 *
 *   k6 run -e KEFU_URL=http://127.0.0.1:8080 -e KEFU_ADMIN_KEY=… -e RATE=400 -e LIMIT=100 bench/k6/rate-limit.ts
 */
import { check } from "k6";
import http from "k6/http";
import { Rate } from "k6/metrics";
import { ADMIN_KEY, BASE, postJson } from "./lib.ts";

const limited = new Rate("kefu_rate_limited");
const RATE = Number(__ENV.RATE || 400);
const LIMIT = Number(__ENV.LIMIT || 100);
const RULE = __ENV.RULE_ID || "k6-rate-limit";

export const options = {
  scenarios: {
    load: {
      executor: "constant-arrival-rate",
      rate: RATE,
      timeUnit: "1s",
      duration: __ENV.DURATION || "30s",
      preAllocatedVUs: 50,
      maxVUs: 1000,
    },
  },
  thresholds: {
    // Above the limit, refusals happen (≈ 1 − LIMIT/RATE of requests) …
    kefu_rate_limited: [`rate>${Math.max(0, (1 - LIMIT / RATE) * 0.5).toFixed(3)}`],
    // … and stay cheap.
    "http_req_duration{status:429}": ["p(95)<25"],
    checks: ["rate>0.99"],
  },
};

const admin = { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" };

export async function setup() {
  const res = await http.asyncRequest(
    "PUT",
    `${BASE}/v1/admin/rate_limits`,
    JSON.stringify({
      id: RULE,
      api: "/v1/chat/completions",
      key: ["ip"],
      token_bucket: { capacity: LIMIT, rate: LIMIT },
    }),
    { headers: admin },
  );
  if (res.status >= 300) throw new Error(`could not put the rule: ${res.status} ${res.body}`);
}

export default async function () {
  const r = await postJson("/v1/chat/completions", {
    model: __ENV.KEFU_MODEL || "kefu",
    messages: [{ role: "user", content: "hi" }],
  });
  limited.add(r.res.status === 429);
  check(r.res, {
    "rate limit: answered or refused with 429": (x) => x.status === 200 || x.status === 429,
    "rate limit: a 429 says when to retry": (x) =>
      x.status !== 429 || (Number(x.headers["Retry-After"]) >= 0 && x.headers["Ratelimit-Policy"] !== undefined),
  });
}

export async function teardown() {
  await http.asyncRequest("DELETE", `${BASE}/v1/admin/rate_limits/${RULE}`, null, { headers: admin });
}
