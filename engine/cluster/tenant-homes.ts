/**
 * Tenant homes: with several nodes, each tenant has one home node that runs its
 * bot answers, its timers (idle close, first-response SLA, queue alerts, agent
 * grace) and its agent routing (seats, queues, assignment). Other nodes hold
 * sockets, store messages and forward the rest to the home (engine/cluster/rpc.ts).
 *
 * The home is a lease `home:<tenant>` in the OwnershipStore (TTL, fencing token):
 * the first node that needs a tenant with no live home claims it; when the home
 * dies its lease lapses and the next node that checks takes over (`adopted`),
 * reloading the tenant's seats and open sessions from the TenantRegistry. Every
 * node re-checks the tenants it serves every `checkEveryMs`, so a home is replaced
 * without waiting for traffic. A node that could not renew a lease (stalled,
 * Redis unreachable past the TTL) is told (`lost`) and stops running that tenant.
 *
 * One lease per tenant (not per session): renewal cost grows with tenants, not
 * conversations. A tenant's bot and routing run on one node at a time.
 *
 * @example
 *   const homes = createTenantHomes({ store, nodeId: "node-a", onAdopt: (t) => rebuild(t) });
 *   const home = await homes.resolve("t1"); // "node-a" (claimed) or the live home's id
 */
import type { Clock } from "../clock.ts";
import { systemClock } from "../clock.ts";
import { createOwnership, type OwnershipStore } from "./ownership.ts";

/** Options of `createTenantHomes`. */
export interface TenantHomesOptions {
  store: OwnershipStore;
  nodeId: string;
  /** Lease lifetime, ms. Default 5000. */
  leaseMs?: number;
  /** How often served tenants are re-checked, ms. Default leaseMs / 2. */
  checkEveryMs?: number;
  /** How long another node's home is trusted before asking the store again, ms. Default leaseMs / 5. */
  cacheMs?: number;
  clock?: Clock;
  /** This node became the tenant's home (first claim or takeover). */
  onAdopt?: (tenantId: string) => void;
  /** This node is no longer the tenant's home (lease lost or released). */
  onLost?: (tenantId: string) => void;
  /** The tenant's home is `node` now, as this node learnt it (first sight or a change; not for itself). */
  onMoved?: (tenantId: string, node: string) => void;
  onError?: (error: unknown, tenantId: string) => void;
}

/** A node's view of tenant homes. */
export interface TenantHomes {
  readonly nodeId: string;
  /** Is this node the tenant's home (local view, no I/O)? */
  isHome(tenantId: string): boolean;
  /** The tenant's home node id; claims the tenant for this node when no live node holds it. */
  resolve(tenantId: string): Promise<string>;
  /** Forgets a cached remote home (it did not answer): the next `resolve` asks the store. */
  invalidate(tenantId: string): void;
  /** Keeps checking this tenant's home (this node serves it). */
  serve(tenantId: string): void;
  /** Tenants this node is home of. */
  held(): string[];
  /** Gives every home up (graceful stop: other nodes take over at once). */
  close(): Promise<void>;
}

const keyOf = (tenantId: string) => `home:${tenantId}`;
const tenantOf = (key: string) => key.slice(5);

/**
 * Creates the view and starts its background renewal and checks.
 *
 * @example
 *   const homes = createTenantHomes({ store: await createRedisOwnership(opts), nodeId });
 */
export function createTenantHomes(opts: TenantHomesOptions): TenantHomes {
  const leaseMs = opts.leaseMs ?? 5000;
  const clock = opts.clock ?? systemClock;
  const cacheMs = opts.cacheMs ?? Math.max(1, Math.floor(leaseMs / 5));
  const mine = new Set<string>();
  const cache = new Map<string, { node: string; until: number }>();
  const served = new Set<string>();
  /** The last home seen of each tenant (to tell a change). */
  const known = new Map<string, string>();
  const inflight = new Map<string, Promise<string>>();
  let closed = false;

  const lost = (tenantId: string) => {
    if (!mine.delete(tenantId)) return;
    opts.onLost?.(tenantId);
  };
  const ownership = createOwnership({
    store: opts.store,
    nodeId: opts.nodeId,
    ttlMs: leaseMs,
    onLost: (key) => lost(tenantOf(key)),
    onError: (error, key) => opts.onError?.(error, tenantOf(key)),
  });

  async function ask(tenantId: string): Promise<string> {
    const key = keyOf(tenantId);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await ownership.claim(key)) {
        cache.delete(tenantId);
        known.set(tenantId, opts.nodeId);
        if (!mine.has(tenantId)) {
          mine.add(tenantId);
          opts.onAdopt?.(tenantId);
        }
        return opts.nodeId;
      }
      if (mine.has(tenantId)) lost(tenantId);
      const holder = await opts.store.holder(key);
      if (holder) {
        if (known.get(tenantId) !== holder.owner) {
          known.set(tenantId, holder.owner);
          opts.onMoved?.(tenantId, holder.owner);
        }
        cache.set(tenantId, { node: holder.owner, until: clock.now() + Math.min(cacheMs, holder.ttlMs) });
        return holder.owner;
      }
      // The lease lapsed between the claim and the read: claim again.
    }
    throw new Error(`tenant ${tenantId}: its home lease changed hands three times in a row`);
  }

  const check = setInterval(
    () => {
      if (closed) return;
      for (const tenantId of served) {
        if (mine.has(tenantId) || inflight.has(tenantId)) continue;
        const c = cache.get(tenantId);
        if (c && c.until > clock.now()) continue;
        homes.resolve(tenantId).catch((error) => opts.onError?.(error, tenantId));
      }
    },
    opts.checkEveryMs ?? Math.max(1, Math.floor(leaseMs / 2)),
  );
  check.unref?.();

  const homes: TenantHomes = {
    nodeId: opts.nodeId,
    isHome: (tenantId) => mine.has(tenantId),
    resolve(tenantId) {
      if (mine.has(tenantId)) return Promise.resolve(opts.nodeId);
      const c = cache.get(tenantId);
      if (c && c.until > clock.now()) return Promise.resolve(c.node);
      let p = inflight.get(tenantId);
      if (!p) {
        p = ask(tenantId).finally(() => inflight.delete(tenantId));
        inflight.set(tenantId, p);
      }
      return p;
    },
    invalidate(tenantId) {
      cache.delete(tenantId);
    },
    serve(tenantId) {
      served.add(tenantId);
    },
    held: () => [...mine],
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(check);
      const had = [...mine];
      mine.clear();
      await ownership.close();
      for (const t of had) opts.onLost?.(t);
    },
  };
  return homes;
}
