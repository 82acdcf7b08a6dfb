/**
 * Opens the console store the config asks for: PostgreSQL when the event store is
 * PostgreSQL (several nodes share it), else SQLite at `<dataDir>/console.db`.
 *
 * @example
 *   const store = await openConsoleStore(config);
 */
import { join, resolve } from "node:path";
import type { Config } from "../../engine/config.ts";
import { createPostgresConsoleStore } from "../../engine/console/console-store.postgres.ts";
import { createSqliteConsoleStore } from "../../engine/console/console-store.sqlite.ts";
import type { ConsoleStore } from "../../engine/console/console-store.ts";
import { postgresOptions } from "../../engine/storage/event-store.postgres.ts";

/** The console store for `config`. */
export async function openConsoleStore(config: Config): Promise<ConsoleStore> {
  if (config.storage.eventStore === "postgres") {
    const o = postgresOptions(config.storage.postgres);
    return createPostgresConsoleStore({
      url: o.url,
      poolSize: Math.min(4, o.poolSize ?? 4),
      ...(o.connectTimeoutMs !== undefined ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
      ...(o.queryTimeoutMs !== undefined ? { queryTimeoutMs: o.queryTimeoutMs } : {}),
      ...(o.migrateOnStart !== undefined ? { migrateOnStart: o.migrateOnStart } : {}),
    });
  }
  return createSqliteConsoleStore({ path: join(resolve(config.dataDir), "console.db") });
}
