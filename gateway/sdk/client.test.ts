// The SDK against a real in-process gateway (real sockets, SQLite), with a TCP
// proxy in between playing the network: acks, resends, resume, dedupe, errors.
import { afterEach, describe, expect, test } from "bun:test";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import type { ClientEvents } from "./client.ts";
import { type DeliveredEvent, KefuClient, KefuClientError } from "./client.ts";
import { type TcpProxy, tcpProxy } from "./test-proxy.ts";

let h: RealtimeHarness | undefined;
let net: TcpProxy | undefined;
const clients: KefuClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  net?.stop();
  net = undefined;
  await h?.close();
  h = undefined;
});

/** Resolves with the next `name` event for which `pick` holds. */
function next<K extends keyof ClientEvents>(
  c: KefuClient,
  name: K,
  pick: (v: ClientEvents[K]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = c.on(name, (v) => {
      if (!pick(v)) return;
      clearTimeout(timer);
      off();
      resolve(v);
    });
  });
}

/** Polls `cond` (real I/O under way) until it holds. */
async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
}

/** A visitor session and an SDK client for it, through the proxy. */
async function visitorClient(hh: RealtimeHarness, proxy: TcpProxy, extra: { rateLimitRetryMs?: number } = {}) {
  const res = await fetch(`${hh.gw.url}/v1/visitor/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenantId: "t1" }),
  });
  const s = (await res.json()) as { sessionId: string; token: string };
  const client = new KefuClient({
    url: `ws://127.0.0.1:${proxy.port}/v1/ws/visitor?token=${s.token}`,
    client: "sdk-test/1", // a hello first: the server takes it without an error (the error test would see one)
    minBackoffMs: 10,
    maxBackoffMs: 50,
    ...extra,
  });
  clients.push(client);
  const events: DeliveredEvent[] = [];
  client.on("event", (e) => events.push(e));
  const welcome = next(client, "welcome");
  client.start();
  await welcome;
  return { client, events, sessionId: s.sessionId };
}

const storedMessages = async (hh: RealtimeHarness, sessionId: string) =>
  (await hh.gw.backends.eventStore.readAfter(sessionId, 0, 1000)).flatMap((e) =>
    e.body.type === "message" ? [{ seq: e.seq, clientMsgId: e.body.clientMsgId, text: e.body.text }] : [],
  );

