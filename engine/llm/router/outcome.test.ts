import { describe, expect, test } from "bun:test";
import { Outcome } from "./outcome.ts";

describe("Outcome", () => {
  test("every listener runs once, in the order added, before resolve returns; the first settle wins", () => {
    const o = new Outcome<number>();
    const seen: string[] = [];
    for (const name of ["a", "b", "c"])
      o.listen(
        (v) => seen.push(`${name} ${v}`),
        (e) => seen.push(`${name} failed ${e}`),
      );
    expect(o.settled).toBe(false);
    o.resolve(1);
    o.resolve(2);
    o.reject(new Error("late"));
    expect(seen).toEqual(["a 1", "b 1", "c 1"]);
    expect(o.settled).toBe(true);
  });

  test("a failure reaches each listener's failed callback; a listener added after settling runs at once", () => {
    const o = new Outcome<number>();
    const seen: unknown[] = [];
    o.listen(
      () => seen.push("ok?"),
      (e) => seen.push(e),
    );
    o.reject("boom");
    o.listen(
      () => seen.push("ok?"),
      (e) => seen.push(`late ${e}`),
    );
    expect(seen).toEqual(["boom", "late boom"]);
  });

  test("a listener added while the others run is called too (at once: it is settled)", () => {
    const o = new Outcome<string>();
    const seen: string[] = [];
    o.listen(
      (v) => {
        seen.push(`first ${v}`);
        o.listen(
          (w) => seen.push(`nested ${w}`),
          () => {},
        );
      },
      () => {},
    );
    o.listen(
      (v) => seen.push(`second ${v}`),
      () => {},
    );
    o.resolve("x");
    expect(seen).toEqual(["first x", "nested x", "second x"]);
  });

  test("promise(): one promise per outcome, made on demand, settled like the listeners", async () => {
    const ok = new Outcome<number>();
    const p = ok.promise();
    expect(ok.promise()).toBe(p);
    ok.resolve(7);
    expect(await p).toBe(7);
    const failed = new Outcome<number>();
    failed.reject(new Error("no"));
    await expect(failed.promise()).rejects.toThrow("no");
  });

  test("a failure nobody asked a promise for is not an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const on = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", on);
    try {
      new Outcome<number>().reject(new Error("quiet"));
      await new Promise((r) => setTimeout(r, 5));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", on);
    }
  });
});
