/**
 * HTTP chat: a visitor opens a session and asks over `POST /v1/chat` (the bot answers
 * in the response), and a server-to-server client asks `POST /v1/chat/completions`
 * (OpenAI-compatible, whole answer).
 *
 *   k6 run -e KEFU_URL=http://127.0.0.1:8080 -e RATE=200 -e DURATION=1m bench/k6/http-chat.ts
 */
import { check } from "k6";
import { Trend } from "k6/metrics";
import { openSession, postJson } from "./lib.ts";

const botReply = new Trend("kefu_chat_reply_ms", true);

export const options = {
  scenarios: {
    chat: {
      executor: "constant-arrival-rate",
      rate: Number(__ENV.RATE || 200),
      timeUnit: "1s",
      duration: __ENV.DURATION || "1m",
      preAllocatedVUs: 50,
      maxVUs: 1000,
    },
  },
  thresholds: {
    http_req_failed: ["rate<0.01"],
    "http_req_duration{name:/v1/chat}": ["p(95)<250"],
    "http_req_duration{name:/v1/chat/completions}": ["p(95)<250"],
    kefu_chat_reply_ms: ["p(99)<500"],
    checks: ["rate>0.99"],
  },
};

export default async function () {
  const s = await openSession();
  const started = Date.now();
  const chat = await postJson(
    "/v1/chat",
    { session_id: s.sessionId, text: "How long does a refund take?" },
    { authorization: `Bearer ${s.token}` },
  );
  botReply.add(Date.now() - started);
  check(chat.res, {
    "chat: 200": (r) => r.status === 200,
    "chat: the bot answered": () => typeof (chat.body.reply as { text?: unknown } | null)?.text === "string",
  });
  const completion = await postJson("/v1/chat/completions", {
    model: __ENV.KEFU_MODEL || "kefu",
    messages: [{ role: "user", content: "How long does a refund take?" }],
  });
  const choices = completion.body.choices as { message?: { content?: unknown } }[] | undefined;
  check(completion.res, {
    "completions: 200": (r) => r.status === 200,
    "completions: one choice with content": () => typeof choices?.[0]?.message?.content === "string",
  });
}
