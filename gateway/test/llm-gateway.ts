/**
 * An in-process gateway for tests of the LLM APIs: its routing config written to a
 * file in a fresh data directory, the demo FAQ off (so the model path answers).
 *
 * @example
 *   const { gw, file, cleanup } = await startLlmGateway(config, { adminKey: "admin-key-…" });
 *   await gw.stop(500); cleanup();
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../engine/config.ts";
import { createLogger, type Logger } from "../../engine/logger.ts";
import { jsKernels } from "../../engine/vector/kernels.ts";
import { type Gateway, startGateway } from "../server.ts";
import { tempDir } from "./utils.ts";

/** Options of `startLlmGateway`. */
export interface LlmGatewayOptions {
  adminKey: string;
  /** More KEFU_* settings. */
  env?: Record<string, string>;
  /** Default: errors only, discarded. */
  logger?: Logger;
  /** Where the routing config's `apiKeyEnv` names are looked up. */
  providerEnv?: Record<string, string>;
}

/** Starts the gateway; `cleanup` removes its data directory (stop the gateway first). */
export async function startLlmGateway(
  llm: unknown,
  opts: LlmGatewayOptions,
): Promise<{ gw: Gateway; file: string; cleanup: () => void }> {
  const tmp = tempDir("kefu-llm-");
  const file = join(tmp.dir, "llm.json");
  writeFileSync(file, JSON.stringify(llm));
  const config = loadConfig({
    KEFU_PORT: "0",
    KEFU_DATA_DIR: tmp.dir,
    KEFU_AUTH_ADMIN_KEY: opts.adminKey,
    KEFU_LLM_CONFIG_FILE: file,
    // These tests are about the model path: no demo FAQ answers first.
    KEFU_KB_DEMO: "false",
    ...opts.env,
  });
  try {
    const gw = await startGateway({
      config,
      logger: opts.logger ?? createLogger("error", () => {}),
      kernels: jsKernels,
      ...(opts.providerEnv ? { env: opts.providerEnv } : {}),
    });
    return { gw, file, cleanup: tmp.cleanup };
  } catch (e) {
    tmp.cleanup();
    throw e;
  }
}
