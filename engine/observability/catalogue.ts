/**
 * The metrics catalogue: every `kefu_*` metric a gateway exports, with its type,
 * labels, unit and help text exactly as registered. It is the one list the
 * README's "Metrics catalogue" table, the dashboards in grafana/ and the alert
 * rules are checked against: `gateway/observability/catalogue.test.ts` proves a
 * running gateway exports exactly these (a metric added, renamed or relabelled in
 * code fails it until this list says so), and the dashboard test evaluates every
 * panel against a real Prometheus.
 *
 * Labels are bounded: route templates (never raw paths), config-defined LLM
 * targets and routes, fixed enums, and queue groups capped at 20 series.
 *
 * @example
 *   const m = catalogue.find((e) => e.name === "kefu_llm_ttft_seconds");
 *   m?.labels; // ["provider", "target"]
 */

/** A Prometheus metric type as prom-client exports it. */
export type MetricType = "counter" | "gauge" | "histogram";

/**
 * One catalogued metric.
 *
 * @example
 *   { name: "kefu_http_requests_total", type: "counter", labels: ["method", "route", "status"], unit: "requests", subsystem: "http", help: "…" }
 */
export interface CatalogueEntry {
  name: string;
  type: MetricType;
  /** Label names in registration order (histograms add `le` to their buckets). */
  labels: readonly string[];
  /** What one unit of the value is. */
  unit: string;
  /** Grouping for the docs table. */
  subsystem: string;
  /** The help text, exactly as exported. */
  help: string;
}

const m = (
  subsystem: string,
  name: string,
  type: MetricType,
  labels: readonly string[],
  unit: string,
  help: string,
): CatalogueEntry => ({ name, type, labels, unit, subsystem, help });

