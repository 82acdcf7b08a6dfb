/**
 * Driver processes and their remote control. A scenario spawns several Bun
 * driver scripts pinned to the driver core (each process may hold at most
 * ~19,500 sockets: the open-files cap is 20,000 per process) and calls named
 * commands on them over Bun's IPC channel; a driver script answers with
 * `serveDriver(handlers)`.
 *
 * @example
 *   // scenario
 *   const drivers = await spawnDrivers("ws-hold.ts", 2);
 *   await Promise.all(drivers.map((d) => d.call("open", { n: 9500 })));
 *   // bench/drivers/ws-hold.ts
 *   serveDriver({ open: async ({ n }) => ({ opened: n }) });
 */
import { join } from "node:path";
import { DRIVER_CORE, root } from "./procs.ts";

interface Request {
  id: number;
  cmd: string;
  arg: unknown;
}
interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** A running driver process. */
export interface Driver {
  index: number;
  pid: number;
  /** Runs `cmd` in the driver; rejects with the driver's error message. */
  call<T = unknown>(cmd: string, arg?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Spawns `count` copies of `bench/drivers/<script>` pinned to the driver core.
 * Each gets `DRIVER_INDEX` and `DRIVER_COUNT` in its environment.
 */
export async function spawnDrivers(script: string, count: number, env: Record<string, string> = {}): Promise<Driver[]> {
  const drivers: Driver[] = [];
  for (let index = 0; index < count; index++) {
    let next = 1;
    const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
    const p = Bun.spawn(["taskset", "-c", String(DRIVER_CORE), process.execPath, join(import.meta.dir, script)], {
      cwd: root,
      env: { ...process.env, ...env, DRIVER_INDEX: String(index), DRIVER_COUNT: String(count) },
      stdout: "inherit",
      stderr: "inherit",
      serialization: "json",
      ipc(message) {
        const r = message as Reply;
        const w = pending.get(r.id);
        if (!w) return;
        pending.delete(r.id);
        if (r.ok) w.resolve(r.value);
        else w.reject(new Error(`driver ${script}#${index}: ${r.error}`));
      },
    });
    void p.exited.then((code) => {
      for (const w of pending.values()) w.reject(new Error(`driver ${script}#${index} exited (${code})`));
      pending.clear();
    });
    drivers.push({
      index,
      pid: p.pid,
      call<T>(cmd: string, arg?: unknown) {
        const id = next++;
        return new Promise<T>((resolve, reject) => {
          pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          p.send({ id, cmd, arg } satisfies Request);
        });
      },
      async stop() {
        if (p.exitCode !== null || p.signalCode !== null) return;
        p.kill("SIGTERM");
        const t = setTimeout(() => p.kill("SIGKILL"), 5_000);
        await p.exited;
        clearTimeout(t);
      },
    });
  }
  // Wait until every driver answers (its module loaded and its handlers installed).
  await Promise.all(drivers.map((d) => d.call("ready")));
  return drivers;
}

/** Handlers of a driver script: command name → async function of its argument. */
// biome-ignore lint/suspicious/noExplicitAny: each handler types its own argument
export type Handlers = Record<string, (arg: any) => unknown>;

/** Answers the scenario's calls in a driver script; a failing handler replies with its error. */
export function serveDriver(handlers: Handlers): void {
  const all: Handlers = { ready: () => true, ...handlers };
  process.on("message", async (message: unknown) => {
    const req = message as Request;
    const h = all[req.cmd];
    try {
      if (!h) throw new Error(`unknown command ${req.cmd}`);
      const value = await h(req.arg);
      process.send?.({ id: req.id, ok: true, value } satisfies Reply);
    } catch (e) {
      process.send?.({ id: req.id, ok: false, error: (e as Error).stack ?? String(e) } satisfies Reply);
    }
  });
  process.on("SIGTERM", () => process.exit(0));
}

/** This driver's index and the number of drivers (from the environment). */
export const driverIndex = () => ({
  index: Number(process.env.DRIVER_INDEX ?? 0),
  count: Number(process.env.DRIVER_COUNT ?? 1),
});
