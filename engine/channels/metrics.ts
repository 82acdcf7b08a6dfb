/**
 * Channel and event-webhook metrics (`kefu_channel_*`, `kefu_webhook_*`), registered on
 * the process registry. Labels are bounded: `channel` is the channel kind (`webhook`,
 * `wechat`), never a channel's name or user; `outcome` is one of the fixed lists below.
 *
 * @example
 *   const m = createChannelMetrics(metrics.registry, { channelPending: () => delivery.pending, webhookPending: () => webhooks.pending });
 *   m.inbound.inc({ channel: "webhook", outcome: "bad_signature" });
 */
import { Counter, Gauge, type Registry } from "prom-client";

/** Outcomes of an inbound channel request. */
export const INBOUND_OUTCOMES = [
  "accepted",
  "duplicate",
  "event",
  "ignored",
  "bad_signature",
  "invalid",
  "error",
] as const;
/** An inbound outcome. */
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/** The channel metrics. */
export type ChannelMetrics = ReturnType<typeof createChannelMetrics>;

/**
 * The inbound outcome of a failed request, from its error code and HTTP status.
 *
 * @example
 *   inboundFailure("signature_invalid", 401); // "bad_signature"
 */
export function inboundFailure(code: string, status: number): InboundOutcome {
  if (code.startsWith("signature_")) return "bad_signature";
  return status >= 400 && status < 500 ? "invalid" : "error";
}

/**
 * Registers the metrics; the gauges read the queues at scrape time.
 *
 * @example
 *   const m = createChannelMetrics(new Registry(), { channelPending: () => 0, webhookPending: () => 0 });
 */
export function createChannelMetrics(
  registry: Registry,
  source: { channelPending: () => number; webhookPending: () => number },
) {
  const inbound = new Counter({
    name: "kefu_channel_inbound_total",
    help: "Inbound channel requests, by channel kind and outcome (accepted, duplicate, event, ignored, bad_signature, invalid, error)",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
  const outbound = new Counter({
    name: "kefu_channel_outbound_total",
    help: "Outbound channel reply attempts, by channel kind and outcome (delivered, retried, dead)",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "kefu_channel_outbound_pending",
    help: "Outbound channel replies waiting or in flight (bounded by channels.delivery.maxPending)",
    registers: [registry],
    collect() {
      this.set(source.channelPending());
    },
  });
  const webhooks = new Counter({
    name: "kefu_webhook_deliveries_total",
    help: "Event webhook delivery attempts, by outcome (delivered, retried, dead, queue_full)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "kefu_webhook_pending_deliveries",
    help: "Event webhook deliveries waiting or in flight (bounded by channels.subscriptions.maxPending)",
    registers: [registry],
    collect() {
      this.set(source.webhookPending());
    },
  });
  return { inbound, outbound, webhooks };
}
