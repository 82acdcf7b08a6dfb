/**
 * The JWT signing key set: HS256 keys identified by `kid`, rotated on a schedule.
 *
 * - Time is cut into periods of `rotationSec`; period `n` signs with key `k<n>`,
 *   created (32 random bytes) by the first node that needs it. The store is
 *   insert-if-absent by kid, so nodes sharing a store agree on every key.
 * - A key verifies until it is retired: `rotationSec + maxTokenTtlSec` after its
 *   period began (no token it signed can still be valid after that); retired keys
 *   are deleted at the next rotation.
 * - An unknown kid reloads the set from the store at most once per second (every 50 ms
 *   for the current period's kid, which another node may just have created), then is refused.
 * - With `derive` (a configured `auth.secret` while the store is a node's own SQLite
 *   file), period `n`'s key is HKDF-SHA256(secret, "kefu-jwt", "k<n>") instead of random,
 *   so nodes that share the secret but not a store still agree on every key.
 *
 * @example
 *   const keys = createKeySet({ store, clock, rotationSec: 7 * 86_400, maxTokenTtlSec: 86_400 });
 *   const { kid, secret } = await keys.signingKey();
 *   await keys.key(kid); // the same key
 */
import { hkdfSync, randomBytes } from "node:crypto";
import { type Clock, systemClock } from "../clock.ts";
import type { IdentityStore, SigningKey } from "./identity-store.ts";

/** The key set. */
export interface KeySet {
  /** The key of the current period (created when absent). */
  signingKey(): Promise<SigningKey>;
  /** A key that may still verify, or undefined (unknown or retired). */
  key(kid: string): Promise<SigningKey | undefined>;
  /** Kids that verify now, newest first (for `GET` of the key set state). */
  kids(): Promise<string[]>;
}

/** Options of the key set. */
export interface KeySetOptions {
  store: IdentityStore;
  clock?: Clock;
  /** Period of one signing key, seconds. */
  rotationSec: number;
  /** Longest lifetime of a token signed by the set, seconds. */
  maxTokenTtlSec: number;
  /** Derive each period's key from this secret instead of storing random ones. */
  derive?: Uint8Array;
}

const KID = /^k(\d{1,12})$/;

/** Creates a key set over an identity store. */
export function createKeySet(opts: KeySetOptions): KeySet {
  const clock = opts.clock ?? systemClock;
  const periodMs = opts.rotationSec * 1000;
  const lifeMs = periodMs + opts.maxTokenTtlSec * 1000;
  let cache = new Map<string, SigningKey>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;

  const periodOf = (ms: number) => Math.floor(ms / periodMs);
  const startOf = (kid: string) => Number(KID.exec(kid)?.[1] ?? Number.NaN) * periodMs;
  const live = (k: SigningKey, now: number) => startOf(k.kid) + lifeMs > now;
  const derived = (kid: string): SigningKey => ({
    kid,
    secret: new Uint8Array(hkdfSync("sha256", opts.derive as Uint8Array, "kefu-jwt", kid, 32)),
    createdAtMs: startOf(kid),
  });

  async function reload(): Promise<void> {
    loading ??= (async () => {
      try {
        const all = await opts.store.signingKeys();
        cache = new Map(all.map((k) => [k.kid, k]));
        loadedAt = clock.now();
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  }

  return {
    async signingKey() {
      const now = clock.now();
      const kid = `k${periodOf(now)}`;
      let k = cache.get(kid);
      if (k) return k;
      if (opts.derive) {
        cache.set(kid, derived(kid));
        for (const [id, key] of cache) if (!live(key, now)) cache.delete(id);
        return cache.get(kid) as SigningKey;
      }
      await reload();
      k = cache.get(kid);
      if (k) return k;
      k = await opts.store.addSigningKey({ kid, secret: new Uint8Array(randomBytes(32)), createdAtMs: now });
      cache.set(kid, k);
      // Keys retired by now can go: the oldest period whose tokens may live is (now - life).
      await opts.store.deleteSigningKeysBefore(now - lifeMs - periodMs);
      for (const [id, key] of cache) if (!live(key, now)) cache.delete(id);
      return k;
    },
    async key(kid) {
      const m = KID.exec(kid);
      const now = clock.now();
      if (!m || Number(m[1]) > periodOf(now)) return undefined;
      if (opts.derive) {
        const d = cache.get(kid) ?? derived(kid);
        return live(d, now) ? d : undefined;
      }
      let k = cache.get(kid);
      // The current period's key may have just been created by another node: look sooner for it.
      const wait = Number(m[1]) === periodOf(now) ? 50 : 1000;
      if (!k && now - loadedAt >= wait) {
        await reload();
        k = cache.get(kid);
      }
      return k && live(k, now) ? k : undefined;
    },
    async kids() {
      const now = clock.now();
      if (opts.derive) {
        const kids: string[] = [];
        for (let n = periodOf(now); startOf(`k${n}`) + lifeMs > now; n--) kids.push(`k${n}`);
        return kids;
      }
      await reload();
      return [...cache.values()]
        .filter((k) => live(k, now))
        .sort((a, b) => startOf(b.kid) - startOf(a.kid))
        .map((k) => k.kid);
    },
  };
}
