/**
 * Conversation metrics (`kefu_conversation_*`), registered on the process registry.
 * Counters are bumped where things happen; the gauges (sessions by state, queue
 * length, agents by seat state) read the service's current state at scrape time
 * through the source given to `observe`.
 *
 * @example
 *   const m = createConversationMetrics(metrics.registry);
 *   m.transitions.inc({ from: "bot", to: "queued" });
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** The conversation metrics. */
export type ConversationMetrics = ReturnType<typeof createConversationMetrics>;

/** Open session states reported by `kefu_conversation_sessions` (closed sessions leave memory). */
export const openSessionStates = ["bot", "queued", "assigned"] as const;
/** Seat states reported by `kefu_agent_seats`. */
export const seatStateLabels = ["online", "busy", "away", "offline"] as const;
/** Most queue groups labelled by `kefu_conversation_queue_length`; the rest are summed as `group="_other"`. */
export const maxQueueGroupLabels = 20;

/**
 * What the gauges read at scrape time: the service's current state.
 *
 * @example
 *   m.observe({ sessionsByState: () => ({ bot: 3 }), queueLengths: () => new Map([["billing", 2]]), seatsByState: () => ({ online: 1 }) });
 */
export interface ConversationGaugeSource {
  /** Open sessions held by this process, by state. */
  sessionsByState(): Partial<Record<(typeof openSessionStates)[number], number>>;
  /** Sessions waiting, by group (all tenants summed). */
  queueLengths(): Map<string, number>;
  /** Registered agents, by seat state. */
  seatsByState(): Partial<Record<(typeof seatStateLabels)[number], number>>;
}

/**
 * The largest `max` groups by length, the rest summed under `_other`, so the
 * label set stays bounded whatever group names clients send.
 *
 * @example
 *   capGroups(new Map([["a", 3], ["b", 1], ["c", 2]]), 2); // [["a", 3], ["c", 2], ["_other", 1]]
 */
export function capGroups(lengths: Map<string, number>, max: number): [string, number][] {
  const sorted = [...lengths].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  if (sorted.length <= max) return sorted;
  const rest = sorted.slice(max).reduce((n, [, v]) => n + v, 0);
  return [...sorted.slice(0, max), ["_other", rest]];
}

/** Per-tenant counters (opt-in: `metrics.perTenant`). */
export interface TenantMetrics {
  sessionStarted(tenantId: string): void;
  message(tenantId: string, actor: string): void;
  botAnswer(tenantId: string, source: string): void;
}

/**
 * Per-tenant counters with a bounded label set: the first `maxTenants` tenants
 * seen by this process get their own `tenant` label, every later one is counted
 * as `_other`.
 *
 * @example
 *   const t = createTenantMetrics(registry, 2);
 *   t.message("acme", "visitor"); // kefu_tenant_messages_total{tenant="acme",actor="visitor"} 1
 */
export function createTenantMetrics(registry: Registry, maxTenants: number): TenantMetrics {
  const registers = [registry];
  const seen = new Set<string>();
  const label = (tenantId: string) => {
    if (seen.has(tenantId)) return tenantId;
    if (seen.size < maxTenants) {
      seen.add(tenantId);
      return tenantId;
    }
    return "_other";
  };
  const sessions = new Counter({
    name: "kefu_tenant_sessions_started_total",
    help: "Sessions opened, by tenant (opt-in, KEFU_METRICS_PER_TENANT; tenants past KEFU_METRICS_MAX_TENANTS count as _other)",
    labelNames: ["tenant"] as const,
    registers,
  });
  const messages = new Counter({
    name: "kefu_tenant_messages_total",
    help: "Chat messages stored, by tenant and actor (opt-in, KEFU_METRICS_PER_TENANT; capped like the sessions counter)",
    labelNames: ["tenant", "actor"] as const,
    registers,
  });
  const answers = new Counter({
    name: "kefu_tenant_bot_answers_total",
    help: "Bot answers stored, by tenant and source (opt-in, KEFU_METRICS_PER_TENANT; capped like the sessions counter)",
    labelNames: ["tenant", "source"] as const,
    registers,
  });
  return {
    sessionStarted: (t) => sessions.inc({ tenant: label(t) }),
    message: (t, actor) => messages.inc({ tenant: label(t), actor }),
    botAnswer: (t, source) => answers.inc({ tenant: label(t), source }),
  };
}

/** Registers the conversation metrics on `registry` (and the per-tenant ones when asked). */
export function createConversationMetrics(registry: Registry, opts: { perTenant?: { maxTenants: number } } = {}) {
  const registers = [registry];
  let source: ConversationGaugeSource | undefined;
  return {
    /** Per-tenant counters; undefined unless enabled. */
    tenant: opts.perTenant ? createTenantMetrics(registry, opts.perTenant.maxTenants) : undefined,
    /** Connects the gauges to the service's state (the service calls this once). */
    observe(s: ConversationGaugeSource): void {
      source = s;
    },
    sessions: new Gauge({
      name: "kefu_conversation_sessions",
      help: "Open sessions held by this process, by state (bot, queued, assigned)",
      labelNames: ["state"] as const,
      registers,
      collect() {
        if (!source) return;
        const now = source.sessionsByState();
        for (const state of openSessionStates) this.set({ state }, now[state] ?? 0);
      },
    }),
    queueLength: new Gauge({
      name: "kefu_conversation_queue_length",
      help: `Sessions waiting for an agent, by group (the ${maxQueueGroupLabels} longest queues; the rest summed as _other)`,
      labelNames: ["group"] as const,
      registers,
      collect() {
        if (!source) return;
        this.reset();
        const groups = capGroups(source.queueLengths(), maxQueueGroupLabels);
        // An empty queue set still exports one series, so "no one waiting" is 0, not absent.
        if (groups.length === 0) this.set({ group: "_none" }, 0);
        for (const [group, n] of groups) this.set({ group }, n);
      },
    }),
    agentSeats: new Gauge({
      name: "kefu_agent_seats",
      help: "Registered agents, by seat state (online, busy, away, offline)",
      labelNames: ["state"] as const,
      registers,
      collect() {
        if (!source) return;
        const now = source.seatsByState();
        for (const state of seatStateLabels) this.set({ state }, now[state] ?? 0);
      },
    }),
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
    ratings: new Counter({
      name: "kefu_conversation_ratings_total",
      help: "Visitors' ratings of their conversations, by score (1-5)",
      labelNames: ["score"] as const,
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
