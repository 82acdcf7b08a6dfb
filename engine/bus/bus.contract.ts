/**
 * The Bus contract suite: every adapter runs it.
 *
 * @example
 *   runBusContract("memory", () => createMemoryBus());
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { Bus } from "./bus.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Resolves once `pred()` holds, polling the event loop; rejects after `ms`. */
export async function until(pred: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Runs the contract against fresh buses made by `factory`. */
export function runBusContract(name: string, factory: () => Bus | Promise<Bus>): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    beforeEach(async () => {
      bus = await factory();
    });
    afterEach(async () => {
      await bus.close();
    });

    test("delivers to every subscriber of the topic, in publish order", async () => {
      const a: string[] = [];
      const b: string[] = [];
      await bus.subscribe("t", (p) => a.push(dec.decode(p)));
      await bus.subscribe("t", (p) => b.push(dec.decode(p)));
      for (let i = 0; i < 100; i++) await bus.publish("t", enc.encode(String(i)));
      const want = Array.from({ length: 100 }, (_, i) => String(i));
      await until(() => a.length === 100 && b.length === 100);
      expect(a).toEqual(want);
      expect(b).toEqual(want);
    });

    test("does not deliver to other topics", async () => {
      const got: string[] = [];
      await bus.subscribe("x", (_p, topic) => got.push(topic));
      await bus.subscribe("y", (_p, topic) => got.push(topic));
      await bus.publish("y", enc.encode("1"));
      await until(() => got.length >= 1);
      await bus.publish("y", enc.encode("2"));
      await until(() => got.length >= 2);
      expect(got).toEqual(["y", "y"]);
    });

    test("publish never runs a handler before it returns", async () => {
      let ran = false;
      await bus.subscribe("t", () => {
        ran = true;
      });
      const p = bus.publish("t", enc.encode("x"));
      expect(ran).toBe(false);
      await p;
      await until(() => ran);
    });

    test("unsubscribe stops delivery and is idempotent", async () => {
      const got: string[] = [];
      const marker: string[] = [];
      const off = await bus.subscribe("t", (p) => got.push(dec.decode(p)));
      await bus.subscribe("t", (p) => marker.push(dec.decode(p)));
      await bus.publish("t", enc.encode("1"));
      await until(() => got.length === 1);
      await off();
      await off();
      await bus.publish("t", enc.encode("2"));
      await until(() => marker.length === 2);
      expect(got).toEqual(["1"]);
    });

    test("a throwing handler does not stop the others", async () => {
      const got: string[] = [];
      await bus.subscribe("t", () => {
        throw new Error("boom");
      });
      await bus.subscribe("t", (p) => got.push(dec.decode(p)));
      await bus.publish("t", enc.encode("1"));
      await bus.publish("t", enc.encode("2"));
      await until(() => got.length === 2);
      expect(got).toEqual(["1", "2"]);
    });

    test("carries binary payloads byte for byte", async () => {
      const payload = new Uint8Array(4096).map((_, i) => (i * 31) & 0xff);
      let got: Uint8Array | undefined;
      await bus.subscribe("bin", (p) => {
        got = p;
      });
      await bus.publish("bin", payload);
      await until(() => got !== undefined);
      expect(got).toEqual(payload);
    });
  });
}
