/**
 * HTTP metrics for every route (`kefu_http_requests_total`,
 * `kefu_http_request_duration_seconds`, labelled by route template, never by raw
 * path) and the `GET /metrics` exposition endpoint.
 *
 * @example
 *   new Elysia().use(observability({ metrics })).get("/x", () => "ok");
 */
import { Elysia } from "elysia";
import type { Metrics } from "../../engine/metrics.ts";

/** Options of the observability plugin. */
export interface ObservabilityOptions {
  metrics: Metrics;
}

const started = new WeakMap<Request, number>();

/** The observability plugin: global request hooks plus `/metrics`. */
export function observability(opts: ObservabilityOptions) {
  const { metrics } = opts;
  return new Elysia({ name: "kefu/observability" })
    .onRequest(({ request }) => {
      started.set(request, performance.now());
    })
    .onAfterResponse({ as: "global" }, ({ request, route, set, responseValue }) => {
      const t0 = started.get(request);
      // A route that did not match has no template: label it "unmatched" to bound cardinality.
      const template = route && route !== "" ? route : "unmatched";
      const status =
        responseValue instanceof Response ? responseValue.status : typeof set.status === "number" ? set.status : 200;
      metrics.httpRequests.inc({ method: request.method, route: template, status: String(status) });
      if (t0 !== undefined) {
        metrics.httpDuration.observe({ method: request.method, route: template }, (performance.now() - t0) / 1000);
      }
    })
    .get("/metrics", async ({ set }) => {
      set.headers["content-type"] = metrics.registry.contentType;
      return metrics.registry.metrics();
    });
}
