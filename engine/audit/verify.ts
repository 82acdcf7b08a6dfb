/**
 * `npm run audit:verify` (or `bun engine/audit/verify.ts [--tenant <id>]…`): checks the
 * hash chain of the audit log in the configured EventStore (KEFU_* environment, as
 * the gateway reads it). Without `--tenant` it checks `_platform` and every tenant of
 * the identity store. Prints one JSON line per tenant (`ok`, `records`, `head`, and
 * the first `broken` record) and exits 1 when any chain is broken, 2 on bad usage.
 *
 * @example
 *   KEFU_DATA_DIR=./data bun engine/audit/verify.ts --tenant acme
 *   // {"tenantId":"acme","ok":true,"records":12,"head":"9f2c…"}
 */
import { join, resolve } from "node:path";
import { openIdentityStore } from "../auth/identity.ts";
import { type Config, loadConfig } from "../config.ts";
import { loadEventBatchDecoder } from "../storage/event-codec.ts";
import { createPostgresEventStore, postgresOptions } from "../storage/event-store.postgres.ts";
import { createSqliteEventStore } from "../storage/event-store.sqlite.ts";
import type { EventStore } from "../storage/event-store.ts";
import { type AuditVerifyResult, createAuditLog, PLATFORM_TENANT } from "./audit-log.ts";

/**
 * Verifies the audit chains of `tenants` (default: `_platform` and every known tenant).
 *
 * @example
 *   const results = await verifyAudit(config, ["acme"]);
 */
export async function verifyAudit(config: Config, tenants: string[] = []): Promise<AuditVerifyResult[]> {
  const decoder = loadEventBatchDecoder();
  const store: EventStore =
    config.storage.eventStore === "postgres"
      ? await createPostgresEventStore({
          ...postgresOptions(config.storage.postgres),
          decoder,
          maintenanceIntervalMs: 0,
        })
      : createSqliteEventStore({ path: join(resolve(config.dataDir), "events.db"), decoder });
  try {
    let ids = tenants;
    if (ids.length === 0) {
      const identity = await openIdentityStore(config);
      try {
        ids = [PLATFORM_TENANT, ...(await identity.listTenants()).map((t) => t.id)];
      } finally {
        await identity.close();
      }
    }
    const audit = createAuditLog({ store });
    const out: AuditVerifyResult[] = [];
    for (const id of ids) out.push(await audit.verify(id));
    return out;
  } finally {
    await store.close();
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const tenants: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tenant" && args[i + 1]) tenants.push(args[++i] as string);
    else {
      console.error(`usage: bun engine/audit/verify.ts [--tenant <id>]…  (unexpected: ${args[i]})`);
      process.exit(2);
    }
  }
  const results = await verifyAudit(loadConfig(process.env), tenants);
  for (const r of results) console.log(JSON.stringify(r));
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
