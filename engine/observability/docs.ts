/**
 * The README's "Operating kefu" tables, generated from their sources: the metrics
 * catalogue (catalogue.ts) and the alert rules (grafana/prometheus/alerts.yml).
 * `engine/observability/readme.test.ts` keeps the README equal to them; after
 * changing either source, print the tables and paste them into the README:
 *
 *   bun run engine/observability/docs.ts
 *
 * @example
 *   alertsMarkdown(parseAlertRules(readFileSync("grafana/prometheus/alerts.yml", "utf8")));
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogueMarkdown } from "./catalogue.ts";

/** One alerting rule as written in alerts.yml. */
export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Where the shipped alert rules live. */
export const alertsPath = join(import.meta.dir, "..", "..", "grafana", "prometheus", "alerts.yml");

/**
 * The alerting rules of a Prometheus rule file, in file order.
 *
 * @example
 *   parseAlertRules("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n")[0]?.alert; // "A"
 */
export function parseAlertRules(yaml: string): AlertRule[] {
  const doc = Bun.YAML.parse(yaml) as { groups?: { rules?: AlertRule[] }[] };
  return (doc.groups ?? []).flatMap((g) => (g.rules ?? []).filter((r) => typeof r.alert === "string"));
}

const cell = (s: string | undefined) => (s ?? "").replaceAll("|", "\\|").replaceAll("\n", " ").trim();

/**
 * The alerts as a Markdown table: name, severity, how long it must hold, what it
 * means and what to do.
 *
 * @example
 *   alertsMarkdown(rules).split("\n")[0]; // "| alert | severity | for | means | what to do |"
 */
export function alertsMarkdown(rules: readonly AlertRule[]): string {
  const rows = rules.map(
    (r) =>
      `| \`${r.alert}\` | ${cell(r.labels?.severity)} | ${cell(r.for ?? "0m")} | ${cell(r.annotations?.description)} | ${cell(r.annotations?.runbook)} |`,
  );
  return ["| alert | severity | for | means | what to do |", "|---|---|---|---|---|", ...rows].join("\n");
}

if (import.meta.main) {
  console.log(alertsMarkdown(parseAlertRules(readFileSync(alertsPath, "utf8"))));
  console.log();
  console.log(catalogueMarkdown());
}
