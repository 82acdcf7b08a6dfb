// The realtime edge under bad input: auth, origins, subprotocols, frame bounds,
// rate limits, slow consumers and tenant isolation — over real sockets.
import { afterEach, describe, expect, test } from "bun:test";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { connect, kefu, refusedUpgrade } from "../test/ws-client.ts";

let h: RealtimeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const msg = (clientMsgId: string, text: string, sessionId = "") => ({
  send: { sessionId, message: { clientMsgId, text } },
});

describe("upgrade refusals are typed HTTP errors", () => {
  test("no token → 401, bad token → 401, visitor token on the agent endpoint → 403", async () => {
    h = await realtimeHarness();
    const v = await h.visitor();
    expect(await refusedUpgrade(`${h.gw.url}/v1/ws/visitor`, {})).toEqual({ status: 401, code: "unauthorized" });
    expect(await refusedUpgrade(`${h.gw.url}/v1/ws/visitor?token=nope`, {})).toEqual({
      status: 401,
      code: "unauthorized",
    });
    expect(await refusedUpgrade(`${h.gw.url}/v1/ws/agent?token=${v.token}`, {})).toEqual({
      status: 403,
      code: "forbidden",
    });
  });

  test("a foreign browser origin → 403; the gateway's own origin and listed origins connect", async () => {
    h = await realtimeHarness({ KEFU_REALTIME_ALLOWED_ORIGINS: "https://shop.example" });
    const v = await h.visitor();
    const url = `${h.gw.url}/v1/ws/visitor?token=${v.token}`;
    expect(await refusedUpgrade(url, { Origin: "https://evil.example" })).toEqual({
      status: 403,
      code: "origin_not_allowed",
    });
    const own = await connect(`${h.gw.url}/v1/ws/visitor`, v.token, "json", { Origin: h.gw.url });
    await own.next((f) => f.welcome);
    const listed = await connect(`${h.gw.url}/v1/ws/visitor`, v.token, "json", { Origin: "https://shop.example" });
    await listed.next((f) => f.welcome);
    own.close();
    listed.close();
  });

  test("only unknown subprotocols offered → 400 unsupported_subprotocol", async () => {
    h = await realtimeHarness();
    const v = await h.visitor();
    expect(
      await refusedUpgrade(`${h.gw.url}/v1/ws/visitor?token=${v.token}`, { "Sec-WebSocket-Protocol": "mqtt, stomp" }),
    ).toEqual({ status: 400, code: "unsupported_subprotocol" });
  });

  test("a plain GET on a WebSocket endpoint → 426", async () => {
    h = await realtimeHarness();
    const v = await h.visitor();
    const res = await fetch(`${h.gw.url}/v1/ws/visitor?token=${v.token}`);
    expect(res.status).toBe(426);
  });
});

describe("bad frames get error frames and the connection survives", () => {
  test("bad protobuf, bad JSON, unknown frame type, server-only frame", async () => {
    h = await realtimeHarness();
    const pb = await h.visitor("t1", "pb");
    pb.c.raw(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff]));
    expect((await pb.c.next((f) => f.error)).code).toBe("bad_frame");
    pb.c.raw("text on a binary connection");
    expect((await pb.c.next((f) => f.error)).code).toBe("bad_frame");
    pb.c.send({ id: "w", welcome: { sessionId: "x" } });
    expect(await pb.c.next((f) => f.error)).toMatchObject({ code: "unknown_frame", ref: "w" });
    pb.c.send({ id: "e" });
    expect(await pb.c.next((f) => f.error)).toMatchObject({ code: "unknown_frame", ref: "e" });

    const js = await h.visitor("t1", "json");
    js.c.raw("{not json");
    expect((await js.c.next((f) => f.error)).code).toBe("bad_frame");
    js.c.raw("[1,2]");
    expect((await js.c.next((f) => f.error)).code).toBe("bad_frame");
    js.c.raw(JSON.stringify({ send: "not an object" }));
    expect((await js.c.next((f) => f.error)).code).toBe("bad_frame");
    // Still usable afterwards.
    js.c.send(msg("ok", "still works"));
    expect((await js.c.next((f) => f.ack)).seq).toBeGreaterThan(0);
    pb.c.send({ ping: { atUnixMs: 1 } });
    await pb.c.next((f) => f.pong);
  });

  test("invalid sends are refused with a reason: empty text, missing client_msg_id, too long", async () => {
    h = await realtimeHarness({ KEFU_CONVERSATIONS_MAX_TEXT_CHARS: "10" });
    const v = await h.visitor();
    v.c.send({ id: "1", ...msg("", "x") });
    expect(await v.c.next((f) => f.error)).toMatchObject({ code: "invalid_request", ref: "1" });
    v.c.send({ id: "2", ...msg("c", "") });
    expect(await v.c.next((f) => f.error)).toMatchObject({ code: "invalid_request", ref: "2" });
    v.c.send({ id: "3", ...msg("c", "x".repeat(11)) });
    expect((await v.c.next((f) => f.error)).message).toContain("10 characters");
  });

  test("a frame over maxFrameBytes gets frame_too_large; over 4× it the socket closes with 1009", async () => {
    h = await realtimeHarness({ KEFU_REALTIME_MAX_FRAME_BYTES: "1024" });
    const v = await h.visitor("t1", "json");
    v.c.raw(JSON.stringify(msg("big", "x".repeat(2000))));
    expect((await v.c.next((f) => f.error)).code).toBe("frame_too_large");
    v.c.send(msg("small", "fine"));
    await v.c.next((f) => f.ack);
    v.c.raw("x".repeat(5000));
    expect((await v.c.closed).code).toBe(1009);
  });
});

