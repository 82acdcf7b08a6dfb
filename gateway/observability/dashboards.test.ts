// The shipped Grafana dashboards and Prometheus alert rules, proven against a real
// Prometheus (Debian's `prometheus`, installed by .ci/services/prometheus.sh)
// scraping a live in-process gateway driven by a load that touches every subsystem.
// Every panel query must parse and return at least one series; every alert rule
// must parse and evaluate. A metric renamed in code breaks this test.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Subprocess } from "bun";
import { catalogue } from "../../engine/observability/catalogue.ts";
import { alertsPath, parseAlertRules } from "../../engine/observability/docs.ts";
import { root, tempDir } from "../test/utils.ts";
import { type LoadedGateway, startLoadedGateway } from "./load.ts";

const grafana = join(root, "grafana");
const alertsFile = alertsPath;
const shippedConfig = join(grafana, "prometheus", "prometheus.yml");

/** The Prometheus binary: KEFU_TEST_PROMETHEUS_BIN (set by .ci/test.sh), else Debian's path. Never skipped. */
function prometheusBin(): string {
  const bin = process.env.KEFU_TEST_PROMETHEUS_BIN || "/usr/bin/prometheus";
  if (!existsSync(bin) || !existsSync(join(dirname(bin), "promtool")))
    throw new Error(
      `Prometheus is needed by this test and was not found at ${bin} (with promtool beside it): ` +
        "run `bash .ci/services/prometheus.sh` (installs Debian's prometheus) and export " +
        "KEFU_TEST_PROMETHEUS_BIN=<the path it prints>",
    );
  return bin;
}

interface Target {
  refId: string;
  expr: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id: number;
  title: string;
  type: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  templating: { list: { name: string; type: string; query?: string }[] };
  panels: Panel[];
}

const dashboards: { file: string; d: Dashboard }[] = readdirSync(join(grafana, "dashboards"))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ file, d: JSON.parse(readFileSync(join(grafana, "dashboards", file), "utf8")) as Dashboard }));

// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JavaScript template.
const DS_UID = "${datasource}";

const allPanels = (ps: Panel[]): Panel[] => ps.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);

const rules = parseAlertRules(readFileSync(alertsFile, "utf8"));

/** Grafana's interval variables, replaced by what Grafana would send for a 5-minute view at 1 s scrapes. */
function concrete(expr: string): string {
  return expr.replaceAll("$__rate_interval", "1m").replaceAll("$__interval", "1s").replaceAll("$__range", "5m");
}

/** Metric names a PromQL expression reads (identifiers followed by `{`, `[`, `)` or space that are not functions or keywords). */
function metricNames(expr: string): string[] {
  const noStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const words = noStrings.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [...new Set(words.filter((w) => /^(kefu|process|nodejs)_/.test(w) || w === "up"))];
}

const catalogued = new Set(
  catalogue.flatMap((e) =>
    e.type === "histogram" ? [`${e.name}_bucket`, `${e.name}_sum`, `${e.name}_count`] : [e.name],
  ),
);

// ---- Prometheus and the loaded gateway ------------------------------------------------

let lg: LoadedGateway;
let prom: Subprocess | undefined;
let promUrl = "";
let tmp: ReturnType<typeof tempDir>;
let promtool = "";
let promLog = "";

