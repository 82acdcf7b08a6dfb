/**
 * Which stored session events a tenant can subscribe to, and the JSON each one is
 * delivered as. One stored event is at most one webhook event:
 *
 * | event type | stored event |
 * |---|---|
 * | `session.created` | `started` |
 * | `message.created` | `message` (visitor, bot, agent or system) |
 * | `session.handoff` | `state_changed` to `queued` (the session waits for a human) |
 * | `session.assigned` | `state_changed` to `assigned` (an agent took it, or a transfer) |
 * | `session.closed` | `state_changed` to `closed` |
 * | `session.rated` | `rating` (the visitor's 1–5 score and comment) |
 *
 * @example
 *   webhookEventOf(storedEvent); // { type: "message.created", data: { actor: {…}, text: "hi", … } }
 */
import type { SessionEvent } from "../events.ts";

/** Every event type a subscription may name. */
export const WEBHOOK_EVENT_TYPES = [
  "session.created",
  "message.created",
  "session.handoff",
  "session.assigned",
  "session.closed",
  "session.rated",
] as const;
/** An event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A stored event as a webhook event: its type and its `data`. */
export interface WebhookEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/**
 * The webhook event of a stored event, or undefined (a transition nobody subscribes to, e.g. back to the bot).
 *
 * @example
 *   webhookEventOf({ ...e, body: { type: "started", visitorId: "v1" } })?.type; // "session.created"
 */
export function webhookEventOf(e: SessionEvent): WebhookEvent | undefined {
  const b = e.body;
  switch (b.type) {
    case "started":
      return { type: "session.created", data: { visitor_id: b.visitorId, metadata: b.metadata ?? {} } };
    case "message":
      return {
        type: "message.created",
        data: {
          actor: { kind: e.actor.kind, id: e.actor.id },
          client_msg_id: b.clientMsgId,
          text: b.text,
          attributes: b.attributes ?? {},
        },
      };
    case "rating":
      return { type: "session.rated", data: { score: b.score, comment: b.comment ?? "" } };
    case "state_changed": {
      const type =
        b.to === "queued"
          ? "session.handoff"
          : b.to === "assigned"
            ? "session.assigned"
            : b.to === "closed"
              ? "session.closed"
              : undefined;
      if (!type) return undefined;
      return {
        type,
        data: {
          from: b.from,
          to: b.to,
          reason: b.reason,
          ...(b.agentId ? { agent_id: b.agentId } : {}),
          ...(b.group ? { group: b.group } : {}),
        },
      };
    }
  }
}

/**
 * The stored JSON of an event's delivery, before its delivery id is known.
 *
 * @example
 *   webhookPayload(e, ev); // '{"type":"message.created","tenant_id":"t1","session_id":…}'
 */
export function webhookPayload(e: SessionEvent, ev: WebhookEvent): string {
  return JSON.stringify({
    type: ev.type,
    tenant_id: e.tenantId,
    session_id: e.sessionId,
    seq: e.seq,
    at_unix_ms: e.atUnixMs,
    data: ev.data,
  });
}

/**
 * The body sent: the payload with its delivery id first (`id`, stable across retries and replays).
 *
 * @example
 *   withDeliveryId("d_12", '{"type":"session.closed"}'); // '{"id":"d_12","type":"session.closed"}'
 */
export function withDeliveryId(deliveryId: string, payload: string): string {
  return `{"id":${JSON.stringify(deliveryId)},${payload.slice(1)}`;
}
