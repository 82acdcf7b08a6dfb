/**
 * Loading the optional native addon (`native/index.js`, built by napi-rs). Every
 * user of the addon goes through here: when it is not built (or too old to have
 * what the caller needs), the caller falls back to TypeScript and one warning per
 * feature is logged per process.
 *
 * @example
 *   const addon = loadAddon<NativeKernels>("similarity kernels", (a) => typeof a.dotBatch === "function", { logger });
 *   if (!addon) useTypeScriptKernels();
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Logger } from "./logger.ts";

/** Where the generated napi loader lives. */
export const defaultAddonPath = join(import.meta.dir, "..", "native", "index.js");

/** Options shared by every addon user. */
export interface AddonOptions {
  /** Path of the napi loader; tests point it elsewhere. */
  addonPath?: string;
  logger?: Pick<Logger, "warn">;
  /** Force the TypeScript path. */
  disable?: boolean;
}

const warned = new Set<string>();

/**
 * The addon when it loads and `has(addon)` holds, else undefined (and, once per
 * `feature`, a warning naming the path and the reason).
 */
export function loadAddon<T>(
  feature: string,
  has: (addon: Partial<T>) => boolean,
  opts: AddonOptions = {},
): T | undefined {
  if (opts.disable) return undefined;
  const path = opts.addonPath ?? defaultAddonPath;
  let reason: string;
  try {
    const addon = createRequire(import.meta.url)(path) as Partial<T>;
    if (has(addon)) return addon as T;
    reason = "the addon is older than this code; rebuild it";
  } catch (e) {
    reason = (e as Error).message.split("\n")[0] ?? "";
  }
  if (!warned.has(feature)) {
    warned.add(feature);
    opts.logger?.warn(
      `native addon not loaded; using TypeScript for ${feature} (build it with \`bash .ci/build-native.sh\`)`,
      {
        path,
        reason,
      },
    );
  }
  return undefined;
}

/** Lets tests observe a feature's once-per-process warning again. */
export function resetAddonWarningForTests(feature: string): void {
  warned.delete(feature);
}
