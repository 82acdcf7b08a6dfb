import { afterEach, describe, expect, test } from "bun:test";
import { createMemoryBus } from "../bus/bus.memory.ts";
import { KefuError } from "../errors.ts";
import { createRpc, type Rpc } from "./rpc.ts";

const open: Rpc[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
});

async function pair(timeoutMs = 200) {
  const bus = createMemoryBus();
  const a = await createRpc({ bus, nodeId: "a", timeoutMs });
  const b = await createRpc({ bus, nodeId: "b", timeoutMs });
  open.push(a, b);
  return { bus, a, b };
}

describe("rpc between nodes over the bus", () => {
  test("a call runs on the named node and resolves with its result", async () => {
    const { a, b } = await pair();
    const ran: string[] = [];
    b.handle("sum", (x, y) => {
      ran.push("b");
      return Number(x) + Number(y);
    });
    a.handle("sum", () => {
      ran.push("a");
      return -1;
    });
    expect(await a.call<number>("b", "sum", [2, 3])).toBe(5);
    expect(ran).toEqual(["b"]);
    expect(a.pending()).toBe(0);
  });

  test("a KefuError reaches the caller with its code, status and retryability; other errors are internal", async () => {
    const { a, b } = await pair();
    b.handle("refuse", () => {
      throw new KefuError("version_conflict", "agent a1 is at version 3, not 2", { status: 409 });
    });
    b.handle("busy", async () => {
      throw new KefuError("queue_full", "full", { status: 503, retryable: true });
    });
    b.handle("crash", () => {
      throw new Error("secret detail");
    });
    await expect(a.call("b", "refuse", [])).rejects.toMatchObject({
      code: "version_conflict",
      status: 409,
      retryable: false,
      message: "agent a1 is at version 3, not 2",
    });
    await expect(a.call("b", "busy", [])).rejects.toMatchObject({ code: "queue_full", status: 503, retryable: true });
    const crash = (await a.call("b", "crash", []).catch((e) => e)) as Error;
    expect(crash).toMatchObject({ code: "internal", status: 500 });
    expect(String(crash.message)).not.toContain("secret detail");
    await expect(a.call("b", "nope", [])).rejects.toMatchObject({ code: "not_found", status: 404 });
  });

  test("a node that does not answer: node_unavailable (503, retryable) after the timeout, nothing left pending", async () => {
    const { a } = await pair(50);
    await expect(a.call("ghost", "sum", [1, 2])).rejects.toMatchObject({
      code: "node_unavailable",
      status: 503,
      retryable: true,
    });
    expect(a.pending()).toBe(0);
  });

  test("a call to itself runs in process with copied arguments", async () => {
    const { a } = await pair();
    const arg = { n: 1 };
    a.handle("bump", (o) => {
      (o as { n: number }).n++;
      return o;
    });
    expect(await a.call("a", "bump", [arg])).toEqual({ n: 2 });
    expect(arg.n).toBe(1);
  });

  test("bounds: an oversized call is refused before sending; close rejects calls in flight", async () => {
    const bus = createMemoryBus();
    const a = await createRpc({ bus, nodeId: "a", timeoutMs: 5000, maxMessageBytes: 1000 });
    const b = await createRpc({ bus, nodeId: "b" });
    open.push(b);
    b.handle("slow", () => new Promise(() => {}));
    await expect(a.call("b", "slow", ["x".repeat(2000)])).rejects.toMatchObject({ code: "payload_too_large" });
    const inFlight = a.call("b", "slow", []);
    expect(a.pending()).toBe(1);
    await a.close();
    await expect(inFlight).rejects.toMatchObject({ code: "node_unavailable" });
    await expect(a.call("b", "slow", [])).rejects.toMatchObject({ code: "node_unavailable" });
  });
});
