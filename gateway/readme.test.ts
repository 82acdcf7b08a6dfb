// Runs the README's five-minute tour against a real gateway: every `curl` line is
// executed, and the `# ` lines under it must be its exact output.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type GatewayProcess, root, startGateway, tempDir } from "./test/utils.ts";

const readme = await Bun.file(join(root, "README.md")).text();
const tour = readme.slice(
  readme.indexOf("## Five-minute tour"),
  readme.indexOf("\n## ", readme.indexOf("## Five-minute tour") + 1),
);

interface Step {
  command: string;
  expected: string[];
}

const steps: Step[] = [];
for (const block of tour.matchAll(/```sh\n([\s\S]*?)```/g)) {
  for (const line of (block[1] as string).split("\n")) {
    if (line.startsWith("curl ")) steps.push({ command: line, expected: [] });
    else if (line.startsWith("# ")) steps.at(-1)?.expected.push(line.slice(2));
  }
}

const tmp = tempDir("kefu-readme-");
let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGateway({ KEFU_DATA_DIR: tmp.dir });
});
afterAll(async () => {
  gw.proc.kill("SIGTERM");
  await gw.exited;
  tmp.cleanup();
});

describe("README five-minute tour", () => {
  test("has commands to run", () => {
    expect(steps.length).toBeGreaterThanOrEqual(6);
  });

  // Steps run in order: later outputs (metrics counts) depend on earlier requests.
  test("every command answers, and documented outputs match exactly", async () => {
    const hostPort = gw.url.replace("http://", "");
    for (const step of steps) {
      const cmd = step.command.replaceAll("127.0.0.1:8080", hostPort);
      const p = Bun.spawnSync(["bash", "-c", `set -o pipefail; ${cmd}`], { stdout: "pipe", stderr: "pipe" });
      expect({ cmd: step.command, exit: p.exitCode }).toEqual({ cmd: step.command, exit: 0 });
      const out = p.stdout.toString().trimEnd();
      if (step.expected.length > 0) {
        expect({ cmd: step.command, out }).toEqual({ cmd: step.command, out: step.expected.join("\n") });
      } else {
        expect(out.length).toBeGreaterThan(0);
      }
    }
  });
});
