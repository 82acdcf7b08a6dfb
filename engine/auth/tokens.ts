/**
 * Signed tokens: visitor tokens (one session), agent and supervisor tokens, and
 * tokens for the other roles of the access model (owner, admin, viewer, service) of
 * one tenant. HS256 JWTs via `jose`.
 *
 * With a key set (engine/auth/keyset.ts) tokens carry `kid`, `iss: "kefu"` and
 * `aud: "kefu"` and are signed with the key of the current rotation period; without
 * one (or for tokens minted before key sets existed: no `kid`) the single secret of
 * `auth.secret` / `<dataDir>/auth.key` signs and verifies. Verification refuses
 * `alg: none` and every algorithm but HS256 (no algorithm confusion), an unknown or
 * retired `kid`, a missing or past `exp`, and a wrong `iss` or `aud`.
 *
 * @example
 *   const tokens = createTokenService({ secret, clock, keys });
 *   const t = await tokens.issue({ role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" }, 3600);
 *   const p = await tokens.verify(t); // { role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" }
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { type Clock, systemClock } from "../clock.ts";
import { ConfigError } from "../config.ts";
import { KefuError } from "../errors.ts";
import type { KeySet } from "./keyset.ts";
import { type AccessRole, ROLES } from "./permissions.ts";

/** Who a token is: any role of the access model (realtime connects visitors, agents and supervisors). */
export type Role = AccessRole;

/** The verified content of a token. */
export interface Principal {
  role: Role;
  tenantId: string;
  /** Visitor id or agent id. */
  subject: string;
  /** Visitors only: the one session they may touch. */
  sessionId?: string;
}

/** Issues and verifies tokens. */
export interface TokenService {
  issue(p: Principal, ttlSec: number): Promise<string>;
  /** Throws KefuError("unauthorized", 401) for a bad, expired or foreign token. */
  verify(token: string): Promise<Principal>;
}

const ISSUER = "kefu";
/** The `aud` of key-set tokens. */
export const AUDIENCE = "kefu";
const roles: readonly Role[] = ROLES;

/**
 * Reads the signing secret from config, or from `<keyFile>`, creating it (mode 0600)
 * with 32 random bytes on first start so tokens survive restarts.
 */
export function resolveSecret(configured: string, keyFile: string): Uint8Array {
  if (configured) {
    if (configured.length < 32) {
      throw new ConfigError(
        `KEFU_AUTH_SECRET (auth.secret) is ${configured.length} characters: expected at least 32 characters`,
      );
    }
    return new TextEncoder().encode(configured);
  }
  if (existsSync(keyFile)) return new Uint8Array(Buffer.from(readFileSync(keyFile, "utf8").trim(), "base64url"));
  const key = randomBytes(32);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, key.toString("base64url"), { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return new Uint8Array(key);
}

/**
 * Creates the HS256 token service: signs with the key set when given (else with
 * `secret`), verifies both.
 */
export function createTokenService(opts: { secret: Uint8Array; clock?: Clock; keys?: KeySet }): TokenService {
  const clock = opts.clock ?? systemClock;
  const legacy = opts.secret;
  const unauthorized = (why: string) => new KefuError("unauthorized", why, { status: 401 });
  return {
    async issue(p, ttlSec) {
      const now = Math.floor(clock.now() / 1000);
      const jwt = new SignJWT({ role: p.role, tid: p.tenantId, ...(p.sessionId ? { sid: p.sessionId } : {}) })
        .setIssuer(ISSUER)
        .setSubject(p.subject)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSec);
      if (!opts.keys) return jwt.setProtectedHeader({ alg: "HS256" }).sign(legacy);
      const k = await opts.keys.signingKey();
      return jwt.setProtectedHeader({ alg: "HS256", kid: k.kid, typ: "JWT" }).setAudience(AUDIENCE).sign(k.secret);
    },
    async verify(token) {
      if (!token) throw unauthorized("a token is required");
      try {
        let header: ReturnType<typeof decodeProtectedHeader>;
        try {
          header = decodeProtectedHeader(token);
        } catch {
          throw unauthorized("invalid token");
        }
        // Only HS256: refuses "none" and a token signed with another algorithm against our keys.
        if (header.alg !== "HS256") throw unauthorized(`token algorithm ${String(header.alg)} is not accepted`);
        let key = legacy;
        if (header.kid !== undefined) {
          const found = opts.keys ? await opts.keys.key(String(header.kid)) : undefined;
          if (!found) throw unauthorized("token signed with an unknown or retired key");
          key = found.secret;
        }
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          algorithms: ["HS256"],
          requiredClaims: ["exp"],
          currentDate: new Date(clock.now()),
          ...(header.kid !== undefined ? { audience: AUDIENCE } : {}),
        });
        const role = payload.role as Role;
        if (!roles.includes(role) || typeof payload.tid !== "string" || typeof payload.sub !== "string") {
          throw unauthorized("token has no valid role, tenant or subject");
        }
        if (role === "visitor" && typeof payload.sid !== "string") throw unauthorized("visitor token names no session");
        return {
          role,
          tenantId: payload.tid,
          subject: payload.sub,
          ...(typeof payload.sid === "string" ? { sessionId: payload.sid } : {}),
        };
      } catch (e) {
        if (e instanceof KefuError) throw e;
        if (e instanceof joseErrors.JWTExpired) throw unauthorized("token expired");
        if (e instanceof joseErrors.JWTClaimValidationFailed) throw unauthorized(`token claim ${e.claim} is not valid`);
        throw unauthorized("invalid token");
      }
    },
  };
}
