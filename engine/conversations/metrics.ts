/**
 * Conversation metrics (`kefu_conversation_*`), registered on the process registry.
 *
 * @example
 *   const m = createConversationMetrics(metrics.registry);
 *   m.transitions.inc({ from: "bot", to: "queued" });
 */
import { Counter, Histogram, type Registry } from "prom-client";

/** The conversation metrics. */
export type ConversationMetrics = ReturnType<typeof createConversationMetrics>;

/** Registers the conversation metrics on `registry`. */
export function createConversationMetrics(registry: Registry) {
  const registers = [registry];
  return {
    sessionsStarted: new Counter({
      name: "kefu_conversation_sessions_started_total",
      help: "Sessions opened",
      registers,
    }),
    transitions: new Counter({
      name: "kefu_conversation_transitions_total",
      help: "Session state transitions, by from and to state",
      labelNames: ["from", "to"] as const,
      registers,
    }),
    messages: new Counter({
      name: "kefu_conversation_messages_total",
      help: "Chat messages stored, by who sent them",
      labelNames: ["actor"] as const,
      registers,
    }),
    duplicates: new Counter({
      name: "kefu_conversation_duplicate_sends_total",
      help: "Sends whose client_msg_id was already stored (answered with the original seq)",
      registers,
    }),
    replays: new Counter({
      name: "kefu_conversation_replays_total",
      help: "Resumes answered with a replay, by source (hot or store)",
      labelNames: ["source"] as const,
      registers,
    }),
    timeouts: new Counter({
      name: "kefu_conversation_timeouts_total",
      help: "Timer-driven actions, by kind (visitor_idle, agent_gone)",
      labelNames: ["kind"] as const,
      registers,
    }),
    alerts: new Counter({
      name: "kefu_conversation_alerts_total",
      help: "Alerts raised, by kind (first_response_sla, queue_wait)",
      labelNames: ["kind"] as const,
      registers,
    }),
    botHandoffs: new Counter({
      name: "kefu_conversation_bot_handoffs_total",
      help: "Sessions the bot handed to a human, by reason (visitor_request, negative_sentiment, …)",
      labelNames: ["reason"] as const,
      registers,
    }),
    botAnswers: new Counter({
      name: "kefu_bot_answers_total",
      help: "Bot answers stored, by source: faq (knowledge base, no model), cache (semantic answer cache), intent (template or entity prompt), model (LLM), none (nothing could answer; handed off)",
      labelNames: ["source"] as const,
      registers,
    }),
    guardHandoffs: new Counter({
      name: "kefu_conversation_guard_handoffs_total",
      help: "Bot answers that failed the tenant's output rules and went to a human",
      registers,
    }),
    queueWait: new Histogram({
      name: "kefu_conversation_queue_wait_seconds",
      help: "Time from handoff to assignment, by group",
      labelNames: ["group"] as const,
      buckets: [0.01, 0.1, 1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers,
    }),
  };
}
