// createBackends with the Redis adapters chosen by config.
import { expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBackends } from "./backends.ts";
import { testPrefix, testRedisUrl } from "./cluster/test-redis.ts";
import { loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";

const quiet = createLogger("error", () => {});

test("storage.hotHistory, bus and limits = redis build the Redis adapters, and readiness reports them", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kefu-backends-"));
  const config = loadConfig({
    KEFU_DATA_DIR: dir,
    KEFU_STORAGE_HOT_HISTORY: "redis",
    KEFU_STORAGE_BUS: "redis",
    KEFU_STORAGE_LIMITS: "redis",
    KEFU_STORAGE_REDIS_URL: testRedisUrl(),
    KEFU_STORAGE_REDIS_KEY_PREFIX: testPrefix(),
  });
  const b = await createBackends(config, { logger: quiet });
  try {
    const report = await b.readiness();
    expect(report.ok).toBe(true);
    expect(report.backends.hotHistory).toEqual({ ok: true, kind: "redis" });
    expect(report.backends.bus).toEqual({ ok: true, kind: "redis" });
    expect(report.backends.limits).toEqual({ ok: true, kind: "redis" });
    expect((await b.limits.take("k", { capacity: 1, refillPerSec: 1 })).allowed).toBe(true);
  } finally {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a Redis kind without storage.redis.url is refused with a message naming the key", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kefu-backends-"));
  try {
    const config = loadConfig({ KEFU_DATA_DIR: dir, KEFU_STORAGE_BUS: "redis" });
    await expect(createBackends(config, { logger: quiet })).rejects.toThrow(/storage\.redis\.url/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
