/**
 * LLM metrics (`kefu_llm_*`), registered on the process registry. Labels stay
 * low-cardinality: provider kind, target id and logical model come from config.
 *
 * @example
 *   const m = createLlmMetrics(metrics.registry);
 *   m.requests.inc({ provider: "openai", target: "openai-day", model: "gpt-4o-mini", outcome: "ok" });
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { deferredCounter } from "../metrics.ts";

/** The LLM metrics. */
export type LlmMetrics = ReturnType<typeof createLlmMetrics>;

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

/** Registers the LLM metrics on `registry`. */
export function createLlmMetrics(registry: Registry) {
  const registers = [registry];
  const requestLabels = ["provider", "target", "model", "outcome"] as const;
  const tokenLabels = ["provider", "target", "direction"] as const;
  const deferredRequests = deferredCounter(requestLabels);
  const deferredTokens = deferredCounter(tokenLabels);
  const requests = new Counter({
    name: "kefu_llm_requests_total",
    help: "Upstream LLM attempts, by provider, target, model and outcome (ok, error code, aborted)",
    labelNames: requestLabels,
    registers,
    collect: deferredRequests.flush,
  });
  deferredRequests.bind(requests);
  const tokens = new Counter({
    name: "kefu_llm_tokens_total",
    help: "Tokens reported by upstreams, by direction (in, out)",
    labelNames: tokenLabels,
    registers,
    collect: deferredTokens.flush,
  });
  deferredTokens.bind(tokens);
  return {
    requests,
    /** Hot-path children of `requests`: (provider, target, model, outcome). */
    requestsChild: deferredRequests.child,
    /** Hot-path children of `tokens`: (provider, target, direction). */
    tokensChild: deferredTokens.child,
    ttft: new Histogram({
      name: "kefu_llm_ttft_seconds",
      help: "Time to first token of successful upstream attempts",
      labelNames: ["provider", "target"] as const,
      buckets: latencyBuckets,
      registers,
    }),
    duration: new Histogram({
      name: "kefu_llm_request_duration_seconds",
      help: "Total time of upstream attempts, first byte sent to last chunk",
      labelNames: ["provider", "target"] as const,
      buckets: latencyBuckets,
      registers,
    }),
    tokens,
    breaker: new Gauge({
      name: "kefu_llm_breaker_state",
      help: "Circuit breaker state per target: 0 closed, 1 half-open, 2 open",
      labelNames: ["target"] as const,
      registers,
    }),
    hedges: new Counter({
      name: "kefu_llm_hedges_total",
      help: "Hedged attempts started because the first token was late, by route",
      labelNames: ["route"] as const,
      registers,
    }),
    failovers: new Counter({
      name: "kefu_llm_failovers_total",
      help: "Requests that moved from one target to another, by route",
      labelNames: ["route"] as const,
      registers,
    }),
    reloads: new Counter({
      name: "kefu_llm_config_reloads_total",
      help: "LLM routing config reloads, by result (ok, rejected)",
      labelNames: ["result"] as const,
      registers,
    }),
  };
}
