/**
 * A gateway app with rate limiting on a manual clock, for the tests of this
 * folder: real embedded backends (memory LimitStore, SQLite rules) in a temp dir.
 *
 * @example
 *   const t = await limitedApp();
 *   await t.admin("PUT", "/v1/admin/rate_limits", { id: "echo", api: "/v1/echo", key: ["ip"], token_bucket: { capacity: 2, rate: 1 } });
 *   await t.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBackends } from "../../engine/backends.ts";
import { type ManualClock, manualClock } from "../../engine/clock.ts";
import { type Config, loadConfig } from "../../engine/config.ts";
import { createLogger } from "../../engine/logger.ts";
import { createMetrics, type Metrics } from "../../engine/metrics.ts";
import { jsKernels } from "../../engine/vector/kernels.ts";
import { type App, createApp } from "../app.ts";
import type { Authenticate } from "../auth/principal.ts";
import { createRateLimiting, type RateLimiting } from "./setup.ts";

/** The admin key of test apps. */
export const ADMIN_KEY = "test-admin-key-0123456789";

/** A limited test app. */
export interface LimitedApp {
  app: App;
  clock: ManualClock;
  config: Config;
  limiting: RateLimiting;
  metrics: Metrics;
  /** Delays the middleware asked for (leaky buckets), instead of sleeping. */
  slept: number[];
  dir: string;
  /** Calls the admin API with the admin key. */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  /** Calls the app; `ip` goes in x-forwarded-for, `tenant` in x-test-tenant (read by the test authenticator). */
  call(
    method: string,
    path: string,
    opts?: { ip?: string; tenant?: string; headers?: Record<string, string>; body?: unknown },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** Test principals: `x-test-tenant` names the tenant, `x-test-key` the API key. */
const testAuthenticate: Authenticate = async (request) => {
  const tenantId = request.headers.get("x-test-tenant");
  if (!tenantId) return undefined;
  const keyId = request.headers.get("x-test-key") ?? undefined;
  return { kind: "api_key", role: "service", tenantId, subject: keyId ?? "k", ...(keyId ? { keyId } : {}) };
};

/** Builds a limited app; `env` adds KEFU_* settings; `dir` reuses a data dir (persistence tests). */
export async function limitedApp(env: Record<string, string> = {}, reuseDir?: string): Promise<LimitedApp> {
  const dir = reuseDir ?? mkdtempSync(join(tmpdir(), "kefu-limits-"));
  const config = loadConfig({
    KEFU_DATA_DIR: dir,
    KEFU_AUTH_ADMIN_KEY: ADMIN_KEY,
    KEFU_LIMITS_CLIENT_IP_HEADER: "x-forwarded-for",
    KEFU_LIMITS_RELOAD_MS: "0",
    ...env,
  });
  const clock = manualClock(1_700_000_000_000);
  const logger = createLogger("error", () => {});
  const backends = await createBackends(config, { logger, clock, kernels: jsKernels });
  const build = { version: "0.0.0-test", commit: "test", native: "js" };
  const metrics = createMetrics(build);
  const limiting = await createRateLimiting({ config, backends, registry: metrics.registry, logger, clock });
  const slept: number[] = [];
  const app = createApp({
    config,
    backends,
    metrics,
    logger,
    build,
    lifecycle: { draining: false },
    limits: {
      limiting,
      authenticate: testAuthenticate,
      sleep: async (ms) => {
        slept.push(ms);
      },
    },
  });
  const call: LimitedApp["call"] = (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.ip) headers["x-forwarded-for"] = opts.ip;
    if (opts.tenant) headers["x-test-tenant"] = opts.tenant;
    const init: RequestInit = { method, headers };
    if (opts.body !== undefined) {
      init.body = JSON.stringify(opts.body);
      headers["content-type"] = "application/json";
    }
    return app.handle(new Request(`http://kefu.test${path}`, init));
  };
  return {
    app,
    clock,
    config,
    limiting,
    metrics,
    slept,
    dir,
    admin: (method, path, body) =>
      call(method, path, { headers: { authorization: `Bearer ${ADMIN_KEY}` }, ...(body ? { body } : {}) }),
    call,
    async close() {
      await limiting.close();
      await backends.close();
      if (!reuseDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
