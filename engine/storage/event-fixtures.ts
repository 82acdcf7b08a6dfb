/**
 * Sample stored events for tests and benchmarks: what a support chat writes —
 * mostly short messages (Chinese and English), a `started` event, some transitions.
 *
 * @example
 *   const page = Array.from({ length: 1000 }, (_, i) => typicalEvent(i));
 */
import type { SessionEvent } from "../events.ts";

/** The `i`-th event of a typical session (seq i + 1). */
export function typicalEvent(i: number): SessionEvent {
  return {
    tenantId: "tenant-acme",
    sessionId: "sess-01HZX3K9Q2",
    seq: i + 1,
    atUnixMs: 1_732_000_000_000 + i * 1000,
    actor: { kind: i % 3 === 0 ? "agent" : "visitor", id: i % 3 === 0 ? "agent-17" : "vis-8f2c1a" },
    body:
      i === 0
        ? { type: "started", visitorId: "vis-8f2c1a", metadata: { page: "/orders/12345", app: "web 2.4.1" } }
        : i % 20 === 0
          ? { type: "state_changed", from: "queued", to: "assigned", reason: "least_loaded", agentId: "agent-17" }
          : {
              type: "message",
              clientMsgId: `c-${i}-7f3a9b`,
              text: i % 2 ? "Hi, my order #12345 has not arrived yet." : "您好，请问有什么可以帮您？😀",
              ...(i % 9 === 0 ? { attributes: { lang: "zh", card: '{"kind":"order","id":12345}' } } : {}),
            },
  };
}
