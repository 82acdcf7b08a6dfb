/**
 * Signed tokens for realtime connections: visitor tokens (one session) and agent
 * tokens (an agent or supervisor of one tenant). HS256 JWTs via `jose`.
 *
 * @example
 *   const tokens = await createTokenService({ secret, clock });
 *   const t = await tokens.issue({ role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" }, 3600);
 *   const p = await tokens.verify(t); // { role: "visitor", tenantId: "t1", subject: "v1", sessionId: "s1" }
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { type Clock, systemClock } from "../clock.ts";
import { ConfigError } from "../config.ts";
import { KefuError } from "../errors.ts";

/** Who a connection is. */
export type Role = "visitor" | "agent" | "supervisor";

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
const roles: Role[] = ["visitor", "agent", "supervisor"];

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

/** Creates the HS256 token service. */
export function createTokenService(opts: { secret: Uint8Array; clock?: Clock }): TokenService {
  const clock = opts.clock ?? systemClock;
  const key = opts.secret;
  const unauthorized = (why: string) => new KefuError("unauthorized", why, { status: 401 });
  return {
    async issue(p, ttlSec) {
      const now = Math.floor(clock.now() / 1000);
      const jwt = new SignJWT({ role: p.role, tid: p.tenantId, ...(p.sessionId ? { sid: p.sessionId } : {}) })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(ISSUER)
        .setSubject(p.subject)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSec);
      return jwt.sign(key);
    },
    async verify(token) {
      if (!token) throw unauthorized("a token is required");
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          algorithms: ["HS256"],
          currentDate: new Date(clock.now()),
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
        throw unauthorized("invalid token");
      }
    },
  };
}
