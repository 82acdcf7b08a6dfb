/**
 * Tenant API keys for server-to-server calls.
 *
 * - Text: `kf_live_<id>_<secret>`: `id` is public (12 lower-case hex characters; lists,
 *   logs, rate limits and revocation name it), `secret` is 32 random bytes (base64url).
 *   The full text is returned once, at creation; only SHA-256(secret) is stored and
 *   compared in constant time.
 * - Rotation creates a new key (same tenant, role and name) and lets the old one
 *   verify for a grace period, then it expires.
 * - Revocation is immediate; `onRevoked` listeners (e.g. the realtime layer closing
 *   the key's sockets) are told the key id.
 *
 * @example
 *   const keys = createApiKeys({ store, clock });
 *   const { key, secret } = await keys.create({ tenantId: "acme", role: "service", name: "crm", createdBy: "owner" });
 *   (await keys.verify(secret)).id === key.id; // true
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import type { ApiKeyRecord, IdentityStore } from "./identity-store.ts";
import type { AccessRole } from "./permissions.ts";

/** Prefix of every API key's text. */
export const KEY_PREFIX = "kf_live_";
const KEY_TEXT = /^kf_live_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** Longest rotation grace period, seconds (30 days). */
export const MAX_GRACE_SEC = 30 * 86_400;

/** An API key without its hash: what lists and responses show. */
export type ApiKeyView = Omit<ApiKeyRecord, "hash"> & { state: "active" | "expiring" | "expired" | "revoked" };

/** The API key service. */
export interface ApiKeys {
  /** Creates a key; `secret` is the full key text, shown once. */
  create(opts: {
    tenantId: string;
    role: AccessRole;
    name: string;
    createdBy: string;
  }): Promise<{ key: ApiKeyView; secret: string }>;
  /** Rotates `id`: a new key now; the old one verifies for `graceSec` more seconds. */
  rotate(id: string, graceSec: number, by: string): Promise<{ key: ApiKeyView; secret: string; old: ApiKeyView }>;
  /** Revokes `id` at once and tells the `onRevoked` listeners. */
  revoke(id: string): Promise<ApiKeyView>;
  /** The key a text proves, or throws `unauthorized` 401 (unknown, wrong secret, expired, revoked). */
  verify(text: string): Promise<ApiKeyRecord>;
  get(id: string): Promise<ApiKeyView | undefined>;
  list(tenantId: string): Promise<ApiKeyView[]>;
  /** Registers a revocation listener; returns its removal. */
  onRevoked(fn: (keyId: string) => void): () => void;
}

/** Is this bearer credential shaped like an API key? @example looksLikeApiKey("kf_live_…") // true */
export function looksLikeApiKey(text: string): boolean {
  return text.startsWith(KEY_PREFIX);
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * The view of a key at `now` (no hash).
 *
 * @example
 *   keyView(record, Date.now()).state; // "active"
 */
export function keyView(k: ApiKeyRecord, now: number): ApiKeyView {
  const { hash: _hash, ...rest } = k;
  const state =
    k.revokedAtMs !== null && k.revokedAtMs <= now
      ? "revoked"
      : k.expiresAtMs !== null && k.expiresAtMs <= now
        ? "expired"
        : k.expiresAtMs !== null
          ? "expiring"
          : "active";
  return { ...rest, state };
}

/** Creates the API key service over an identity store. */
export function createApiKeys(deps: { store: IdentityStore; clock?: Clock }): ApiKeys {
  const clock = deps.clock ?? systemClock;
  const listeners = new Set<(keyId: string) => void>();
  const unauthorized = (why: string) => new KefuError("unauthorized", why, { status: 401 });
  const notFound = (id: string) => new KefuError("not_found", `no API key ${id}`, { status: 404 });

  async function mint(base: Omit<ApiKeyRecord, "id" | "hash" | "createdAtMs">) {
    const id = randomBytes(6).toString("hex");
    const secret = randomBytes(32).toString("base64url");
    const record: ApiKeyRecord = { ...base, id, hash: sha256(secret), createdAtMs: clock.now() };
    await deps.store.insertKey(record);
    return { key: keyView(record, clock.now()), secret: `${KEY_PREFIX}${id}_${secret}` };
  }

  return {
    create: (o) =>
      mint({
        tenantId: o.tenantId,
        role: o.role,
        name: o.name,
        createdBy: o.createdBy,
        expiresAtMs: null,
        revokedAtMs: null,
        rotatedTo: null,
      }),
    async rotate(id, graceSec, by) {
      if (!Number.isInteger(graceSec) || graceSec < 0 || graceSec > MAX_GRACE_SEC)
        throw new KefuError("invalid_request", `graceSec must be an integer from 0 to ${MAX_GRACE_SEC}`, {
          status: 400,
        });
      const old = await deps.store.getKey(id);
      if (!old) throw notFound(id);
      const view = keyView(old, clock.now());
      if (view.state === "revoked" || view.state === "expired" || old.rotatedTo)
        throw new KefuError("key_inactive", `API key ${id} is ${old.rotatedTo ? "already rotated" : view.state}`, {
          status: 409,
        });
      const next = await mint({
        tenantId: old.tenantId,
        role: old.role,
        name: old.name,
        createdBy: by,
        expiresAtMs: null,
        revokedAtMs: null,
        rotatedTo: null,
      });
      const updated = await deps.store.updateKey(id, {
        expiresAtMs: clock.now() + graceSec * 1000,
        rotatedTo: next.key.id,
      });
      return { ...next, old: keyView(updated ?? old, clock.now()) };
    },
    async revoke(id) {
      const cur = await deps.store.getKey(id);
      if (!cur) throw notFound(id);
      const updated = cur.revokedAtMs === null ? await deps.store.updateKey(id, { revokedAtMs: clock.now() }) : cur;
      for (const fn of listeners) fn(id);
      return keyView(updated ?? cur, clock.now());
    },
    async verify(text) {
      const m = KEY_TEXT.exec(text);
      if (!m) throw unauthorized("malformed API key");
      const rec = await deps.store.getKey(m[1] as string);
      // The same hash work for an unknown id, so timing does not tell ids apart.
      const given = Buffer.from(sha256(m[2] as string), "hex");
      const want = Buffer.from(rec?.hash ?? "00".repeat(32), "hex");
      const ok = want.length === given.length && timingSafeEqual(given, want);
      if (!rec || !ok) throw unauthorized("invalid API key");
      const now = clock.now();
      if (rec.revokedAtMs !== null && rec.revokedAtMs <= now) throw unauthorized("API key revoked");
      if (rec.expiresAtMs !== null && rec.expiresAtMs <= now) throw unauthorized("API key expired");
      return rec;
    },
    async get(id) {
      const k = await deps.store.getKey(id);
      return k ? keyView(k, clock.now()) : undefined;
    },
    async list(tenantId) {
      const now = clock.now();
      return (await deps.store.listKeys(tenantId)).map((k) => keyView(k, now));
    },
    onRevoked(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
