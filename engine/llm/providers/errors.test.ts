import { describe, expect, test } from "bun:test";
import { manualClock } from "../../clock.ts";
import { LlmError } from "../types.ts";
import {
  classifyVendorError,
  errorFromNetwork,
  errorFromStatus,
  interruptedError,
  parseRetryAfter,
  protocolError,
  redactSecrets,
  retryAfterFromHeaders,
  timeoutError,
  vendorError,
} from "./errors.ts";

const flags = (e: LlmError) => ({
  code: e.code,
  retryable: e.retryable,
  countsForBreaker: e.countsForBreaker,
  status: e.status,
  target: e.target,
});

describe("status mapping", () => {
  test("the table", () => {
    const row = (code: string, retryable: boolean, countsForBreaker: boolean, status: number) => ({
      code,
      retryable,
      countsForBreaker,
      status,
      target: "t",
    });
    const unavailable = row("upstream_unavailable", true, true, 502);
    const rejected = row("upstream_rejected", false, false, 502);
    const cases: [number, ReturnType<typeof row>][] = [
      [500, unavailable],
      [502, unavailable],
      [503, unavailable],
      [504, unavailable],
      [529, unavailable],
      [429, row("upstream_rate_limited", true, false, 429)],
      [408, row("upstream_timeout", true, true, 504)],
      [400, rejected],
      [401, rejected],
      [403, rejected],
      [404, rejected],
      [409, rejected],
      [413, rejected],
      [422, rejected],
      [301, rejected],
    ];
    for (const [status, want] of cases) expect(flags(errorFromStatus("t", status))).toEqual(want);
  });

  test("messages name the target and status with the redacted vendor detail", () => {
    const e = errorFromStatus("openai-day", 401, {
      detail: "invalid_api_key: Incorrect API key provided: sk-proj-abcdef123456. Find it at …",
      secrets: ["sk-proj-abcdef123456"],
    });
    expect(e.message).toBe(
      "openai-day: upstream HTTP 401: invalid_api_key: Incorrect API key provided: [redacted]. Find it at …",
    );
    expect(errorFromStatus("x", 500).message).toBe("x: upstream HTTP 500");
    expect(errorFromStatus("x", 500, { detail: "a".repeat(1000) }).message.length).toBeLessThan(300);
  });

  test("429 and 503 carry retryAfterMs", () => {
    expect(errorFromStatus("t", 429, { retryAfterMs: 1500 }).retryAfterMs).toBe(1500);
    expect(errorFromStatus("t", 503, { retryAfterMs: 3000 }).retryAfterMs).toBe(3000);
  });

  test("a vendor's reading of its body overrides a misleading status", () => {
    expect(flags(errorFromStatus("t", 400, { kind: "unavailable" })).code).toBe("upstream_unavailable");
    expect(flags(errorFromStatus("t", 400, { kind: "rate_limited" }))).toMatchObject({
      code: "upstream_rate_limited",
      countsForBreaker: false,
    });
    expect(errorFromStatus("t", 500, { kind: "rejected" }).code).toBe("upstream_rejected");
    expect(errorFromStatus("t", 401, { kind: "rejected" }).code).toBe("upstream_rejected");
    expect(errorFromStatus("t", 503, { kind: "unavailable" }).code).toBe("upstream_unavailable");
  });
});

