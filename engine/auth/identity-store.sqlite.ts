/**
 * IdentityStore on SQLite (bun:sqlite, WAL): the embedded default, single node only
 * (use `createPostgresIdentityStore` when several nodes must share keys).
 *
 * @example
 *   const store = createSqliteIdentityStore({ path: join(dataDir, "identity.db") });
 */
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { KefuError } from "../errors.ts";
import {
  type ApiKeyRecord,
  apiKeyRow,
  type IdentityStore,
  MAX_LIST,
  type SigningKey,
  type Tenant,
} from "./identity-store.ts";
import type { AccessRole } from "./permissions.ts";

interface KeyRow {
  id: string;
  tenant_id: string;
  name: string;
  role: string;
  hash: string;
  created_at: number;
  created_by: string;
  expires_at: number | null;
  revoked_at: number | null;
  rotated_to: string | null;
}
interface TenantRow {
  id: string;
  name: string;
  status: string;
  created_at: number;
  updated_at: number;
}

const tenantOf = (r: TenantRow): Tenant => ({
  id: r.id,
  name: r.name,
  status: r.status === "disabled" ? "disabled" : "active",
  createdAtMs: r.created_at,
  updatedAtMs: r.updated_at,
});
const keyOf = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  role: r.role as AccessRole,
  hash: r.hash,
  createdAtMs: r.created_at,
  createdBy: r.created_by,
  expiresAtMs: r.expires_at,
  revokedAtMs: r.revoked_at,
  rotatedTo: r.rotated_to,
});

/** Opens (creating) the SQLite identity store at `path` (`:memory:` for tests). */
export function createSqliteIdentityStore(opts: { path: string }): IdentityStore {
  if (opts.path !== ":memory:") mkdirSync(dirname(opts.path), { recursive: true });
  const db = new Database(opts.path, { create: true, strict: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA busy_timeout = 5000");
  db.run(`CREATE TABLE IF NOT EXISTS tenants (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`);
  db.run(`CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, hash TEXT NOT NULL,
    created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
    expires_at INTEGER, revoked_at INTEGER, rotated_to TEXT)`);
  db.run("CREATE INDEX IF NOT EXISTS api_keys_tenant ON api_keys (tenant_id, created_at)");
  db.run(
    `CREATE TABLE IF NOT EXISTS jwt_keys (kid TEXT PRIMARY KEY, secret BLOB NOT NULL, created_at INTEGER NOT NULL)`,
  );
  let closed = false;
  return {
    kind: "sqlite",
    async createTenant(t) {
      const r = db
        .query(
          "INSERT INTO tenants (id, name, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .run(t.id, t.name, t.status, t.createdAtMs, t.updatedAtMs);
      if (r.changes === 0) throw new KefuError("tenant_exists", `tenant ${t.id} already exists`, { status: 409 });
      return t;
    },
    async getTenant(id) {
      const r = db.query<TenantRow, [string]>("SELECT * FROM tenants WHERE id = ?").get(id);
      return r ? tenantOf(r) : undefined;
    },
    async listTenants() {
      return db.query<TenantRow, [number]>("SELECT * FROM tenants ORDER BY id LIMIT ?").all(MAX_LIST).map(tenantOf);
    },
    async setTenantStatus(id, status, atMs) {
      db.query("UPDATE tenants SET status = ?, updated_at = ? WHERE id = ?").run(status, atMs, id);
      return this.getTenant(id);
    },
    async insertKey(k) {
      const r = db
        .query(
          `INSERT INTO api_keys (id, tenant_id, name, role, hash, created_at, created_by, expires_at, revoked_at, rotated_to)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(...apiKeyRow(k));
      if (r.changes === 0) throw new KefuError("key_exists", `API key ${k.id} already exists`, { status: 409 });
    },
    async getKey(id) {
      const r = db.query<KeyRow, [string]>("SELECT * FROM api_keys WHERE id = ?").get(id);
      return r ? keyOf(r) : undefined;
    },
    async listKeys(tenantId) {
      return db
        .query<KeyRow, [string, number]>(
          "SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        )
        .all(tenantId, MAX_LIST)
        .map(keyOf);
    },
    async updateKey(id, patch) {
      const cur = await this.getKey(id);
      if (!cur) return undefined;
      const next = { ...cur, ...patch };
      db.query("UPDATE api_keys SET expires_at = ?, revoked_at = ?, rotated_to = ? WHERE id = ?").run(
        next.expiresAtMs,
        next.revokedAtMs,
        next.rotatedTo,
        id,
      );
      return next;
    },
    async addSigningKey(k) {
      db.query("INSERT INTO jwt_keys (kid, secret, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").run(
        k.kid,
        k.secret,
        k.createdAtMs,
      );
      const r = db
        .query<{ kid: string; secret: Uint8Array; created_at: number }, [string]>(
          "SELECT * FROM jwt_keys WHERE kid = ?",
        )
        .get(k.kid);
      if (!r) throw new KefuError("internal", `signing key ${k.kid} vanished`);
      return { kid: r.kid, secret: new Uint8Array(r.secret), createdAtMs: r.created_at };
    },
    async signingKeys() {
      return db
        .query<{ kid: string; secret: Uint8Array; created_at: number }, []>(
          "SELECT * FROM jwt_keys ORDER BY created_at DESC, kid DESC",
        )
        .all()
        .map((r) => ({ kid: r.kid, secret: new Uint8Array(r.secret), createdAtMs: r.created_at }) satisfies SigningKey);
    },
    async deleteSigningKeysBefore(ms) {
      return db.query("DELETE FROM jwt_keys WHERE created_at < ?").run(ms).changes;
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  } satisfies IdentityStore;
}
