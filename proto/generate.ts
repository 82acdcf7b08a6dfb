/**
 * Generates the static protobufjs code for `proto/kefu/v1/*.proto` into
 * `proto/gen/kefu.js` + `proto/gen/kefu.d.ts`.
 *
 * @example
 *   bun run proto/generate.ts          # write the generated files
 *   bun run proto/generate.ts --check  # exit 1 when the committed files are stale
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "..");
const protoDir = join(root, "proto");
const genDir = join(protoDir, "gen");
const bin = join(root, "node_modules", ".bin");

/** Runs a CLI and throws with its stderr when it fails. */
function run(cmd: string[]): void {
  const p = Bun.spawnSync(cmd, { cwd: root, stderr: "pipe", stdout: "pipe" });
  if (p.exitCode !== 0) throw new Error(`${cmd.join(" ")} failed:\n${p.stderr.toString()}`);
}

/** Generates into `outDir` and returns the two file paths. */
export function generate(outDir: string): { js: string; dts: string } {
  const files = readdirSync(join(protoDir, "kefu", "v1"))
    .filter((f) => f.endsWith(".proto"))
    .sort()
    .map((f) => join("proto", "kefu", "v1", f));
  const js = join(outDir, "kefu.js");
  const dts = join(outDir, "kefu.d.ts");
  run([join(bin, "pbjs"), "-t", "static-module", "-w", "es6", "--force-number", "-p", "proto", "-o", js, ...files]);
  run([join(bin, "pbts"), "--no-comments", "-o", dts, js]);
  // pbts writes a CommonJS-flavoured header; the module is ESM.
  // --force-number leaves an unused `import Long = require("long")`, which ESM type-checking rejects.
  const text = readFileSync(dts, "utf8")
    .replace('import * as $protobuf from "protobufjs";', 'import * as $protobuf from "protobufjs/minimal.js";')
    .replace('import Long = require("long");\n', "");
  writeFileSync(dts, text);
  return { js, dts };
}

if (import.meta.main) {
  if (process.argv.includes("--check")) {
    const tmp = mkdtempSync(join(tmpdir(), "kefu-proto-"));
    try {
      const fresh = generate(tmp);
      const stale = (["js", "dts"] as const).filter((k) => {
        const committed = join(genDir, k === "js" ? "kefu.js" : "kefu.d.ts");
        let old = "";
        try {
          old = readFileSync(committed, "utf8");
        } catch {}
        return old !== readFileSync(fresh[k], "utf8");
      });
      if (stale.length > 0) {
        console.error(`proto/gen is stale (${stale.join(", ")}): run \`bun run proto/generate.ts\``);
        process.exit(1);
      }
      console.log("proto/gen is up to date");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  } else {
    generate(genDir);
    console.log("wrote proto/gen/kefu.js and proto/gen/kefu.d.ts");
  }
}
