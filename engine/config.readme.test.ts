// The README's configuration table must list exactly the schema's keys, defaults and bounds.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { allowed, configKeys } from "./config.ts";

test("README configuration table matches the config schema", async () => {
  const readme = await Bun.file(join(import.meta.dir, "..", "README.md")).text();
  // Cells, not whitespace: a Markdown formatter may pad the columns.
  const cells = (row: string) =>
    row
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
  const documented = readme
    .split("\n")
    .filter((l) => l.startsWith("| `KEFU_"))
    .map(cells);
  const expected = configKeys.map((k) => [
    `\`${k.env}\``,
    `\`${k.path.join(".")}\``,
    `\`${JSON.stringify(k.schema.default)}\``,
    allowed(k.schema),
    String(k.schema.description),
  ]);
  expect(documented).toEqual(expected);
});
