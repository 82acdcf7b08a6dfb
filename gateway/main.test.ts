import { afterAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runGateway, startGateway, tempDir } from "./test/utils.ts";

const tmp = tempDir("kefu-main-");
afterAll(() => tmp.cleanup());

describe("gateway process", () => {
  test("starts on embedded defaults, serves /healthz, and exits 0 on SIGTERM", async () => {
    const dataDir = join(tmp.dir, "defaults");
    const gw = await startGateway({ KEFU_DATA_DIR: dataDir });
    expect(gw.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${gw.url}/healthz`);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(existsSync(join(dataDir, "events.db"))).toBe(true);
    gw.proc.kill("SIGTERM");
    expect(await gw.exited).toBe(0);
    expect(gw.stderr()).toContain('"msg":"stopped"');
  });

  test("SIGINT also shuts down cleanly", async () => {
    const gw = await startGateway({ KEFU_DATA_DIR: join(tmp.dir, "sigint") });
    gw.proc.kill("SIGINT");
    expect(await gw.exited).toBe(0);
  });

  test("SIGTERM lets a request in flight finish, then refuses new connections", async () => {
    const gw = await startGateway({ KEFU_DATA_DIR: join(tmp.dir, "drain") });
    const { hostname, port } = new URL(gw.url);
    const body = JSON.stringify({ message: "drained" });
    let response = "";
    let gotResponse: () => void = () => {};
    const done = new Promise<void>((r) => {
      gotResponse = r;
    });
    const sock = await Bun.connect({
      hostname,
      port: Number(port),
      socket: {
        data(_s, chunk) {
          response += chunk.toString();
          if (response.includes("}")) gotResponse();
        },
      },
    });
    // Headers and half the body: the request is now in flight.
    sock.write(
      `POST /v1/echo HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    sock.flush();
    await Bun.sleep(100);
    gw.proc.kill("SIGTERM");
    // Wait until the process says it is draining, then refuse new connections.
    while (!gw.stderr().includes('"msg":"shutting down"')) await Bun.sleep(10);
    const refused = await fetch(`${gw.url}/healthz`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    sock.write(body.slice(5));
    sock.flush();
    await done;
    expect(response).toStartWith("HTTP/1.1 200");
    expect(response).toContain('{"message":"drained","length":7}');
    sock.end();
    expect(await gw.exited).toBe(0);
  });

  test("a request that never completes cannot hold shutdown past shutdown.timeoutMs", async () => {
    const gw = await startGateway({ KEFU_DATA_DIR: join(tmp.dir, "stuck"), KEFU_SHUTDOWN_TIMEOUT_MS: "300" });
    const { hostname, port } = new URL(gw.url);
    const sock = await Bun.connect({ hostname, port: Number(port), socket: { data() {} } });
    sock.write(
      `POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"mes`,
    );
    sock.flush();
    await Bun.sleep(100);
    gw.proc.kill("SIGTERM");
    expect(await gw.exited).toBe(0);
    expect(gw.stderr()).toContain('"msg":"drain timed out; closing remaining connections"');
    expect(gw.stderr()).toContain('"drained":false');
  });

  test("a bad config value exits 2 with a message naming the key, the value and what is allowed", async () => {
    const r = await runGateway({ KEFU_PORT: "eighty", KEFU_DATA_DIR: join(tmp.dir, "bad") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('KEFU_PORT (port) = "eighty": expected an integer from 0 to 65535');
  });

  test("an unknown KEFU_ variable exits 2 and lists the known ones", async () => {
    const r = await runGateway({ KEFU_PROT: "9000" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("KEFU_PROT: unknown setting");
    expect(r.stderr).toContain("KEFU_PORT");
  });

  test("a port already in use exits 1 with a clear log line", async () => {
    const blocker = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("x") });
    try {
      const r = await runGateway({ KEFU_PORT: String(blocker.port), KEFU_DATA_DIR: join(tmp.dir, "inuse") });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('"msg":"cannot start"');
    } finally {
      blocker.stop(true);
    }
  });
});
