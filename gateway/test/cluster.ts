/**
 * Real multi-node clusters for tests: each node is its own `bun gateway/main.ts`
 * process on 127.0.0.1, sharing the PostgreSQL and Redis that .ci/test.sh starts
 * (KEFU_TEST_PG_URL, KEFU_TEST_REDIS_URL). Every cluster gets its own PostgreSQL
 * schema (dropped at stop) and Redis key prefix, so clusters never see each other's data.
 *
 * @example
 *   const cluster = await startCluster(["a", "b", "c"]);
 *   const a = cluster.node("a"); // { url, kill(), … }
 *   await a.kill("SIGKILL");
 *   await cluster.stop();
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { testRedisUrl } from "../../engine/cluster/test-redis.ts";
import { freshSchema } from "../../engine/testing/postgres.ts";
import { tempDir } from "./utils.ts";

/** The admin key every node of a test cluster accepts. */
export const CLUSTER_ADMIN_KEY = "cluster-admin-key-0123456789";

const root = join(import.meta.dir, "..", "..");
const bun = join(root, "node_modules", ".bin", "bun");

/** One gateway process. */
export interface ClusterNode {
  name: string;
  url: string;
  port: number;
  proc: Subprocess;
  /** What the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A running cluster. */
export interface Cluster {
  node(name: string): ClusterNode;
  /** Starts one more node (e.g. a replacement) with the cluster's settings. */
  add(name: string): Promise<ClusterNode>;
  stop(): Promise<void>;
}

/** Where a cluster's shared state lives. */
export interface ClusterSettings {
  pg: string;
  redis: string;
  /** Redis key prefix of this cluster. */
  prefix: string;
  /** Token secret every node shares. */
  secret: string;
  nodeId: string;
}

/**
 * The KEFU_* settings that make a gateway a node of a cluster: PostgreSQL event
 * store, Redis hot history, bus and limits, a shared token secret.
 *
 * @example
 *   clusterEnv({ pg, redis, prefix: "t1:", secret, nodeId: "a" }).KEFU_STORAGE_BUS; // "redis"
 */
export function clusterEnv(c: ClusterSettings): Record<string, string> {
  return {
    KEFU_LOG_LEVEL: "warn",
    KEFU_AUTH_SECRET: c.secret,
    KEFU_STORAGE_EVENT_STORE: "postgres",
    KEFU_STORAGE_POSTGRES_URL: c.pg,
    KEFU_STORAGE_HOT_HISTORY: "redis",
    KEFU_STORAGE_BUS: "redis",
    KEFU_STORAGE_LIMITS: "redis",
    KEFU_STORAGE_REDIS_URL: c.redis,
    KEFU_STORAGE_REDIS_KEY_PREFIX: c.prefix,
    KEFU_STORAGE_REDIS_NODE_ID: c.nodeId,
  };
}

function freePort(): number {
  const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = s.port as number;
  s.stop(true);
  return port;
}

async function readAll(stream: ReadableStream<Uint8Array>, into: string[]): Promise<void> {
  const dec = new TextDecoder();
  for await (const chunk of stream) into.push(dec.decode(chunk));
}

/**
 * Starts the named nodes (in parallel) and waits until each answers /readyz.
 * `env` adds or overrides KEFU_* settings for every node.
 */
export async function startCluster(names: string[], env: Record<string, string> = {}): Promise<Cluster> {
  // A PostgreSQL schema of its own: nothing a cluster stores (tenants' subscriptions, channels…)
  // is left for the next run to trip over.
  const schema = await freshSchema("cluster");
  const pg = schema.url;
  const redis = testRedisUrl();
  const tmp = tempDir("kefu-cluster-");
  const prefix = `kefu-t-${randomBytes(4).toString("hex")}:`;
  const secret = randomBytes(24).toString("hex");
  const nodes = new Map<string, ClusterNode>();

  const add = async (name: string): Promise<ClusterNode> => {
    const port = freePort();
    const out: string[] = [];
    const proc = Bun.spawn([bun, "gateway/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        KEFU_HOST: "127.0.0.1",
        KEFU_PORT: String(port),
        KEFU_DATA_DIR: join(tmp.dir, name),
        KEFU_AUTH_ADMIN_KEY: CLUSTER_ADMIN_KEY,
        KEFU_KB_DEMO: "false",
        ...clusterEnv({ pg, redis, prefix, secret, nodeId: name }),
        ...env,
      },
      stdout: "pipe",
      stderr: "pipe",
    });
    void readAll(proc.stdout, out);
    void readAll(proc.stderr, out);
    const url = `http://127.0.0.1:${port}`;
    const node: ClusterNode = {
      name,
      url,
      port,
      proc,
      output: () => out.join(""),
      async kill(signal = "SIGTERM") {
        proc.kill(signal);
        await proc.exited;
      },
    };
    nodes.set(name, node);
    const end = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`node ${name} exited with ${proc.exitCode}:\n${node.output()}`);
      const ok = await fetch(`${url}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return node;
      if (Date.now() > end) throw new Error(`node ${name} not ready within 30 s:\n${node.output()}`);
      await Bun.sleep(50);
    }
  };

  try {
    await Promise.all(names.map(add));
  } catch (e) {
    for (const n of nodes.values()) n.proc.kill("SIGKILL");
    await Promise.all([...nodes.values()].map((n) => n.proc.exited));
    tmp.cleanup();
    await schema.drop().catch(() => {});
    throw e;
  }
  return {
    node(name) {
      const n = nodes.get(name);
      if (!n) throw new Error(`no node ${name}`);
      return n;
    },
    add,
    async stop() {
      await Promise.all([...nodes.values()].map((n) => (n.proc.exitCode === null ? n.kill("SIGTERM") : undefined)));
      tmp.cleanup();
      await schema.drop();
    },
  };
}
