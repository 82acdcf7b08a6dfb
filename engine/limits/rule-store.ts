/**
 * LimitRuleStore: where rate-limit rules and blocks persist.
 *
 * Contract (every adapter passes `runRuleStoreContract`):
 * - `put*` inserts or replaces by id; `delete*` answers whether the id existed.
 * - `put*` of a new id when `max` entries of that kind exist rejects with
 *   `KefuError("limit_rules_full", 409)`, atomically (two nodes cannot both pass
 *   the bound); replacing an existing id always works.
 * - `load` returns everything stored, in id order.
 *
 * Adapters: `createSqliteRuleStore` (a SQLite file under the data dir; single
 * node) and `createRedisRuleStore` (two Redis hashes; every node reads the same).
 *
 * @example
 *   await store.putRule(rule, 1000);
 *   const { rules, blocks } = await store.load();
 */
import { KefuError } from "../errors.ts";
import type { BlockRule, RateLimitRule } from "./rules.ts";

/** Everything stored. */
export interface StoredLimits {
  rules: RateLimitRule[];
  blocks: BlockRule[];
}

/** The persistence port of the rule registry. */
export interface LimitRuleStore {
  readonly kind: string;
  load(): Promise<StoredLimits>;
  putRule(rule: RateLimitRule, max: number): Promise<void>;
  deleteRule(id: string): Promise<boolean>;
  putBlock(block: BlockRule, max: number): Promise<void>;
  deleteBlock(id: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The error for a full registry.
 *
 * @example
 *   throw full("rules", 1000);
 */
export function full(what: "rules" | "blocks", max: number): KefuError {
  return new KefuError("limit_rules_full", `at most ${max} ${what} may exist: delete one first`, { status: 409 });
}
