/**
 * Session ownership: which node runs a session's bot pipeline and timers.
 * A lease with a TTL, so ownership moves when its node dies, and a fencing token
 * that grows every time ownership changes hands, so a node that stalled past its
 * lease can tell (and be told) that its work is stale.
 *
 * Contract (every adapter passes `runOwnershipContract`):
 * - `acquire(key, owner, ttlMs)` takes the lease when it is free or expired and
 *   renews it when `owner` already holds it; otherwise it answers `undefined`.
 *   At most one owner holds a key at any time (atomic compare-and-set).
 * - A new holder gets a larger `token` than every earlier holder of the key;
 *   a renewal by the same owner keeps the token.
 * - `renew` and `release` act only for the current holder with its token (CAS);
 *   they answer false when the lease was lost (expired, taken over).
 * - Expiry is measured by the store's clock (Redis: the server's), never the caller's.
 *
 * Adapters: `createMemoryOwnership` (single node, the default) and
 * `createRedisOwnership` (several nodes).
 *
 * @example
 *   const lease = await store.acquire("session:s1", "node-a", 10_000);
 *   if (lease) runBot(); else forwardTo(await store.holder("session:s1"));
 */
import { KefuError } from "../errors.ts";

/** A held lease. */
export interface Lease {
  key: string;
  owner: string;
  /** Fencing token: larger for every new holder of the key. */
  token: number;
  /** Time to live left, ms, when it was read. */
  ttlMs: number;
}

/** The ownership lease port. */
export interface OwnershipStore {
  readonly kind: string;
  acquire(key: string, owner: string, ttlMs: number): Promise<Lease | undefined>;
  renew(key: string, owner: string, token: number, ttlMs: number): Promise<boolean>;
  release(key: string, owner: string, token: number): Promise<boolean>;
  /** The current holder, if any. */
  holder(key: string): Promise<Lease | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Throws a RangeError unless `ttlMs` is an integer from 1 ms to 1 day.
 *
 * @example
 *   checkTtl(0); // throws
 */
export function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs < 1 || ttlMs > 86_400_000)
    throw new RangeError(`ttlMs must be an integer from 1 to 86400000, got ${ttlMs}`);
}

/** Options of `createOwnership`. */
export interface OwnershipOptions {
  store: OwnershipStore;
  /** This node's id. */
  nodeId: string;
  /** Lease lifetime. Default 10_000 ms. */
  ttlMs?: number;
  /** Renewal period; must be well below `ttlMs`. Default ttlMs / 3. */
  renewEveryMs?: number;
  /** A held lease was lost (expired while this node stalled, or Redis was unreachable too long): stop its work. */
  onLost?: (key: string) => void;
  /** A renewal failed (the lease may still be held until its TTL). */
  onError?: (error: unknown, key: string) => void;
}

/** A node's view of its leases: claims them and keeps them renewed. */
export interface Ownership {
  /** Claims `key` for this node (or confirms it holds it). True when this node owns it. */
  claim(key: string): Promise<boolean>;
  /** Gives `key` up (so another node may take it at once). */
  release(key: string): Promise<void>;
  /** Keys this node holds. */
  held(): string[];
  /** Token of a held key, to fence writes. */
  token(key: string): number | undefined;
  /** Stops renewing and releases every held lease. */
  close(): Promise<void>;
}

/**
 * Keeps this node's leases: `claim` before running a session's bot pipeline or
 * timers; a background timer renews every held lease and calls `onLost` for a
 * lease that was lost. When the node dies its leases expire after `ttlMs` and
 * the next `claim` on another node succeeds.
 *
 * @example
 *   const own = createOwnership({ store, nodeId: "node-a", onLost: (k) => stopBot(k) });
 *   if (await own.claim("session:s1")) startBot("s1");
 */
export function createOwnership(opts: OwnershipOptions): Ownership {
  const ttlMs = opts.ttlMs ?? 10_000;
  checkTtl(ttlMs);
  const every = opts.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
  if (every >= ttlMs) throw new RangeError("renewEveryMs must be below ttlMs");
  const held = new Map<string, number>();
  let closed = false;

  // All held leases are renewed at once (one round trip each, pipelined by the client), not one after another.
  const renewAll = () =>
    Promise.all(
      [...held].map(async ([key, token]) => {
        try {
          if (!(await opts.store.renew(key, opts.nodeId, token, ttlMs))) {
            if (held.get(key) === token) held.delete(key);
            opts.onLost?.(key);
          }
        } catch (e) {
          opts.onError?.(e, key);
        }
      }),
    );
  let running = false;
  const timer = setInterval(() => {
    if (running || closed) return;
    running = true;
    void renewAll().finally(() => {
      running = false;
    });
  }, every);
  timer.unref?.();

  return {
    async claim(key) {
      if (closed) throw new KefuError("closed", "ownership is closed", { status: 503, retryable: true });
      const lease = await opts.store.acquire(key, opts.nodeId, ttlMs);
      if (!lease) {
        held.delete(key);
        return false;
      }
      held.set(key, lease.token);
      return true;
    },
    async release(key) {
      const token = held.get(key);
      if (token === undefined) return;
      held.delete(key);
      await opts.store.release(key, opts.nodeId, token);
    },
    held: () => [...held.keys()],
    token: (key) => held.get(key),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await Promise.allSettled([...held].map(([k, t]) => opts.store.release(k, opts.nodeId, t)));
      held.clear();
    },
  };
}