describe("Retry-After", () => {
  test("seconds, fractions, HTTP dates, the past, garbage", () => {
    const now = Date.parse("2025-03-01T10:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Sat, 01 Mar 2025 10:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Sat, 01 Mar 2025 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-3", now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  test("retry-after-ms wins over Retry-After; dates use the clock", () => {
    const clock = manualClock(Date.parse("2025-03-01T10:00:00Z"));
    expect(retryAfterFromHeaders(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), clock)).toBe(250);
    expect(retryAfterFromHeaders(new Headers({ "retry-after": "Sat, 01 Mar 2025 10:00:02 GMT" }), clock)).toBe(2000);
    expect(retryAfterFromHeaders(new Headers(), clock)).toBeUndefined();
  });
});

describe("network failures", () => {
  const withCode = (code: string) => Object.assign(new TypeError("fetch failed"), { code });
  test("reset, refused, DNS, timeouts, wrapped causes", () => {
    expect(errorFromNetwork("t", withCode("ECONNRESET")).code).toBe("upstream_reset");
    expect(errorFromNetwork("t", withCode("EPIPE")).code).toBe("upstream_reset");
    expect(errorFromNetwork("t", withCode("ECONNREFUSED")).code).toBe("upstream_unavailable");
    expect(errorFromNetwork("t", withCode("ENOTFOUND")).code).toBe("upstream_unavailable");
    expect(errorFromNetwork("t", withCode("ETIMEDOUT")).code).toBe("upstream_timeout");
    const undici = new TypeError("fetch failed", { cause: withCode("UND_ERR_SOCKET") });
    expect(errorFromNetwork("t", undici).code).toBe("upstream_reset");
    expect(errorFromNetwork("t", new Error("???")).code).toBe("upstream_unavailable");
    expect(errorFromNetwork("t", "weird").code).toBe("upstream_unavailable");
    const mapped = errorFromStatus("t", 500);
    expect(errorFromNetwork("t", mapped)).toBe(mapped);
  });

  test("reset and refused count for the breaker and may be retried", () => {
    for (const code of ["ECONNRESET", "ECONNREFUSED"]) {
      const e = errorFromNetwork("t", withCode(code));
      expect(e.retryable).toBe(true);
      expect(e.countsForBreaker).toBe(true);
      expect(e.message).toContain(code);
    }
  });

  test("kefu's HTTP/1.1 client: bytes that are not HTTP are a protocol error; a full pool is not the target's fault", () => {
    const bad = errorFromNetwork(
      "t",
      Object.assign(new Error("HTTP protocol error: bad status line"), { code: "KEFU_HTTP_PROTOCOL" }),
    );
    expect(bad.code).toBe("upstream_protocol");
    expect(bad.message).toContain("bad status line");
    const full = errorFromNetwork("t", Object.assign(new Error("1024 connections busy"), { code: "KEFU_POOL_FULL" }));
    expect(full.code).toBe("upstream_unavailable");
    expect(full.retryable).toBe(true);
    expect(full.countsForBreaker).toBe(false);
  });
});

describe("stream errors", () => {
  test("timeouts, protocol errors and interruptions", () => {
    expect(flags(timeoutError("t", "first_byte", 100))).toEqual({
      code: "upstream_timeout",
      retryable: true,
      countsForBreaker: true,
      status: 504,
      target: "t",
    });
    expect(timeoutError("t", "idle", 100).message).toBe("t: stream stalled: no bytes for 100 ms");
    expect(flags(protocolError("t", "bad"))).toMatchObject({ code: "upstream_protocol", retryable: true });
    const cause = timeoutError("t", "idle", 5);
    const e = interruptedError("t", "after the first delta", cause);
    expect(flags(e)).toMatchObject({ code: "stream_interrupted", retryable: true, countsForBreaker: true });
    expect(e.cause).toBe(cause);
  });

  test("vendor errors by kind", () => {
    expect(flags(vendorError("t", "unavailable"))).toMatchObject({
      code: "upstream_unavailable",
      countsForBreaker: true,
    });
    expect(flags(vendorError("t", "rate_limited"))).toMatchObject({
      code: "upstream_rate_limited",
      retryable: true,
      countsForBreaker: false,
    });
    expect(flags(vendorError("t", "rejected"))).toMatchObject({
      code: "upstream_rejected",
      retryable: false,
      countsForBreaker: false,
    });
    expect(vendorError("t", "rejected", { detail: "Bearer abcdefghijkl" }).message).toBe(
      "t: upstream error: [redacted]",
    );
  });

  test("classifyVendorError reads statuses and words", () => {
    expect(classifyVendorError({ type: "overloaded_error" })).toBe("unavailable");
    expect(classifyVendorError({ type: "api_error" })).toBe("unavailable");
    expect(classifyVendorError({ type: "server_error" })).toBe("unavailable");
    expect(classifyVendorError({ type: "rate_limit_error" })).toBe("rate_limited");
    expect(classifyVendorError({ code: "insufficient_quota" })).toBe("rate_limited");
    expect(classifyVendorError({ status: 429 })).toBe("rate_limited");
    expect(classifyVendorError({ type: "invalid_request_error" })).toBe("rejected");
    expect(classifyVendorError({ type: "authentication_error" })).toBe("rejected");
    expect(classifyVendorError({ status: 400, type: "BadRequestError" })).toBe("rejected");
    expect(classifyVendorError({ status: 500, type: "InternalServerError" })).toBe("unavailable");
    expect(classifyVendorError({})).toBe("unavailable");
  });
});

describe("redactSecrets", () => {
  test("removes the configured secret and anything shaped like a vendor key", () => {
    expect(redactSecrets("key my-own-secret-value leaked", ["my-own-secret-value"])).toBe("key [redacted] leaked");
    expect(redactSecrets("sk-ant-api03-AbCdEf123456 and pat_abcdefghijklmnop and app-ABCDEFGH12345678", [])).toBe(
      "[redacted] and [redacted] and [redacted]",
    );
    expect(redactSecrets("Authorization: Bearer eyJhbGciOi.xyz", [])).toBe("Authorization: [redacted]");
    expect(redactSecrets("nothing here", [undefined, ""])).toBe("nothing here");
  });

  test("every constructor's message is an LlmError message without the key", () => {
    const key = "sk-live-0123456789abcdef";
    const all = [
      errorFromStatus("t", 401, { detail: `bad key ${key}`, secrets: [key] }),
      vendorError("t", "rejected", { detail: `bad key ${key}`, secrets: [key] }),
    ];
    for (const e of all) {
      expect(e).toBeInstanceOf(LlmError);
      expect(e.message).not.toContain(key);
    }
  });
});
