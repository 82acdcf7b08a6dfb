import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, configKeys, loadConfig } from "./config.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("config", () => {
  test("defaults need nothing: 127.0.0.1:8080, ./data, embedded adapters", () => {
    const c = loadConfig({});
    expect(c.host).toBe("127.0.0.1");
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe("./data");
    expect(c.storage).toMatchObject({ eventStore: "sqlite", hotHistory: "memory", bus: "memory", limits: "memory" });
  });

  test("environment variables override the file, which overrides defaults", () => {
    const p = file("a.json", JSON.stringify({ port: 9000, host: "0.0.0.0", shutdown: { timeoutMs: 500 } }));
    const c = loadConfig({ KEFU_CONFIG: p, KEFU_PORT: "9100" });
    expect(c.port).toBe(9100);
    expect(c.host).toBe("0.0.0.0");
    expect(c.shutdown.timeoutMs).toBe(500);
    expect(c.logLevel).toBe("info");
  });

  test("TOML files work too", () => {
    const p = file("a.toml", 'logLevel = "debug"\n[storage]\nhotHistorySize = 64\n');
    const c = loadConfig({ KEFU_CONFIG: p });
    expect(c.logLevel).toBe("debug");
    expect(c.storage.hotHistorySize).toBe(64);
  });

  test("every leaf has a KEFU_ name derived from its path", () => {
    const names = configKeys.map((k) => k.env);
    expect(names).toContain("KEFU_PORT");
    expect(names).toContain("KEFU_DATA_DIR");
    expect(names).toContain("KEFU_SHUTDOWN_TIMEOUT_MS");
    expect(names).toContain("KEFU_STORAGE_HOT_HISTORY_SIZE");
    expect(new Set(names).size).toBe(names.length);
    expect(loadConfig({ KEFU_STORAGE_HOT_HISTORY_SIZE: "7" }).storage.hotHistorySize).toBe(7);
  });

  test("a bad env value names the variable, the key, the value and what is allowed", () => {
    expect(errorOf({ KEFU_PORT: "99999" })).toBe("KEFU_PORT (port) = 99999: expected an integer from 0 to 65535");
    expect(errorOf({ KEFU_PORT: "8080.5" })).toBe('KEFU_PORT (port) = "8080.5": expected an integer from 0 to 65535');
    expect(errorOf({ KEFU_LOG_LEVEL: "loud" })).toBe(
      'KEFU_LOG_LEVEL (logLevel) = "loud": expected one of "debug", "info", "warn", "error"',
    );
    expect(errorOf({ KEFU_HOST: "" })).toBe('KEFU_HOST (host) = "": expected a non-empty string');
  });

  test("a bad file value names the key, the file and the env twin", () => {
    const p = file("bad.json", JSON.stringify({ shutdown: { timeoutMs: 1 } }));
    expect(errorOf({ KEFU_CONFIG: p })).toBe(
      `shutdown.timeoutMs in ${p} (env KEFU_SHUTDOWN_TIMEOUT_MS) = 1: expected an integer from 100 to 600000`,
    );
  });

  test("unknown keys and unknown KEFU_ variables are errors, not silently ignored", () => {
    const p = file("typo.json", JSON.stringify({ storage: { evntStore: "sqlite" } }));
    expect(errorOf({ KEFU_CONFIG: p })).toContain("storage.evntStore");
    expect(errorOf({ KEFU_CONFIG: p })).toContain("unknown key");
    expect(errorOf({ KEFU_PROT: "1" })).toStartWith("KEFU_PROT: unknown setting");
  });

  test("the test harness's KEFU_TEST_* variables are not settings: ignored, so a gateway started from a test shell runs", () => {
    const c = loadConfig({
      KEFU_TEST_PG_URL: "postgres://x",
      KEFU_TEST_CHROMIUM_BIN: "/usr/bin/chromium",
      KEFU_PORT: "9001",
    });
    expect(c.port).toBe(9001);
  });

  test("an unreadable or malformed file is a ConfigError naming it", () => {
    expect(errorOf({ KEFU_CONFIG: join(dir, "missing.json") })).toContain("cannot read the file");
    expect(errorOf({ KEFU_CONFIG: file("broken.json", "{ port: ") })).toContain("not valid JSON");
    expect(errorOf({ KEFU_CONFIG: file("list.json", "[1]") })).toContain("top level is not an object");
  });
});
