// Runs every README block marked `<!-- runnable -->` against a live gateway, so the
// API examples cannot drift from the API.
//
// Convention (also stated in the README, "API by example"):
// - a ```sh block right under the line `<!-- runnable -->` is run; every block with a
//   curl to 127.0.0.1:8080 outside the five-minute tour (gateway/readme.test.ts runs
//   that) is marked either `<!-- runnable -->` or `<!-- not runnable: reason -->`;
// - runnable blocks run in README order in one bash (`set -eo pipefail`), so shell
//   variables carry from block to block; lines ending in `\` continue a command;
// - `#` lines right under a command (no blank line between) are its exact output,
//   where `…` stands for any text; other `#` lines are comments;
// - 127.0.0.1:8080 becomes the live gateway's address and $KEFU_AUTH_ADMIN_KEY its
//   admin key; the working directory is a temporary one (files written there vanish).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type GatewayProcess, root, startGateway, tempDir } from "./test/utils.ts";

const ADMIN_KEY = "readme-admin-key-0123456789abcdef";
const readme = await Bun.file(join(root, "README.md")).text();

interface Step {
  command: string;
  expected: string[];
  line: number;
}

interface Block {
  marker: string;
  line: number;
  body: string[];
}

/** Every ```sh block with the line above it and its first line number. */
function shBlocks(text: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```sh") continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i] as string);
    blocks.push({ marker: (lines[start - 1] ?? "").trim(), line: start + 1, body });
  }
  return blocks;
}

/**
 * The steps of a block: commands (continuations joined) with their expected output.
 *
 * @example
 *   stepsOf({ marker: "", line: 1, body: ["curl -s x", "# ok"] }); // [{ command: "curl -s x", expected: ["ok"], line: 2 }]
 */
function stepsOf(block: Block): Step[] {
  const steps: Step[] = [];
  let capturing = false;
  for (let i = 0; i < block.body.length; i++) {
    let line = block.body[i] as string;
    if (line.trim() === "") {
      capturing = false;
      continue;
    }
    if (line.startsWith("#")) {
      if (capturing) steps.at(-1)?.expected.push(line.replace(/^# ?/, ""));
      continue;
    }
    const at = block.line + i + 1;
    while (line.endsWith("\\") && i + 1 < block.body.length) line = `${line.slice(0, -1)} ${block.body[++i]?.trim()}`;
    steps.push({ command: line, expected: [], line: at });
    capturing = true;
  }
  return steps;
}

/** The expected lines as one anchored pattern; `…` matches any text. */
function pattern(expected: string[]): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${expected.map((l) => l.split("…").map(esc).join(".*?")).join("\n")}$`, "s");
}

const tourStart = readme.indexOf("## Five-minute tour");
const tourEnd = readme.indexOf("\n## ", tourStart + 1);
const tourFirst = readme.slice(0, tourStart).split("\n").length;
const tourLast = readme.slice(0, tourEnd).split("\n").length;
const blocks = shBlocks(readme);
const runnable = blocks.filter((b) => b.marker === "<!-- runnable -->");
const steps = runnable.flatMap(stepsOf);

const tmp = tempDir("kefu-readme-examples-");
let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGateway({ KEFU_DATA_DIR: join(tmp.dir, "data"), KEFU_AUTH_ADMIN_KEY: ADMIN_KEY });
});
afterAll(async () => {
  gw.proc.kill("SIGTERM");
  await gw.exited;
  tmp.cleanup();
});

describe("README examples", () => {
  test("the convention parses: commands, continuations, outputs and comments", () => {
    const s = stepsOf({
      marker: "<!-- runnable -->",
      line: 10,
      body: ["# a comment", "curl -s a \\", "  -d b", "# out 1", "# out 2", "", "# comment again", "X=$(curl c)"],
    });
    expect(s).toEqual([
      { command: "curl -s a  -d b", expected: ["out 1", "out 2"], line: 12 },
      { command: "X=$(curl c)", expected: [], line: 18 },
    ]);
    expect(pattern(['{"id":"…","n":1}']).test('{"id":"abc","n":1}')).toBe(true);
    expect(pattern(['{"id":"…","n":1}']).test('{"id":"abc","n":2}')).toBe(false);
  });

  test("every curl block outside the tour is marked runnable or says why not", () => {
    const unmarked = blocks
      .filter((b) => b.line < tourFirst || b.line > tourLast)
      .filter((b) => b.body.some((l) => l.includes("curl") && l.includes("127.0.0.1:8080")))
      .filter((b) => b.marker !== "<!-- runnable -->" && !b.marker.startsWith("<!-- not runnable:"))
      .map((b) => `README.md:${b.line}`);
    expect(unmarked).toEqual([]);
    expect(runnable.length).toBeGreaterThanOrEqual(5);
    expect(steps.filter((s) => s.expected.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  test("every runnable block runs against a live gateway, in order, with the documented outputs", async () => {
    const hostPort = gw.url.replace("http://", "");
    const script = [
      "set -eo pipefail",
      ...steps.flatMap((s, i) => [
        `printf '\\n@@kefu-step ${i}@@\\n'`,
        s.command.replaceAll("127.0.0.1:8080", hostPort),
      ]),
      "printf '\\n@@kefu-end@@\\n'",
    ].join("\n");
    const work = join(tmp.dir, "work");
    await Bun.write(join(work, ".keep"), "");
    const p = Bun.spawn(["bash", "-c", script], {
      cwd: work,
      env: { PATH: process.env.PATH ?? "", HOME: tmp.dir, KEFU_AUTH_ADMIN_KEY: ADMIN_KEY },
      stdout: "pipe",
      stderr: "pipe",
    });
    const [out, err, code] = await Promise.all([
      new Response(p.stdout).text(),
      new Response(p.stderr).text(),
      p.exited,
    ]);
    const parts = out.split(/\n@@kefu-step (\d+)@@\n/);
    // parts: [before, "0", out0, "1", out1, …]; the last output ends with the end marker.
    const outputs = new Map<number, string>();
    for (let i = 1; i < parts.length; i += 2)
      outputs.set(Number(parts[i]), (parts[i + 1] ?? "").replace(/\n@@kefu-end@@\n$/, "").trimEnd());
    const reached = Math.max(-1, ...outputs.keys());
    const failed = steps[reached];
    expect({ code, at: code === 0 ? "" : `README.md:${failed?.line} ${failed?.command}\n${err.slice(-2000)}` }).toEqual(
      {
        code: 0,
        at: "",
      },
    );
    expect(out.endsWith("@@kefu-end@@\n")).toBe(true);
    for (const [i, s] of steps.entries()) {
      if (s.expected.length === 0) continue;
      const got = outputs.get(i) ?? "";
      expect({ at: `README.md:${s.line}`, ok: pattern(s.expected).test(got), got }).toEqual({
        at: `README.md:${s.line}`,
        ok: true,
        got,
      });
    }
  }, 60_000);
});
