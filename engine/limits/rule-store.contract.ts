/**
 * The LimitRuleStore contract suite: every adapter runs it.
 *
 * @example
 *   runRuleStoreContract("sqlite", () => createSqliteRuleStore({ path }));
 */
import { describe, expect, test } from "bun:test";
import type { LimitRuleStore } from "./rule-store.ts";
import { normalizeBlock, normalizeRule } from "./rules.ts";

/** Runs the contract; `factory()` makes a fresh, empty store. */
export function runRuleStoreContract(name: string, factory: () => LimitRuleStore | Promise<LimitRuleStore>): void {
  describe(`LimitRuleStore contract: ${name}`, () => {
    const at = new Date(0);
    const rule = (id: string, capacity = 5) =>
      normalizeRule({ id, api: "/v1/chat", token_bucket: { capacity, rate: 1 } }, at);

    test("put inserts or replaces by id; load returns all in id order; delete says whether it existed", async () => {
      const s = await factory();
      await s.putRule(rule("b"), 10);
      await s.putRule(rule("a"), 10);
      await s.putRule(rule("b", 7), 10);
      await s.putBlock(normalizeBlock({ ip: "192.0.2.1" }, at), 10);
      const loaded = await s.load();
      expect(loaded.rules.map((r) => [r.id, r.token_bucket?.capacity])).toEqual([
        ["a", 5],
        ["b", 7],
      ]);
      expect(loaded.blocks).toEqual([{ id: "ip-192.0.2.1", ip: "192.0.2.1", updated_at: at.toISOString() }]);
      expect(await s.deleteRule("a")).toBe(true);
      expect(await s.deleteRule("a")).toBe(false);
      expect(await s.deleteBlock("ip-192.0.2.1")).toBe(true);
      expect(await s.load()).toEqual({ rules: [rule("b", 7)], blocks: [] });
      await s.close();
    });

    test("a new id beyond max is limit_rules_full (409); replacing an existing id is not", async () => {
      const s = await factory();
      await s.putRule(rule("a"), 2);
      await s.putRule(rule("b"), 2);
      await expect(s.putRule(rule("c"), 2)).rejects.toMatchObject({ code: "limit_rules_full", status: 409 });
      await s.putRule(rule("b", 9), 2);
      await s.putBlock(normalizeBlock({ ip: "192.0.2.1" }, at), 1);
      await expect(s.putBlock(normalizeBlock({ ip: "192.0.2.2" }, at), 1)).rejects.toMatchObject({
        code: "limit_rules_full",
      });
      expect((await s.load()).rules.length).toBe(2);
      await s.close();
    });
  });
}
