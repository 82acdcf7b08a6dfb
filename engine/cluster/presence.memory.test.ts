import { manualClock } from "../clock.ts";
import { runPresenceContract, runSeatStoreContract } from "./presence.contract.ts";
import { createMemoryPresence, createMemorySeatStore } from "./presence.memory.ts";

runSeatStoreContract("memory", () => createMemorySeatStore());
runPresenceContract("memory", () => {
  const clock = manualClock(0);
  return { store: createMemoryPresence({ clock }), advance: async (ms) => clock.advance(ms) };
});
