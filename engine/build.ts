/**
 * Build facts of this checkout: package version and git commit.
 *
 * @example
 *   readBuild("avx2+fma") // { version: "0.1.0", commit: "1a2b3c4", native: "avx2+fma" }
 */
import pkg from "../package.json" with { type: "json" };
import type { BuildFacts } from "./metrics.ts";

/** Reads the version from package.json and the commit from git (or "unknown"). */
export function readBuild(native: string): BuildFacts {
  let commit = "unknown";
  try {
    const p = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: import.meta.dir, stderr: "ignore" });
    if (p.exitCode === 0) commit = p.stdout.toString().trim();
  } catch {
    // git is optional at run time
  }
  return { version: pkg.version, commit, native };
}
