// The README's App SDK example, run as written (import path and address adapted)
// against a live gateway: it must print the stored seq and the bot's answer.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { root, tempDir } from "../test/utils.ts";

const readme = await Bun.file(join(root, "README.md")).text();
const marker = readme.indexOf("<!-- sdk example:");
const start = readme.indexOf("```ts\n", marker) + "```ts\n".length;
const example = readme.slice(start, readme.indexOf("\n```", start));

let h: RealtimeHarness;
const tmp = tempDir("kefu-sdk-readme-");
beforeAll(async () => {
  h = await realtimeHarness();
});
afterAll(async () => {
  await h.close();
  tmp.cleanup();
});

test("the README's App SDK example runs and prints the stored seq and the bot's answer", async () => {
  expect(marker).toBeGreaterThan(0);
  expect(example).toContain('from "./gateway/sdk/index.ts"');
  const file = join(tmp.dir, "example.ts");
  await Bun.write(
    file,
    example
      .replace("./gateway/sdk/index.ts", join(root, "gateway", "sdk", "index.ts"))
      .replace("http://127.0.0.1:8080", h.gw.url),
  );
  const p = Bun.spawn([process.execPath, "run", file], { stdout: "pipe", stderr: "pipe", cwd: tmp.dir });
  const timer = setTimeout(() => p.kill(), 20_000);
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  expect({ code, err }).toEqual({ code: 0, err: "" });
  expect(out).toMatch(/^stored as seq 2$/m);
  expect(out).toMatch(/^2 ACTOR_KIND_VISITOR: How long does a refund take\?$/m);
  expect(out).toMatch(/^3 ACTOR_KIND_BOT: .*3-5 business days/m);
}, 30_000);
