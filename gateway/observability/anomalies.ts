/**
 * `GET /v1/admin/anomalies?limit=20` (permission `anomalies:read`, admin key only): the largest clusters of rejected
 * or flagged inputs (engine/observability/anomalies.ts), with masked examples; and
 * the metrics `kefu_anomalous_inputs_total{reason}`, `kefu_anomaly_clusters` and
 * `kefu_anomaly_largest_cluster_inputs`.
 *
 * @example
 *   const anomalies = observedAnomalies(createAnomalyClusters(), registry);
 *   new Elysia().use(anomaliesApi({ config, anomalies }));
 */
import { Elysia, t } from "elysia";
import { Counter, Gauge, type Registry } from "prom-client";
import type { Config } from "../../engine/config.ts";
import type { AnomalyClusters } from "../../engine/observability/anomalies.ts";

/** The clusters plus their metrics: `record` also counts. */
export function observedAnomalies(clusters: AnomalyClusters, registry: Registry): AnomalyClusters {
  const registers = [registry];
  const inputs = new Counter({
    name: "kefu_anomalous_inputs_total",
    help: "Inputs the edge rejected or rate-limited (clustered by shape for GET /v1/admin/anomalies), by reason",
    labelNames: ["reason"] as const,
    registers,
  });
  new Gauge({
    name: "kefu_anomaly_clusters",
    help: "Clusters of near-identical rejected inputs currently held (bounded)",
    registers,
    collect() {
      this.set(clusters.size());
    },
  });
  new Gauge({
    name: "kefu_anomaly_largest_cluster_inputs",
    help: "Inputs in the largest cluster of near-identical rejected inputs (a flood shows as one big cluster)",
    registers,
    collect() {
      this.set(clusters.top(1)[0]?.count ?? 0);
    },
  });
  return {
    record(input) {
      inputs.inc({ reason: input.reason });
      return clusters.record(input);
    },
    top: (n) => clusters.top(n),
    size: () => clusters.size(),
  };
}

/** Dependencies of the API. */
export interface AnomaliesApiDeps {
  config: Config;
  anomalies: AnomalyClusters;
}

/**
 * Feeds refused HTTP requests to the anomaly clusters: the shape is the method, the path
 * with id-like segments folded to `:id`, and the User-Agent, so "one client hammering one
 * route" is one cluster whatever ids it sends.
 *
 * @example
 *   errorHandler({ logger, onRefused: httpRefusals(anomalies) });
 */
export function httpRefusals(clusters: AnomalyClusters) {
  return (r: { reason: string; request: Request; path: string }): void => {
    const path = r.path
      .split("/")
      .map((seg) => (seg.length >= 8 && /\d/.test(seg) ? ":id" : seg))
      .join("/")
      .slice(0, 200);
    const ua = (r.request.headers.get("user-agent") ?? "").slice(0, 120);
    clusters.record({ reason: r.reason, text: `${r.request.method} ${path} ${ua}` });
  };
}

/** The admin route. */
export function anomaliesApi(deps: AnomaliesApiDeps) {
  return new Elysia({ name: "kefu/anomalies" }).get(
    "/v1/admin/anomalies",
    ({ query }) => {
      return { clusters: deps.anomalies.top(query.limit ?? 20), held: deps.anomalies.size() };
    },
    { query: t.Object({ limit: t.Optional(t.Integer({ minimum: 1, maximum: 200 })) }) },
  );
}
