import { expect, test } from "bun:test";
import { runBusContract, until } from "./bus.contract.ts";
import { createMemoryBus } from "./bus.memory.ts";

runBusContract("memory", () => createMemoryBus());

test("handler errors are reported to onHandlerError with their topic", async () => {
  const seen: string[] = [];
  const bus = createMemoryBus({ onHandlerError: (e, topic) => seen.push(`${topic}:${(e as Error).message}`) });
  await bus.subscribe("t", () => {
    throw new Error("boom");
  });
  await bus.publish("t", new Uint8Array([1]));
  await until(() => seen.length === 1);
  expect(seen).toEqual(["t:boom"]);
  await bus.close();
  await expect(bus.publish("t", new Uint8Array([1]))).rejects.toThrow(/closed/);
});