async function freePort(): Promise<number> {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

interface QueryResult {
  status: string;
  error?: string;
  data?: { resultType: string; result: unknown[] };
}

async function query(q: string): Promise<QueryResult> {
  const res = await fetch(`${promUrl}/api/v1/query?${new URLSearchParams({ query: q })}`);
  return (await res.json()) as QueryResult;
}

async function queryRange(q: string, seconds: number): Promise<QueryResult> {
  const end = Date.now() / 1000;
  const params = new URLSearchParams({ query: q, start: String(end - seconds), end: String(end), step: "1" });
  const res = await fetch(`${promUrl}/api/v1/query_range?${params}`);
  return (await res.json()) as QueryResult;
}

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await ok().catch(() => false)) return;
    await Bun.sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; prometheus log:\n${promLog.slice(-2000)}`);
}

const scalar = async (q: string) => {
  const r = await query(q);
  const v = (r.data?.result[0] as { value?: [number, string] } | undefined)?.value?.[1];
  return v === undefined ? Number.NaN : Number(v);
};

beforeAll(async () => {
  const bin = prometheusBin();
  promtool = join(dirname(bin), "promtool");
  tmp = tempDir("kefu-prom-");
  lg = await startLoadedGateway();
  const target = new URL(lg.gw.url).host;
  const config = join(tmp.dir, "prometheus.yml");
  writeFileSync(
    config,
    [
      "global:",
      "  scrape_interval: 1s",
      "  scrape_timeout: 1s",
      "  evaluation_interval: 1s",
      "rule_files:",
      `  - ${JSON.stringify(alertsFile)}`,
      "scrape_configs:",
      "  - job_name: kefu",
      "    static_configs:",
      `      - targets: [${JSON.stringify(target)}]`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prom = Bun.spawn(
    [
      bin,
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(tmp.dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdout: "ignore", stderr: "pipe" },
  );
  void (async () => {
    const stderr = prom?.stderr;
    if (!stderr || typeof stderr === "number") return;
    for await (const chunk of stderr) promLog += new TextDecoder().decode(chunk);
  })();
  await until("Prometheus to be ready", async () => (await fetch(`${promUrl}/-/ready`)).ok);
  await until("the first successful scrape of the gateway", async () => (await scalar('up{job="kefu"}')) === 1);
  // Two rounds of load a few scrapes apart, so rates see increases.
  await lg.drive();
  await Bun.sleep(2500);
  await lg.drive();
  await until(
    "Prometheus to scrape the second round",
    async () => (await scalar("sum(kefu_conversation_sessions_started_total)")) >= 8,
  );
  // A queue_wait alert fires a second after the waiting session queued; let a few more scrapes land.
  await until(
    "the queue_wait supervisor alert to be scraped",
    async () => (await scalar('sum(kefu_conversation_alerts_total{kind="queue_wait"})')) >= 1,
  );
  await Bun.sleep(1500);
}, 40_000);

afterAll(async () => {
  prom?.kill();
  await prom?.exited;
  await lg?.close();
  tmp?.cleanup();
});

// ---- the tests ------------------------------------------------------------------------------

describe("dashboards", () => {
  test("six dashboards in Grafana's current schema, each with a prometheus datasource variable used by every panel", () => {
    expect(dashboards.map((x) => x.file)).toEqual([
      "kefu-channels.json",
      "kefu-llm-gateway.json",
      "kefu-overview.json",
      "kefu-realtime.json",
      "kefu-storage.json",
      "kefu-traffic.json",
    ]);
    const uids = new Set<string>();
    for (const { file, d } of dashboards) {
      expect(d.schemaVersion, file).toBeGreaterThanOrEqual(39);
      uids.add(d.uid);
      const v = d.templating.list.find((x) => x.name === "datasource");
      expect(v, file).toMatchObject({ type: "datasource", query: "prometheus" });
      for (const p of allPanels(d.panels)) {
        if (p.type === "row") continue;
        expect(p.datasource, `${file} ${p.title}`).toEqual({ type: "prometheus", uid: DS_UID });
        expect(p.targets?.length, `${file} ${p.title}`).toBeGreaterThan(0);
        for (const t of p.targets ?? []) {
          expect(t.datasource?.uid, `${file} ${p.title}`).toBe(DS_UID);
          expect(t.expr, `${file} ${p.title}`).not.toContain("$datasource");
        }
      }
    }
    expect(uids.size).toBe(dashboards.length);
  });

  test("panels have unique ids and fit Grafana's 24-column grid", () => {
    for (const { file, d } of dashboards) {
      const panels = allPanels(d.panels);
      expect(new Set(panels.map((p) => p.id)).size, file).toBe(panels.length);
      for (const p of panels) {
        const g = p.gridPos;
        expect(g, `${file} ${p.title}`).toBeDefined();
        if (g) expect(g.x >= 0 && g.w > 0 && g.h > 0 && g.x + g.w <= 24, `${file} ${p.title}`).toBe(true);
      }
    }
  });

  test("every metric a panel or rule reads is in the catalogue (or Prometheus's up, or a default process metric)", () => {
    const exprs = [
      ...dashboards.flatMap(({ d }) => allPanels(d.panels).flatMap((p) => (p.targets ?? []).map((t) => t.expr))),
      ...rules.map((r) => r.expr),
    ];
    const unknown = exprs.flatMap(metricNames).filter((n) => n.startsWith("kefu_") && !catalogued.has(n));
    expect(unknown).toEqual([]);
  });

  test("against a real Prometheus scraping the loaded gateway, every panel query parses and returns at least one series", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { file, d } of dashboards) {
      for (const p of allPanels(d.panels)) {
        for (const t of p.targets ?? []) {
          const r = await query(concrete(t.expr));
          checked++;
          if (r.status !== "success") failures.push(`${file} "${p.title}" ${t.refId}: ${r.error}`);
          else if ((r.data?.result.length ?? 0) < 1) failures.push(`${file} "${p.title}" ${t.refId}: no series`);
          // Grafana draws time series with range queries: the last 10 s at 1 s steps must evaluate too.
          const range = await queryRange(concrete(t.expr), 10);
          if (range.status !== "success") failures.push(`${file} "${p.title}" ${t.refId} (range): ${range.error}`);
          else if ((range.data?.result.length ?? 0) < 1)
            failures.push(`${file} "${p.title}" ${t.refId} (range): no series`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(40);
  });
});

describe("alert rules", () => {
  test("every rule is an alert with a severity, a summary and a runbook", () => {
    expect(rules.length).toBeGreaterThanOrEqual(10);
    for (const r of rules) {
      expect(r.alert, r.expr).toMatch(/^Kefu[A-Za-z]+$/);
      expect(["critical", "warning", "info"], r.alert).toContain(r.labels?.severity as string);
      expect(r.annotations?.summary?.length ?? 0, r.alert).toBeGreaterThan(10);
      expect(r.annotations?.runbook?.length ?? 0, r.alert).toBeGreaterThan(20);
    }
    const names = rules.map((r) => r.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const needed of ["KefuDown", "KefuHighHttpErrorRate", "KefuLlmBreakerOpen", "KefuQueueWaitSla"])
      expect(names).toContain(needed);
  });

  test("every rule expression parses and evaluates against the real Prometheus", async () => {
    const failures: string[] = [];
    for (const r of rules) {
      const res = await query(r.expr);
      if (res.status !== "success") failures.push(`${r.alert}: ${res.error}`);
    }
    expect(failures).toEqual([]);
  });

  test("Prometheus loaded every rule from alerts.yml and evaluates them without errors", async () => {
    await until("every rule group to be evaluated", async () => {
      const res = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as {
        data: { groups: { rules: { name: string; health: string }[] }[] };
      };
      const loaded = res.data.groups.flatMap((g) => g.rules);
      return loaded.length === rules.length && loaded.every((x) => x.health === "ok");
    });
  });

  test("the gateway is seen up, and a rule that should not fire does not: KefuDown is inactive", async () => {
    expect(await scalar('up{job="kefu"}')).toBe(1);
    const res = (await (await fetch(`${promUrl}/api/v1/alerts`)).json()) as {
      data: { alerts: { labels: { alertname: string } }[] };
    };
    expect(res.data.alerts.map((a) => a.labels.alertname)).not.toContain("KefuDown");
  });
});

describe("promtool", () => {
  const run = (args: string[]) => {
    const r = Bun.spawnSync([promtool, ...args], { stdout: "pipe", stderr: "pipe" });
    return { code: r.exitCode, out: `${r.stdout.toString()}${r.stderr.toString()}` };
  };

  test("promtool check config passes on the shipped scrape config (with its rule file)", () => {
    const r = run(["check", "config", shippedConfig]);
    expect(r.out).toContain("SUCCESS");
    expect(r.code).toBe(0);
  });

  test("promtool check rules passes on the shipped alert rules, and fails on a broken one", () => {
    const r = run(["check", "rules", alertsFile]);
    expect(r.out).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(r.code).toBe(0);
    const bad = join(tmp.dir, "bad.yml");
    writeFileSync(
      bad,
      "groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: sum(rate(kefu_http_requests_total[5m])\n",
    );
    expect(run(["check", "rules", bad]).code).not.toBe(0);
  });
});
