import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, LlmConfigSchema, parseLlmConfig } from "./config.ts";
import { isPrivateAddress, outboundUrlProblem } from "./outbound-url.ts";

const readme = readFileSync(join(import.meta.dir, "README.md"), "utf8");
/** The day/night example of the README (its one json block). */
const exampleConfig: unknown = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? "null");

function errorOf(json: unknown, opts?: Parameters<typeof parseLlmConfig>[1]): string {
  try {
    parseLlmConfig(json, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

type Path = (string | number)[];
/** A deep copy of `base` with each `[path, value]` applied (value undefined: the key is deleted). */
function patch(base: unknown, ...edits: [Path, unknown][]): Record<string, unknown> {
  const out = structuredClone(base) as Record<string, unknown>;
  for (const [path, value] of edits) {
    let cur = out as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (value === undefined) delete cur[last];
    else cur[last] = value;
  }
  return out;
}
const minimal = () => ({
  targets: { a: { provider: "mock" } },
  routes: { main: { strategy: "fallback", targets: ["a"] } },
  profiles: { default: { default: "main" } },
});

describe("parseLlmConfig", () => {
  test("the day/night example parses, with defaults filled", () => {
    const c = parseLlmConfig(exampleConfig);
    expect(c.targets["openai-day"]?.timeouts).toEqual({ firstByteMs: 8000, idleMs: 20000 });
    expect(c.targets["claude-day"]?.timeouts).toEqual({ firstByteMs: 15000, idleMs: 30000 });
    expect(c.targets["faq-local"]?.weight).toBe(1);
    expect(c.routes["support-day"]?.hedge).toEqual({ afterMs: 500, maxParallel: 2 });
    expect(c.routes["support-night"]?.hedge).toBe(false);
    expect(c.routes.vip?.continueAfterFirstToken).toBe(true);
    expect(c.breaker.halfOpenProbes).toBe(1);
    expect(c.breaker.ttftP95Ms).toBe(6000);
    expect(c.retry).toEqual({ budgetRatio: 0.2, minRetriesPerSec: 1, windowMs: 10000 });
    expect(c.allowPrivateNetworks).toBe(false);
  });

  test("the README's breaker and retry defaults are the schema's", () => {
    const row = (key: string) =>
      readme
        .split("\n")
        .find((l) => l.startsWith(`| \`${key}\``))
        ?.split("|")[2]
        ?.trim();
    const defaults = (section: "breaker" | "retry") =>
      `\`${Object.values(LlmConfigSchema.properties[section].properties)
        .map((p) => (p as { default: unknown }).default)
        .join(", ")}\``;
    expect(row("breaker.*")).toBe(defaults("breaker"));
    expect(row("retry.*")).toBe(defaults("retry"));
  });

  test("hedge: true means the defaults", () => {
    const j = minimal();
    (j.routes.main as Record<string, unknown>).hedge = true;
    expect(parseLlmConfig(j).routes.main?.hedge).toEqual({ afterMs: 500, maxParallel: 2 });
  });

  test("the same config in TOML parses the same", () => {
    const toml = `
[targets.openai-day]
provider = "openai"
model = "gpt-4o-mini"
apiKeyEnv = "OPENAI_API_KEY"
[targets.faq-local]
provider = "local"
[routes.support]
strategy = "fallback"
targets = ["openai-day", "faq-local"]
hedge = { afterMs = 500 }
[profiles.default]
default = "support"
`;
    const c = parseLlmConfig(Bun.TOML.parse(toml));
    expect(c.routes.support?.hedge).toEqual({ afterMs: 500, maxParallel: 2 });
  });

  test("shape errors name the path and what is allowed", () => {
    const j1 = patch(exampleConfig, [["targets", "openai-day", "provider"], "gemini"]);
    expect(errorOf(j1)).toBe(
      'llm.targets["openai-day"].provider = "gemini": expected one of "openai", "anthropic", "dify", "coze", "local", "mock"',
    );
    const j2 = patch(exampleConfig, [["routes", "support-day", "hedge"], { afterMs: -5 }]);
    expect(errorOf(j2)).toBe('llm.routes["support-day"].hedge.afterMs = -5: expected an integer from 1 to 600000');
    const j3 = patch(exampleConfig, [["schedule", "windows", 0, "from"], "8am"]);
    expect(errorOf(j3)).toBe(
      'llm.schedule.windows[0].from = "8am": expected a local time "HH:MM" from "00:00" to "23:59"',
    );
    const j4 = patch(minimal(), [["targets", "a", "provider"], undefined]);
    expect(errorOf(j4)).toStartWith("llm.targets.a.provider: required, one of");
    expect(errorOf({ ...minimal(), breaker: { errorRate: 2 } })).toBe(
      "llm.breaker.errorRate = 2: expected a number from 0.01 to 1",
    );
    expect(errorOf({ ...minimal(), rotues: {} }, { prefix: "kefu.llm" })).toStartWith("kefu.llm.rotues: unknown key");
  });

  test("unknown keys are errors; an API key in the file gets a pointer to apiKeyEnv", () => {
    const j = patch(minimal(), [["targets", "a", "apiKey"], "sk-live-123"]);
    const msg = errorOf(j);
    expect(msg).toStartWith("llm.targets.a.apiKey: unknown key. Allowed here: provider, model, baseUrl, apiKeyEnv");
    expect(msg).toContain("name it in apiKeyEnv");
    expect(msg).not.toContain("sk-live-123");
    expect(errorOf({ ...minimal(), rotues: {} })).toStartWith("llm.rotues: unknown key");
  });

  test("references: routes → targets, conditional → routes, profiles → routes, schedule → profiles", () => {
    const j1 = patch(exampleConfig, [["routes", "support-day", "targets", 1], "claude"]);
    expect(errorOf(j1)).toBe(
      'llm.routes["support-day"].targets[1] = "claude": unknown target. Known targets: openai-day, claude-day, qwen-night, deepseek-night, faq-local',
    );
    const j2 = patch(exampleConfig, [["routes", "triage", "conditions", 0, "route"], "vvip"]);
    expect(errorOf(j2)).toStartWith('llm.routes.triage.conditions[0].route = "vvip": unknown route. Known routes:');
    const j3 = patch(exampleConfig, [["profiles", "night", "default"], "nope"]);
    expect(errorOf(j3)).toStartWith('llm.profiles.night.default = "nope": unknown route');
    const j4 = patch(exampleConfig, [["schedule", "windows", 1, "profile"], "weekend"]);
    expect(errorOf(j4)).toBe(
      'llm.schedule.windows[1].profile = "weekend": unknown profile. Known profiles: day, night',
    );
    const j5 = patch(exampleConfig, [["routes", "triage", "default"], undefined]);
    expect(errorOf(j5)).toBe("llm.routes.triage.default: required for a conditional route, a route name");
    const j6 = patch(minimal(), [
      ["routes", "main", "targets"],
      ["a", "a"],
    ]);
    expect(errorOf(j6)).toBe('llm.routes.main.targets[1] = "a": listed twice');
    const j7 = patch(minimal(), [["routes", "main", "targets"], []]);
    expect(errorOf(j7)).toBe("llm.routes.main.targets: list at least one target");
  });

  test("conditional cycles are refused", () => {
    const j = patch(
      minimal(),
      [
        ["routes", "x"],
        { strategy: "conditional", conditions: [{ when: { tenant: ["t"] }, route: "y" }], default: "main" },
      ],
      [["routes", "y"], { strategy: "conditional", conditions: [], default: "x" }],
    );
    expect(errorOf(j)).toBe("llm.routes.x: conditional routes form a cycle: x → y → x");
    const self = patch(minimal(), [["routes", "x"], { strategy: "conditional", conditions: [], default: "x" }]);
    expect(errorOf(self)).toBe("llm.routes.x: conditional routes form a cycle: x → x");
  });

  test("time zone, windows and the default profile", () => {
    const j1 = patch(exampleConfig, [["schedule", "timezone"], "Asia/Beijing"]);
    expect(errorOf(j1)).toBe(
      'llm.schedule.timezone = "Asia/Beijing": not an IANA time zone (e.g. "Asia/Shanghai", "UTC")',
    );
    const j2 = patch(exampleConfig, [["schedule", "windows", 0, "to"], "08:00"]);
    expect(errorOf(j2)).toStartWith("llm.schedule.windows[0]: from and to are both 08:00");
    const j3 = patch(exampleConfig, [["schedule"], undefined]);
    expect(errorOf(j3)).toStartWith('llm.profiles: without a schedule, a profile named "default" is used');
  });

  test("names must be header-safe", () => {
    const j = patch(minimal(), [["targets", "bad name"], { provider: "mock" }]);
    expect(errorOf(j)).toStartWith('llm.targets["bad name"]: bad name');
  });

  test("baseUrl: http(s) only, no credentials, no private hosts unless allowPrivateNetworks", () => {
    const withUrl = (baseUrl: string, allow = false) => {
      const j = patch(minimal(), [["targets", "a", "baseUrl"], baseUrl]);
      if (allow) j.allowPrivateNetworks = true;
      return j;
    };
    expect(errorOf(withUrl("ftp://x.example.com"))).toContain("scheme ftp: is not allowed");
    expect(errorOf(withUrl("https://u:p@api.example.com"))).toContain("credentials in the URL are not allowed");
    expect(errorOf(withUrl("http://127.0.0.1:11434/v1"))).toContain("allowPrivateNetworks: true");
    expect(errorOf(withUrl("http://169.254.169.254/latest"))).toContain("private, loopback or link-local");
    expect(parseLlmConfig(withUrl("http://127.0.0.1:11434/v1", true)).targets.a?.baseUrl).toBe(
      "http://127.0.0.1:11434/v1",
    );
    expect(errorOf(withUrl("https://u:p@10.0.0.1", true))).toContain("credentials"); // never, even when allowed
  });

  test("with env, apiKeyEnv must name a set variable", () => {
    const j = patch(minimal(), [["targets", "a", "apiKeyEnv"], "OPENAI_API_KEY"]);
    expect(errorOf(j, { env: {} })).toBe(
      'llm.targets.a.apiKeyEnv = "OPENAI_API_KEY": the environment variable is not set',
    );
    expect(parseLlmConfig(j, { env: { OPENAI_API_KEY: "sk-x" } }).targets.a?.apiKeyEnv).toBe("OPENAI_API_KEY");
  });
});

describe("outbound URL check", () => {
  const strict = { allowPrivateNetworks: false };
  test("private, loopback, link-local, CGNAT and mapped addresses", () => {
    for (const h of [
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "127.0.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "[::1]",
      "::",
      "fd00::1",
      "fe80::1",
      "[::ffff:127.0.0.1]",
      "::ffff:a9fe:a9fe",
    ])
      expect(isPrivateAddress(h)).toBe(true);
    for (const h of ["8.8.8.8", "172.32.0.1", "100.128.0.1", "[2606:4700::1111]", "api.openai.com"])
      expect(isPrivateAddress(h)).toBe(false);
  });

  test("URL forms that hide a loopback address are normalised first", () => {
    expect(outboundUrlProblem("http://2130706433/", strict)).toContain("127.0.0.1");
    expect(outboundUrlProblem("http://0x7f.1/", strict)).toContain("127.0.0.1");
    expect(outboundUrlProblem("http://[::ffff:7f00:1]/", strict)).toContain("private");
  });

  test("internal names are refused; public names pass", () => {
    expect(outboundUrlProblem("http://localhost:8080", strict)).toContain("internal name");
    expect(outboundUrlProblem("http://metadata.google.internal/", strict)).toContain("internal name");
    expect(outboundUrlProblem("http://ollama/", strict)).toContain("single-label");
    expect(outboundUrlProblem("https://api.openai.com/v1", strict)).toBeUndefined();
    expect(outboundUrlProblem("not a url", strict)).toBe("not an absolute URL");
  });
});