describe("limits", () => {
  test("a client over its frame rate gets rate_limited frames, then is closed 1008 if it keeps going", async () => {
    h = await realtimeHarness({ KEFU_REALTIME_MESSAGES_PER_SECOND: "1", KEFU_REALTIME_BURST: "3" });
    const v = await h.visitor();
    for (let i = 0; i < 3; i++) v.c.send({ ping: { atUnixMs: i } });
    v.c.send({ ping: { atUnixMs: 99 } });
    expect((await v.c.next((f) => f.error)).code).toBe("rate_limited");
    expect(v.c.frames.filter((f) => f.pong).length).toBe(3);
    // The fake clock refills the bucket: one more frame is fine.
    h.clock.advance(1000);
    v.c.send({ id: "after", ping: { atUnixMs: 100 } });
    expect((await v.c.next((f) => (f.id === "after" ? f.pong : null))).atUnixMs).toBeGreaterThan(0);
    for (let i = 0; i < 30; i++) v.c.send({ ping: { atUnixMs: i } });
    expect((await v.c.closed).code).toBe(1008);
  });

  test("a slow consumer is closed with 4008 after the data buffered for it", async () => {
    h = await realtimeHarness({
      KEFU_REALTIME_MAX_BUFFERED_BYTES: "262144",
      KEFU_REALTIME_MESSAGES_PER_SECOND: "10000",
      KEFU_REALTIME_BURST: "10000",
    });
    const v = await h.visitor();
    // Out of the bot state, so the flood below is plain chat (no bot answer per message).
    v.c.send({ handoff: {} });
    await v.c.next((f) => f.queuePosition);
    // A raw TCP client that completes the handshake and then stops reading.
    const net = await import("node:net");
    const { port } = new URL(h.gw.url);
    const sock = net.connect(Number(port), "127.0.0.1");
    let buf = Buffer.alloc(0);
    let upgraded = false;
    sock.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!upgraded && buf.includes("\r\n\r\n")) {
        upgraded = true;
        sock.pause();
      }
    });
    await new Promise<void>((r) => sock.on("connect", () => r()));
    sock.write(
      `GET /v1/ws/visitor?token=${v.token} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: kefu.v1.json\r\n\r\n`,
    );
    while (!upgraded) await Bun.sleep(5);
    // The visitor's other socket floods the session; the paused socket falls behind.
    // Loopback kernel buffers absorb several MB first, so send well beyond that.
    const big = "x".repeat(7900);
    for (let i = 0; i < 2500; i++) {
      v.c.send(msg(`f${i}`, big));
      if (i % 10 === 0) await Bun.sleep(2);
      if (h.gw.hub.size < 2) break; // the paused socket was closed
    }
    await Bun.sleep(200);
    buf = Buffer.alloc(0);
    sock.resume();
    const closeCode = await new Promise<number>((resolve) => {
      const check = () => {
        // A server close frame: opcode 0x88, 2-byte payload length, then the code.
        for (let i = buf.length - 4; i >= 0; i--) {
          if (buf[i] === 0x88 && (buf[i + 1] as number) <= 125) return resolve(buf.readUInt16BE(i + 2));
        }
        setTimeout(check, 20);
      };
      check();
    });
    expect(closeCode).toBe(4008);
    sock.destroy();
    const text = await (await fetch(`${h.gw.url}/metrics`)).text();
    expect(text).toMatch(/kefu_realtime_forced_closes_total\{reason="slow_consumer"\} [1-9]/);
  });
});

