// The README documents every frame type of kefu.v1.Frame, with a JSON example that decodes.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { root } from "../test/utils.ts";
import { decodeFrame } from "./codec.ts";

const readme = await Bun.file(join(root, "README.md")).text();
const section = readme.slice(readme.indexOf("## Realtime protocol"), readme.indexOf("## Configuration"));
const rows = section.split("\n").filter((l) => l.startsWith("| `"));

test("every Frame type has a row in the README frame table", async () => {
  // The oneof of kefu.v1.Frame, read from the schema itself.
  const proto = await Bun.file(join(root, "proto", "kefu", "v1", "realtime.proto")).text();
  const oneof = /oneof kind \{([^}]*)\}/.exec(proto)?.[1] ?? "";
  const kinds = [...oneof.matchAll(/^\s*\w+ (\w+) = \d+;/gm)].map((m) =>
    (m[1] as string).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  );
  expect(kinds.length).toBeGreaterThan(20);
  for (const kind of kinds)
    expect({ kind, documented: rows.some((r) => r.includes(`\`${kind}\``)) }).toEqual({ kind, documented: true });
});

test("every JSON example in the frame table decodes to the frame it documents", () => {
  let examples = 0;
  for (const row of rows) {
    for (const m of row.matchAll(/`(\{.*?\})`(?= \||, | or )/g)) {
      const frame = decodeFrame(m[1] as string, "json");
      expect(frame.kind).toBeTruthy();
      examples++;
    }
  }
  expect(examples).toBeGreaterThanOrEqual(22);
});
