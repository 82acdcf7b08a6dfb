/**
 * The generic webhook channel's outbound side: each bot or agent message of a
 * webhook session is POSTed as JSON to the configured URL, signed like inbound
 * requests (engine/channels/signature.ts): header `x-kefu-signature: t=<unix s>,v1=<hex>`
 * over `${t}.${body}`, plus `x-kefu-delivery: <session>:<seq>` (the same on every
 * retry, so a receiver dedupes by it).
 *
 * Body: `{"type":"message","delivery_id","channel","user_id","session_id","seq","actor","text","at_unix_ms"}`.
 * A 2xx answer is delivered; 408, 429 and 5xx or a network error are retried; any
 * other status is permanent (dead-lettered at once). Redirects are not followed (a 3xx
 * is `redirect_refused`, permanent); the runtime's fetch refuses internal addresses.
 *
 * @example
 *   channels.register("webhook", webhookSender({ url: "https://crm.example/kefu", secret, timeoutMs: 5000 }));
 */
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import type { OutboundMessage, OutboundSender } from "./delivery.ts";
import type { FetchLike } from "./destination.ts";
import { SIGNATURE_HEADER, signWebhook } from "./signature.ts";

/** The header naming one delivery (stable across retries). */
export const DELIVERY_HEADER = "x-kefu-delivery";

/** Where one message goes and the secret that signs it. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** Options of `webhookSender`. */
export interface WebhookSenderOptions {
  /** The one destination of every message (the operator's config)… */
  url?: string;
  secret?: string;
  /** …or a destination per message (a tenant's own channel); undefined: the message is not sent. */
  target?: (m: OutboundMessage) => WebhookTarget | undefined | Promise<WebhookTarget | undefined>;
  timeoutMs: number;
  clock?: Clock;
  /** Default: the global fetch; the runtime passes the destination guard's (engine/channels/destination.ts). */
  fetch?: FetchLike;
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
  const targetOf = opts.target ?? (() => (opts.url ? { url: opts.url, secret: opts.secret ?? "" } : undefined));
  return {
    accepts: async (m) => (await targetOf(m)) !== undefined,
    async send(m) {
      const target = await targetOf(m);
      if (!target)
        throw new KefuError("channel_unconfigured", `no outbound webhook URL is configured for ${m.channel}`);
      await postSigned(doFetch, {
        url: target.url,
        secret: target.secret,
        body: outboundBody(m),
        headers: { [DELIVERY_HEADER]: `${m.sessionId}:${m.seq}` },
        timeoutMs: opts.timeoutMs,
        nowMs: clock.now(),
      });
    },
  };
}

/** A failed delivery's error, with the HTTP status of the answer when there was one. */
export type DeliveryError = KefuError & { answerStatus?: number };

/**
 * POSTs a JSON body signed with `secret` (`x-kefu-signature: t=<now s>,v1=…`) plus
 * `headers`, never following a redirect; resolves with the 2xx status, else throws a
 * KefuError: `delivery_failed` (retryable for network errors, 408, 429, 5xx),
 * `redirect_refused`, or the fetch's own (e.g. the SSRF guard's `destination_forbidden`).
 *
 * @example
 *   await postSigned(guard.fetch, { url, secret, body: "{}", headers: {}, timeoutMs: 5000, nowMs: Date.now() });
 */
export async function postSigned(
  doFetch: FetchLike,
  p: { url: string; secret: string; body: string; headers: Record<string, string>; timeoutMs: number; nowMs: number },
): Promise<number> {
  let res: Response;
  try {
    res = await doFetch(p.url, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/json",
        ...p.headers,
        [SIGNATURE_HEADER]: signWebhook(p.secret, Math.floor(p.nowMs / 1000), p.body),
      },
      body: p.body,
      signal: AbortSignal.timeout(p.timeoutMs),
    });
  } catch (e) {
    if (e instanceof KefuError) throw e;
    throw new KefuError("delivery_failed", `POST ${p.url}: ${(e as Error).message}`, { retryable: true });
  }
  await res.body?.cancel().catch(() => {});
  if (res.ok) return res.status;
  const error: DeliveryError = answerError(`POST ${p.url}`, res);
  error.answerStatus = res.status;
  throw error;
}

/**
 * The delivery error of a non-2xx answer: 408, 429 and 5xx are retryable; a 3xx is
 * `redirect_refused` (redirects are never followed) and, like other statuses, permanent.
 *
 * @example
 *   throw answerError("POST https://crm.example/kefu", res);
 */
export function answerError(what: string, res: Response): KefuError {
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.get("location");
    return new KefuError(
      "redirect_refused",
      `${what}: HTTP ${res.status} redirect${to ? ` to ${to.slice(0, 200)}` : ""} not followed (redirects are refused)`,
    );
  }
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  return new KefuError("delivery_failed", `${what}: HTTP ${res.status}`, { retryable });
}
