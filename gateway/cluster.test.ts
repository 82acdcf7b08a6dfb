// Several gateway processes on one PostgreSQL and one Redis (README "Scaling out").
import { afterEach, expect, test } from "bun:test";
import { spawnRedis } from "../engine/cluster/test-redis.ts";
import { createFaultProxy } from "../engine/testing/fault-proxy.ts";
import { requirePgUrl } from "../engine/testing/postgres.ts";
import { CLUSTER_ADMIN_KEY, type Cluster, type ClusterNode, startCluster } from "./test/cluster.ts";
import { connect, kefu, type TestClient } from "./test/ws-client.ts";

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
};

const delivered = (c: TestClient, text: string) =>
  c.next((f) => (f.deliver?.event?.message?.text === text ? f.deliver.event : null), 10_000);

/** A visitor session opened on `visitorNode` (socket there) and a supervisor on `watcherNode` watching it. */
async function visitorAndWatcher(visitorNode: ClusterNode, watcherNode: ClusterNode) {
  const v = (await post(`${visitorNode.url}/v1/visitor/sessions`, { tenantId: "acme" })) as {
    token: string;
    sessionId: string;
  };
  const sup = (await post(
    `${watcherNode.url}/v1/admin/agents`,
    { id: "sup-1", tenantId: "acme", role: "supervisor" },
    { authorization: `Bearer ${CLUSTER_ADMIN_KEY}` },
  )) as { token: string };
  const visitor = await connect(`${visitorNode.url}/v1/ws/visitor`, v.token, "json");
  await visitor.next((f) => f.welcome);
  const watcher = await connect(`${watcherNode.url}/v1/ws/agent`, sup.token, "pb");
  await watcher.next((f) => f.welcome);
  watcher.send({ watch: { sessionId: v.sessionId } });
  return { v, visitor, watcher };
}

test("visitor on node A and supervisor on node B chat both ways; A is SIGKILLed and the visitor resumes on C with exactly the missed events", async () => {
  cluster = await startCluster(["a", "b", "c"]);
  const [a, b, c] = [cluster.node("a"), cluster.node("b"), cluster.node("c")];
  const { v, visitor, watcher } = await visitorAndWatcher(a, b);

  // B → A: stored on node B, delivered to the visitor's socket on node A.
  watcher.send({ send: { sessionId: v.sessionId, message: { clientMsgId: "s1", text: "hello from B" } } });
  await watcher.next((f) => (f.ack?.clientMsgId === "s1" ? f.ack : null));
  await delivered(visitor, "hello from B");
  // Frames that are not stored (typing) cross nodes too.
  visitor.send({ typing: { on: true } });
  expect(await watcher.next((f) => f.typing, 10_000)).toMatchObject({ sessionId: v.sessionId, on: true });
  // A → B.
  visitor.send({ send: { message: { clientMsgId: "v1", text: "hi from A" } } });
  await visitor.next((f) => (f.ack?.clientMsgId === "v1" ? f.ack : null));
  await delivered(watcher, "hi from A");
  // The bot on A cannot answer (no model, no knowledge base) and hands off: B sees that too.
  await watcher.next((f) =>
    f.deliver?.event?.stateChanged?.to === kefu.v1.SessionState.SESSION_STATE_QUEUED ? f.deliver.event : null,
  );
  await Bun.sleep(200);
  const seen = visitor.frames.filter((f) => f.deliver).map((f) => Number(f.deliver?.event?.seq));
  // Every event reached the visitor once, in order, with no hole.
  expect(seen).toEqual(seen.map((_, i) => (seen[0] as number) + i));
  const lastSeen = seen.at(-1) as number;

  await a.kill("SIGKILL");
  visitor.close();
  const missed = ["while you were away 1", "while you were away 2", "while you were away 3"];
  for (const [i, text] of missed.entries()) {
    watcher.send({ send: { sessionId: v.sessionId, message: { clientMsgId: `m${i}`, text } } });
    await watcher.next((f) => (f.ack?.clientMsgId === `m${i}` ? f.ack : null));
  }
  const lastStored = Number(
    (await watcher.next((f) => (f.deliver?.event?.message?.text === missed[2] ? f.deliver?.event : null))).seq,
  );

  const back = await connect(`${c.url}/v1/ws/visitor`, v.token, "json");
  expect(Number((await back.next((f) => f.welcome)).lastSeq)).toBe(lastStored);
  back.send({ resume: { lastSeq: lastSeen } });
  await back.next((f) => f.resumed);
  const final = await back.next((f) => (f.deliver?.event?.message?.text === missed[2] ? f.deliver?.event : null));
  // `next` consumed the last one; the rest wait in `frames`.
  const replayed = [...back.frames.filter((f) => f.deliver).map((f) => f.deliver?.event), final];
  expect(replayed.map((e) => Number(e?.seq))).toEqual(
    Array.from({ length: lastStored - lastSeen }, (_, i) => lastSeen + 1 + i),
  );
  expect(replayed.map((e) => e?.message?.text).filter(Boolean)).toEqual(missed);

  // The session goes on from C: the visitor's next message reaches the supervisor on B.
  back.send({ send: { message: { clientMsgId: "v2", text: "back on C" } } });
  await back.next((f) => (f.ack?.clientMsgId === "v2" ? f.ack : null));
  await delivered(watcher, "back on C");
  back.close();
  watcher.close();
}, 60_000);

