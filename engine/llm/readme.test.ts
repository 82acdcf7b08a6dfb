// The routing config shown in the README is valid, and the documented error wording is real.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { Registry } from "prom-client";
import { systemClock } from "../clock.ts";
import { createLogger } from "../logger.ts";
import { createLlm } from "./index.ts";

const readme = await Bun.file(join(import.meta.dir, "..", "..", "README.md")).text();
const section = readme.slice(readme.indexOf("## The bot's LLMs"), readme.indexOf("## Configuration"));
const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)?.[1] ?? "null");

function llm() {
  return createLlm({
    configFile: "",
    env: { OPENAI_API_KEY: "k", ANTHROPIC_API_KEY: "k", DASHSCOPE_API_KEY: "k" },
    clock: systemClock,
    registry: new Registry(),
    logger: createLogger("error", () => {}),
    localAnswer: async () => undefined,
  });
}

test("the README's routing config loads, output guard included", () => {
  const l = llm();
  const cfg = l.reload(example, "README");
  expect(Object.keys(cfg.targets)).toEqual(["openai-day", "claude-day", "qwen-night", "faq-local"]);
  expect(l.guardFor("acme")).toBeDefined();
  expect(l.guardFor("globex")).toBeUndefined();
});

test("the README's example error message is what an unknown target produces", () => {
  const l = llm();
  const documented = /e\.g\.\s*`([^`]+)`\) and swapped/.exec(section.replace(/\n\s*/g, " "))?.[1] ?? "";
  expect(documented.length).toBeGreaterThan(10);
  const bad = { ...example, routes: { ...example.routes, support: { strategy: "fallback", targets: ["nope"] } } };
  expect(() => l.reload(bad, "test")).toThrow(documented.replace("…", "openai-day, claude-day, qwen-night, faq-local"));
});
