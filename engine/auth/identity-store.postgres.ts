/**
 * IdentityStore on PostgreSQL (pg): every node shares tenants, API keys and the JWT
 * key set, so a key created, rotated or revoked on one node counts on all of them at
 * their next request. Tables: migration 0003_identity.sql (applied here at start-up
 * when `migrateOnStart`, as the event store does).
 *
 * @example
 *   const store = await createPostgresIdentityStore({ url: "postgres://kefu@db/kefu" });
 */
import pg from "pg";
import { KefuError } from "../errors.ts";
import { migrate } from "../storage/migrate.ts";
import {
  type ApiKeyRecord,
  apiKeyRow,
  type IdentityStore,
  MAX_LIST,
  type SigningKey,
  type Tenant,
} from "./identity-store.ts";
import type { AccessRole } from "./permissions.ts";

/** Options of the PostgreSQL identity store. */
export interface PostgresIdentityStoreOptions {
  url: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  migrateOnStart?: boolean;
  /** A schema of its own (tests); default the connection's search_path. */
  schema?: string;
}

interface KeyRow {
  id: string;
  tenant_id: string;
  name: string;
  role: string;
  hash: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  rotated_to: string | null;
}
interface TenantRow {
  id: string;
  name: string;
  status: string;
  created_at: string;
  updated_at: string;
}
interface JwtRow {
  kid: string;
  secret: Buffer;
  created_at: string;
}

const num = (v: string | null) => (v === null ? null : Number(v));
const tenantOf = (r: TenantRow): Tenant => ({
  id: r.id,
  name: r.name,
  status: r.status === "disabled" ? "disabled" : "active",
  createdAtMs: Number(r.created_at),
  updatedAtMs: Number(r.updated_at),
});
const keyOf = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  role: r.role as AccessRole,
  hash: r.hash,
  createdAtMs: Number(r.created_at),
  createdBy: r.created_by,
  expiresAtMs: num(r.expires_at),
  revokedAtMs: num(r.revoked_at),
  rotatedTo: r.rotated_to,
});
const jwtOf = (r: JwtRow): SigningKey => ({
  kid: r.kid,
  secret: new Uint8Array(r.secret),
  createdAtMs: Number(r.created_at),
});

function unavailable(e: unknown): KefuError {
  if (e instanceof KefuError) return e;
  return new KefuError("store_unavailable", `identity store (PostgreSQL) unavailable: ${(e as Error).message}`, {
    status: 503,
    retryable: true,
    cause: e,
  });
}

/** Connects, applies migrations (unless `migrateOnStart: false`) and returns the store. */
export async function createPostgresIdentityStore(opts: PostgresIdentityStoreOptions): Promise<IdentityStore> {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema))
    throw new KefuError("invalid_config", `schema ${JSON.stringify(opts.schema)} is not a plain lower-case name`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    max: opts.poolSize ?? 4,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    query_timeout: opts.queryTimeoutMs ?? 10_000,
  });
  pool.on("error", () => {}); // an idle client's broken socket; the next query reports it
  try {
    if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    if (opts.migrateOnStart ?? true) await migrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const q = async <R extends pg.QueryResultRow>(sql: string, args: unknown[]): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(sql, args);
    } catch (e) {
      throw unavailable(e);
    }
  };
  let closed = false;
  const store: IdentityStore = {
    kind: "postgres",
    async createTenant(t) {
      const r = await q(
        "INSERT INTO kefu_tenants (id, name, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        [t.id, t.name, t.status, t.createdAtMs, t.updatedAtMs],
      );
      if (r.rowCount === 0) throw new KefuError("tenant_exists", `tenant ${t.id} already exists`, { status: 409 });
      return t;
    },
    async getTenant(id) {
      const r = await q<TenantRow>("SELECT * FROM kefu_tenants WHERE id = $1", [id]);
      return r.rows[0] ? tenantOf(r.rows[0]) : undefined;
    },
    async listTenants() {
      return (await q<TenantRow>("SELECT * FROM kefu_tenants ORDER BY id LIMIT $1", [MAX_LIST])).rows.map(tenantOf);
    },
    async setTenantStatus(id, status, atMs) {
      const r = await q<TenantRow>("UPDATE kefu_tenants SET status = $2, updated_at = $3 WHERE id = $1 RETURNING *", [
        id,
        status,
        atMs,
      ]);
      return r.rows[0] ? tenantOf(r.rows[0]) : undefined;
    },
    async insertKey(k) {
      const r = await q(
        `INSERT INTO kefu_api_keys (id, tenant_id, name, role, hash, created_at, created_by, expires_at, revoked_at, rotated_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [...apiKeyRow(k)],
      );
      if (r.rowCount === 0) throw new KefuError("key_exists", `API key ${k.id} already exists`, { status: 409 });
    },
    async getKey(id) {
      const r = await q<KeyRow>("SELECT * FROM kefu_api_keys WHERE id = $1", [id]);
      return r.rows[0] ? keyOf(r.rows[0]) : undefined;
    },
    async listKeys(tenantId) {
      const r = await q<KeyRow>(
        "SELECT * FROM kefu_api_keys WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        [tenantId, MAX_LIST],
      );
      return r.rows.map(keyOf);
    },
    async updateKey(id, patch) {
      const r = await q<KeyRow>(
        `UPDATE kefu_api_keys SET
           expires_at = CASE WHEN $2 THEN $3::bigint ELSE expires_at END,
           revoked_at = CASE WHEN $4 THEN $5::bigint ELSE revoked_at END,
           rotated_to = CASE WHEN $6 THEN $7::text ELSE rotated_to END
         WHERE id = $1 RETURNING *`,
        [
          id,
          "expiresAtMs" in patch,
          patch.expiresAtMs ?? null,
          "revokedAtMs" in patch,
          patch.revokedAtMs ?? null,
          "rotatedTo" in patch,
          patch.rotatedTo ?? null,
        ],
      );
      return r.rows[0] ? keyOf(r.rows[0]) : undefined;
    },
    async addSigningKey(k) {
      await q("INSERT INTO kefu_jwt_keys (kid, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [
        k.kid,
        Buffer.from(k.secret),
        k.createdAtMs,
      ]);
      const r = await q<JwtRow>("SELECT * FROM kefu_jwt_keys WHERE kid = $1", [k.kid]);
      if (!r.rows[0]) throw new KefuError("internal", `signing key ${k.kid} vanished`);
      return jwtOf(r.rows[0]);
    },
    async signingKeys() {
      return (await q<JwtRow>("SELECT * FROM kefu_jwt_keys ORDER BY created_at DESC, kid DESC", [])).rows.map(jwtOf);
    },
    async deleteSigningKeysBefore(ms) {
      return (await q("DELETE FROM kefu_jwt_keys WHERE created_at < $1", [ms])).rowCount ?? 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return store;
}
