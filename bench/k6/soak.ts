/**
 * Soak: a steady mix for hours — visitors chatting with the bot over WebSockets and
 * over HTTP — to find leaks and slow drifts. Watch the Grafana dashboards while it runs.
 *
 *   k6 run -e KEFU_URL=http://127.0.0.1:8080 -e VUS=200 -e DURATION=4h bench/k6/soak.ts
 */
import { check } from "k6";
import { Trend } from "k6/metrics";
import { setTimeout } from "k6/timers";
import { WebSocket } from "k6/websockets";
import { type Frame, frame, openSession, postJson, uid, wsUrl } from "./lib.ts";

const botMs = new Trend("kefu_bot_answer_ms", true);

export const options = {
  scenarios: {
    websocket: {
      executor: "constant-vus",
      vus: Number(__ENV.VUS || 200),
      duration: __ENV.DURATION || "4h",
      exec: "ws",
    },
    http: {
      executor: "constant-arrival-rate",
      rate: Number(__ENV.HTTP_RATE || 50),
      timeUnit: "1s",
      duration: __ENV.DURATION || "4h",
      preAllocatedVUs: 20,
      maxVUs: 200,
      exec: "httpChat",
    },
  },
  thresholds: {
    http_req_failed: ["rate<0.001"],
    kefu_bot_answer_ms: ["p(95)<300", "p(99)<1000"],
    checks: ["rate>0.999"],
  },
};

/** A visitor asks the bot three questions over a WebSocket, waiting for each answer, with think time. */
export async function ws() {
  const s = await openSession();
  const socket = new WebSocket(wsUrl("visitor", s.token));
  let answered = 0;
  let onAnswer: (() => void) | undefined;
  socket.addEventListener("message", (e) => {
    const f: Frame | undefined = frame((e as { data?: unknown }).data);
    const ev = f?.deliver?.event;
    if (ev?.message && ev.actor?.kind === "ACTOR_KIND_BOT") onAnswer?.();
  });
  await new Promise<void>((resolve) => socket.addEventListener("open", () => resolve()));
  for (const q of ["How do I return an item?", "How long does a refund take?", "Can I change my address?"]) {
    const asked = Date.now();
    const got = await new Promise<boolean>((resolve) => {
      onAnswer = () => resolve(true);
      setTimeout(() => resolve(false), 10_000);
      socket.send(JSON.stringify({ send: { message: { clientMsgId: uid("s"), text: q } } }));
    });
    if (!got) break;
    botMs.add(Date.now() - asked);
    answered++;
    await new Promise<void>((resolve) => setTimeout(resolve, Number(__ENV.THINK_MS || 2000)));
  }
  check(answered, { "soak: the bot answered all three": (n) => n === 3 });
  socket.close();
}

/** One HTTP question. */
export async function httpChat() {
  const s = await openSession();
  const r = await postJson(
    "/v1/chat",
    { session_id: s.sessionId, text: "Do you ship abroad?" },
    { authorization: `Bearer ${s.token}` },
  );
  check(r.res, { "soak http: 200": (x) => x.status === 200 });
}
