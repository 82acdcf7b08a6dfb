/**
 * The HMAC-SHA256 signature scheme of the generic webhook channel, used both ways:
 * inbound requests to `POST /v1/channels/webhook/:channel` and kefu's outbound
 * webhooks. The signed string is `<timestamp>.<raw body>` (timestamp in Unix
 * seconds); the header value is `t=<timestamp>,v1=<hex HMAC-SHA256>`.
 *
 * A receiver verifies: parse `t` and `v1`, refuse a `t` more than the tolerance away
 * from its clock (replays), recompute the HMAC over `${t}.${body}` with the shared
 * secret, and compare in constant time.
 *
 * @example
 *   const header = signWebhook("secret", 1_700_000_000, '{"a":1}'); // "t=1700000000,v1=…"
 *   verifyWebhook("secret", header, '{"a":1}', 1_700_000_000_000, 300); // ok
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { KefuError } from "../errors.ts";

/** The header carrying the signature, inbound and outbound. */
export const SIGNATURE_HEADER = "x-kefu-signature";

/**
 * Signs `body` at `timestampSec`: the header value `t=<ts>,v1=<hex>`.
 *
 * @example
 *   signWebhook("s3cret", 1700000000, "{}"); // "t=1700000000,v1=5f…"
 */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestampSec}.${body}`).digest("hex");
  return `t=${timestampSec},v1=${mac}`;
}

const unauthorized = (code: string, why: string) => new KefuError(code, why, { status: 401 });

/**
 * Verifies a signature header; throws a 401 KefuError: `signature_missing`,
 * `signature_malformed`, `signature_stale` (timestamp outside ±toleranceSec of
 * `nowMs`) or `signature_invalid`.
 *
 * @example
 *   verifyWebhook(secret, req.headers.get(SIGNATURE_HEADER), rawBody, Date.now(), 300);
 */
export function verifyWebhook(
  secret: string,
  header: string | null | undefined,
  body: string,
  nowMs: number,
  toleranceSec: number,
): void {
  if (!header) throw unauthorized("signature_missing", `the ${SIGNATURE_HEADER} header is required`);
  const parts = new Map<string, string>();
  for (const p of header.slice(0, 512).split(",")) {
    const i = p.indexOf("=");
    if (i > 0) parts.set(p.slice(0, i).trim(), p.slice(i + 1).trim());
  }
  const t = parts.get("t") ?? "";
  const v1 = parts.get("v1") ?? "";
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(v1)) {
    throw unauthorized("signature_malformed", `${SIGNATURE_HEADER} must be "t=<unix seconds>,v1=<64 hex chars>"`);
  }
  if (Math.abs(nowMs / 1000 - Number(t)) > toleranceSec) {
    throw unauthorized("signature_stale", `the signature timestamp is more than ${toleranceSec} s away from now`);
  }
  const want = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(want, Buffer.from(v1, "hex"))) {
    throw unauthorized("signature_invalid", "the signature does not match the body");
  }
}
