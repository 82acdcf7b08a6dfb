import { manualClock } from "../clock.ts";
import { runOwnershipContract } from "./ownership.contract.ts";
import { createMemoryOwnership } from "./ownership.memory.ts";

runOwnershipContract("memory", () => {
  const clock = manualClock(1_000_000);
  return {
    store: createMemoryOwnership({ clock }),
    advance: async (ms) => clock.advance(ms),
  };
});
