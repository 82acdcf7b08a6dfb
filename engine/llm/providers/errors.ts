/**
 * One mapping from upstream failures to `LlmError`, shared by every provider, so
 * the router decides the same way whatever the vendor.
 *
 * | failure                                   | code                    | retryable | countsForBreaker | status |
 * | ----------------------------------------- | ----------------------- | --------- | ---------------- | ------ |
 * | HTTP 5xx (incl. 529), connection refused, DNS | upstream_unavailable | yes       | yes              | 502    |
 * | connection reset / socket closed          | upstream_reset          | yes       | yes              | 502    |
 * | no first byte in time, stalled stream, 408 | upstream_timeout       | yes       | yes              | 504    |
 * | HTTP 429 (Retry-After → retryAfterMs)      | upstream_rate_limited  | yes       | no               | 429    |
 * | HTTP 400/401/403/404/422, other 4xx, 3xx   | upstream_rejected      | no        | no               | 502    |
 * | malformed JSON / not an event stream      | upstream_protocol       | yes       | yes              | 502    |
 * | any failure after the first delta, or a stream ending without a finish | stream_interrupted | yes | yes | 502 |
 *
 * A `stream_interrupted` error keeps the underlying `LlmError` as its `cause`.
 * In-stream vendor error events map by their meaning: overloaded/server errors →
 * upstream_unavailable, rate limits → upstream_rate_limited, invalid requests →
 * upstream_rejected. Messages name the target and the upstream status and pass
 * through {@link redactSecrets}: never an API key.
 *
 * @example
 *   throw errorFromStatus("openai-day", 429, { retryAfter: "2" }); // upstream_rate_limited, retryAfterMs 2000
 */
import type { Clock } from "../../clock.ts";
import { systemClock } from "../../clock.ts";
import { LlmError } from "../types.ts";
import type { HeaderLookup } from "./http1.ts";

/** What an in-stream vendor error means, as a vendor's decoder classifies it. */
export type VendorErrorKind = "unavailable" | "rate_limited" | "rejected";

const MAX_DETAIL = 240;

/**
 * Parses `Retry-After` (delay-seconds or an HTTP date) into milliseconds from now;
 * undefined when absent or unparseable. A date in the past gives 0.
 *
 * @example
 *   parseRetryAfter("2", 0); // 2000
 *   parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:27:58 GMT")); // 2000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (!/[a-z]/i.test(v)) return undefined; // an HTTP date names its month; "-3" is no date
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Reads the retry delay from response headers: `retry-after-ms` (OpenAI) first,
 * then `Retry-After`.
 *
 * @example
 *   retryAfterFromHeaders(new Headers({ "retry-after": "3" }), systemClock); // 3000
 */
export function retryAfterFromHeaders(headers: HeaderLookup, clock: Clock = systemClock): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms != null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  return parseRetryAfter(headers.get("retry-after"), clock.now());
}

const TOKEN_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_*-]{6,}/g, // OpenAI, DeepSeek, Anthropic (sk-ant-…)
  /\bpat_[A-Za-z0-9]{8,}/g, // Coze personal access tokens
  /\bapp-[A-Za-z0-9]{8,}/g, // Dify app keys
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/**
 * Removes the given secrets and anything shaped like a vendor API key from text
 * that may reach logs or clients (vendors echo partial keys in 401 bodies).
 *
 * @example
 *   redactSecrets("Incorrect API key provided: sk-abc123456789", []); // "Incorrect API key provided: [redacted]"
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  }
  for (const p of TOKEN_PATTERNS) out = out.replace(p, "[redacted]");
  return out;
}

function clip(detail: string | undefined, secrets: readonly (string | undefined)[]): string {
  if (!detail) return "";
  const one = redactSecrets(detail.replace(/\s+/g, " ").trim(), secrets);
  return one.length > MAX_DETAIL ? `${one.slice(0, MAX_DETAIL)}…` : one;
}

function withDetail(head: string, detail: string): string {
  return detail ? `${head}: ${detail}` : head;
}

/** Options shared by the constructors below. */
export interface ErrorContext {
  /** Vendor detail (error type and message), redacted and clipped before use. */
  detail?: string;
  /** Secrets to scrub from the detail (the provider's API key). */
  secrets?: readonly (string | undefined)[];
  cause?: unknown;
}

/**
 * Maps a non-2xx HTTP status to an `LlmError` (see the table above).
 *
 * @example
 *   errorFromStatus("anthropic", 529, { detail: "overloaded_error: Overloaded" }).code; // "upstream_unavailable"
 */
export function errorFromStatus(
  target: string,
  status: number,
  opts: ErrorContext & {
    retryAfterMs?: number;
    /** The vendor's own reading of its error body, when the status misleads (Dify's 400 for a failed model). */
    kind?: VendorErrorKind;
  } = {},
): LlmError {
  const detail = clip(opts.detail, opts.secrets ?? []);
  const msg = withDetail(`${target}: upstream HTTP ${status}`, detail);
  const base = { target, cause: opts.cause };
  if (opts.kind === "unavailable" && status < 500) {
    return new LlmError("upstream_unavailable", msg, { ...base, status: 502, retryAfterMs: opts.retryAfterMs });
  }
  if (opts.kind === "rejected" && (status === 429 || status >= 500)) {
    return new LlmError("upstream_rejected", msg, { ...base, status: 502, retryable: false, countsForBreaker: false });
  }
  if (status === 429 || opts.kind === "rate_limited") {
    return new LlmError("upstream_rate_limited", msg, {
      ...base,
      status: 429,
      retryable: true,
      countsForBreaker: false,
      retryAfterMs: opts.retryAfterMs,
    });
  }
  if (status === 408) return new LlmError("upstream_timeout", msg, { ...base, status: 504 });
  if (status >= 500) {
    return new LlmError("upstream_unavailable", msg, { ...base, status: 502, retryAfterMs: opts.retryAfterMs });
  }
  // 400/401/403/404/422, any other 4xx, and 3xx (a redirect means a wrong baseUrl):
  // the request or the configuration is wrong, so another attempt at the same target
  // cannot succeed and the target is not sick.
  return new LlmError("upstream_rejected", msg, { ...base, status: 502, retryable: false, countsForBreaker: false });
}

