/**
 * Broadcast fan-out: many supervisors watch one conversation; every message the
 * visitor sends reaches all of them. Measures send → delivery at each watcher
 * (the message carries its send time; k6 VUs share one clock).
 *
 *   k6 run -e KEFU_URL=http://127.0.0.1:8080 -e KEFU_ADMIN_KEY=… -e WATCHERS=500 -e RATE=20 bench/k6/fanout.ts
 */
import { check } from "k6";
import exec from "k6/execution";
import { Counter, Trend } from "k6/metrics";
import { setTimeout } from "k6/timers";
import { WebSocket } from "k6/websockets";
import { type Frame, frame, openSession, registerAgent, uid, type VisitorSession, wsUrl } from "./lib.ts";

const fanoutMs = new Trend("kefu_fanout_ms", true);
const received = new Counter("kefu_fanout_deliveries");

const WATCHERS = Number(__ENV.WATCHERS || 500);
const SECONDS = Number(__ENV.SECONDS || 60);
const RATE = Number(__ENV.RATE || 20);

export const options = {
  scenarios: {
    watchers: { executor: "per-vu-iterations", vus: WATCHERS, iterations: 1, exec: "watcher", maxDuration: "2h" },
    talker: {
      executor: "per-vu-iterations",
      vus: 1,
      iterations: 1,
      exec: "talker",
      startTime: "3s",
      maxDuration: "2h",
    },
  },
  thresholds: {
    kefu_fanout_ms: ["p(95)<100", "p(99)<250"],
    kefu_fanout_deliveries: ["count>0"],
    checks: ["rate>0.99"],
  },
};

export async function setup(): Promise<VisitorSession> {
  return openSession();
}

/** One supervisor watching the shared session until SECONDS pass. */
export async function watcher(s: VisitorSession) {
  const sup = await registerAgent(`k6-sup-${exec.vu.idInTest}`, "supervisor");
  const ws = new WebSocket(wsUrl("agent", sup.token));
  let got = 0;
  ws.addEventListener("open", () => ws.send(JSON.stringify({ watch: { sessionId: s.sessionId } })));
  ws.addEventListener("message", (e) => {
    const f: Frame | undefined = frame((e as { data?: unknown }).data);
    const text: string | undefined = f?.deliver?.event?.message?.text;
    const m = text ? /^t=(\d+) /.exec(text) : null;
    if (m) {
      fanoutMs.add(Date.now() - Number(m[1]));
      received.add(1);
      got++;
    }
  });
  await new Promise<void>((resolve) => setTimeout(resolve, (SECONDS + 3) * 1000));
  check(got, { "watcher: received the visitor's messages": (n) => n > 0 });
  ws.close();
}

/** The visitor: RATE messages per second for SECONDS (after the watchers joined). */
export async function talker(s: VisitorSession) {
  const ws = new WebSocket(wsUrl("visitor", s.token));
  let acked = 0;
  let sent = 0;
  ws.addEventListener("message", (e) => {
    if (frame((e as { data?: unknown }).data)?.ack) acked++;
  });
  await new Promise<void>((resolve) => ws.addEventListener("open", () => resolve()));
  const total = Math.max(1, Math.round(SECONDS * RATE));
  for (let i = 0; i < total; i++) {
    ws.send(JSON.stringify({ send: { message: { clientMsgId: uid("f"), text: `t=${Date.now()} #${i}` } } }));
    sent++;
    await new Promise<void>((resolve) => setTimeout(resolve, 1000 / RATE));
  }
  await new Promise<void>((resolve) => setTimeout(resolve, 1000));
  check(acked, { "talker: every message acked": (n) => n === sent });
  ws.close();
}