test("Redis restarts (empty) while a visitor on A keeps sending: every acked message reaches B's watcher once, in order", async () => {
  const redis = await spawnRedis();
  await redis.start();
  try {
    cluster = await startCluster(["a", "b"], {
      KEFU_STORAGE_REDIS_URL: redis.url,
      KEFU_STORAGE_REDIS_HEARTBEAT_MS: "200",
    });
    const [a, b] = [cluster.node("a"), cluster.node("b")];
    const { v, visitor, watcher } = await visitorAndWatcher(a, b);
    watcher.send({ send: { sessionId: v.sessionId, message: { clientMsgId: "w0", text: "watching" } } });
    await watcher.next((f) => (f.ack?.clientMsgId === "w0" ? f.ack : null));

    const texts: string[] = [];
    const sendOne = async (i: number) => {
      const text = `msg ${i}`;
      visitor.send({ send: { message: { clientMsgId: `c${i}`, text } } });
      const r = await visitor.next((f) => (f.ack?.clientMsgId === `c${i}` || f.error?.ref ? f : null), 10_000);
      if (r.ack) texts.push(text);
    };
    for (let i = 0; i < 10; i++) await sendOne(i);
    await redis.stop();
    for (let i = 10; i < 20; i++) await sendOne(i);
    await Bun.sleep(300);
    await redis.start();
    for (let i = 20; i < 30; i++) await sendOne(i);
    // Sends do not need Redis: PostgreSQL is the source of truth, so every one was acked.
    expect(texts).toHaveLength(30);

    const got: string[] = [];
    const seqs: number[] = [];
    const end = Date.now() + 20_000;
    while (got.length < texts.length && Date.now() < end) {
      const e = await watcher.next((f) => f.deliver?.event ?? null, 20_000);
      seqs.push(Number(e.seq));
      if (e.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_VISITOR && e.message?.text) got.push(e.message.text);
    }
    expect(got).toEqual(texts);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    visitor.close();
    watcher.close();
  } finally {
    await redis.stop();
  }
}, 60_000);

