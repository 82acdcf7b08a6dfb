// Internal notes across nodes (PostgreSQL + Redis, README "Scaling out"): a note written on
// one node reaches staff on the other, never the visitor's socket there.
import { afterEach, expect, test } from "bun:test";
import { CLUSTER_ADMIN_KEY, type Cluster, startCluster } from "../test/cluster.ts";
import { connect } from "../test/ws-client.ts";

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

test("a supervisor's note on node B reaches staff on A, and the visitor on A only as a body-less seq", async () => {
  cluster = await startCluster(["a", "b"]);
  const [a, b] = [cluster.node("a"), cluster.node("b")];
  const post = async (url: string, body: unknown, auth = false) => {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(auth ? { authorization: `Bearer ${CLUSTER_ADMIN_KEY}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { token: string; sessionId: string };
  };
  const v = await post(`${a.url}/v1/visitor/sessions`, { tenantId: "acme" });
  const visitor = await connect(`${a.url}/v1/ws/visitor`, v.token, "json");
  const bytes: string[] = [];
  visitor.ws.addEventListener("message", (ev) => bytes.push(String((ev as MessageEvent).data)));
  await visitor.next((f) => f.welcome);
  const supB = await post(`${b.url}/v1/admin/agents`, { id: "sup-b", tenantId: "acme", role: "supervisor" }, true);
  const supA = await post(`${a.url}/v1/admin/agents`, { id: "sup-a", tenantId: "acme", role: "supervisor" }, true);
  const writer = await connect(`${b.url}/v1/ws/agent`, supB.token, "pb");
  const reader = await connect(`${a.url}/v1/ws/agent`, supA.token, "json");
  await writer.next((f) => f.welcome);
  await reader.next((f) => f.welcome);
  writer.send({ watch: { sessionId: v.sessionId } });
  reader.send({ watch: { sessionId: v.sessionId } });
  await Bun.sleep(300);

  writer.send({
    send: { sessionId: v.sessionId, internal: true, message: { clientMsgId: "n1", text: "VIP across nodes" } },
  });
  const seq = Number((await writer.next((f) => f.ack, 10_000)).seq);
  expect((await reader.next((f) => f.deliver?.event?.note, 10_000)).text).toBe("VIP across nodes");
  const gap = await visitor.next((f) => (Number(f.deliver?.event?.seq) === seq ? f.deliver?.event : null), 10_000);
  expect(gap.note ?? null).toBeNull();
  // A message after it reaches the visitor as usual; the note's text never did.
  writer.send({ send: { sessionId: v.sessionId, message: { clientMsgId: "m1", text: "hello from B" } } });
  await visitor.next((f) => (f.deliver?.event?.message?.text === "hello from B" ? f : null), 10_000);
  expect(bytes.join("\n")).not.toContain("VIP across nodes");
  for (const c of [visitor, writer, reader]) c.close();
}, 60_000);
