/**
 * Test helpers of the channel and webhook suites (engine/channels, engine/webhooks,
 * gateway/channels): waiting for something asynchronous (a delivery at a receiver,
 * a dead letter) without a timing assertion.
 *
 * @example
 *   const hit = await until("the delivery", () => received.find((r) => r.id === id));
 */
import { SIGNATURE_HEADER, verifyWebhook } from "./signature.ts";

/**
 * Polls `fn` every `everyMs` until it returns something truthy (returned), at most
 * `tries` times; then throws naming `what`.
 *
 * @example
 *   await until("two deliveries", () => got.length === 2);
 */
export async function until<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  opts: { tries?: number; everyMs?: number } = {},
): Promise<T> {
  const tries = opts.tries ?? 400;
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await Bun.sleep(opts.everyMs ?? 10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** One accepted POST at a `signedReceiver`. */
export interface ReceivedPost<B = Record<string, unknown>> {
  path: string;
  headers: Record<string, string>;
  raw: string;
  body: B;
}

/**
 * A local HTTP receiver that verifies kefu's signature exactly as the README tells
 * receivers to (401 and recorded in `refused` otherwise; no check without `secret`),
 * answers `state.status` (503) while `state` says it is down, and records every
 * accepted POST.
 *
 * @example
 *   const rx = signedReceiver({ secret: () => secret, now: () => clock.now() });
 *   rx.state.failNext = 3; // the next three POSTs meet a 503
 */
export function signedReceiver<B = Record<string, unknown>>(opts: { secret?: () => string; now?: () => number } = {}) {
  const got: ReceivedPost<B>[] = [];
  const refused: string[] = [];
  /** `status` is what a "down" answer carries. */
  const state = { failNext: 0, failAlways: false, status: 503 };
  let attempts = 0;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      attempts++;
      const raw = await req.text();
      if (opts.secret) {
        try {
          verifyWebhook(opts.secret(), req.headers.get(SIGNATURE_HEADER), raw, (opts.now ?? Date.now)(), 300);
        } catch (e) {
          refused.push(String(e));
          return new Response("bad signature", { status: 401 });
        }
      }
      if (state.failAlways || state.failNext > 0) {
        state.failNext = Math.max(0, state.failNext - 1);
        return new Response("down", { status: state.status });
      }
      got.push({
        path: new URL(req.url).pathname,
        headers: Object.fromEntries(req.headers),
        raw,
        body: JSON.parse(raw),
      });
      return new Response(null, { status: 204 });
    },
  });
  return {
    url: (path: string) => `http://127.0.0.1:${server.port}${path}`,
    port: server.port,
    got,
    refused,
    /** POSTs received, refused and failed ones included. */
    attempts: () => attempts,
    state,
    stop: () => server.stop(true),
  };
}
