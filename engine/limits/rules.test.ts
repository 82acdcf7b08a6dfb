import { describe, expect, test } from "bun:test";
import {
  compilePattern,
  compileRule,
  fingerprint,
  normalizeBlock,
  normalizeIp,
  normalizeRule,
  ruleKey,
} from "./rules.ts";

describe("rules", () => {
  test("patterns: exact, :name for one segment, a final * for the path and everything below it", () => {
    expect(compilePattern("/v1/chat")("/v1/chat")).toBe(true);
    expect(compilePattern("/v1/chat")("/v1/chat/")).toBe(false);
    const p = compilePattern("/v1/sessions/:id/messages");
    expect(p("/v1/sessions/s1/messages")).toBe(true);
    expect(p("/v1/sessions//messages")).toBe(false);
    expect(p("/v1/sessions/a/b/messages")).toBe(false);
    const star = compilePattern("/v1/*");
    expect(["/v1", "/v1/", "/v1/chat", "/v1/a/b"].map(star)).toEqual([true, true, true, true]);
    expect(star("/v10/chat")).toBe(false);
    expect(compilePattern("/*")("/anything")).toBe(true);
    expect(compilePattern("/v1.0/x")("/v1a0/x")).toBe(false); // dots are literal
    expect(() => compilePattern("/v1/x*")).toThrow("whole segments");
  });

  test("keys: the rule id and each part's value, '-' when missing; long keys are hashed but stay distinct", () => {
    const r = compileRule(
      normalizeRule(
        { id: "r", api: "/v1/*", key: ["tenant", "ip", "route"], token_bucket: { capacity: 1, rate: 1 } },
        new Date(0),
      ),
    );
    expect(ruleKey(r, { method: "GET", path: "/v1/a", ip: "1.2.3.4" }, 256)).toBe("r|-|1.2.3.4|GET /v1/a");
    const long = (s: string) => ruleKey(r, { method: "GET", path: `/v1/${s.repeat(300)}`, tenant: "t" }, 64);
    expect(long("a").length).toBeLessThanOrEqual(64);
    expect(long("a").startsWith("r|#")).toBe(true);
    expect(long("a")).not.toBe(long("b"));
    expect(r.frames).toBe(false);
    const frames = compileRule(
      normalizeRule(
        { id: "f", api: "/v1/ws/*", key: ["tenant"], leaky_bucket: { rate: 1, max_queue: 0 } },
        new Date(0),
      ),
    );
    expect(frames.frames).toBe(true);
    expect(frames.limit).toEqual({ leaky: { ratePerSec: 1, maxQueue: 0, maxDelayMs: 10_000 } });
    // Without max_delay_ms, a long queue at a slow rate still waits at most 10 s.
    const slow = compileRule(
      normalizeRule({ id: "s", api: "/x", key: [], leaky_bucket: { rate: 1, max_queue: 100_000 } }, new Date(0)),
    );
    expect(slow.limit.leaky?.maxDelayMs).toBe(10_000);
  });

  test("fingerprints are 16 hex digits, stable, and change with any input", () => {
    const a = fingerprint("1.2.3.4", "ua", ["en"]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint("1.2.3.4", "ua", ["en"])).toBe(a);
    expect(fingerprint("1.2.3.5", "ua", ["en"])).not.toBe(a);
    expect(fingerprint("1.2.3.4", "ub", ["en"])).not.toBe(a);
    expect(fingerprint("1.2.3.4", "ua", ["de"])).not.toBe(a);
  });

  test("derived ids stay within the id pattern", () => {
    const long = normalizeRule({ api: `/v1/${"x".repeat(200)}`, token_bucket: { capacity: 1, rate: 1 } }, new Date(0));
    expect(long.id).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    expect(normalizeRule({ api: "/", token_bucket: { capacity: 1, rate: 1 } }, new Date(0)).id).toBe("root");
    const v6 = normalizeBlock({ ip: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" }, new Date(0));
    expect(v6.id).toMatch(/^ip-[A-Za-z0-9_.-]{1,61}$/);
  });

  test("IPs have one spelling: IPv4-mapped IPv6 as IPv4, IPv6 in lower case; blocks store it so", () => {
    expect(normalizeIp("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeIp(" 2001:DB8::1 ")).toBe("2001:db8::1");
    expect(normalizeIp("::ffff:abcd")).toBe("::ffff:abcd");
    expect(normalizeBlock({ ip: "::FFFF:192.0.2.1" }, new Date(0))).toMatchObject({
      id: "ip-192.0.2.1",
      ip: "192.0.2.1",
    });
  });
});
