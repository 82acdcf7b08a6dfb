import { describe, expect, test } from "bun:test";
import { base64url, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import { manualClock } from "../clock.ts";
import type { KefuError } from "../errors.ts";
import { createSqliteIdentityStore } from "./identity-store.sqlite.ts";
import { createKeySet } from "./keyset.ts";
import { AUDIENCE, createTokenService } from "./tokens.ts";

const DAY = 86_400;
const legacy = new TextEncoder().encode("l".repeat(32));

// The start of a rotation period (periods are aligned to the Unix epoch).
const PERIOD_START = Math.ceil(Date.UTC(2026, 0, 5) / (7 * DAY * 1000)) * 7 * DAY * 1000;

function setup(start = PERIOD_START) {
  const clock = manualClock(start);
  const store = createSqliteIdentityStore({ path: ":memory:" });
  const keys = createKeySet({ store, clock, rotationSec: 7 * DAY, maxTokenTtlSec: DAY });
  const tokens = createTokenService({ secret: legacy, clock, keys });
  return { clock, store, keys, tokens };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = (await p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (x: unknown) => x,
  )) as KefuError;
  expect([e.code, e.status]).toEqual(["unauthorized", 401]);
  return e.message;
}

const agent = { role: "agent" as const, tenantId: "t1", subject: "a1" };

