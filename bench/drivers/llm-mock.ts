/**
 * Driver process for the LLM scenarios: runs engine/llm/testing/mock-upstreams.ts
 * (the mock upstream speaking the OpenAI wire format) in its own process, pinned
 * to the driver core by `spawnDrivers`, and answers the scenario over IPC.
 * Started through `startLlmMock` (bench/drivers/llm-servers.ts), never directly.
 *
 * Commands: `start` (options below) → `{ url }`; `counts` → requests received per
 * script name (only with `record: true`); `reset`; `stop`.
 *
 * @example
 *   const [d] = await spawnDrivers("llm-mock.ts", 1);
 *   const { url } = await d.call<{ url: string }>("start", { record: false, defaultScript: { split: false } });
 */
import { type MockScript, type MockUpstreams, startMockUpstreams } from "../../engine/llm/testing/mock-upstreams.ts";
import { serveDriver } from "./ipc.ts";

/** Argument of `start`. */
export interface MockStartArg {
  /** Keep every request (needed for `counts`); off for throughput runs so memory stays flat. */
  record: boolean;
  defaultScript?: MockScript;
  /** Named scripts, selected by a target's base URL `urlFor(name)`. */
  scripts?: Record<string, MockScript>;
}

/** What `counts` returns: requests per script name ("" for none), and how they ended. */
export interface MockCounts {
  total: number;
  byScript: Record<string, number>;
  /** Requests per script whose response was cut by the client (a lost hedge, a cancel). */
  closedByClient: Record<string, number>;
}

let mock: MockUpstreams | undefined;
let record = false;

serveDriver({
  start(arg: MockStartArg) {
    if (mock) throw new Error("mock already started");
    record = arg.record;
    mock = startMockUpstreams({
      record: arg.record,
      ...(arg.defaultScript ? { defaultScript: arg.defaultScript } : {}),
      ...(arg.scripts ? { scripts: arg.scripts } : {}),
    });
    return { url: mock.url };
  },
  counts(): MockCounts {
    if (!mock) throw new Error("mock not started");
    if (!record) throw new Error("counts needs start({ record: true })");
    const byScript: Record<string, number> = {};
    const closedByClient: Record<string, number> = {};
    for (const r of mock.requests) {
      const k = r.scriptName ?? "";
      byScript[k] = (byScript[k] ?? 0) + 1;
      if (r.ending === "client_closed") closedByClient[k] = (closedByClient[k] ?? 0) + 1;
    }
    return { total: mock.requests.length, byScript, closedByClient };
  },
  reset() {
    mock?.reset();
    return true;
  },
  async stop() {
    await mock?.stop();
    mock = undefined;
    return true;
  },
});
