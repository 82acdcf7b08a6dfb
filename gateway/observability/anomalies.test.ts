// Rejected realtime frames are clustered by shape and shown to admins.
import { afterEach, expect, test } from "bun:test";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";

let h: RealtimeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

test("bad frames from a client are one cluster in GET /v1/admin/anomalies (admin only), counted by reason", async () => {
  h = await realtimeHarness();
  const v = await h.visitor("acme", "json");
  for (let i = 0; i < 6; i++) {
    v.c.raw(`{"send": {"message": {"text": "spam spam spam offer ${i}"`);
    await v.c.next((f) => (f.error?.code === "bad_frame" ? f.error : null));
  }
  v.c.raw(`{"typing": {"on": "maybe"}, "call": "13812345678"`);
  await v.c.next((f) => (f.error?.code === "bad_frame" ? f.error : null));
  const url = `${h.gw.url}/v1/admin/anomalies?limit=5`;
  expect((await fetch(url)).status).toBe(401);
  const res = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    held: number;
    clusters: { reason: string; count: number; tenants: string[]; examples: string[] }[];
  };
  expect(body.clusters[0]).toMatchObject({ reason: "bad_frame", count: 6, tenants: ["acme"] });
  expect(body.clusters[0]?.examples[0]).toContain("spam spam spam offer 0");
  // Two frame shapes, and the refused unauthenticated GET above (HTTP refusals are clustered too).
  expect(body.held).toBe(3);
  expect(JSON.stringify(body)).not.toContain("13812345678");
  const metrics = await (await fetch(`${h.gw.url}/metrics`)).text();
  expect(metrics).toMatch(/kefu_anomalous_inputs_total\{reason="bad_frame"\} 7\n/);
  expect(metrics).toMatch(/kefu_anomaly_largest_cluster_inputs 6\n/);
  expect(
    (await fetch(`${url.replace("limit=5", "limit=0")}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).status,
  ).toBe(400);
});

test("refused HTTP requests are clustered too: one client hammering one route is one cluster, ids folded", async () => {
  h = await realtimeHarness();
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  for (let i = 0; i < 20; i++) {
    const r = await fetch(`${h.gw.url}/v1/sessions/${crypto.randomUUID()}/nothing-here`, {
      headers: { "user-agent": "probe/1.0" },
    });
    expect(r.status).toBeGreaterThanOrEqual(400);
  }
  const body = (await (await fetch(`${h.gw.url}/v1/admin/anomalies?limit=5`, { headers: admin })).json()) as {
    clusters: { reason: string; count: number; examples: string[] }[];
  };
  expect(body.clusters[0]?.count).toBe(20);
  expect(body.clusters[0]?.examples[0]).toContain("GET /v1/sessions/:id/nothing-here probe/");
  const metrics = await (await fetch(`${h.gw.url}/metrics`)).text();
  expect(metrics).toContain(`kefu_anomalous_inputs_total{reason="${body.clusters[0]?.reason}"} 20`);
});
