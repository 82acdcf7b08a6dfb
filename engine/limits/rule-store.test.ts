import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testPrefix, testRedisUrl } from "../cluster/test-redis.ts";
import { runRuleStoreContract } from "./rule-store.contract.ts";
import { createRedisRuleStore } from "./rule-store.redis.ts";
import { createSqliteRuleStore } from "./rule-store.sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-rule-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runRuleStoreContract("sqlite", () => createSqliteRuleStore({ path: join(dir, `limits-${n++}.db`) }));
runRuleStoreContract("redis", () => createRedisRuleStore({ url: testRedisUrl(), keyPrefix: testPrefix() }));