describe("tenant and session isolation", () => {
  test("an agent of another tenant cannot watch, send to or transfer a session; a visitor only has its own", async () => {
    h = await realtimeHarness();
    const v1 = await h.visitor("t1");
    const v2 = await h.visitor("t1");
    const other = await h.agent("x1", "t2", { role: "supervisor" });
    other.c.send({ id: "w", watch: { sessionId: v1.sessionId } });
    expect(await other.c.next((f) => f.error)).toMatchObject({ code: "forbidden", ref: "w" });
    other.c.send({ id: "s", ...msg("x", "hi", v1.sessionId) });
    expect(await other.c.next((f) => f.error)).toMatchObject({ code: "forbidden", ref: "s" });
    v2.c.send({ id: "v", ...msg("x", "not mine", v1.sessionId) });
    expect(await v2.c.next((f) => f.error)).toMatchObject({ code: "forbidden", ref: "v" });
    v2.c.send({ id: "r", resume: { sessionId: v1.sessionId, lastSeq: 0 } });
    expect(await v2.c.next((f) => f.error)).toMatchObject({ code: "forbidden", ref: "r" });
    other.c.send({ id: "o", resume: { sessionId: v1.sessionId, lastSeq: 0 } });
    expect(await other.c.next((f) => f.error)).toMatchObject({ code: "forbidden", ref: "o" });
    // Nothing leaked to v1's subscribers from the refused attempts, and nothing of v1 reaches the others.
    await Bun.sleep(50);
    expect(v1.c.frames.filter((f) => f.deliver)).toEqual([]);
    v1.c.send(msg("own", "private"));
    await v1.c.next((f) => f.ack);
    await Bun.sleep(50);
    expect(other.c.frames.some((f) => f.deliver)).toBe(false);
    expect(v2.c.frames.some((f) => f.deliver)).toBe(false);
  });

  test("an agent cannot write to a session not assigned to it; a supervisor of the tenant can watch it", async () => {
    h = await realtimeHarness();
    const a1 = await h.agent("a1");
    const a2 = await h.agent("a2", "t1", { online: false });
    const sup = await h.agent("boss", "t1", { role: "supervisor" });
    const v = await h.visitor();
    v.c.send({ handoff: {} });
    await a1.c.next((f) => f.assignment);
    a2.c.send({ id: "n", ...msg("x", "hijack", v.sessionId) });
    expect(await a2.c.next((f) => f.error)).toMatchObject({ code: "forbidden", ref: "n" });
    sup.c.send({ watch: { sessionId: v.sessionId } });
    await Bun.sleep(30);
    v.c.send(msg("c1", "watched"));
    expect(await sup.c.next((f) => f.deliver?.event?.message?.text ?? null)).toBe("watched");
  });

  test("unknown sessions are 404 not_found, and a closed session refuses sends", async () => {
    h = await realtimeHarness();
    const sup = await h.agent("boss", "t1", { role: "supervisor" });
    sup.c.send({ id: "u", watch: { sessionId: "no-such-session" } });
    expect(await sup.c.next((f) => f.error)).toMatchObject({ code: "not_found", ref: "u" });
    const v = await h.visitor();
    v.c.send({ close: { reason: "bye" } });
    expect((await v.c.next((f) => f.close)).reason).toBe("bye");
    v.c.send({ id: "late", ...msg("c", "hello?") });
    expect(await v.c.next((f) => f.error)).toMatchObject({ code: "session_closed", ref: "late" });
    expect(kefu.v1.SessionState.SESSION_STATE_CLOSED).toBe(4);
  });
});
