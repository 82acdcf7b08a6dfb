/**
 * The plain admin key check (a bearer key from `auth.adminKey`; off while the key is
 * empty). Every route already passes the permission check of gateway/auth/access.ts
 * (RBAC, engine/auth/permissions.ts); this stays for routes whose settings are shared
 * by every tenant and that want the admin key on top.
 *
 * @example
 *   requireAdmin(config, request.headers.get("authorization"));
 */
import { timingSafeEqual } from "node:crypto";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";

/** Throws 403 `admin_disabled` or 401 `unauthorized` unless the header carries the admin key. */
export function requireAdmin(config: Config, header: string | null): void {
  const key = config.auth.adminKey;
  if (!key)
    throw new KefuError("admin_disabled", "the admin API is disabled: set KEFU_AUTH_ADMIN_KEY", { status: 403 });
  const given = Buffer.from(header ?? "");
  const want = Buffer.from(`Bearer ${key}`);
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    throw new KefuError("unauthorized", "a valid admin key is required", { status: 401 });
  }
}
