/**
 * Liveness, readiness and version endpoints.
 *
 * - `GET /healthz`: the process is alive and serving (200 always).
 * - `GET /readyz`: every configured backend answers and the process is not draining;
 *   else 503 `{ error: { code: "not_ready", message }, backends }` naming which one.
 * - `GET /version`: build facts.
 *
 * @example
 *   new Elysia().use(health({ backends, lifecycle, build }));
 */
import { Elysia } from "elysia";
import type { Backends } from "../../engine/backends.ts";
import type { BuildFacts } from "../../engine/metrics.ts";

/** Shared process state: `draining` turns true when shutdown starts. */
export interface Lifecycle {
  draining: boolean;
}

/** Options of the health plugin. */
export interface HealthOptions {
  backends: Pick<Backends, "readiness" | "kernels">;
  lifecycle: Lifecycle;
  build: BuildFacts;
}

/** The health plugin. */
export function health(opts: HealthOptions) {
  return new Elysia({ name: "kefu/health" })
    .get("/healthz", () => ({ status: "ok" }))
    .get("/readyz", async ({ set }) => {
      const report = await opts.backends.readiness();
      if (opts.lifecycle.draining) {
        set.status = 503;
        return { error: { code: "shutting_down", message: "the process is draining" }, backends: report.backends };
      }
      if (!report.ok) {
        set.status = 503;
        const down = Object.entries(report.backends)
          .filter(([, b]) => !b.ok)
          .map(([name, b]) => `${name} (${b.kind}): ${b.error}`);
        return {
          error: { code: "not_ready", message: `not reachable: ${down.join("; ")}` },
          backends: report.backends,
        };
      }
      return { status: "ready", backends: report.backends };
    })
    .get("/version", () => {
      const k = opts.backends.kernels;
      return {
        name: "kefu",
        version: opts.build.version,
        commit: opts.build.commit,
        bun: Bun.version,
        native: { impl: k.impl, simd: k.simd, version: k.version },
      };
    });
}
