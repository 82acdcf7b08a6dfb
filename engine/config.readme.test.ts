// The README's configuration table must list exactly the schema's keys, defaults and bounds.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { allowed, configKeys } from "./config.ts";

test("README configuration table matches the config schema", async () => {
  const readme = await Bun.file(join(import.meta.dir, "..", "README.md")).text();
  const documented = readme
    .split("\n")
    .filter((l) => l.startsWith("| `KEFU_"))
    .map((l) => l.trim());
  const expected = configKeys.map(
    (k) =>
      `| \`${k.env}\` | \`${k.path.join(".")}\` | \`${JSON.stringify(k.schema.default)}\` | ${allowed(k.schema)} | ${k.schema.description} |`,
  );
  expect(documented).toEqual(expected);
});
