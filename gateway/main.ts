/**
 * The gateway process: reads config, starts the gateway, and shuts down
 * gracefully on SIGTERM/SIGINT (stop accepting, close WebSockets with 1001, drain
 * HTTP requests in flight up to `shutdown.timeoutMs`, flush the stores, exit 0).
 *
 * Exit codes: 0 clean shutdown, 1 start-up failure (e.g. port in use), 2 bad config.
 *
 * @example
 *   KEFU_PORT=9000 bun run gateway/main.ts
 */
import { ConfigError, loadConfig } from "../engine/config.ts";
import { createLogger } from "../engine/logger.ts";
import type { Gateway } from "./server.ts";

// Elysia reads NODE_ENV once, when it loads: outside production it pretty-prints the whole offending value
// into every validation error (a 10 KB deeply nested body became a 100 MB string; gateway/hardening.test.ts).
// So the process is production unless told otherwise, and the server is imported only after this line.
process.env.NODE_ENV ??= "production";
const { startGateway } = await import("./server.ts");

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
if (process.env.NODE_ENV !== "production")
  logger.warn("NODE_ENV is not production: validation errors copy whole request values (costly on hostile input)", {
    nodeEnv: process.env.NODE_ENV,
  });
let gateway: Gateway | undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (!gateway) process.exit(0);
  const t0 = performance.now();
  logger.info("shutting down", { signal, timeoutMs: config.shutdown.timeoutMs });
  const drained = await gateway.stop(config.shutdown.timeoutMs);
  if (!drained) logger.warn("drain timed out; closing remaining connections", { timeoutMs: config.shutdown.timeoutMs });
  logger.info("stopped", { ms: Math.round(performance.now() - t0), drained });
  process.exit(0);
}
// Handlers go in before listening, so a signal right after start-up is never lost.
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

try {
  gateway = await startGateway({ config, logger });
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`kefu: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  // Backends that cannot start (store unreachable, failed migration) and a port in use end here.
  logger.error("cannot start", { host: config.host, port: config.port, error });
  process.exit(1);
}
logger.info("kefu listening", {
  url: gateway.url,
  version: gateway.build.version,
  native: gateway.backends.kernels.impl,
  eventStore: gateway.backends.eventStore.kind,
});
