/**
 * The rate-limit rule registry: rules and blocks persisted in a LimitRuleStore,
 * compiled into an immutable snapshot that request paths read without awaiting.
 *
 * Changes reach every node within a second: a write stores, reloads this node and
 * publishes on the Bus (`limits:changed`); every node reloads when that message
 * arrives, and also re-reads the store every `reloadMs` as a safety net (a
 * pub/sub message can be lost across a Redis reconnect). A reload swaps the
 * snapshot atomically: a request in flight keeps the rules it started with.
 *
 * Bounds: at most `maxRules` rules and `maxBlocks` blocks (writes beyond answer
 * 409 `limit_rules_full`; expired blocks are dropped by the next block write);
 * bucket keys longer than `maxKeyLength` are hashed.
 *
 * @example
 *   const registry = await createLimitRegistry({ store, bus, maxRules: 1000, maxBlocks: 100_000, reloadMs: 5000 });
 *   await registry.putRule({ id: "chat", api: "/v1/chat", key: ["tenant"], token_bucket: { capacity: 100, rate: 5 } });
 *   registry.snapshot().rules.length; // 1
 */
import type { Bus } from "../bus/bus.ts";
import { type Clock, systemClock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { LimitRuleStore } from "./rule-store.ts";
import {
  type BlockRule,
  type BlockRuleInput,
  type CompiledRule,
  compileRule,
  normalizeBlock,
  normalizeRule,
  type RateLimitRule,
  type RateLimitRuleInput,
} from "./rules.ts";

/** The bus topic a change is announced on. */
export const LIMITS_CHANGED_TOPIC = "limits:changed";

/** One consistent view of the rules and blocks. */
export interface LimitSnapshot {
  rules: readonly CompiledRule[];
  /** Rules that also limit realtime frames. */
  frameRules: readonly CompiledRule[];
  blocksByIp: ReadonlyMap<string, BlockRule>;
  blocksByFingerprint: ReadonlyMap<string, BlockRule>;
  /** Whether any rule or block needs the client fingerprint (else it is never computed). */
  needsFingerprint: boolean;
}

/** Options of `createLimitRegistry`. */
export interface LimitRegistryOptions {
  store: LimitRuleStore;
  /** Announces changes to the other nodes; absent: this node only. */
  bus?: Bus;
  clock?: Clock;
  logger?: Logger;
  maxRules: number;
  maxBlocks: number;
  /** Safety-net re-read period, ms (0: none). */
  reloadMs: number;
}

/** The registry. */
export interface LimitRegistry {
  /** The current snapshot (never awaits). */
  snapshot(): LimitSnapshot;
  /** The block that applies to this IP or fingerprint now, if any (expired blocks do not). */
  blocked(ip: string | undefined, fingerprint: (() => string) | undefined): BlockRule | undefined;
  listRules(): RateLimitRule[];
  getRule(id: string): RateLimitRule | undefined;
  /** Validates, stores, applies here and announces; throws `invalid_request` or `limit_rules_full`. */
  putRule(input: RateLimitRuleInput): Promise<RateLimitRule>;
  deleteRule(id: string): Promise<boolean>;
  listBlocks(): BlockRule[];
  getBlock(id: string): BlockRule | undefined;
  putBlock(input: BlockRuleInput): Promise<BlockRule>;
  deleteBlock(id: string): Promise<boolean>;
  /** Re-reads the store now. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const EMPTY: LimitSnapshot = {
  rules: [],
  frameRules: [],
  blocksByIp: new Map(),
  blocksByFingerprint: new Map(),
  needsFingerprint: false,
};

function build(rules: RateLimitRule[], blocks: BlockRule[]): LimitSnapshot {
  const compiled = rules.map(compileRule);
  const byIp = new Map<string, BlockRule>();
  const byFp = new Map<string, BlockRule>();
  // Several blocks of one client: the one that lasts longest applies.
  const until = (b: BlockRule | undefined) =>
    b === undefined ? Number.NEGATIVE_INFINITY : b.expires_at === undefined ? Infinity : Date.parse(b.expires_at);
  for (const b of blocks) {
    if (b.ip !== undefined && until(b) > until(byIp.get(b.ip))) byIp.set(b.ip, b);
    if (b.fingerprint !== undefined && until(b) > until(byFp.get(b.fingerprint))) byFp.set(b.fingerprint, b);
  }
  return {
    rules: compiled,
    frameRules: compiled.filter((r) => r.frames),
    blocksByIp: byIp,
    blocksByFingerprint: byFp,
    needsFingerprint: byFp.size > 0 || compiled.some((r) => r.spec.key.includes("fingerprint")),
  };
}

/** Creates the registry and loads it once (rejects when the store cannot be read at start). */
export async function createLimitRegistry(opts: LimitRegistryOptions): Promise<LimitRegistry> {
  const clock = opts.clock ?? systemClock;
  const { store, bus } = opts;
  let snap = EMPTY;
  let specs: { rules: RateLimitRule[]; blocks: BlockRule[] } = { rules: [], blocks: [] };
  let loading: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const loadOnce = async () => {
    const s = await store.load();
    const good = s.rules.filter((r) => {
      try {
        compileRule(r);
        return true;
      } catch (error) {
        opts.logger?.warn("stored rate-limit rule skipped", { id: r.id, error });
        return false;
      }
    });
    specs = { rules: good, blocks: s.blocks };
    snap = build(good, s.blocks);
  };
  /** Coalesces reloads: one in flight, at most one more queued behind it. */
  const reload = (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        do {
          again = false;
          await loadOnce();
        } while (again && !closed);
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };
  const quietReload = () =>
    reload().catch((error) => opts.logger?.warn("rate-limit rules reload failed; the previous rules stay", { error }));

  await reload();
  const off = bus ? await bus.subscribe(LIMITS_CHANGED_TOPIC, () => void quietReload()) : undefined;
  const timer = opts.reloadMs > 0 ? setInterval(() => void quietReload(), opts.reloadMs) : undefined;
  timer?.unref?.();

  const announce = async () => {
    await reload();
    if (bus) {
      try {
        await bus.publish(LIMITS_CHANGED_TOPIC, new Uint8Array(0));
      } catch (error) {
        // Stored already: the other nodes pick it up on their next periodic re-read.
        opts.logger?.warn("rate-limit change not announced; other nodes re-read it within reloadMs", { error });
      }
    }
  };
  const live = (b: BlockRule | undefined) =>
    b && (b.expires_at === undefined || Date.parse(b.expires_at) > clock.now()) ? b : undefined;

  return {
    snapshot: () => snap,
    blocked(ip, fp) {
      const s = snap;
      if (ip !== undefined && s.blocksByIp.size > 0) {
        const b = live(s.blocksByIp.get(ip));
        if (b) return b;
      }
      if (fp && s.blocksByFingerprint.size > 0) return live(s.blocksByFingerprint.get(fp()));
      return undefined;
    },
    listRules: () => [...specs.rules],
    getRule: (id) => specs.rules.find((r) => r.id === id),
    async putRule(input) {
      const rule = normalizeRule(input, new Date(clock.now()));
      await store.putRule(rule, opts.maxRules);
      await announce();
      return rule;
    },
    async deleteRule(id) {
      const had = await store.deleteRule(id);
      if (had) await announce();
      return had;
    },
    listBlocks: () => [...specs.blocks],
    getBlock: (id) => specs.blocks.find((b) => b.id === id),
    async putBlock(input) {
      const block = normalizeBlock(input, new Date(clock.now()));
      // Expired blocks apply no more: drop them so they do not count toward maxBlocks.
      for (const b of specs.blocks)
        if (b.id !== block.id && b.expires_at !== undefined && Date.parse(b.expires_at) <= clock.now())
          await store.deleteBlock(b.id);
      await store.putBlock(block, opts.maxBlocks);
      await announce();
      return block;
    },
    async deleteBlock(id) {
      const had = await store.deleteBlock(id);
      if (had) await announce();
      return had;
    },
    reload,
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      await off?.();
      await loading?.catch(() => {});
      await store.close();
    },
  };
}
