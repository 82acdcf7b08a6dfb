/**
 * HTTP metrics for every route (`kefu_http_requests_total`,
 * `kefu_http_request_duration_seconds`, labelled by route template, never by raw
 * path) and the `GET /metrics` exposition endpoint.
 *
 * @example
 *   new Elysia().use(observability({ metrics })).get("/x", () => "ok");
 */
import { Elysia } from "elysia";
import { histogramChild, type Metrics } from "../../engine/metrics.ts";

/** Options of the observability plugin. */
export interface ObservabilityOptions {
  metrics: Metrics;
  /** The recorder to share with other request paths; default one of its own. */
  http?: HttpRecorder;
}

/** When a request arrived: a property on the Request, not a WeakMap entry per request for the GC to sweep. */
const STARTED = Symbol("kefu.startedAt");
type Timed = Request & { [STARTED]?: number };
const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Records HTTP requests in `kefu_http_requests_total` and `kefu_http_request_duration_seconds`. */
export interface HttpRecorder {
  /** Marks the request's arrival (its duration is measured from here). */
  start(request: Request): void;
  /** Counts the answered request under its route template ("unmatched" when none) and status. */
  record(request: Request, route: string | undefined, status: number): void;
  /**
   * The recorder of one method and route template, for a path that knows both
   * up front (gateway/openai/fast.ts): no label key to build per request.
   */
  route(method: string, template: string): RouteRecorder;
}

/** Records the requests of one method and route template. */
export interface RouteRecorder {
  /** Counts one answered request with `status`, started at `startedAt` (performance.now()). */
  record(status: number, startedAt: number): void;
}

/**
 * The recorder of a metrics registry; the plugin below and the hot paths
 * (gateway/openai/fast.ts) share it.
 *
 * @example
 *   const http = httpRecorder(metrics); http.start(request); … http.record(request, "/v1/chat/completions", 200);
 */
export function httpRecorder(metrics: Metrics): HttpRecorder {
  // Labelled children are cached per method and route, then per status: prom-client hashes
  // label sets on every call otherwise.
  const routes = new Map<string, RouteRecorder & { count(status: number): void }>();
  const routeOf = (method: string, template: string) => {
    const key = `${method} ${template}`;
    let r = routes.get(key);
    if (!r) {
      const counters = new Map<number, { inc(): void }>();
      const duration = histogramChild(metrics.httpDuration, { method, route: template });
      const count = (status: number) => {
        let c = counters.get(status);
        if (!c) {
          c = metrics.httpRequestsChild(method, template, String(status));
          counters.set(status, c);
        }
        c.inc();
      };
      r = {
        count,
        record(status, startedAt) {
          count(status);
          duration.observe((performance.now() - startedAt) / 1000);
        },
      };
      routes.set(key, r);
    }
    return r;
  };
  return {
    start(request) {
      (request as Timed)[STARTED] = performance.now();
    },
    record(request, route, status) {
      const t0 = (request as Timed)[STARTED];
      // A route that did not match has no template: label it "unmatched" to bound cardinality.
      const template = route && route !== "" ? route : "unmatched";
      // Clients choose the method string: anything unusual is one label value, to bound cardinality.
      const method = knownMethods.has(request.method) ? request.method : "OTHER";
      const r = routeOf(method, template);
      if (t0 !== undefined) r.record(status, t0);
      else r.count(status);
    },
    route: routeOf,
  };
}

/** The observability plugin: global request hooks plus `/metrics`. */
export function observability(opts: ObservabilityOptions) {
  const { metrics } = opts;
  const http = opts.http ?? httpRecorder(metrics);
  return new Elysia({ name: "kefu/observability" })
    .onRequest(({ request }) => http.start(request))
    .onAfterResponse({ as: "global" }, ({ request, route, set, responseValue }) => {
      const status =
        responseValue instanceof Response ? responseValue.status : typeof set.status === "number" ? set.status : 200;
      http.record(request, route, status);
    })
    .get("/metrics", async ({ set }) => {
      set.headers["content-type"] = metrics.registry.contentType;
      return metrics.registry.metrics();
    });
}
