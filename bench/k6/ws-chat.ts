/**
 * WebSocket conversations: agents stay connected and answer; visitors open a
 * session, ask for a human, are assigned an agent and exchange messages with it.
 * Measures the durable ack (send → ack) and the delivery round trip (visitor send →
 * the agent's answer back at the visitor), and the time to get an agent.
 *
 *   k6 run -e KEFU_URL=http://127.0.0.1:8080 -e KEFU_ADMIN_KEY=… -e AGENTS=20 -e VISITORS=200 bench/k6/ws-chat.ts
 */
import { check } from "k6";
import exec from "k6/execution";
import { Counter, Trend } from "k6/metrics";
import { setTimeout } from "k6/timers";
import { WebSocket } from "k6/websockets";
import { type Frame, frame, openSession, registerAgent, uid, wsUrl } from "./lib.ts";

const ackMs = new Trend("kefu_ack_ms", true);
const roundTripMs = new Trend("kefu_agent_round_trip_ms", true);
const assignMs = new Trend("kefu_assignment_ms", true);
const errors = new Counter("kefu_ws_errors");

const AGENTS = Number(__ENV.AGENTS || 20);
const MESSAGES = Number(__ENV.MESSAGES || 5);
const AGENT_SECONDS = Number(__ENV.AGENT_SECONDS || 60);
const DURATION = __ENV.DURATION || "1m";

export const options = {
  scenarios: {
    agents: { executor: "per-vu-iterations", vus: AGENTS, iterations: 1, exec: "agent", maxDuration: "2h" },
    visitors: {
      executor: "constant-vus",
      vus: Number(__ENV.VISITORS || 200),
      duration: DURATION,
      exec: "visitor",
      startTime: "2s",
    },
  },
  thresholds: {
    kefu_ack_ms: ["p(95)<50", "p(99)<150"],
    kefu_agent_round_trip_ms: ["p(95)<100"],
    kefu_assignment_ms: ["p(95)<500"],
    kefu_ws_errors: ["count<1"],
    checks: ["rate>0.99"],
  },
};

/** One agent: connects, goes online, answers every visitor message of its sessions until AGENT_SECONDS pass. */
export async function agent() {
  const id = `k6-agent-${exec.vu.idInTest}`;
  const reg = await registerAgent(id);
  const ws = new WebSocket(wsUrl("agent", reg.token));
  let online = false;
  ws.addEventListener("open", () => ws.send(JSON.stringify({ agentState: { state: 1, version: reg.version } })));
  ws.addEventListener("message", (e) => {
    const f: Frame | undefined = frame((e as { data?: unknown }).data);
    if (!f) return;
    if (f.error) errors.add(1);
    if (f.agentState && f.agentState.state === "SEAT_STATE_ONLINE") online = true;
    const ev = f.deliver?.event;
    if (ev?.message && ev.actor?.kind === "ACTOR_KIND_VISITOR") {
      ws.send(
        JSON.stringify({
          send: { sessionId: ev.sessionId, message: { clientMsgId: uid("a"), text: `re: ${ev.message.text}` } },
        }),
      );
    }
  });
  await new Promise<void>((resolve) => setTimeout(resolve, AGENT_SECONDS * 1000));
  check(online, { "agent: went online": (o) => o });
  ws.close();
}

/** One visitor conversation. */
export async function visitor() {
  errors.add(0); // the counter exists (at 0) even when nothing goes wrong
  const s = await openSession();
  const ws = new WebSocket(wsUrl("visitor", s.token));
  const pending = new Map<string, number>();
  let assignedAt = 0;
  let asked = 0;
  let answered = 0;
  const done = new Promise<void>((resolve) => {
    const sendNext = () => {
      if (asked === MESSAGES) return;
      const id = uid("v");
      pending.set(id, Date.now());
      pending.set(`re:${id}`, Date.now());
      asked++;
      ws.send(JSON.stringify({ send: { message: { clientMsgId: id, text: id } } }));
    };
    ws.addEventListener("open", () => {
      assignedAt = Date.now();
      ws.send(JSON.stringify({ handoff: { group: "default", reason: "k6" } }));
    });
    ws.addEventListener("message", (e) => {
      const f: Frame | undefined = frame((e as { data?: unknown }).data);
      if (!f) return;
      if (f.error) errors.add(1);
      if (f.assignment) {
        assignMs.add(Date.now() - assignedAt);
        sendNext();
      }
      if (f.ack) {
        const t = pending.get(f.ack.clientMsgId);
        if (t !== undefined) ackMs.add(Date.now() - t);
      }
      const text: string | undefined = f.deliver?.event?.message?.text;
      if (f.deliver?.event?.actor?.kind === "ACTOR_KIND_AGENT" && text?.startsWith("re: ")) {
        const key = `re:${text.slice(4)}`;
        const t = pending.get(key);
        if (t !== undefined) {
          roundTripMs.add(Date.now() - t);
          pending.delete(key);
          answered++;
          if (answered === MESSAGES) resolve();
          else sendNext();
        }
      }
    });
    setTimeout(resolve, 30_000); // a visitor gives up after 30 s
  });
  await done;
  check(answered, { "visitor: every message answered by an agent": (n) => n === MESSAGES });
  ws.send(JSON.stringify({ close: { reason: "k6 done" } }));
  ws.close();
}
