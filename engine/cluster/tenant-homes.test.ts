import { afterEach, describe, expect, test } from "bun:test";
import { createMemoryOwnership } from "./ownership.memory.ts";
import type { OwnershipStore } from "./ownership.ts";
import { createTenantHomes, type TenantHomes } from "./tenant-homes.ts";

/** A node's view of the shared store that can be cut off (the node "dies" for the store). */
function cuttable(store: OwnershipStore) {
  let cut = false;
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A) =>
      cut ? Promise.reject(new Error("unreachable")) : fn(...a);
  return {
    cut: (v: boolean) => {
      cut = v;
    },
    store: {
      kind: "cuttable",
      acquire: guard(store.acquire.bind(store)),
      renew: guard(store.renew.bind(store)),
      release: guard(store.release.bind(store)),
      holder: guard(store.holder.bind(store)),
      ping: guard(store.ping.bind(store)),
      close: async () => {},
    } satisfies OwnershipStore,
  };
}

async function until(what: string, ok: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await Bun.sleep(10);
  }
}

const opened: TenantHomes[] = [];
afterEach(async () => {
  for (const h of opened.splice(0)) await h.close();
});

function node(store: OwnershipStore, nodeId: string, leaseMs = 150) {
  const events: string[] = [];
  const homes = createTenantHomes({
    store,
    nodeId,
    leaseMs,
    onAdopt: (t) => events.push(`adopt ${t}`),
    onLost: (t) => events.push(`lost ${t}`),
    onMoved: (t, n) => events.push(`moved ${t} ${n}`),
  });
  opened.push(homes);
  return { homes, events };
}

describe("tenant homes", () => {
  test("the first node to need a tenant is its home; the others learn it and forward", async () => {
    const shared = createMemoryOwnership();
    const a = node(shared, "a");
    const b = node(shared, "b");
    expect(await a.homes.resolve("t1")).toBe("a");
    expect(await b.homes.resolve("t1")).toBe("a");
    expect(await b.homes.resolve("t2")).toBe("b");
    expect([a.homes.isHome("t1"), b.homes.isHome("t1"), b.homes.isHome("t2")]).toEqual([true, false, true]);
    expect(a.events).toEqual(["adopt t1"]);
    expect(b.events).toEqual(["moved t1 a", "adopt t2"]);
    expect(a.homes.held()).toEqual(["t1"]);
  });

  test("a home keeps its lease while it lives (renewed in the background)", async () => {
    const shared = createMemoryOwnership();
    const a = node(shared, "a", 100);
    const b = node(shared, "b", 100);
    await a.homes.resolve("t1");
    await Bun.sleep(350); // several lease lifetimes
    b.homes.invalidate("t1");
    expect(await b.homes.resolve("t1")).toBe("a");
    expect(b.events).not.toContain("adopt t1");
  });

  test("when the home dies, a node that serves the tenant takes it over without traffic; the old home is told it lost it", async () => {
    const shared = createMemoryOwnership();
    const aLink = cuttable(shared);
    const a = node(aLink.store, "a");
    const b = node(shared, "b");
    await a.homes.resolve("t1");
    expect(await b.homes.resolve("t1")).toBe("a");
    b.homes.serve("t1");
    aLink.cut(true); // a can no longer renew: its lease lapses
    await until("b adopts t1", () => b.events.includes("adopt t1"));
    expect(b.homes.isHome("t1")).toBe(true);
    aLink.cut(false); // a comes back: its renewal fails (taken over) and it steps down
    await until("a loses t1", () => a.events.includes("lost t1"));
    expect(a.homes.isHome("t1")).toBe(false);
    expect(await a.homes.resolve("t1")).toBe("b");
  });

  test("close gives every home up at once: another node takes over on its next resolve", async () => {
    const shared = createMemoryOwnership();
    const a = node(shared, "a", 60_000);
    const b = node(shared, "b", 60_000);
    await a.homes.resolve("t1");
    await a.homes.close();
    expect(a.events).toEqual(["adopt t1", "lost t1"]);
    b.homes.invalidate("t1");
    expect(await b.homes.resolve("t1")).toBe("b");
  });
});