describe("KefuClient: the delivery contract against a real gateway", () => {
  test("a send is acked with its seq; the same clientMsgId again gets the same seq and is stored once", async () => {
    h = await realtimeHarness();
    net = await tcpProxy(Number(new URL(h.gw.url).port));
    const { client, sessionId } = await visitorClient(h, net);
    expect(client.sessionId).toBe(sessionId);
    const first = await client.send("hello", { clientMsgId: "same" });
    expect(first).toMatchObject({ sessionId, clientMsgId: "same", duplicate: false });
    expect(first.seq).toBeGreaterThan(1);
    const again = await client.send("hello", { clientMsgId: "same" });
    expect(again.seq).toBe(first.seq);
    const serverAck = await next(client, "ack", (a) => a.clientMsgId === "same" && Boolean(a.duplicate));
    expect(Number(serverAck.seq)).toBe(first.seq);
    expect((await storedMessages(h, sessionId)).filter((m) => m.clientMsgId === "same")).toHaveLength(1);
  });

  test("the ack is lost with the network: the send is resent with the same clientMsgId after the reconnect, stored once", async () => {
    h = await realtimeHarness();
    net = await tcpProxy(Number(new URL(h.gw.url).port));
    const { client, events, sessionId } = await visitorClient(h, net);
    net.blackholeDown(); // the frame reaches the server; nothing comes back
    const sent = client.send("is my parcel lost?", { clientMsgId: "c-lost" });
    await until(async () => (await storedMessages(h as RealtimeHarness, sessionId)).length > 0, "the stored send");
    expect(client.timeline().outbox.has("c-lost")).toBe(true); // no ack yet
    net.cut();
    net.restore();
    const r = await sent;
    const stored = (await storedMessages(h, sessionId)).filter((m) => m.clientMsgId === "c-lost");
    expect(stored).toHaveLength(1);
    expect(r.seq).toBe(stored[0]?.seq as number);
    await next(client, "ack", (a) => a.clientMsgId === "c-lost"); // the resend's ack: duplicate, same seq
    expect(events.filter((e) => e.event.message?.clientMsgId === "c-lost")).toHaveLength(1);
    expect(client.timeline().outbox.size).toBe(0);
  });

  test("the socket drops mid-conversation: what the agent said meanwhile arrives exactly once, in order, and the visitor's offline send goes out once", async () => {
    h = await realtimeHarness();
    net = await tcpProxy(Number(new URL(h.gw.url).port));
    await h.agent("a1"); // online, capacity 5
    const agentToken = (
      (await (
        await fetch(`${h.gw.url}/v1/admin/agents`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "Bearer test-admin-key-0123456789" },
          body: JSON.stringify({ id: "a1", tenantId: "t1", name: "Alice 李" }),
        })
      ).json()) as { token: string }
    ).token;
    const agent = new KefuClient({ url: `${h.gw.url.replace(/^http/, "ws")}/v1/ws/agent?token=${agentToken}` });
    clients.push(agent);
    const agentWelcome = next(agent, "welcome");
    agent.start();
    expect((await agentWelcome).agentId).toBe("a1");

    const { client, events, sessionId } = await visitorClient(h, net);
    const assigned = next(client, "assignment");
    expect(client.handoff({ reason: "wants a human" })).toBe(true);
    expect(await assigned).toMatchObject({ agentId: "a1", agentName: "Alice 李" });
    agent.follow(sessionId);
    await next(agent, "resumed", (r) => r.sessionId === sessionId);
    await client.send("before the drop");

    net.cut();
    const offline = client.send("typed while offline");
    const said: number[] = [];
    for (let i = 0; i < 5; i++) said.push((await agent.send(`while you were away ${i}`, { sessionId })).seq);
    expect(said).toEqual([...said].sort((a, b) => a - b));
    const resumed = next(client, "resumed");
    net.restore();

    const { seq: offlineSeq } = await offline;
    await resumed;
    const agentTexts = events
      .filter((e) => e.event.actor?.kind === "ACTOR_KIND_AGENT")
      .map((e) => e.event.message?.text);
    expect(agentTexts).toEqual([0, 1, 2, 3, 4].map((i) => `while you were away ${i}`));
    const seqs = events.map((e) => Number(e.event.seq));
    expect(new Set(seqs).size).toBe(seqs.length); // no event twice
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b)); // in order
    const replayed = events.filter((e) => e.replay && e.event.actor?.kind === "ACTOR_KIND_AGENT");
    expect(replayed.map((e) => Number(e.event.seq))).toEqual(said);
    const stored = await storedMessages(h, sessionId);
    expect(stored.filter((m) => m.text === "typed while offline").map((m) => m.seq)).toEqual([offlineSeq]);
    // The agent's client, which never dropped, saw the offline send once too.
    await until(
      () =>
        agent
          .timeline(sessionId)
          .ordered()
          .some((e) => e.message?.text === "typed while offline"),
      "the agent sees the visitor's message",
    );
    expect(agent.timeline(sessionId).lastSeq).toBe(client.timeline().lastSeq);
  });

  test("a malformed frame comes back as a typed error event; a refused send rejects with the server's code", async () => {
    h = await realtimeHarness();
    net = await tcpProxy(Number(new URL(h.gw.url).port));
    const { client } = await visitorClient(h, net);
    const bad = next(client, "error");
    expect(client.sendRaw("{not json")).toBe(true);
    const err = await bad;
    expect(err).toBeInstanceOf(KefuClientError);
    expect(err.code).toBe("bad_frame");
    const refused = next(client, "error", (e) => e.ref === "c-other");
    const sent = client.send("into someone else's session", { sessionId: "not-mine", clientMsgId: "c-other" });
    const rejection = await sent.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(rejection).toBeInstanceOf(KefuClientError);
    const e = rejection as KefuClientError;
    expect(e.code).toBe((await refused).code);
    expect(["forbidden", "not_found"]).toContain(e.code);
    expect(e.send?.text).toBe("into someone else's session");
    expect(client.timeline("not-mine").outbox.size).toBe(0); // not resent after a reconnect
    // The connection survived both.
    expect((await client.send("still here")).seq).toBeGreaterThan(1);
  });

  test("sends refused by the rate limit are resent later with the same clientMsgId: all stored, each once", async () => {
    h = await realtimeHarness({ KEFU_REALTIME_BURST: "4", KEFU_REALTIME_MESSAGES_PER_SECOND: "1" });
    net = await tcpProxy(Number(new URL(h.gw.url).port));
    const { client, sessionId } = await visitorClient(h, net, { rateLimitRetryMs: 50 });
    const limited = next(client, "error", (e) => e.code === "rate_limited");
    // hello and resume took 2 of the 4 tokens; the clock stands still, so the bucket does not refill.
    const sends = [0, 1, 2, 3, 4].map((i) => client.send(`m${i}`, { clientMsgId: `rl-${i}` }));
    await limited;
    h.clock.advance(60_000); // refilled: the SDK's retry goes through
    const acked = await Promise.all(sends);
    const stored = (await storedMessages(h, sessionId)).filter((m) => m.clientMsgId.startsWith("rl-"));
    expect(stored.map((m) => m.clientMsgId).sort()).toEqual(["rl-0", "rl-1", "rl-2", "rl-3", "rl-4"]);
    expect(acked.map((a) => a.seq).sort()).toEqual(stored.map((m) => m.seq).sort());
  });

  test("stop() rejects what is still waiting with a typed `stopped` error", async () => {
    h = await realtimeHarness();
    net = await tcpProxy(Number(new URL(h.gw.url).port));
    const { client } = await visitorClient(h, net);
    net.cut();
    const pending = client.send("never acked");
    client.stop();
    const e = await pending.then(
      () => undefined,
      (x: unknown) => x as KefuClientError,
    );
    expect(e?.code).toBe("stopped");
  });
});
