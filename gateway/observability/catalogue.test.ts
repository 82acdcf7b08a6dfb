// The metrics catalogue (engine/observability/catalogue.ts) against what a running
// gateway exports after a load that touches every subsystem.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { capGroups } from "../../engine/conversations/metrics.ts";
import { catalogue } from "../../engine/observability/catalogue.ts";
import { type ExportedFamily, parseExposition } from "./exposition.ts";
import { type LoadedGateway, startLoadedGateway } from "./load.ts";

let lg: LoadedGateway;
let exported: Map<string, ExportedFamily>;

beforeAll(async () => {
  lg = await startLoadedGateway();
  await lg.drive();
  exported = parseExposition(await (await fetch(`${lg.gw.url}/metrics`)).text());
}, 30_000);
afterAll(() => lg?.close());

describe("metrics catalogue", () => {
  test("every catalogued metric is exported with the same type and help", () => {
    const wrong = catalogue.flatMap((e) => {
      const f = exported.get(e.name);
      if (!f) return [`${e.name}: not exported`];
      const errs: string[] = [];
      if (f.type !== e.type) errs.push(`${e.name}: type ${f.type}, catalogue says ${e.type}`);
      if (f.help !== e.help) errs.push(`${e.name}: help "${f.help}", catalogue says "${e.help}"`);
      return errs;
    });
    expect(wrong).toEqual([]);
  });

  test("every catalogued metric has exactly the catalogued label names (as registered, and on its samples)", () => {
    const wrong = catalogue.flatMap((e) => {
      const errs: string[] = [];
      const registered = lg.gw.metrics.registry.getSingleMetric(e.name) as unknown as { labelNames?: string[] };
      if (JSON.stringify(registered?.labelNames ?? []) !== JSON.stringify(e.labels))
        errs.push(`${e.name}: registered labels ${JSON.stringify(registered?.labelNames)}`);
      const f = exported.get(e.name);
      if (f && f.samples > 0 && JSON.stringify([...f.labels].sort()) !== JSON.stringify([...e.labels].sort()))
        errs.push(`${e.name}: sample labels ${JSON.stringify([...f.labels])}`);
      return errs;
    });
    expect(wrong).toEqual([]);
  });

  test("every exported kefu_* metric is in the catalogue, once", () => {
    const names = catalogue.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    const missing = [...exported.keys()].filter((n) => n.startsWith("kefu_") && !names.includes(n));
    expect(missing).toEqual([]);
  });

  test("names follow kefu_<subsystem>_<name>[_<unit>]: counters end in _total, durations in _seconds", () => {
    for (const e of catalogue) {
      expect(e.name).toMatch(/^kefu_[a-z]+(_[a-z]+)+$/);
      if (e.type === "counter") expect(e.name).toEndWith("_total");
      if (e.unit === "seconds") expect(e.name).toEndWith("_seconds");
    }
  });

  test("the load produced samples for the new gauges: sessions by state, queue length, agents by seat state", () => {
    const text = (name: string) => exported.get(name);
    expect(text("kefu_conversation_sessions")?.samples).toBe(3);
    expect(text("kefu_agent_seats")?.samples).toBe(4);
    expect(text("kefu_conversation_queue_length")?.samples).toBeGreaterThanOrEqual(1);
  });

  test("the gauges read the service's current state", async () => {
    const value = async (re: RegExp) => {
      const body = await (await fetch(`${lg.gw.url}/metrics`)).text();
      const m = re.exec(body);
      return m ? Number(m[1]) : Number.NaN;
    };
    // After the load: two visitors in the bot state, one waiting in "sales", one online agent.
    expect(await value(/^kefu_conversation_sessions\{state="queued"\} (\d+)$/m)).toBe(1);
    expect(await value(/^kefu_conversation_queue_length\{group="sales"\} (\d+)$/m)).toBe(1);
    expect(await value(/^kefu_agent_seats\{state="online"\} (\d+)$/m)).toBe(1);
    const before = await value(/^kefu_conversation_sessions\{state="bot"\} (\d+)$/m);
    await lg.gw.service.startSession({ tenantId: "acme" });
    expect(await value(/^kefu_conversation_sessions\{state="bot"\} (\d+)$/m)).toBe(before + 1);
    // A seat change moves the agent from online to away; removing it drops it from the gauge.
    const [agent] = lg.gw.routing.listAgents("acme");
    if (!agent) throw new Error("the load registered no agent");
    lg.gw.routing.setState(agent.id, "away", agent.version);
    expect(await value(/^kefu_agent_seats\{state="online"\} (\d+)$/m)).toBe(0);
    expect(await value(/^kefu_agent_seats\{state="away"\} (\d+)$/m)).toBe(1);
    lg.gw.routing.removeAgent(agent.id);
    expect(await value(/^kefu_agent_seats\{state="away"\} (\d+)$/m)).toBe(0);
  });

  test("queue groups are capped: the longest queues by name, the rest summed as _other", () => {
    const lengths = new Map(Array.from({ length: 25 }, (_, i) => [`g${i}`, i + 1] as [string, number]));
    const capped = capGroups(lengths, 20);
    expect(capped.length).toBe(21);
    expect(capped[0]).toEqual(["g24", 25]);
    expect(capped[20]).toEqual(["_other", 1 + 2 + 3 + 4 + 5]);
    expect(capGroups(new Map([["a", 1]]), 20)).toEqual([["a", 1]]);
  });
});
