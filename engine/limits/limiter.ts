/**
 * The limiter: one request's facts → the block that denies it, or the rules it
 * matches decided together on the LimitStore (all or nothing). The HTTP middleware
 * and the realtime frame hook both call it; on the in-process store it answers
 * synchronously (no Promise), on Redis with one round trip.
 *
 * @example
 *   const limiter = createLimiter({ registry, store, maxKeyLength: 256 });
 *   const v = limiter.check({ method: "POST", path: "/v1/chat", tenant: "t1", ip: "203.0.113.9" });
 *   const verdict = v instanceof Promise ? await v : v; // { outcome: "allowed", … }
 */
import type { LimitCheck, LimitStore, MultiDecision } from "./limit-store.ts";
import type { LimitRegistry } from "./registry.ts";
import { type BlockRule, type CompiledRule, type RequestFacts, ruleKey } from "./rules.ts";

/** What happened to one request (or frame). */
export type LimitVerdict =
  | { outcome: "none" }
  | { outcome: "blocked"; block: BlockRule }
  | { outcome: "allowed" | "delayed" | "rejected"; rules: readonly CompiledRule[]; decision: MultiDecision };

/** Counts decisions (the gateway turns it into `kefu_rate_limit_decisions_total`). */
export type DecisionListener = (ruleId: string, outcome: "allowed" | "delayed" | "rejected" | "blocked") => void;

/** Options of `createLimiter`. */
export interface LimiterOptions {
  registry: LimitRegistry;
  store: LimitStore;
  maxKeyLength: number;
  onDecision?: DecisionListener;
}

/** The limiter. */
export interface Limiter {
  /**
   * Decides a request: blocks first, then every matching rule (`rules` from
   * `match`, to not match twice). `facts.tenant` and `facts.apiKey` are read only
   * when a matching rule keys by them (`match` says so in `needsPrincipal`).
   * Rejects only when the store does (Redis unreachable and fail-closed).
   */
  check(f: RequestFacts, rules?: readonly CompiledRule[]): LimitVerdict | Promise<LimitVerdict>;
  /** Whether any rule or block exists (else a request needs no look at all). */
  active(): boolean;
  /** The rules of the current snapshot that match, and whether any keys by tenant or API key. */
  match(
    method: string,
    path: string,
    rules?: readonly CompiledRule[],
  ): { rules: CompiledRule[]; needsPrincipal: boolean };
}

const NONE: LimitVerdict = { outcome: "none" };

/** Creates a limiter over a registry and a store. */
export function createLimiter(opts: LimiterOptions): Limiter {
  const { registry, store, maxKeyLength } = opts;
  const sync = store.sync;

  const finish = (rules: readonly CompiledRule[], decision: MultiDecision): LimitVerdict => {
    const outcome = !decision.allowed ? "rejected" : decision.delayMs > 0 ? "delayed" : "allowed";
    if (opts.onDecision)
      for (let i = 0; i < rules.length; i++) {
        const r = decision.results[i];
        // Each rule's own outcome: a rule that would have passed is "allowed" even when another denied.
        opts.onDecision(
          (rules[i] as CompiledRule).spec.id,
          !r?.allowed ? "rejected" : decision.allowed && r.delayMs > 0 ? "delayed" : "allowed",
        );
      }
    return { outcome, rules, decision };
  };

  const match = (method: string, path: string, from?: readonly CompiledRule[]) => {
    const all = from ?? registry.snapshot().rules;
    const rules: CompiledRule[] = [];
    let needsPrincipal = false;
    for (let i = 0; i < all.length; i++) {
      const r = all[i] as CompiledRule;
      if (!r.matches(method, path)) continue;
      rules.push(r);
      if (!needsPrincipal) for (const k of r.spec.key) if (k === "tenant" || k === "api_key") needsPrincipal = true;
    }
    return { rules, needsPrincipal };
  };

  return {
    active() {
      const s = registry.snapshot();
      return s.rules.length > 0 || s.blocksByIp.size > 0 || s.blocksByFingerprint.size > 0;
    },
    match,
    check(f, matched) {
      const block = registry.blocked(f.ip, f.fingerprint);
      if (block) {
        // One label for every block: blocks are many (up to limits.maxBlocks), rules are few.
        opts.onDecision?.("_block", "blocked");
        return { outcome: "blocked", block };
      }
      const rules = matched ?? match(f.method, f.path).rules;
      if (rules.length === 0) return NONE;
      if (sync && rules.length === 1) {
        // The common case without the arrays of a multi-check decision.
        const r = rules[0] as CompiledRule;
        const d = sync.check(ruleKey(r, f, maxKeyLength), r.limit, r.cost);
        return finish(rules, { allowed: d.allowed, delayMs: d.delayMs, retryAfterMs: d.retryAfterMs, results: [d] });
      }
      const checks: LimitCheck[] = rules.map((r) => ({
        key: ruleKey(r, f, maxKeyLength),
        rule: r.limit,
        cost: r.cost,
      }));
      if (sync) return finish(rules, sync.decide(checks));
      return store.decide(checks).then((d) => finish(rules, d));
    },
  };
}