test("PostgreSQL unreachable under load: sends get a retryable store_unavailable error, never an ack; after it returns, resends are acked once and nothing acked is lost", async () => {
  const pgUrl = new URL(requirePgUrl());
  const proxy = await createFaultProxy({ target: { host: pgUrl.hostname, port: Number(pgUrl.port) } });
  try {
    pgUrl.port = String(proxy.port);
    cluster = await startCluster(["a"], {
      KEFU_STORAGE_POSTGRES_URL: pgUrl.toString(),
      KEFU_STORAGE_POSTGRES_QUERY_TIMEOUT_MS: "500",
      KEFU_STORAGE_POSTGRES_CONNECT_TIMEOUT_MS: "500",
    });
    const a = cluster.node("a");
    const v = (await post(`${a.url}/v1/visitor/sessions`, { tenantId: "acme" })) as {
      token: string;
      sessionId: string;
    };
    const visitor = await connect(`${a.url}/v1/ws/visitor`, v.token, "json");
    await visitor.next((f) => f.welcome);
    const send = async (id: string) => {
      visitor.send({ id, send: { message: { clientMsgId: id, text: `text ${id}` } } });
      return visitor.next((f) => (f.ack?.clientMsgId === id || f.error?.ref === id ? f : null), 10_000);
    };
    const acked: string[] = [];
    for (const id of ["c0", "c1", "c2"]) {
      const r = await send(id);
      expect(r.ack).toBeTruthy();
      acked.push(id);
    }
    proxy.blackhole();
    for (const id of ["c3", "c4"]) {
      const r = await send(id);
      expect(r.ack).toBeFalsy();
      expect(r.error).toMatchObject({ code: "store_unavailable", ref: id });
    }
    proxy.pass();
    // The client retries what was refused (same client_msg_id); the store is back within a few attempts.
    for (const id of ["c3", "c4", "c5"]) {
      let r = await send(id);
      for (let i = 0; i < 20 && !r.ack; i++) {
        await Bun.sleep(100);
        r = await send(id);
      }
      expect(r.ack).toBeTruthy();
      acked.push(id);
    }
    visitor.close();
    const back = await connect(`${a.url}/v1/ws/visitor`, v.token, "json");
    await back.next((f) => f.welcome);
    back.send({ resume: { lastSeq: 0 } });
    const resumed = await back.next((f) => f.resumed);
    // Live deliveries of the last sends may race the replay (README, delivery contract 5): clients dedupe by seq.
    const bySeq = new Map<number, string | null | undefined>();
    for (const f of await back.drain(300)) {
      const e = f.deliver?.event;
      if (e?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_VISITOR && e.message)
        bySeq.set(Number(e.seq), e.message.text);
    }
    const texts = [...bySeq].sort((x, y) => x[0] - y[0]).map(([, text]) => text);
    expect(texts).toEqual(acked.map((id) => `text ${id}`));
    // The replay itself covered every one of them.
    expect(Number(resumed.toSeq)).toBeGreaterThanOrEqual(Math.max(...bySeq.keys()));
    back.close();
  } finally {
    await proxy.close();
  }
}, 60_000);

/** Retries a frame request while the tenant's home is being replaced (503 node_unavailable / home_moved). */
async function untilAnswered(c: TestClient, frame: Record<string, unknown>, pick: (f: kefu.v1.Frame) => unknown) {
  const end = Date.now() + 30_000;
  for (let i = 0; ; i++) {
    const id = `r${i}-${Math.random().toString(36).slice(2, 8)}`;
    c.send({ id, ...frame });
    const f = await c.next((x) => ((x.id === id && pick(x)) || x.error?.ref === id ? x : null), 15_000);
    if (!f.error) return f;
    const retry = ["node_unavailable", "home_moved"].includes(String(f.error.code));
    if (!retry || Date.now() > end) throw new Error(`request failed: ${JSON.stringify(f.error)}`);
    await Bun.sleep(200);
  }
}