describe("JWT key set", () => {
  test("tokens name their signing key (kid), issuer and audience, and verify", async () => {
    const { tokens, keys } = setup();
    const t = await tokens.issue(agent, 3600);
    const h = decodeProtectedHeader(t);
    expect(h.alg).toBe("HS256");
    expect(h.kid).toBe((await keys.signingKey()).kid);
    const body = JSON.parse(new TextDecoder().decode(base64url.decode(t.split(".")[1] as string)));
    expect([body.iss, body.aud]).toEqual(["kefu", AUDIENCE]);
    expect(await tokens.verify(t)).toEqual(agent);
  });

  test("the signing key rotates every period; an old key verifies until retired (period + max TTL), then not", async () => {
    const { tokens, keys, clock } = setup();
    const first = await tokens.issue(agent, DAY);
    const kid1 = decodeProtectedHeader(first).kid;
    clock.advance(7 * DAY * 1000);
    const second = await tokens.issue(agent, DAY);
    const kid2 = decodeProtectedHeader(second).kid;
    expect(kid2).not.toBe(kid1);
    expect(await keys.kids()).toEqual([kid2 as string, kid1 as string]);
    // The first token itself expired, but its key still verifies a fresh-enough token: sign one by hand.
    const k1 = await keys.key(kid1 as string);
    expect(k1).toBeDefined();
    clock.advance(DAY * 1000); // period 1 started 8 days ago: its key is retired
    expect(await keys.key(kid1 as string)).toBeUndefined();
    expect(await tokens.verify(await tokens.issue(agent, 60))).toEqual(agent);
    expect(await keys.kids()).toEqual([kid2 as string]);
  });

  test("a token signed just before a rotation still verifies after it", async () => {
    const { tokens, clock } = setup();
    clock.advance(7 * DAY * 1000 - 60_000);
    const t = await tokens.issue(agent, 3600);
    clock.advance(120_000);
    const after = await tokens.issue(agent, 3600);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(t).kid);
    expect(await tokens.verify(t)).toEqual(agent);
  });

  test("two nodes sharing the store sign and verify each other's tokens", async () => {
    const { store, clock, tokens } = setup();
    const other = createTokenService({
      secret: new TextEncoder().encode("o".repeat(32)),
      clock,
      keys: createKeySet({ store, clock, rotationSec: 7 * DAY, maxTokenTtlSec: DAY }),
    });
    expect(await other.verify(await tokens.issue(agent, 60))).toEqual(agent);
    expect(await tokens.verify(await other.issue(agent, 60))).toEqual(agent);
  });

  test("alg none is refused", async () => {
    const { tokens } = setup();
    const t = new UnsecuredJWT({ role: "owner", tid: "t1" }).setIssuer("kefu").setSubject("x").setExpirationTime("1h");
    expect(await refusal(tokens.verify(t.encode()))).toBe("token algorithm none is not accepted");
  });

  test("algorithm confusion is refused: an ES256 token naming our kid, and an HS512 token", async () => {
    const { tokens, keys } = setup();
    const { kid, secret } = await keys.signingKey();
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    expect((await exportJWK(publicKey)).kty).toBe("EC");
    const es = await new SignJWT({ role: "owner", tid: "t1" })
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuer("kefu")
      .setAudience(AUDIENCE)
      .setSubject("x")
      .setExpirationTime("1h")
      .sign(privateKey);
    expect(await refusal(tokens.verify(es))).toBe("token algorithm ES256 is not accepted");
    const hs512 = await new SignJWT({ role: "owner", tid: "t1" })
      .setProtectedHeader({ alg: "HS512", kid })
      .setIssuer("kefu")
      .setAudience(AUDIENCE)
      .setSubject("x")
      .setExpirationTime("1h")
      .sign(new Uint8Array([...secret, ...secret]));
    expect(await refusal(tokens.verify(hs512))).toBe("token algorithm HS512 is not accepted");
  });

  const forge = async (
    secret: Uint8Array,
    header: { kid?: string },
    claims: { iss?: string; aud?: string; exp?: number | null },
    now: number,
  ) => {
    const j = new SignJWT({ role: "agent", tid: "t1" })
      .setProtectedHeader({ alg: "HS256", ...header })
      .setSubject("a1");
    if (claims.iss !== undefined) j.setIssuer(claims.iss);
    if (claims.aud !== undefined) j.setAudience(claims.aud);
    if (claims.exp !== null) j.setExpirationTime(claims.exp ?? Math.floor(now / 1000) + 60);
    return j.sign(secret);
  };

  test("an unknown kid is refused, even with a correct signature by a key of ours", async () => {
    const { tokens, keys, clock } = setup();
    const { secret } = await keys.signingKey();
    const t = await forge(secret, { kid: "k999999" }, { iss: "kefu", aud: AUDIENCE }, clock.now());
    expect(await refusal(tokens.verify(t))).toBe("token signed with an unknown or retired key");
    const t2 = await forge(secret, { kid: "mine" }, { iss: "kefu", aud: AUDIENCE }, clock.now());
    expect(await refusal(tokens.verify(t2))).toBe("token signed with an unknown or retired key");
  });

  test("bad exp (past, or missing), bad aud and bad iss are refused", async () => {
    const { tokens, keys, clock } = setup();
    const { kid, secret } = await keys.signingKey();
    const now = clock.now();
    const ok = await forge(secret, { kid }, { iss: "kefu", aud: AUDIENCE }, now);
    expect(await tokens.verify(ok)).toEqual(agent);
    const past = await forge(secret, { kid }, { iss: "kefu", aud: AUDIENCE, exp: Math.floor(now / 1000) - 1 }, now);
    expect(await refusal(tokens.verify(past))).toBe("token expired");
    const noExp = await forge(secret, { kid }, { iss: "kefu", aud: AUDIENCE, exp: null }, now);
    expect(await refusal(tokens.verify(noExp))).toBe("token claim exp is not valid");
    const aud = await forge(secret, { kid }, { iss: "kefu", aud: "someone-else" }, now);
    expect(await refusal(tokens.verify(aud))).toBe("token claim aud is not valid");
    const noAud = await forge(secret, { kid }, { iss: "kefu" }, now);
    expect(await refusal(tokens.verify(noAud))).toBe("token claim aud is not valid");
    const iss = await forge(secret, { kid }, { iss: "evil", aud: AUDIENCE }, now);
    expect(await refusal(tokens.verify(iss))).toBe("token claim iss is not valid");
  });

  test("tokens minted before key sets (no kid, the auth.secret key) keep verifying; forged ones do not", async () => {
    const { tokens, clock } = setup();
    const old = createTokenService({ secret: legacy, clock });
    const t = await old.issue({ role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" }, 60);
    expect(decodeProtectedHeader(t).kid).toBeUndefined();
    expect(await tokens.verify(t)).toEqual({ role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" });
    const forged = await forge(new TextEncoder().encode("f".repeat(32)), {}, { iss: "kefu" }, clock.now());
    expect(await refusal(tokens.verify(forged))).toBe("invalid token");
  });
});

describe("JWT key set derived from a shared secret (nodes without a shared store)", () => {
  test("two nodes with their own stores and one secret verify each other's tokens, across rotations", async () => {
    const clock = manualClock(PERIOD_START);
    const derive = new TextEncoder().encode("shared-secret-".repeat(3));
    const node = () =>
      createTokenService({
        secret: legacy,
        clock,
        keys: createKeySet({
          store: createSqliteIdentityStore({ path: ":memory:" }),
          clock,
          rotationSec: 7 * DAY,
          maxTokenTtlSec: DAY,
          derive,
        }),
      });
    const a = node();
    const b = node();
    const t1 = await a.issue(agent, DAY);
    expect(await b.verify(t1)).toEqual(agent);
    clock.advance(7 * DAY * 1000);
    const t2 = await b.issue(agent, 60);
    expect(decodeProtectedHeader(t2).kid).not.toBe(decodeProtectedHeader(t1).kid);
    expect(await a.verify(t2)).toEqual(agent);
    // Another secret derives other keys: its tokens are refused.
    const stranger = createTokenService({
      secret: legacy,
      clock,
      keys: createKeySet({
        store: createSqliteIdentityStore({ path: ":memory:" }),
        clock,
        rotationSec: 7 * DAY,
        maxTokenTtlSec: DAY,
        derive: new TextEncoder().encode("x".repeat(40)),
      }),
    });
    expect(await refusal(a.verify(await stranger.issue(agent, 60)))).toBe("invalid token");
    // Retired periods are refused here too.
    clock.advance(DAY * 1000);
    const ks = createKeySet({
      store: createSqliteIdentityStore({ path: ":memory:" }),
      clock,
      rotationSec: 7 * DAY,
      maxTokenTtlSec: DAY,
      derive,
    });
    expect(await ks.key(decodeProtectedHeader(t1).kid as string)).toBeUndefined();
    expect(await ks.kids()).toEqual([decodeProtectedHeader(t2).kid as string]);
  });
});

test("a node that loaded the set just before another node rotated finds the new key at once", async () => {
  const clock = manualClock(PERIOD_START - 10);
  const store = createSqliteIdentityStore({ path: ":memory:" });
  const opts = { store, clock, rotationSec: 7 * DAY, maxTokenTtlSec: DAY };
  const a = createTokenService({ secret: legacy, clock, keys: createKeySet(opts) });
  const b = createTokenService({ secret: legacy, clock, keys: createKeySet(opts) });
  expect(await b.verify(await a.issue(agent, 60))).toEqual(agent); // b loads the set
  clock.advance(60); // a new period: a creates its key
  const t = await a.issue(agent, 60);
  expect(await b.verify(t)).toEqual(agent);
});
