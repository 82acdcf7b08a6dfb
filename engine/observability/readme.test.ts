// The README's "Operating kefu" tables must equal their sources: the metrics
// catalogue and the shipped alert rules (regenerate with `bun run engine/observability/docs.ts`).
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogueMarkdown } from "./catalogue.ts";
import { alertsMarkdown, alertsPath, parseAlertRules } from "./docs.ts";

const readme = readFileSync(join(import.meta.dir, "..", "..", "README.md"), "utf8");
// Cells, not whitespace: a Markdown formatter may pad the columns.
const cells = (row: string) =>
  row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
const rows = (text: string, prefix: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith(prefix))
    .map(cells);

test("README metrics catalogue table matches engine/observability/catalogue.ts", () => {
  const expected = rows(catalogueMarkdown(), "| `kefu_");
  expect(expected.length).toBeGreaterThan(30);
  expect(rows(readme, "| `kefu_")).toEqual(expected);
});

test("README alerts table matches grafana/prometheus/alerts.yml", () => {
  const expected = rows(alertsMarkdown(parseAlertRules(readFileSync(alertsPath, "utf8"))), "| `Kefu");
  expect(expected.length).toBeGreaterThanOrEqual(10);
  expect(rows(readme, "| `Kefu")).toEqual(expected);
});
