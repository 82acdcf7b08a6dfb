/**
 * Opens the identity side of a gateway from its config: the identity store (SQLite
 * `<dataDir>/identity.db`, or PostgreSQL when `storage.eventStore` is postgres so
 * every node shares tenants and keys), the rotating JWT key set, the token service
 * on it, and the API key service.
 *
 * @example
 *   const id = await openIdentity(config, { clock });
 *   const token = await id.tokens.issue({ role: "admin", tenantId: "acme", subject: "ann" }, 3600);
 *   await id.close();
 */
import { join, resolve } from "node:path";
import { type Clock, systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import { postgresOptions } from "../storage/event-store.postgres.ts";
import { type ApiKeys, createApiKeys } from "./api-keys.ts";
import { createPostgresIdentityStore } from "./identity-store.postgres.ts";
import { createSqliteIdentityStore } from "./identity-store.sqlite.ts";
import type { IdentityStore } from "./identity-store.ts";
import { createKeySet, type KeySet } from "./keyset.ts";
import { createTokenService, resolveSecret, type TokenService } from "./tokens.ts";

/** The identity services of one gateway. */
export interface Identity {
  store: IdentityStore;
  keys: KeySet;
  tokens: TokenService;
  apiKeys: ApiKeys;
  close(): Promise<void>;
}

/**
 * The identity store `config` names.
 *
 * @example
 *   const store = await openIdentityStore(config);
 */
export async function openIdentityStore(config: Config): Promise<IdentityStore> {
  if (config.storage.eventStore === "postgres") {
    const o = postgresOptions(config.storage.postgres);
    return createPostgresIdentityStore({
      url: o.url,
      poolSize: Math.min(4, o.poolSize ?? 4),
      ...(o.connectTimeoutMs !== undefined ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
      ...(o.queryTimeoutMs !== undefined ? { queryTimeoutMs: o.queryTimeoutMs } : {}),
      ...(o.migrateOnStart !== undefined ? { migrateOnStart: o.migrateOnStart } : {}),
    });
  }
  return createSqliteIdentityStore({ path: join(resolve(config.dataDir), "identity.db") });
}

/** Opens the identity services for `config`. */
export async function openIdentity(config: Config, deps: { clock?: Clock } = {}): Promise<Identity> {
  const clock = deps.clock ?? systemClock;
  const store = await openIdentityStore(config);
  const a = config.auth;
  const secret = resolveSecret(a.secret, join(resolve(config.dataDir), "auth.key"));
  // A configured secret without a shared store: derive the period keys from it, so nodes that
  // share KEFU_AUTH_SECRET (and nothing else) verify each other's tokens as before key sets.
  const derive = a.secret && store.kind !== "postgres" ? secret : undefined;
  const keys = createKeySet({
    store,
    clock,
    rotationSec: a.jwtRotationSec,
    maxTokenTtlSec: Math.max(a.visitorTokenTtlSec, a.agentTokenTtlSec, a.tokenMaxTtlSec),
    ...(derive ? { derive } : {}),
  });
  const tokens = createTokenService({ secret, clock, keys });
  return { store, keys, tokens, apiKeys: createApiKeys({ store, clock }), close: () => store.close() };
}
