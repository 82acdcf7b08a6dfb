/**
 * The gateway process: reads config, builds the backends, listens, and shuts down
 * gracefully on SIGTERM/SIGINT (stop accepting, drain requests in flight up to
 * `shutdown.timeoutMs`, flush the stores, exit 0).
 *
 * Exit codes: 0 clean shutdown, 1 start-up failure (e.g. port in use), 2 bad config.
 *
 * @example
 *   KEFU_PORT=9000 bun run gateway/main.ts
 */
import { createBackends } from "../engine/backends.ts";
import { readBuild } from "../engine/build.ts";
import { ConfigError, loadConfig } from "../engine/config.ts";
import { createLogger } from "../engine/logger.ts";
import { createMetrics } from "../engine/metrics.ts";
import { createApp } from "./app.ts";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`kefu: invalid configuration: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}

const logger = createLogger(config.logLevel);
const backends = await createBackends(config, { logger });
const build = readBuild(backends.kernels.simd);
const metrics = createMetrics(build);
const lifecycle = { draining: false };
const app = createApp({ config, backends, metrics, logger, build, lifecycle });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  lifecycle.draining = true;
  const t0 = performance.now();
  logger.info("shutting down", { signal, timeoutMs: config.shutdown.timeoutMs });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drained = await Promise.race([
    (app.server?.stop(false) ?? Promise.resolve()).then(() => true),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), config.shutdown.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (!drained) {
    logger.warn("drain timed out; closing remaining connections", { timeoutMs: config.shutdown.timeoutMs });
    await app.server?.stop(true);
  }
  await backends.close();
  logger.info("stopped", { ms: Math.round(performance.now() - t0), drained });
  process.exit(0);
}
// Handlers go in before listening, so a signal right after start-up is never lost.
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

try {
  app.listen({ hostname: config.host, port: config.port, maxRequestBodySize: config.http.maxBodyBytes });
} catch (error) {
  logger.error("cannot listen", { host: config.host, port: config.port, error });
  await backends.close();
  process.exit(1);
}
const server = app.server;
if (!server) throw new Error("server did not start");
logger.info("kefu listening", {
  url: `http://${server.hostname}:${server.port}`,
  version: build.version,
  native: backends.kernels.impl,
  eventStore: backends.eventStore.kind,
});
