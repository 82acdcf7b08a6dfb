// Internal notes: stored as session events, delivered to the tenant's agents and supervisors only.
// A visitor never receives a note's text: not live, not on resume, not over HTTP.
import { afterEach, describe, expect, test } from "bun:test";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { connect, kefu, type TestClient } from "../test/ws-client.ts";

let h: RealtimeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const NOTE = "VIP customer — refund approved by Li";
const note = (clientMsgId: string, text: string, sessionId: string) => ({
  send: { sessionId, internal: true, message: { clientMsgId, text } },
});
const msg = (clientMsgId: string, text: string, sessionId = "") => ({
  send: { sessionId, message: { clientMsgId, text } },
});

/** Every byte the socket receives, decoded as text (protobuf strings are UTF-8 on the wire). */
function tap(c: TestClient): () => string {
  const seen: string[] = [];
  c.ws.addEventListener("message", (ev) => {
    const d = (ev as MessageEvent).data;
    seen.push(typeof d === "string" ? d : new TextDecoder().decode(new Uint8Array(d as ArrayBuffer)));
  });
  return () => seen.join("\n");
}

async function assigned(format: "pb" | "json" = "pb") {
  if (!h) throw new Error("no harness");
  const a = await h.agent("a1", "t1", { format });
  const v = await h.visitor("t1", format);
  const visitorBytes = tap(v.c);
  v.c.send({ handoff: {} });
  await a.c.next((f) => f.assignment);
  await v.c.next((f) => f.assignment);
  return { a, v, visitorBytes };
}

describe("internal notes", () => {
  for (const format of ["pb", "json"] as const) {
    test(`an agent's note reaches agents, not the visitor, who gets its seq without a body (${format})`, async () => {
      h = await realtimeHarness();
      const { a, v, visitorBytes } = await assigned(format);
      a.c.send({ id: "n", ...note("n1", NOTE, v.sessionId) });
      const ack = await a.c.next((f) => f.ack);
      expect(ack.clientMsgId).toBe("n1");
      const got = await a.c.next((f) => (f.deliver?.event?.note ? f.deliver.event : null));
      expect(got.note?.text).toBe(NOTE);
      expect(Number(got.seq)).toBe(Number(ack.seq));
      expect(got.actor).toMatchObject({ kind: kefu.v1.ActorKind.ACTOR_KIND_AGENT, id: "a1" });
      // The visitor's copy: the same seq, no body, no actor.
      const placeholder = await v.c.next((f) =>
        Number(f.deliver?.event?.seq) === Number(ack.seq) ? f.deliver?.event : null,
      );
      expect(placeholder.note ?? null).toBeNull();
      expect(placeholder.message ?? null).toBeNull();
      expect(placeholder.actor ?? null).toBeNull();
      // A chat message after the note reaches the visitor as usual.
      a.c.send(msg("m1", "we are on it", v.sessionId));
      await a.c.next((f) => f.ack);
      await v.c.next((f) => (f.deliver?.event?.message?.text === "we are on it" ? f : null));
      expect(visitorBytes()).not.toContain("VIP customer");
      // Stored as a session event, once (a resend is a duplicate).
      a.c.send(note("n1", NOTE, v.sessionId));
      expect((await a.c.next((f) => f.ack)).duplicate).toBe(true);
      const stored = await h.gw.backends.eventStore.readAfter(v.sessionId, 0, 100);
      expect(stored.filter((e) => e.body.type === "note")).toEqual([
        expect.objectContaining({
          actor: { kind: "agent", id: "a1" },
          body: { type: "note", clientMsgId: "n1", text: NOTE },
        }),
      ]);
    });
  }

  test("resume: the visitor's replay has the note's seq without its text; an agent's has the note", async () => {
    h = await realtimeHarness();
    const { a, v } = await assigned();
    a.c.send(note("n1", NOTE, v.sessionId));
    const noteSeq = Number((await a.c.next((f) => f.ack)).seq);
    a.c.send(msg("m1", "after the note", v.sessionId));
    await a.c.next((f) => f.ack);
    v.c.close();
    await v.c.closed;
    const back = await connect(`${h.gw.url}/v1/ws/visitor`, v.token, "json");
    const bytes = tap(back);
    await back.next((f) => f.welcome);
    back.send({ resume: { lastSeq: 0 } });
    const resumed = await back.next((f) => f.resumed);
    const replayed = back.frames.filter((f) => f.deliver).map((f) => f.deliver?.event as kefu.v1.SessionEvent);
    expect(replayed.map((e) => Number(e.seq))).toEqual(Array.from({ length: Number(resumed.toSeq) }, (_, i) => i + 1));
    const gap = replayed.find((e) => Number(e.seq) === noteSeq);
    expect(gap?.note ?? null).toBeNull();
    expect(replayed.some((e) => e.message?.text === "after the note")).toBe(true);
    expect(bytes()).not.toContain("VIP customer");
    back.close();
    // The agent's replay carries the note.
    a.c.send({ resume: { sessionId: v.sessionId, lastSeq: 0 } });
    await a.c.next((f) => f.resumed);
    expect(a.c.frames.some((f) => f.deliver?.event?.note?.text === NOTE)).toBe(true);
  });

  test("a visitor cannot write a note; a watching supervisor sees one; another tenant's agent cannot write one", async () => {
    h = await realtimeHarness();
    const { a, v } = await assigned();
    v.c.send({ id: "x", ...note("v-n", "sneaky", "") });
    expect((await v.c.next((f) => f.error)).code).toBe("forbidden");
    const sup = await h.agent("boss", "t1", { role: "supervisor" });
    sup.c.send({ watch: { sessionId: v.sessionId } });
    await Bun.sleep(50);
    a.c.send(note("n2", "check the invoice", v.sessionId));
    expect((await sup.c.next((f) => f.deliver?.event?.note)).text).toBe("check the invoice");
    // A supervisor may note too (any staff of the tenant may).
    sup.c.send(note("s-n", "escalated to billing", v.sessionId));
    expect((await sup.c.next((f) => f.ack)).seq).toBeGreaterThan(0);
    expect(
      (await a.c.next((f) => (f.deliver?.event?.note?.text === "escalated to billing" ? f : null))).deliver,
    ).toBeTruthy();
    const other = await h.agent("o1", "t2");
    other.c.send(note("o-n", "hello", v.sessionId));
    expect((await other.c.next((f) => f.error)).code).toBe("forbidden");
    const stored = await h.gw.backends.eventStore.readAfter(v.sessionId, 0, 100);
    expect(stored.filter((e) => e.body.type === "note").map((e) => e.actor.id)).toEqual(["a1", "boss"]);
  });

  test("HTTP transcript: staff see notes; a visitor token is refused", async () => {
    h = await realtimeHarness();
    const { a, v } = await assigned();
    a.c.send(note("n1", NOTE, v.sessionId));
    await a.c.next((f) => f.ack);
    const url = `${h.gw.url}/v1/sessions/${v.sessionId}/transcript`;
    const asVisitor = await fetch(url, { headers: { authorization: `Bearer ${v.token}` } });
    expect(asVisitor.status).toBe(403);
    expect(await asVisitor.text()).not.toContain("VIP customer");
    const asAgent = await fetch(url, { headers: { authorization: `Bearer ${a.token}` } });
    expect(asAgent.status).toBe(200);
    const body = (await asAgent.json()) as { events: { body: { type: string; text?: string } }[] };
    expect(body.events.some((e) => e.body.type === "note" && e.body.text === NOTE)).toBe(true);
    const text = await fetch(`${url}?format=text`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(await text.text()).toContain(`(internal note): ${NOTE}`);
  });
});
