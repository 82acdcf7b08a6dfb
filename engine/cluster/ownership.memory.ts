/**
 * Ownership leases in process memory: the single-node default (every session is
 * this node's). Use `createRedisOwnership` for more than one node.
 *
 * @example
 *   const store = createMemoryOwnership({ clock: systemClock });
 *   await store.acquire("session:s1", "node-a", 10_000); // { key, owner: "node-a", token: 1, ttlMs: 10000 }
 */
import { type Clock, systemClock } from "../clock.ts";
import { checkTtl, type Lease, type OwnershipStore } from "./ownership.ts";

/** Options of the in-memory ownership store. */
export interface MemoryOwnershipOptions {
  clock?: Clock;
}

interface Held {
  owner: string;
  token: number;
  expiresAt: number;
}

/** Creates the in-memory adapter. */
export function createMemoryOwnership(opts: MemoryOwnershipOptions = {}): OwnershipStore {
  const clock = opts.clock ?? systemClock;
  const leases = new Map<string, Held>();
  const fences = new Map<string, number>();
  const live = (key: string): Held | undefined => {
    const h = leases.get(key);
    if (h && h.expiresAt <= clock.now()) {
      leases.delete(key);
      return undefined;
    }
    return h;
  };
  const view = (key: string, h: Held): Lease => ({
    key,
    owner: h.owner,
    token: h.token,
    ttlMs: Math.max(0, Math.ceil(h.expiresAt - clock.now())),
  });

  return {
    kind: "memory",
    async acquire(key, owner, ttlMs) {
      checkTtl(ttlMs);
      const h = live(key);
      if (h && h.owner !== owner) return undefined;
      if (h) {
        h.expiresAt = clock.now() + ttlMs;
        return view(key, h);
      }
      const token = (fences.get(key) ?? 0) + 1;
      fences.set(key, token);
      const fresh = { owner, token, expiresAt: clock.now() + ttlMs };
      leases.set(key, fresh);
      return view(key, fresh);
    },
    async renew(key, owner, token, ttlMs) {
      checkTtl(ttlMs);
      const h = live(key);
      if (!h || h.owner !== owner || h.token !== token) return false;
      h.expiresAt = clock.now() + ttlMs;
      return true;
    },
    async release(key, owner, token) {
      const h = live(key);
      if (!h || h.owner !== owner || h.token !== token) return false;
      leases.delete(key);
      return true;
    },
    async holder(key) {
      const h = live(key);
      return h ? view(key, h) : undefined;
    },
    async ping() {},
    async close() {
      leases.clear();
    },
  } satisfies OwnershipStore;
}