test("agent routing across nodes: visitor on A, agent on B, tenant home on C; C is SIGKILLed and a survivor takes routing over", async () => {
  cluster = await startCluster(["a", "b", "c"], { KEFU_STORAGE_REDIS_HOME_LEASE_MS: "1500" });
  const [a, b, c] = [cluster.node("a"), cluster.node("b"), cluster.node("c")];
  const admin = { authorization: `Bearer ${CLUSTER_ADMIN_KEY}` };
  // The first node to need tenant acme (C, registering its agent) becomes its home.
  const reg = (await post(`${c.url}/v1/admin/agents`, { id: "ag-1", tenantId: "acme", capacity: 2 }, admin)) as {
    token: string;
    agent: { version: number };
  };
  const agent = await connect(`${b.url}/v1/ws/agent`, reg.token, "pb");
  await agent.next((f) => f.welcome);
  // A seat change made through B runs on C (compare-and-set there) and comes back to B's socket.
  const online = await untilAnswered(
    agent,
    { agentState: { state: 1, version: reg.agent.version } },
    (f) => f.agentState,
  );
  expect(online.agentState?.state).toBe(kefu.v1.SeatState.SEAT_STATE_ONLINE);

  // The visitor writes through A; the bot (on C) cannot answer and hands off; routing (on C) assigns ag-1 (on B).
  const v = (await post(`${a.url}/v1/visitor/sessions`, { tenantId: "acme" })) as { token: string; sessionId: string };
  const visitor = await connect(`${a.url}/v1/ws/visitor`, v.token, "json");
  await visitor.next((f) => f.welcome);
  visitor.send({ send: { message: { clientMsgId: "v1", text: "my parcel is lost" } } });
  await visitor.next((f) => (f.ack?.clientMsgId === "v1" ? f.ack : null));
  expect((await agent.next((f) => f.assignment, 15_000)).sessionId).toBe(v.sessionId);
  expect((await visitor.next((f) => f.assignment, 15_000)).agentId).toBe("ag-1");
  // B follows the session for its agent: the agent reads the visitor's message and answers it.
  agent.send({ send: { sessionId: v.sessionId, message: { clientMsgId: "g1", text: "let me check" } } });
  await agent.next((f) => (f.ack?.clientMsgId === "g1" ? f.ack : null));
  await delivered(visitor, "let me check");
  visitor.send({ send: { message: { clientMsgId: "v2", text: "thanks" } } });
  await delivered(agent, "thanks");
  const version = Number(online.agentState?.version);

  // The home dies. Messages keep flowing (they need no home); within the lease a survivor adopts the tenant,
  // rebuilds its seats (same version) and the assignment from the registry and PostgreSQL.
  await c.kill("SIGKILL");
  visitor.send({ send: { message: { clientMsgId: "v3", text: "still there?" } } });
  await delivered(agent, "still there?");
  const away = await untilAnswered(agent, { agentState: { state: 3, version } }, (f) => f.agentState);
  expect(away.agentState).toMatchObject({ state: kefu.v1.SeatState.SEAT_STATE_AWAY, version: version + 1, load: 1 });

  // Routing works on the new home: a second visitor waits while ag-1 is away and is assigned once it is back.
  const v2 = (await post(`${a.url}/v1/visitor/sessions`, { tenantId: "acme" })) as { token: string; sessionId: string };
  const visitor2 = await connect(`${a.url}/v1/ws/visitor`, v2.token, "json");
  await visitor2.next((f) => f.welcome);
  visitor2.send({ send: { message: { clientMsgId: "w1", text: "hello?" } } });
  await visitor2.next(
    (f) => (f.deliver?.event?.stateChanged?.to === kefu.v1.SessionState.SESSION_STATE_QUEUED ? f.deliver.event : null),
    15_000,
  );
  await untilAnswered(agent, { agentState: { state: 1, version: version + 1 } }, (f) => f.agentState);
  expect(
    (await agent.next((f) => (f.assignment?.sessionId === v2.sessionId ? f.assignment : null), 15_000)).agentId,
  ).toBe("ag-1");
  expect((await visitor2.next((f) => f.assignment, 15_000)).agentId).toBe("ag-1");
  visitor.close();
  visitor2.close();
  agent.close();
}, 90_000);

test("a session's timers move with its tenant: the home dies and a survivor closes the idle session", async () => {
  cluster = await startCluster(["a", "b"], {
    KEFU_STORAGE_REDIS_HOME_LEASE_MS: "1000",
    KEFU_CONVERSATIONS_VISITOR_IDLE_MS: "4000",
  });
  const [a, b] = [cluster.node("a"), cluster.node("b")];
  // A registers the tenant's agent first, so A is the home; the visitor is on B.
  await post(
    `${a.url}/v1/admin/agents`,
    { id: "ag-1", tenantId: "acme" },
    { authorization: `Bearer ${CLUSTER_ADMIN_KEY}` },
  );
  const v = (await post(`${b.url}/v1/visitor/sessions`, { tenantId: "acme" })) as { token: string; sessionId: string };
  const visitor = await connect(`${b.url}/v1/ws/visitor`, v.token, "json");
  await visitor.next((f) => f.welcome);
  await a.kill("SIGKILL");
  // Nobody writes: only the idle timer, now run by B (which reloaded the session when it took acme over), ends it.
  const closed = await visitor.next(
    (f) => (f.deliver?.event?.stateChanged?.to === kefu.v1.SessionState.SESSION_STATE_CLOSED ? f.deliver.event : null),
    20_000,
  );
  expect(closed.stateChanged?.reason).toBe("idle");
  expect((await visitor.next((f) => f.close, 5000)).reason).toBe("idle");
  visitor.close();
}, 60_000);
