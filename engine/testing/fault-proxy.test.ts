import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { createFaultProxy, type FaultProxy } from "./fault-proxy.ts";

let echo: Server;
let echoPort = 0;

beforeAll(async () => {
  echo = createServer((s) => {
    s.on("data", (d) => s.write(d));
    s.on("error", () => {});
  });
  await new Promise<void>((r) => echo.listen(0, "127.0.0.1", () => r()));
  echoPort = (echo.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => echo.close(() => r())));

/** A client socket with helpers to await the next data, an error or a close. */
async function connect(p: FaultProxy): Promise<{ sock: Socket; next(timeoutMs: number): Promise<string> }> {
  const sock = createConnection({ host: p.host, port: p.port });
  const chunks: string[] = [];
  const waiters: ((v: string) => void)[] = [];
  const settle = (v: string) => {
    const w = waiters.shift();
    if (w) w(v);
    else chunks.push(v);
  };
  sock.on("data", (d) => settle(`data:${d.toString()}`));
  sock.on("error", (e: NodeJS.ErrnoException) => settle(`error:${e.code ?? e.message}`));
  sock.on("close", () => settle("close"));
  await new Promise<void>((resolve, reject) => {
    sock.once("connect", () => resolve());
    sock.once("error", reject);
  });
  return {
    sock,
    next(timeoutMs) {
      const ready = chunks.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve) => {
        const t = setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
          resolve("timeout");
        }, timeoutMs);
        const w = (v: string) => {
          clearTimeout(t);
          resolve(v);
        };
        waiters.push(w);
      });
    },
  };
}

describe("fault proxy", () => {
  test("passes bytes both ways", async () => {
    const p = await createFaultProxy({ target: { host: "127.0.0.1", port: echoPort } });
    const c = await connect(p);
    c.sock.write("hello");
    expect(await c.next(2000)).toBe("data:hello");
    expect(p.connections).toBe(1);
    c.sock.destroy();
    await p.close();
  });

  test("latency still delivers, in order", async () => {
    const p = await createFaultProxy({ target: { host: "127.0.0.1", port: echoPort } });
    p.latency(30);
    expect(p.mode).toEqual({ kind: "latency", ms: 30 });
    const c = await connect(p);
    c.sock.write("a");
    expect(await c.next(2000)).toBe("data:a");
    c.sock.write("b");
    expect(await c.next(2000)).toBe("data:b");
    c.sock.destroy();
    await p.close();
  });

  test("blackhole keeps the connection open and drops every byte; pass restores new connections", async () => {
    const p = await createFaultProxy({ target: { host: "127.0.0.1", port: echoPort } });
    const c = await connect(p);
    p.blackhole();
    c.sock.write("lost");
    expect(await c.next(200)).toBe("timeout");
    const late = await connect(p); // accepted while blackholed
    late.sock.write("also lost");
    expect(await late.next(200)).toBe("timeout");
    p.pass();
    const fresh = await connect(p);
    fresh.sock.write("back");
    expect(await fresh.next(2000)).toBe("data:back");
    for (const s of [c, late, fresh]) s.sock.destroy();
    await p.close();
  });

  test("reset tears down open connections and refuses new ones until pass", async () => {
    const p = await createFaultProxy({ target: { host: "127.0.0.1", port: echoPort } });
    const c = await connect(p);
    p.reset();
    const seen = await c.next(2000);
    expect(seen === "close" || seen.startsWith("error:")).toBe(true);
    expect(p.connections).toBe(0);
    const during = await connect(p).then(
      (x) => x.next(2000),
      (e: NodeJS.ErrnoException) => `error:${e.code}`,
    );
    expect(during === "close" || during.startsWith("error:")).toBe(true);
    p.pass();
    const after = await connect(p);
    after.sock.write("ok");
    expect(await after.next(2000)).toBe("data:ok");
    after.sock.destroy();
    await p.close();
  });

  test("rejects a negative latency", async () => {
    const p = await createFaultProxy({ target: { host: "127.0.0.1", port: echoPort } });
    expect(() => p.latency(-1)).toThrow(RangeError);
    await p.close();
  });
});
