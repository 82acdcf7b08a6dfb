/**
 * A PostgreSQL pool for the small at-scale stores (webhooks, channels, attachments):
 * nothing connects before the first query, which applies kefu's migrations (unless
 * `migrateOnStart: false`; a failed migration is tried again by the next query); every
 * failure is a typed 503 `storage_unavailable` naming the store.
 *
 * @example
 *   const pg = lazyPostgres({ url }, "the webhook store");
 *   const r = await pg.query<{ n: string }>("SELECT count(*) AS n FROM kefu_webhook_deliveries");
 *   await pg.close();
 */
import pg from "pg";
import { KefuError } from "../errors.ts";
import { migrate } from "./migrate.ts";

/** Options of {@link lazyPostgres} (and of the stores built on it). */
export interface LazyPostgresOptions {
  url: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /** Apply kefu's migrations on first use (default true). */
  migrateOnStart?: boolean;
}

/** The pool: `query` (typed 503 on failure) and `close`. */
export interface LazyPostgres {
  query<R extends pg.QueryResultRow>(sql: string, args?: unknown[]): Promise<pg.QueryResult<R>>;
  close(): Promise<void>;
}

/** Creates the pool for `what` (named in errors, e.g. "the channel store"). */
export function lazyPostgres(opts: LazyPostgresOptions, what: string): LazyPostgres {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 4,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    query_timeout: opts.queryTimeoutMs ?? 10_000,
  });
  pool.on("error", () => {}); // an idle client's broken socket; the next query reports it
  let ready: Promise<unknown> | undefined;
  return {
    async query<R extends pg.QueryResultRow>(sql: string, args: unknown[] = []): Promise<pg.QueryResult<R>> {
      try {
        ready ??= (opts.migrateOnStart ?? true) ? migrate(pool) : Promise.resolve();
        await ready.catch((e) => {
          ready = undefined; // try again on the next query
          throw e;
        });
        return await pool.query<R>(sql, args);
      } catch (e) {
        throw e instanceof KefuError
          ? e
          : new KefuError("storage_unavailable", `${what} (PostgreSQL) is unavailable`, {
              status: 503,
              retryable: true,
              cause: e,
            });
      }
    },
    close: () => pool.end(),
  };
}