const RESET_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "ConnectionClosed",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "ERR_STREAM_PREMATURE_CLOSE",
]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "Timeout"]);

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps a failure of `fetch` or of reading the body (no HTTP status) to an
 * `LlmError`: reset → upstream_reset, refused / DNS / anything unknown →
 * upstream_unavailable, socket timeouts → upstream_timeout.
 *
 * @example
 *   errorFromNetwork("vllm", Object.assign(new TypeError("x"), { code: "ECONNREFUSED" })).code; // "upstream_unavailable"
 */
export function errorFromNetwork(target: string, err: unknown): LlmError {
  if (err instanceof LlmError) return err;
  const code = errorCode(err) ?? (err instanceof Error ? err.name : "unknown");
  // kefu's HTTP/1.1 client (./http1.ts): the server's bytes are not HTTP.
  if (code === "KEFU_HTTP_PROTOCOL") return protocolError(target, (err as Error).message, err);
  // kefu's own connection pool to the target is full: the target is busy, not broken.
  if (code === "KEFU_POOL_FULL")
    return new LlmError("upstream_unavailable", `${target}: ${(err as Error).message}`, {
      target,
      countsForBreaker: false,
      cause: err,
    });
  if (RESET_CODES.has(code)) {
    return new LlmError("upstream_reset", `${target}: connection reset (${code})`, { target, cause: err });
  }
  if (TIMEOUT_CODES.has(code)) {
    return new LlmError("upstream_timeout", `${target}: socket timeout (${code})`, { target, status: 504, cause: err });
  }
  return new LlmError("upstream_unavailable", `${target}: cannot reach upstream (${code})`, { target, cause: err });
}

/**
 * The first byte did not arrive, or the stream went quiet, for longer than allowed.
 *
 * @example
 *   timeoutError("openai-day", "idle", 30_000).code; // "upstream_timeout"
 */
export function timeoutError(target: string, phase: "first_byte" | "idle", ms: number): LlmError {
  const what = phase === "first_byte" ? "no first byte" : "stream stalled: no bytes";
  return new LlmError("upstream_timeout", `${target}: ${what} for ${ms} ms`, { target, status: 504 });
}

/**
 * The upstream answered something that is not its protocol (bad JSON, HTML, …).
 *
 * @example
 *   protocolError("dify", "malformed JSON in event (42 bytes)").code; // "upstream_protocol"
 */
export function protocolError(target: string, detail: string, cause?: unknown): LlmError {
  return new LlmError("upstream_protocol", `${target}: protocol error: ${detail}`, { target, cause });
}

/**
 * The stream failed after it started, or ended without a finish. `cause` keeps
 * the underlying error when there is one.
 *
 * @example
 *   interruptedError("coze", "stream ended without a finish").code; // "stream_interrupted"
 */
export function interruptedError(target: string, detail: string, cause?: unknown): LlmError {
  return new LlmError("stream_interrupted", `${target}: stream interrupted: ${detail}`, { target, cause });
}

/**
 * An error the vendor reported in a 2xx body or inside the stream.
 *
 * @example
 *   vendorError("anthropic", "unavailable", { detail: "overloaded_error: Overloaded" }).retryable; // true
 */
export function vendorError(target: string, kind: VendorErrorKind, opts: ErrorContext = {}): LlmError {
  const detail = clip(opts.detail, opts.secrets ?? []);
  const msg = withDetail(`${target}: upstream error`, detail);
  const base = { target, cause: opts.cause };
  switch (kind) {
    case "rate_limited":
      return new LlmError("upstream_rate_limited", msg, { ...base, status: 429, countsForBreaker: false });
    case "rejected":
      return new LlmError("upstream_rejected", msg, { ...base, retryable: false, countsForBreaker: false });
    default:
      return new LlmError("upstream_unavailable", msg, base);
  }
}

/**
 * Classifies a vendor's error by an HTTP-like status and free-form type/code
 * strings, for error objects that arrive inside a stream or a 2xx body.
 *
 * @example
 *   classifyVendorError({ type: "rate_limit_error" }); // "rate_limited"
 */
export function classifyVendorError(e: { status?: number; type?: string; code?: string }): VendorErrorKind {
  const words = `${e.type ?? ""} ${e.code ?? ""}`.toLowerCase();
  if (e.status === 429 || /rate.?limit|too.?many|quota|throttl/.test(words)) return "rate_limited";
  if (/overload|server|internal|unavailable|timeout/.test(words)) return "unavailable";
  if (
    (e.status !== undefined && e.status >= 400 && e.status < 500) ||
    /invalid|auth|permission|not.?found|forbidden/.test(words)
  ) {
    return "rejected";
  }
  return "unavailable";
}
