import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manualClock } from "../clock.ts";
import { ConfigError } from "../config.ts";
import type { KefuError } from "../errors.ts";
import { createTokenService, resolveSecret } from "./tokens.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-auth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secret = new TextEncoder().encode("x".repeat(32));

async function failure(p: Promise<unknown>): Promise<KefuError> {
  return (await p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  )) as KefuError;
}

describe("tokens", () => {
  test("a visitor token round-trips its tenant, subject and session", async () => {
    const t = createTokenService({ secret });
    const token = await t.issue({ role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" }, 60);
    expect(await t.verify(token)).toEqual({ role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" });
  });

  test("expired tokens are refused with 401 token expired", async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const t = createTokenService({ secret, clock });
    const token = await t.issue({ role: "agent", tenantId: "t1", subject: "a1" }, 60);
    clock.advance(61_000);
    const e = await failure(t.verify(token));
    expect([e.code, e.status, e.message]).toEqual(["unauthorized", 401, "token expired"]);
  });

  test("a token signed with another key, or garbage, is refused", async () => {
    const other = createTokenService({ secret: new TextEncoder().encode("y".repeat(32)) });
    const token = await other.issue({ role: "supervisor", tenantId: "t1", subject: "s" }, 60);
    expect((await failure(createTokenService({ secret }).verify(token))).message).toBe("invalid token");
    expect((await failure(createTokenService({ secret }).verify("not.a.jwt"))).code).toBe("unauthorized");
    expect((await failure(createTokenService({ secret }).verify(""))).message).toBe("a token is required");
  });

  test("a generated secret is kept in a 0600 file and reused", () => {
    const file = join(dir, "auth.key");
    const a = resolveSecret("", file);
    const b = resolveSecret("", file);
    expect(a.length).toBe(32);
    expect(b).toEqual(a);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test("a configured secret shorter than 32 characters is a config error", () => {
    expect(() => resolveSecret("short", join(dir, "x.key"))).toThrow(ConfigError);
    expect(resolveSecret("z".repeat(40), join(dir, "y.key")).length).toBe(40);
  });
});
