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
}

/**
 * The recorder of a metrics registry; the plugin below and the hot paths
 * (gateway/openai/fast.ts) share it.
 *
 * @example
 *   const http = httpRecorder(metrics); http.start(request); … http.record(request, "/v1/chat/completions", 200);
 */
export function httpRecorder(metrics: Metrics): HttpRecorder {
  // Labelled children are cached: prom-client hashes label sets on every call otherwise.
  const counters = new Map<string, { inc(): void }>();
  const timers = new Map<string, { observe(v: number): void }>();
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
      const key = `${method} ${template}`;
      const ckey = `${key} ${status}`;
      let c = counters.get(ckey);
      if (!c) {
        c = metrics.httpRequestsChild(method, template, String(status));
        counters.set(ckey, c);
      }
      c.inc();
      if (t0 !== undefined) {
        let h = timers.get(key);
        if (!h) {
          h = histogramChild(metrics.httpDuration, { method, route: template });
          timers.set(key, h);
        }
        h.observe((performance.now() - t0) / 1000);
      }
    },
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
