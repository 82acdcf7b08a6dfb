/**
 * Rate-limit metrics: `kefu_rate_limit_decisions_total{rule,outcome}`. Labels stay
 * bounded: rule ids are at most `limits.maxRules`, every block counts as `_block`,
 * and outcomes are allowed, delayed, rejected and blocked.
 *
 * A decision only adds 1 to a plain number; the counts reach the Prometheus counter
 * when it is scraped (prom-client hashes the labels on every `inc`, which would cost
 * more than the decision itself).
 *
 * @example
 *   const onDecision = createLimitMetrics(metrics.registry);
 *   onDecision("chat", "rejected");
 */
import { Counter, type Registry } from "prom-client";
import type { DecisionListener } from "../../engine/limits/limiter.ts";

type Outcome = Parameters<DecisionListener>[1];

/** Registers the counter on `registry` and returns the limiter's listener that feeds it. */
export function createLimitMetrics(registry: Registry): DecisionListener {
  /** Decisions since the last scrape, per rule and outcome. */
  const pending = new Map<string, Record<Outcome, number>>();
  new Counter({
    name: "kefu_rate_limit_decisions_total",
    help: "Rate-limit decisions, by rule id (_block for blocked clients) and outcome (allowed, delayed, rejected, blocked)",
    labelNames: ["rule", "outcome"] as const,
    registers: [registry],
    collect() {
      for (const [rule, counts] of pending)
        for (const outcome of Object.keys(counts) as Outcome[]) {
          const n = counts[outcome];
          if (n > 0) {
            this.inc({ rule, outcome }, n);
            counts[outcome] = 0;
          }
        }
    },
  });
  return (rule, outcome) => {
    let counts = pending.get(rule);
    if (!counts) {
      counts = { allowed: 0, delayed: 0, rejected: 0, blocked: 0 };
      pending.set(rule, counts);
    }
    counts[outcome]++;
  };
}
