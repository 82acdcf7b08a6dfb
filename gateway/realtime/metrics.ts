/**
 * Realtime edge metrics (`kefu_realtime_*`).
 *
 * @example
 *   const m = createRealtimeMetrics(metrics.registry);
 *   m.connections.inc({ role: "visitor" });
 */
import { Counter, Gauge, type Registry } from "prom-client";

/** The realtime metrics. */
export type RealtimeMetrics = ReturnType<typeof createRealtimeMetrics>;

/** Registers the realtime metrics on `registry`. */
export function createRealtimeMetrics(registry: Registry) {
  const registers = [registry];
  return {
    connections: new Gauge({
      name: "kefu_realtime_connections",
      help: "Open WebSocket connections, by role",
      labelNames: ["role"] as const,
      registers,
    }),
    framesIn: new Counter({
      name: "kefu_realtime_frames_received_total",
      help: "WebSocket frames received, by role",
      labelNames: ["role"] as const,
      registers,
    }),
    deliveries: new Counter({
      name: "kefu_realtime_fanout_deliveries_total",
      help: "Frames delivered to subscribed sockets by topic publishes (one per receiving socket), by target kind",
      labelNames: ["target"] as const,
      registers,
    }),
    errors: new Counter({
      name: "kefu_realtime_error_frames_total",
      help: "Error frames sent, by code",
      labelNames: ["code"] as const,
      registers,
    }),
    closed: new Counter({
      name: "kefu_realtime_forced_closes_total",
      help: "Connections closed by the server, by reason (abuse, slow_consumer, token_expired, credential_revoked)",
      labelNames: ["reason"] as const,
      registers,
    }),
    rejected: new Counter({
      name: "kefu_realtime_upgrades_rejected_total",
      help: "WebSocket upgrades refused, by reason",
      labelNames: ["reason"] as const,
      registers,
    }),
    backpressured: new Counter({
      name: "kefu_realtime_backpressure_total",
      help: "Direct sends that hit socket backpressure",
      registers,
    }),
    drained: new Counter({
      name: "kefu_realtime_drains_total",
      help: "Sockets whose send buffer drained after backpressure",
      registers,
    }),
  };
}
