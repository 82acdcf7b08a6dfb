/**
 * Test helpers for the Redis adapters: the shared test Redis (started by
 * `.ci/services/redis.sh`, URL in `KEFU_TEST_REDIS_URL`), a unique key prefix per
 * test, and private `redis-server` processes that tests may stop and restart.
 *
 * @example
 *   const url = testRedisUrl(); // throws, naming the script, when the variable is unset
 *   const server = await spawnRedis(); await server.stop(); await server.start();
 */
import { createServer } from "node:net";

/**
 * The URL of the test Redis. Tests that need Redis fail (never skip) without it.
 *
 * @example
 *   createRedisLimitStore({ url: testRedisUrl(), keyPrefix: testPrefix() });
 */
export function testRedisUrl(): string {
  const url = process.env.KEFU_TEST_REDIS_URL;
  if (!url)
    throw new Error(
      "KEFU_TEST_REDIS_URL is not set: run `export KEFU_TEST_REDIS_URL=$(bash .ci/services/redis.sh)` (npm test does this)",
    );
  return url;
}

let n = 0;
/**
 * A key prefix no other test uses, so tests share one Redis without a FLUSHALL.
 *
 * @example
 *   testPrefix(); // "kefu-test:4711:3:"
 */
export function testPrefix(): string {
  n++;
  return `kefu-test:${process.pid}:${Date.now().toString(36)}:${n}:`;
}

/**
 * A free TCP port on 127.0.0.1 (closed again before it is returned).
 *
 * @example
 *   const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A private redis-server a test controls. */
export interface SpawnedRedis {
  readonly port: number;
  readonly url: string;
  /** Starts it (again, on the same port); resolves once it answers. */
  start(): Promise<void>;
  /** Kills it (SIGKILL: no goodbye to clients) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Spawns `redis-server` on a free port with no persistence (needs the binary
 * that `.ci/services/redis.sh` installs).
 *
 * @example
 *   const r = await spawnRedis(); try { … } finally { await r.stop(); }
 */
export async function spawnRedis(): Promise<SpawnedRedis> {
  const port = await freePort();
  let proc: ReturnType<typeof Bun.spawn> | undefined;
  const self: SpawnedRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (proc && !proc.killed && proc.exitCode === null && proc.signalCode === null) return;
      if (!Bun.which("redis-server"))
        throw new Error("redis-server is not installed: run `bash .ci/services/redis.sh` (it installs it)");
      proc = Bun.spawn(
        ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdout: "ignore", stderr: "ignore" },
      );
      const end = Date.now() + 5000;
      for (;;) {
        const ok = await new Promise<boolean>((resolve) => {
          const s = Bun.connect({
            hostname: "127.0.0.1",
            port,
            socket: {
              open(sock) {
                sock.end();
                resolve(true);
              },
              data() {},
              error() {
                resolve(false);
              },
              connectError() {
                resolve(false);
              },
            },
          });
          s.catch(() => resolve(false));
        });
        if (ok) return;
        if (Date.now() > end) throw new Error(`redis-server on port ${port} did not start within 5 s`);
        await Bun.sleep(20);
      }
    },
    async stop() {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill("SIGKILL");
      await proc.exited;
    },
  };
  await self.start();
  return self;
}
