// Every k6 script in bench/k6 runs its logic once against a live gateway through the adapter:
// the scripts speak kefu's protocol, every check passes, and every metric a threshold names is measured.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type GatewayProcess, startGateway, tempDir } from "../../../gateway/test/utils.ts";
import { evaluateThreshold, parseThresholdKey, runK6Script } from "./index.ts";

const dir = join(import.meta.dir, "..");
const scripts = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "lib.ts");
const ADMIN = "k6-adapter-admin-key-0123456789abcdef";

let gw: GatewayProcess;
const tmp = tempDir("kefu-k6-");
beforeAll(async () => {
  gw = await startGateway({
    KEFU_HOST: "127.0.0.1",
    KEFU_DATA_DIR: tmp.dir,
    KEFU_AUTH_ADMIN_KEY: ADMIN,
  });
}, 30_000);
afterAll(async () => {
  gw?.proc.kill();
  await gw?.exited;
  tmp.cleanup();
});

/** Small numbers: one iteration of each scenario, a few seconds at most. */
const env = () => ({
  KEFU_URL: gw.url,
  KEFU_ADMIN_KEY: ADMIN,
  KEFU_TENANT: `k6-${Math.random().toString(36).slice(2, 8)}`,
  AGENT_SECONDS: "4",
  MESSAGES: "3",
  SECONDS: "2",
  RATE: "5",
  THINK_MS: "50",
  RULE_ID: `k6-${Math.random().toString(36).slice(2, 8)}`,
});

describe("k6 scripts through the adapter", () => {
  test("the scripts are all there", () => {
    expect(scripts.sort()).toEqual(
      ["fanout.ts", "http-chat.ts", "rate-limit.ts", "soak.ts", "spike.ts", "stream.ts", "ws-chat.ts"].sort(),
    );
  });

  for (const script of scripts) {
    test(`${script}: one iteration against a live gateway — no errors, every check passes, every threshold's metric measured`, async () => {
      const r = await runK6Script(join(dir, script), { env: env(), timeoutMs: 30_000 });
      expect(r.errors).toEqual([]);
      expect(r.checks.length).toBeGreaterThan(0);
      expect(r.checks.filter((c) => c.fails > 0)).toEqual([]);
      const unmeasured = r.thresholds.filter((t) => t.samples === 0).map((t) => t.key);
      // A 429 sub-metric only has samples when the limit was hit; everything else must be measured.
      expect(unmeasured.filter((k) => !k.includes("status:429"))).toEqual([]);
    }, 40_000);
  }
});

describe("the adapter's threshold parsing", () => {
  test("metric and tag filters; aggregates and operators", () => {
    expect(parseThresholdKey("http_req_duration{name:/v1/chat,status:200}")).toEqual({
      metric: "http_req_duration",
      tags: { name: "/v1/chat", status: "200" },
    });
    expect(() => parseThresholdKey("bad key{")).toThrow();
    const v = [1, 2, 3, 4, 100];
    expect(evaluateThreshold("p(95)<50", v, "trend")).toEqual({ value: 100, passed: false });
    expect(evaluateThreshold("med<=3", v, "trend")).toEqual({ value: 3, passed: true });
    expect(evaluateThreshold("avg>10", v, "trend").passed).toBe(true);
    expect(evaluateThreshold("count<1", [1, 1], "counter")).toEqual({ value: 2, passed: false });
    expect(evaluateThreshold("rate>0.99", [1, 1, 0], "rate").passed).toBe(false);
    expect(evaluateThreshold("p(95)<50", [], "trend").passed).toBe(false);
    expect(() => evaluateThreshold("p95 < 50", v, "trend")).toThrow();
  });
});
