/**
 * Cluster benchmarks' shared parts: the PostgreSQL and Redis of .ci/services
 * (started when not running) and the settings of one gateway node.
 *
 * @example
 *   const shared = startClusterServices(); // { pg, redis, prefix, secret }
 *   const env = benchNodeEnv(shared, "a", port, dataDir);
 *   await dropClusterKeys(shared); // at the end
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import Redis from "ioredis";
import { clusterEnv } from "../../gateway/test/cluster.ts";
import { root } from "./procs.ts";
import { BENCH_ADMIN_KEY } from "./servers.ts";

/** Runs a script of .ci/services and returns the URL it prints last. */
function service(script: string): string {
  const r = Bun.spawnSync(["bash", join(root, ".ci", "services", script)], { stdout: "pipe", stderr: "inherit" });
  const url = r.stdout.toString().trim().split("\n").at(-1) ?? "";
  if (r.exitCode !== 0 || !url) throw new Error(`.ci/services/${script} failed (exit ${r.exitCode})`);
  return url;
}

/** What the nodes of one benchmark cluster share. */
export interface ClusterServices {
  pg: string;
  redis: string;
  prefix: string;
  secret: string;
}

/** Starts (or finds) PostgreSQL and Redis, with a fresh Redis key prefix and token secret. */
export function startClusterServices(): ClusterServices {
  return {
    pg: service("postgres.sh"),
    redis: service("redis.sh"),
    prefix: `kefu-bench-${randomBytes(4).toString("hex")}:`,
    secret: randomBytes(24).toString("hex"),
  };
}

/** Environment of one benchmark node: cluster mode, benchmark limits, admin key. */
export function benchNodeEnv(
  c: ClusterServices,
  nodeId: string,
  port: number,
  dataDir: string,
): Record<string, string> {
  return {
    ...clusterEnv({ ...c, nodeId }),
    KEFU_PORT: String(port),
    KEFU_DATA_DIR: dataDir,
    KEFU_AUTH_ADMIN_KEY: BENCH_ADMIN_KEY,
    KEFU_REALTIME_MESSAGES_PER_SECOND: "10000",
    KEFU_REALTIME_BURST: "100000",
  };
}

/**
 * Deletes the Redis keys of one benchmark cluster (its prefix): hot-history streams
 * live 24 h, and the test Redis has a memory cap.
 *
 * @example
 *   await dropClusterKeys(shared); // 12,345 keys
 */
export async function dropClusterKeys(c: ClusterServices): Promise<number> {
  const redis = new Redis(c.redis, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let n = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${c.prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) n += await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return n;
}