/** Every `kefu_*` metric of a gateway, grouped by subsystem. */
export const catalogue: readonly CatalogueEntry[] = [
  m(
    "process",
    "kefu_build_info",
    "gauge",
    ["version", "commit", "bun", "native"],
    "1",
    "Build facts of this kefu process; the value is always 1",
  ),
  m(
    "process",
    "kefu_backend_up",
    "gauge",
    ["backend", "kind"],
    "boolean",
    "Whether each configured backend answered its readiness probe at scrape time (1) or not (0), by backend and adapter kind",
  ),
  m(
    "http",
    "kefu_http_requests_total",
    "counter",
    ["method", "route", "status"],
    "requests",
    "HTTP requests answered, by method, route template and status",
  ),
  m(
    "http",
    "kefu_http_request_duration_seconds",
    "histogram",
    ["method", "route"],
    "seconds",
    "HTTP request handling time, by method and route template",
  ),
  m(
    "http",
    "kefu_idempotency_requests_total",
    "counter",
    ["outcome"],
    "requests",
    "POSTs carrying an idempotency key, by outcome (new, replayed, in_progress 409, mismatch 422)",
  ),
  m(
    "limits",
    "kefu_rate_limit_decisions_total",
    "counter",
    ["rule", "outcome"],
    "decisions",
    "Rate-limit decisions, by rule id (_block for blocked clients) and outcome (allowed, delayed, rejected, blocked)",
  ),
  m("realtime", "kefu_realtime_connections", "gauge", ["role"], "connections", "Open WebSocket connections, by role"),
  m(
    "realtime",
    "kefu_realtime_frames_received_total",
    "counter",
    ["role"],
    "frames",
    "WebSocket frames received, by role",
  ),
  m(
    "realtime",
    "kefu_realtime_fanout_deliveries_total",
    "counter",
    ["target"],
    "frames",
    "Frames delivered to subscribed sockets by topic publishes (one per receiving socket), by target kind",
  ),
  m("realtime", "kefu_realtime_error_frames_total", "counter", ["code"], "frames", "Error frames sent, by code"),
  m(
    "realtime",
    "kefu_realtime_forced_closes_total",
    "counter",
    ["reason"],
    "connections",
    "Connections closed by the server, by reason (abuse, slow_consumer, token_expired, credential_revoked)",
  ),
  m(
    "realtime",
    "kefu_realtime_upgrades_rejected_total",
    "counter",
    ["reason"],
    "upgrades",
    "WebSocket upgrades refused, by reason",
  ),
  m(
    "realtime",
    "kefu_realtime_backpressure_total",
    "counter",
    [],
    "sends",
    "Direct sends that hit socket backpressure",
  ),
  m(
    "realtime",
    "kefu_realtime_drains_total",
    "counter",
    [],
    "sockets",
    "Sockets whose send buffer drained after backpressure",
  ),
  m(
    "conversation",
    "kefu_conversation_sessions",
    "gauge",
    ["state"],
    "sessions",
    "Open sessions held by this process, by state (bot, queued, assigned)",
  ),
  m("conversation", "kefu_conversation_sessions_started_total", "counter", [], "sessions", "Sessions opened"),
  m(
    "conversation",
    "kefu_conversation_transitions_total",
    "counter",
    ["from", "to"],
    "transitions",
    "Session state transitions, by from and to state",
  ),
  m(
    "conversation",
    "kefu_conversation_messages_total",
    "counter",
    ["actor"],
    "messages",
    "Chat messages stored, by who sent them",
  ),
  m(
    "conversation",
    "kefu_conversation_ratings_total",
    "counter",
    ["score"],
    "ratings",
    "Visitors' ratings of their conversations, by score (1-5)",
  ),
  m(
    "conversation",
    "kefu_conversation_duplicate_sends_total",
    "counter",
    [],
    "sends",
    "Sends whose client_msg_id was already stored (answered with the original seq)",
  ),
  m(
    "conversation",
    "kefu_conversation_replays_total",
    "counter",
    ["source"],
    "replays",
    "Resumes answered with a replay, by source (hot or store)",
  ),
  m(
    "conversation",
    "kefu_conversation_timeouts_total",
    "counter",
    ["kind"],
    "actions",
    "Timer-driven actions, by kind (visitor_idle, agent_gone)",
  ),
  m(
    "conversation",
    "kefu_conversation_alerts_total",
    "counter",
    ["kind"],
    "alerts",
    "Alerts raised, by kind (first_response_sla, queue_wait)",
  ),
  m(
    "conversation",
    "kefu_conversation_queue_length",
    "gauge",
    ["group"],
    "sessions",
    "Sessions waiting for an agent, by group (the 20 longest queues; the rest summed as _other)",
  ),
  m(
    "conversation",
    "kefu_conversation_queue_wait_seconds",
    "histogram",
    ["group"],
    "seconds",
    "Time from handoff to assignment, by group",
  ),
  m(
    "conversation",
    "kefu_agent_seats",
    "gauge",
    ["state"],
    "agents",
    "Registered agents, by seat state (online, busy, away, offline)",
  ),
  m(
    "bot",
    "kefu_bot_answers_total",
    "counter",
    ["source"],
    "answers",
    "Bot answers stored, by source: faq (knowledge base, no model), cache (semantic answer cache), intent (template or entity prompt), model (LLM), none (nothing could answer; handed off)",
  ),
  m(
    "bot",
    "kefu_conversation_bot_handoffs_total",
    "counter",
    ["reason"],
    "sessions",
    "Sessions the bot handed to a human, by reason (visitor_request, negative_sentiment, …)",
  ),
  m(
    "bot",
    "kefu_conversation_guard_handoffs_total",
    "counter",
    [],
    "answers",
    "Bot answers that failed the tenant's output rules and went to a human",
  ),
  m(
    "llm",
    "kefu_llm_requests_total",
    "counter",
    ["provider", "target", "model", "outcome"],
    "attempts",
    "Upstream LLM attempts, by provider, target, model and outcome (ok, error code, aborted)",
  ),
  m(
    "llm",
    "kefu_llm_ttft_seconds",
    "histogram",
    ["provider", "target"],
    "seconds",
    "Time to first token of successful upstream attempts",
  ),
  m(
    "llm",
    "kefu_llm_request_duration_seconds",
    "histogram",
    ["provider", "target"],
    "seconds",
    "Total time of upstream attempts, first byte sent to last chunk",
  ),
  m(
    "llm",
    "kefu_llm_tokens_total",
    "counter",
    ["provider", "target", "direction"],
    "tokens",
    "Tokens reported by upstreams, by direction (in, out)",
  ),
  m(
    "llm",
    "kefu_llm_breaker_state",
    "gauge",
    ["target"],
    "state",
    "Circuit breaker state per target: 0 closed, 1 half-open, 2 open",
  ),
  m(
    "llm",
    "kefu_llm_hedges_total",
    "counter",
    ["route"],
    "attempts",
    "Hedged attempts started because the first token was late, by route",
  ),
  m(
    "llm",
    "kefu_llm_failovers_total",
    "counter",
    ["route"],
    "requests",
    "Requests that moved from one target to another, by route",
  ),
  m(
    "llm",
    "kefu_llm_config_reloads_total",
    "counter",
    ["result"],
    "reloads",
    "LLM routing config reloads, by result (ok, rejected)",
  ),
  m(
    "storage",
    "kefu_event_store_append_duration_seconds",
    "histogram",
    ["adapter"],
    "seconds",
    "Time from an EventStore append call until it is durable (group-commit wait included), by adapter",
  ),
  m(
    "storage",
    "kefu_event_store_appends_total",
    "counter",
    ["adapter", "outcome"],
    "appends",
    "EventStore appends, by adapter and outcome (ok, duplicate, or the error code, e.g. overloaded)",
  ),
  m(
    "storage",
    "kefu_event_store_read_duration_seconds",
    "histogram",
    ["adapter", "op"],
    "seconds",
    "EventStore reads, by adapter and operation (read_after, last_seq, read_range)",
  ),
  m(
    "storage",
    "kefu_event_store_read_errors_total",
    "counter",
    ["adapter", "op", "code"],
    "reads",
    "EventStore reads that failed, by adapter, operation and error code (e.g. store_unavailable when PostgreSQL is down)",
  ),
  m(
    "storage",
    "kefu_event_store_batch_events",
    "histogram",
    ["adapter", "result"],
    "appends",
    "Appends written per EventStore group commit, by adapter and result (ok, failed)",
  ),
  m(
    "storage",
    "kefu_event_store_commit_duration_seconds",
    "histogram",
    ["adapter", "result"],
    "seconds",
    "Time to write and commit one EventStore batch, by adapter and result (ok, failed)",
  ),
  m(
    "storage",
    "kefu_event_store_appends_in_flight",
    "gauge",
    ["adapter"],
    "appends",
    "Appends accepted but not yet durable (the group-commit backlog: grows when the store lags), by adapter",
  ),
  m(
    "tenant",
    "kefu_tenant_sessions_started_total",
    "counter",
    ["tenant"],
    "sessions",
    "Sessions opened, by tenant (opt-in, KEFU_METRICS_PER_TENANT; tenants past KEFU_METRICS_MAX_TENANTS count as _other)",
  ),
  m(
    "tenant",
    "kefu_tenant_messages_total",
    "counter",
    ["tenant", "actor"],
    "messages",
    "Chat messages stored, by tenant and actor (opt-in, KEFU_METRICS_PER_TENANT; capped like the sessions counter)",
  ),
  m(
    "tenant",
    "kefu_tenant_bot_answers_total",
    "counter",
    ["tenant", "source"],
    "answers",
    "Bot answers stored, by tenant and source (opt-in, KEFU_METRICS_PER_TENANT; capped like the sessions counter)",
  ),
  m(
    "realtime",
    "kefu_anomalous_inputs_total",
    "counter",
    ["reason"],
    "inputs",
    "Inputs the edge rejected or rate-limited (clustered by shape for GET /v1/admin/anomalies), by reason",
  ),
  m(
    "realtime",
    "kefu_anomaly_clusters",
    "gauge",
    [],
    "clusters",
    "Clusters of near-identical rejected inputs currently held (bounded)",
  ),
  m(
    "realtime",
    "kefu_anomaly_largest_cluster_inputs",
    "gauge",
    [],
    "inputs",
    "Inputs in the largest cluster of near-identical rejected inputs (a flood shows as one big cluster)",
  ),
  m(
    "storage",
    "kefu_postgres_client_errors_total",
    "counter",
    [],
    "errors",
    "Errors the PostgreSQL pool's idle clients emitted (connections the server closed or reset)",
  ),
  m(
    "storage",
    "kefu_redis_errors_total",
    "counter",
    [],
    "errors",
    "Errors the Redis clients emitted (connection failures and resets)",
  ),
  m(
    "channels",
    "kefu_channel_inbound_total",
    "counter",
    ["channel", "outcome"],
    "requests",
    "Inbound channel requests, by channel kind and outcome (accepted, duplicate, event, ignored, bad_signature, invalid, error)",
  ),
  m(
    "channels",
    "kefu_channel_outbound_total",
    "counter",
    ["channel", "outcome"],
    "attempts",
    "Outbound channel reply attempts, by channel kind and outcome (delivered, retried, dead)",
  ),
  m(
    "channels",
    "kefu_channel_outbound_pending",
    "gauge",
    [],
    "messages",
    "Outbound channel replies waiting or in flight (bounded by channels.delivery.maxPending)",
  ),
  m(
    "channels",
    "kefu_webhook_deliveries_total",
    "counter",
    ["outcome"],
    "attempts",
    "Event webhook delivery attempts, by outcome (delivered, retried, dead, queue_full)",
  ),
  m(
    "channels",
    "kefu_webhook_pending_deliveries",
    "gauge",
    [],
    "deliveries",
    "Event webhook deliveries waiting or in flight (bounded by channels.subscriptions.maxPending)",
  ),
];

/**
 * The catalogue as a Markdown table (the README's "Metrics catalogue" section is
 * this text; a test keeps them equal).
 *
 * @example
 *   catalogueMarkdown().split("\n")[0]; // "| metric | type | labels | unit | meaning |"
 */
export function catalogueMarkdown(entries: readonly CatalogueEntry[] = catalogue): string {
  const rows = entries.map(
    (e) =>
      `| \`${e.name}\` | ${e.type} | ${e.labels.length ? e.labels.map((l) => `\`${l}\``).join(", ") : "—"} | ${e.unit} | ${e.help.replaceAll("|", "\\|")} |`,
  );
  return ["| metric | type | labels | unit | meaning |", "|---|---|---|---|---|", ...rows].join("\n");
}
