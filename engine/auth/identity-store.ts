/**
 * IdentityStore: tenants, tenant API keys (hashed) and the JWT signing key set.
 *
 * Contract (every adapter passes `runIdentityStoreContract`):
 * - `createTenant` refuses an existing id with `KefuError("tenant_exists", 409)`.
 * - `listTenants` returns tenants by id, at most `MAX_LIST`.
 * - API keys are stored with the SHA-256 of their secret only; `insertKey` refuses
 *   an existing id with `key_exists` 409. `updateKey` changes only the given fields
 *   and returns the record after the change (undefined for an unknown id).
 * - `addSigningKey` is insert-if-absent by `kid` and returns the stored key, so nodes
 *   that rotate at the same moment agree on one key. `signingKeys` returns every key
 *   not yet deleted, newest first. `deleteSigningKeysBefore` drops retired keys.
 * - Writes are durable when their promise resolves; every node of a shared backend
 *   sees them on its next read (no cache here).
 *
 * Adapters: `createSqliteIdentityStore` (a file in the data dir; single node) and
 * `createPostgresIdentityStore` (PostgreSQL; every node shares tenants and keys).
 *
 * @example
 *   await store.createTenant({ id: "acme", name: "Acme", status: "active", createdAtMs: now, updatedAtMs: now });
 *   const key = await store.getKey("k1a2b3c4d5e6");
 */
import type { AccessRole } from "./permissions.ts";

/** Most rows one list returns. */
export const MAX_LIST = 1000;

/** A tenant. */
export interface Tenant {
  id: string;
  name: string;
  status: "active" | "disabled";
  createdAtMs: number;
  updatedAtMs: number;
}

/** A stored API key: never its secret, only the secret's SHA-256 (hex). */
export interface ApiKeyRecord {
  /** Public id, part of the key text: `kf_live_<id>_<secret>`. */
  id: string;
  tenantId: string;
  name: string;
  role: AccessRole;
  hash: string;
  createdAtMs: number;
  /** Who created it (principal subject). */
  createdBy: string;
  /** Set by rotation: the key stops verifying at this time. */
  expiresAtMs: number | null;
  /** Set by revocation: the key stopped verifying at this time. */
  revokedAtMs: number | null;
  /** Set by rotation: the id of the key that replaced this one. */
  rotatedTo: string | null;
}

/** A JWT signing key (HS256 secret, 32 bytes). */
export interface SigningKey {
  kid: string;
  secret: Uint8Array;
  createdAtMs: number;
}

/** The identity storage port. */
export interface IdentityStore {
  readonly kind: string;
  createTenant(t: Tenant): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;
  setTenantStatus(id: string, status: Tenant["status"], atMs: number): Promise<Tenant | undefined>;
  insertKey(k: ApiKeyRecord): Promise<void>;
  getKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** Keys of one tenant, newest first, at most `MAX_LIST`. */
  listKeys(tenantId: string): Promise<ApiKeyRecord[]>;
  updateKey(
    id: string,
    patch: Partial<Pick<ApiKeyRecord, "expiresAtMs" | "revokedAtMs" | "rotatedTo">>,
  ): Promise<ApiKeyRecord | undefined>;
  addSigningKey(k: SigningKey): Promise<SigningKey>;
  signingKeys(): Promise<SigningKey[]>;
  deleteSigningKeysBefore(createdBeforeMs: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A key's column values in the order both adapters insert them (id, tenant_id, name,
 * role, hash, created_at, created_by, expires_at, revoked_at, rotated_to).
 *
 * @example
 *   db.query(INSERT_KEY).run(...apiKeyRow(k));
 */
export function apiKeyRow(k: ApiKeyRecord) {
  return [
    k.id,
    k.tenantId,
    k.name,
    k.role,
    k.hash,
    k.createdAtMs,
    k.createdBy,
    k.expiresAtMs,
    k.revokedAtMs,
    k.rotatedTo,
  ] as const;
}
