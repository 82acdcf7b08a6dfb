/**
 * The generic webhook channel's outbound side: each bot or agent message of a
 * webhook session is POSTed as JSON to the configured URL, signed like inbound
 * requests (engine/channels/signature.ts): header `x-kefu-signature: t=<unix s>,v1=<hex>`
 * over `${t}.${body}`, plus `x-kefu-delivery: <session>:<seq>` (the same on every
 * retry, so a receiver dedupes by it).
 *
 * Body: `{"type":"message","delivery_id","channel","user_id","session_id","seq","actor","text","at_unix_ms"}`.
 * A 2xx answer is delivered; 408, 429 and 5xx or a network error are retried; any
 * other status is permanent (dead-lettered at once). Redirects are not followed.
 *
 * @example
 *   channels.register("webhook", webhookSender({ url: "https://crm.example/kefu", secret, timeoutMs: 5000 }));
 */
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import type { OutboundMessage, OutboundSender } from "./delivery.ts";
import { SIGNATURE_HEADER, signWebhook } from "./signature.ts";

/** The header naming one delivery (stable across retries). */
export const DELIVERY_HEADER = "x-kefu-delivery";

/** Options of `webhookSender`. */
export interface WebhookSenderOptions {
  url: string;
  secret: string;
  timeoutMs: number;
  clock?: Clock;
  fetch?: typeof fetch;
}

/**
 * The JSON body of one outbound message.
 *
 * @example
 *   outboundBody(m); // '{"type":"message","delivery_id":"s1:3",…}'
 */
export function outboundBody(m: OutboundMessage): string {
  return JSON.stringify({
    type: "message",
    delivery_id: `${m.sessionId}:${m.seq}`,
    channel: m.channel,
    user_id: m.userId,
    session_id: m.sessionId,
    seq: m.seq,
    actor: m.actor,
    text: m.text,
    at_unix_ms: m.atUnixMs,
  });
}

/**
 * Creates the sender (see the module doc).
 *
 * @example
 *   const sender = webhookSender({ url, secret: "s", timeoutMs: 2000 });
 */
export function webhookSender(opts: WebhookSenderOptions): OutboundSender {
  const clock = opts.clock ?? systemClock;
  const doFetch = opts.fetch ?? fetch;
  return {
    async send(m) {
      if (!opts.url) throw new KefuError("channel_unconfigured", "no outbound webhook URL is configured");
      const body = outboundBody(m);
      let res: Response;
      try {
        res = await doFetch(opts.url, {
          method: "POST",
          redirect: "manual",
          headers: {
            "content-type": "application/json",
            [SIGNATURE_HEADER]: signWebhook(opts.secret, Math.floor(clock.now() / 1000), body),
            [DELIVERY_HEADER]: `${m.sessionId}:${m.seq}`,
          },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (e) {
        throw new KefuError("delivery_failed", `POST ${opts.url}: ${(e as Error).message}`, { retryable: true });
      }
      await res.body?.cancel().catch(() => {});
      if (res.ok) return;
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      throw new KefuError("delivery_failed", `POST ${opts.url}: HTTP ${res.status}`, { retryable });
    },
  };
}
