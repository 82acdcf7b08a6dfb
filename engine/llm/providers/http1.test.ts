import { afterAll, afterEach, describe, expect, test } from "bun:test";
import type { Socket, TCPSocketListener } from "bun";
import { Http1Client, type Http1Response } from "./http1.ts";

/** One request as the raw server saw it. */
interface Seen {
  head: string;
  body: string;
  /** Server-side id of the connection (1, 2, … in accept order). */
  conn: number;
}

type Reply = (socket: Socket<ConnState>, seen: Seen) => void;

interface ConnState {
  id: number;
  buf: Buffer;
}

/**
 * A TCP server that speaks just enough HTTP/1.1 to read requests with a
 * content-length, then answers each with the next scripted `Reply` (raw bytes).
 */
function rawServer() {
  const replies: Reply[] = [];
  const seen: Seen[] = [];
  let conns = 0;
  let closed = 0;
  const closedIds = new Set<number>();
  const server: TCPSocketListener<ConnState> = Bun.listen<ConnState>({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open(s) {
        s.data = { id: ++conns, buf: Buffer.alloc(0) };
      },
      data(s, d) {
        s.data.buf = Buffer.concat([s.data.buf, d]);
        for (;;) {
          const b = s.data.buf;
          const end = b.indexOf("\r\n\r\n");
          if (end < 0) return;
          const head = b.toString("latin1", 0, end);
          const len = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
          if (b.length < end + 4 + len) return;
          const body = b.toString("utf8", end + 4, end + 4 + len);
          s.data.buf = b.subarray(end + 4 + len);
          const one = { head, body, conn: s.data.id };
          seen.push(one);
          const reply = replies.shift() ?? ((sock) => sock.write(ok("{}")));
          reply(s, one);
        }
      },
      close(s) {
        closed++;
        closedIds.add(s.data.id);
      },
    },
  });
  return {
    url: (path = "/v1/chat/completions") => new URL(`http://127.0.0.1:${server.port}${path}`),
    replies,
    seen,
    conns: () => conns,
    closed: () => closed,
    isClosed: (id: number) => closedIds.has(id),
    stop: () => server.stop(true),
  };
}

const ok = (body: string, extra = "") =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

const chunked = (parts: string[], trailer = "") =>
  `HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n${parts
    .map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`)
    .join("")}0\r\n${trailer}\r\n`;

async function readAll(res: Http1Response): Promise<string> {
  const parts: Buffer[] = [];
  for (let b = await res.read(); b; b = await res.read()) parts.push(Buffer.from(b));
  return Buffer.concat(parts).toString("utf8");
}

/** Writes `bytes` one slice at a time with a macrotask between, so the client sees every split. */
async function dribble(socket: Socket<ConnState>, bytes: string, step: number) {
  const b = Buffer.from(bytes);
  for (let i = 0; i < b.length; i += step) {
    socket.write(b.subarray(i, i + step));
    socket.flush();
    await Bun.sleep(1);
  }
}

const srv = rawServer();
let client = new Http1Client();
afterEach(() => {
  client.close();
  client = new Http1Client();
  srv.replies.length = 0;
});
afterAll(() => srv.stop());

const post = (body = '{"q":1}', c = client, signal?: AbortSignal) =>
  c.request({
    url: srv.url(),
    headers: { "content-type": "application/json", authorization: "Bearer k" },
    body,
    signal,
  });

describe("Http1Client framing", () => {
  test("sends method, path, host, headers and a content-length; reads a content-length body", async () => {
    srv.replies.push((s) => s.write(ok('{"answer":"hé"}', "x-extra: 1\r\nX-Extra: 2\r\n")));
    const res = await post('{"q":"ünï"}');
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json");
    expect(res.headers.get("x-extra")).toBe("1, 2");
    expect(res.headers.get("missing")).toBeNull();
    expect(await readAll(res)).toBe('{"answer":"hé"}');
    expect(res.ended).toBe(true);
    const seen = srv.seen.at(-1) as Seen;
    expect(seen.head.split("\r\n")[0]).toBe("POST /v1/chat/completions HTTP/1.1");
    expect(seen.head).toContain(`host: 127.0.0.1:${srv.url().port}`);
    expect(seen.head).toContain("authorization: Bearer k");
    expect(seen.head).toContain(`content-length: ${Buffer.byteLength('{"q":"ünï"}')}`);
    expect(seen.body).toBe('{"q":"ünï"}');
  });

  test("headers in any case, with spaces before the colon and around values, repeated ones joined; framing read from them", async () => {
    srv.replies.push((s) =>
      s.write(
        "HTTP/1.1 200 OK\r\nContent-Type : text/plain\r\ncontent-type: charset=utf-8 \r\nRetry-After:  7\r\n" +
          "X-Odd: a\r\nx-odd: b\r\nCONTENT-LENGTH :3\r\nConnection: close\r\n\r\nabc",
      ),
    );
    const res = await post();
    expect(res.headers.get("content-type")).toBe("text/plain, charset=utf-8");
    expect(res.headers.get("Content-Length")).toBe("3");
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.headers.get("X-ODD")).toBe("a, b");
    expect(res.headers.get("connection")).toBe("close");
    expect(res.headers.get("transfer-encoding")).toBeNull();
    expect(await readAll(res)).toBe("abc");
    // connection: close — the next request opens a new connection.
    const conn = (srv.seen.at(-1) as Seen).conn;
    await readAll(await post());
    expect((srv.seen.at(-1) as Seen).conn).not.toBe(conn);
  });

  test("a header value outside ASCII goes out as latin1 bytes, the body as UTF-8, frozen or not", async () => {
    for (const headers of [{ "x-name": "café" }, Object.freeze({ "x-name": "café" })]) {
      srv.replies.push((s) => s.write(ok("{}")));
      const res = await client.request({ url: srv.url(), headers, body: '{"q":"ünï"}' });
      await readAll(res);
      const seen = srv.seen.at(-1) as Seen;
      // The server reads the head as latin1: one byte per character, é included.
      expect(seen.head).toContain("x-name: café");
      expect(seen.head).toContain(`content-length: ${Buffer.byteLength('{"q":"ünï"}')}`);
      expect(seen.body).toBe('{"q":"ünï"}');
    }
  });

  test("a frozen headers object's head is built once per URL; an unfrozen one is read on every request", async () => {
    const frozen = Object.freeze({ "content-type": "application/json", "x-t": "1" });
    await readAll(await client.request({ url: srv.url(), headers: frozen, body: "{}" }));
    await readAll(await client.request({ url: srv.url("/v1/other?x=1"), headers: frozen, body: "{}" }));
    await readAll(await client.request({ url: srv.url(), headers: frozen, body: "{}", method: "PUT" }));
    const open: Record<string, string> = { "content-type": "application/json", "x-t": "1" };
    await readAll(await client.request({ url: srv.url(), headers: open, body: "{}" }));
    open["x-t"] = "2";
    await readAll(await client.request({ url: srv.url(), headers: open, body: '{"a":1}' }));
    const lines = srv.seen.slice(-5).map((x) => x.head.split("\r\n"));
    expect(lines.map((l) => l[0])).toEqual([
      "POST /v1/chat/completions HTTP/1.1",
      "POST /v1/other?x=1 HTTP/1.1",
      "PUT /v1/chat/completions HTTP/1.1",
      "POST /v1/chat/completions HTTP/1.1",
      "POST /v1/chat/completions HTTP/1.1",
    ]);
    expect(lines.map((l) => l.find((h) => h.startsWith("x-t:")))).toEqual([
      "x-t: 1",
      "x-t: 1",
      "x-t: 1",
      "x-t: 1",
      "x-t: 2",
    ]);
    expect(lines.map((l) => l.find((h) => h.startsWith("content-length:")))).toEqual([
      "content-length: 2",
      "content-length: 2",
      "content-length: 2",
      "content-length: 2",
      "content-length: 7",
    ]);
  });

  test("chunked bodies split at every byte, with extensions and trailers, come out whole", async () => {
    const wire = chunked(['data: {"a":1}\n\n', "data: [DONE]\n\n"], "x-trailer: t\r\n").replace("\r\n", "\r\n");
    const withExt = wire.replace(/^([0-9a-f]+)\r\n/m, "$1;name=value\r\n");
    srv.replies.push((s) => void dribble(s, withExt, 1));
    const res = await post();
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
    expect(await readAll(res)).toBe('data: {"a":1}\n\ndata: [DONE]\n\n');
    // The connection is reusable afterwards.
    const before = srv.conns();
    expect(await readAll(await post())).toBe("{}");
    expect(srv.conns()).toBe(before);
  });

  test("chunk sizes in any hex case with leading zeros, extensions after whitespace, bare LF line ends", async () => {
    const head = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n";
    srv.replies.push((s) =>
      s.write(`${head}00A\r\n0123456789\r\n1f ; a=b\r\n${"y".repeat(31)}\r\n2\ncd\n0\nx-t: 1\n\n`),
    );
    expect(await readAll(await post())).toBe(`0123456789${"y".repeat(31)}cd`);
    const bad: [string, RegExp][] = [
      [`${head}1234567890abc\r\n`, /bad chunk size/],
      [`${head};x\r\n`, /bad chunk size/],
      [`${head}3\r\nabcX\r\n`, /missing CRLF after a chunk/],
      [`${head}3;${"e".repeat(5000)}\r\n`, /chunk line too long/],
      [`${head}0\r\n${"t".repeat(5000)}\r\n\r\n`, /chunk line too long/],
      [`${head}0\r\n\r\nextra`, /bytes after the response/],
    ];
    for (const [wire, message] of bad) {
      srv.replies.push((s) => s.write(wire));
      const err = await post()
        .then(readAll)
        .catch((e: Error & { code?: string }) => e);
      expect((err as Error & { code?: string }).code).toBe("KEFU_HTTP_PROTOCOL");
      expect((err as Error).message).toMatch(message);
    }
  });

  test("a body split across writes in large chunks is byte-exact", async () => {
    const big = "x".repeat(300_000) + "é".repeat(1000);
    srv.replies.push((s) => void dribble(s, ok(big), 65_536));
    expect(await readAll(await post())).toBe(big);
  });

  test("a request body larger than the socket buffer is written whole (partial writes resume on drain)", async () => {
    const big = JSON.stringify({ q: "é".repeat(2 * 1024 * 1024) });
    srv.replies.push((s, seen) => s.write(ok(String(Buffer.byteLength(seen.body)))));
    expect(await readAll(await post(big))).toBe(String(Buffer.byteLength(big)));
    expect(srv.seen.at(-1)?.body).toBe(big);
  });

  test("interim 1xx responses are skipped; 204 has no body", async () => {
    srv.replies.push((s) =>
      s.write(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n${ok("fine")}`),
    );
    const res = await post();
    expect(res.status).toBe(200);
    expect(await readAll(res)).toBe("fine");
    srv.replies.push((s) => s.write("HTTP/1.1 204 No Content\r\n\r\n"));
    const empty = await post();
    expect(empty.status).toBe(204);
    expect(await readAll(empty)).toBe("");
  });

  test("a body without length ends with the connection, which is not reused", async () => {
    srv.replies.push((s) => {
      s.write("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil the end");
      s.end();
    });
    const before = srv.conns();
    expect(await readAll(await post())).toBe("until the end");
    await readAll(await post());
    expect(srv.conns()).toBe(before + 2);
  });

  test("connection: close and HTTP/1.0 without keep-alive are not reused", async () => {
    srv.replies.push((s) => s.write(ok("a", "connection: close\r\n")));
    srv.replies.push((s) => s.write(ok("b").replace("HTTP/1.1", "HTTP/1.0")));
    const before = srv.conns();
    expect(await readAll(await post())).toBe("a");
    expect(await readAll(await post())).toBe("b");
    expect(await readAll(await post())).toBe("{}");
    expect(srv.conns()).toBe(before + 3);
  });

  test("status lines with and without a reason phrase, HTTP/1.0 and 1.1", async () => {
    for (const [line, status] of [
      ["HTTP/1.1 201", 201],
      ["HTTP/1.1 202 Accepted", 202],
      ["HTTP/1.0 200 OK", 200],
    ] as const) {
      srv.replies.push((s) => s.write(`${line}\r\ncontent-length: 2\r\n\r\nok`));
      const res = await post();
      expect(res.status).toBe(status);
      expect(await readAll(res)).toBe("ok");
    }
  });

  test("protocol errors are typed and close the connection", async () => {
    const cases: [string, RegExp][] = [
      ["SSH-2.0-OpenSSH\r\n\r\n", /bad status line/],
      ["HTTP/2.0 200 OK\r\n\r\n", /bad status line/],
      ["HTTP/1.10 200 OK\r\n\r\n", /bad status line/],
      ["HTTP/1.1 20x OK\r\n\r\n", /bad status line/],
      ["HTTP/1.1 2000 OK\r\n\r\n", /bad status line/],
      ["HTTP/1.1 20\r\n\r\n", /bad status line/],
      ["HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", /bad header line/],
      ["HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n", /bad content-length/],
      ["HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\n", /unsupported transfer-encoding/],
      [`HTTP/1.1 200 OK\r\n${"x-big: y\r\n".repeat(8000)}\r\n`, /response head too large/],
      ["HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nabcdef", /bytes after the response/],
    ];
    for (const [wire, message] of cases) {
      srv.replies.push((s) => s.write(wire));
      const err = await post()
        .then(readAll)
        .then(
          () => undefined,
          (e: Error & { code?: string }) => e,
        );
      expect(err?.code).toBe("KEFU_HTTP_PROTOCOL");
      expect(err?.message).toMatch(message);
    }
    srv.replies.push((s) => s.write("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n"));
    const err = await readAll(await post()).catch((e: Error & { code?: string }) => e);
    expect((err as Error & { code?: string }).code).toBe("KEFU_HTTP_PROTOCOL");
    expect((err as Error).message).toMatch(/bad chunk size/);
  });

  test("a reset mid-body rejects the pending read with ECONNRESET", async () => {
    srv.replies.push((s) => {
      s.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial");
      setTimeout(() => s.terminate(), 5);
    });
    const res = await post();
    await expect(readAll(res)).rejects.toMatchObject({ code: "ECONNRESET" });
  });

  test("connection refused rejects with the socket error's code", async () => {
    const dead = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const port = dead.port;
    dead.stop(true);
    const err = await client
      .request({ url: new URL(`http://127.0.0.1:${port}/x`), headers: {}, body: "" })
      .catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe("ECONNREFUSED");
  });

  test("header injection and non-http URLs are refused before anything is sent", async () => {
    const before = srv.seen.length;
    await expect(client.request({ url: srv.url(), headers: { "x-a": "1\r\nx-b: 2" }, body: "" })).rejects.toThrow(
      /bad request header/,
    );
    await expect(client.request({ url: srv.url(), headers: { "bad name": "1" }, body: "" })).rejects.toThrow(
      /bad request header/,
    );
    await expect(client.request({ url: new URL("https://example.com/"), headers: {}, body: "" })).rejects.toThrow(
      /http: only/,
    );
    expect(srv.seen.length).toBe(before);
  });
});

describe("Http1Client wholeText", () => {
  test("the body that came with the head, as text; the connection is reused", async () => {
    srv.replies.push((s) => s.write(ok('{"answer":"hé"}')));
    const res = await post();
    expect(await res.wholeText()).toBe('{"answer":"hé"}');
    expect(res.ended).toBe(true);
    const conn = (srv.seen.at(-1) as Seen).conn;
    await post().then((r) => r.wholeText());
    expect((srv.seen.at(-1) as Seen).conn).toBe(conn);
  });

  test("a byte order mark is not part of the text (as TextDecoder), whether the body came with the head or after", async () => {
    srv.replies.push((s) => s.write(ok('\ufeff{"a":"é"}')));
    expect(await (await post()).wholeText()).toBe('{"a":"é"}');
    srv.replies.push((s) => {
      const full = ok('\ufeff{"a":"é"}');
      const at = full.indexOf("\r\n\r\n") + 4;
      s.write(full.slice(0, at));
      void dribble(s, full.slice(at), 2);
    });
    expect(await (await post()).wholeText()).toBe('{"a":"é"}');
    // read() hands over the bytes as they are.
    srv.replies.push((s) => s.write(ok('\ufeff{"a":"é"}')));
    expect(await readAll(await post())).toBe('\ufeff{"a":"é"}');
  });

  test("a body arriving in pieces after the head (characters split across them), chunked or by length", async () => {
    const body = `{"answer":"${"日本語é".repeat(50)}"}`;
    srv.replies.push((s) => {
      const full = ok(body);
      const at = full.indexOf("\r\n\r\n") + 4;
      s.write(full.slice(0, at));
      void dribble(s, full.slice(at), 7);
    });
    expect(await (await post()).wholeText()).toBe(body);
    srv.replies.push((s) => void dribble(s, chunked([body.slice(0, 40), body.slice(40)]), 5));
    expect(await (await post()).wholeText()).toBe(body);
  });

  test("a body past highWaterBytes is not paused while wholeText waits for its end", async () => {
    const c = new Http1Client({ highWaterBytes: 1024 });
    const body = "x".repeat(256 * 1024);
    srv.replies.push((s) => void dribble(s, ok(body), 16 * 1024));
    const text = await (await post("{}", c)).wholeText();
    expect(text.length).toBe(body.length);
    c.close();
  });

  test("a reset mid-body or an abort rejects it; after the end it rejects with the failure", async () => {
    srv.replies.push((s) => {
      s.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial");
      setTimeout(() => s.terminate(), 5);
    });
    const res = await post();
    await expect(res.wholeText()).rejects.toMatchObject({ code: "ECONNRESET" });
    await expect(res.wholeText()).rejects.toMatchObject({ code: "ECONNRESET" });

    srv.replies.push((s) => s.write("HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc"));
    const ac = new AbortController();
    const pending = (await post("{}", client, ac.signal)).wholeText();
    ac.abort(new Error("caller left"));
    await expect(pending).rejects.toThrow("caller left");
  });
});

describe("Http1Client connections", () => {
  test("keep-alive: sequential requests share one connection", async () => {
    const before = srv.conns();
    for (let i = 0; i < 5; i++) expect(await readAll(await post())).toBe("{}");
    expect(srv.conns()).toBe(before + 1);
  });

  test("a pooled connection the server closed is not used again", async () => {
    await readAll(await post());
    const first = srv.seen.at(-1)?.conn;
    srv.replies.push((s) => {
      s.write(ok("x"));
      s.end(); // closes right after a keep-alive answer
    });
    await readAll(await post());
    while (!srv.isClosed(first as number)) await Bun.sleep(2); // the client saw the end and closed its side
    await readAll(await post());
    expect(srv.seen.at(-2)?.conn).toBe(first as number);
    expect(srv.seen.at(-1)?.conn).not.toBe(first as number);
  });

  test("a reused connection lost before any byte of the answer is retried once on a new one", async () => {
    await readAll(await post());
    const first = srv.seen.at(-1)?.conn as number;
    // The server closes the kept-alive connection on the next request without answering.
    srv.replies.push((s) => s.terminate());
    srv.replies.push((s) => s.write(ok("retried")));
    expect(await readAll(await post('{"n":2}'))).toBe("retried");
    const [lost, again] = srv.seen.slice(-2);
    expect(lost?.conn).toBe(first);
    expect(again?.conn).not.toBe(first);
    expect(again?.body).toBe('{"n":2}');
  });

  test("a fresh connection lost before the answer is not retried", async () => {
    const c = new Http1Client();
    srv.replies.push((s) => s.terminate());
    const before = srv.seen.length;
    await expect(post("{}", c)).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(srv.seen.length).toBe(before + 1);
    c.close();
  });

  test("at most maxConnectionsPerOrigin open; others wait in order; a full queue is refused", async () => {
    const c = new Http1Client({ maxConnectionsPerOrigin: 2, maxQueuedPerOrigin: 2 });
    const held: Socket<ConnState>[] = [];
    for (let i = 0; i < 4; i++) srv.replies.push((s) => held.push(s));
    const before = srv.conns();
    const calls = [0, 1, 2, 3].map((i) => post(`{"i":${i}}`, c));
    await expect(post('{"i":4}', c)).rejects.toMatchObject({ code: "KEFU_POOL_FULL" });
    while (held.length < 2) await Bun.sleep(1);
    expect(srv.conns()).toBe(before + 2);
    // Answer the held ones in turn: the waiters follow on the same two connections.
    const bodies: string[] = [];
    for (let i = 0; i < 4; i++) {
      while (held.length <= i) await Bun.sleep(1);
      (held[i] as Socket<ConnState>).write(ok(`r${i}`));
      bodies.push(await readAll(await (calls[i] as Promise<Http1Response>)));
    }
    expect(bodies).toEqual(["r0", "r1", "r2", "r3"]);
    expect(srv.seen.slice(-4).map((s) => s.body)).toEqual(['{"i":0}', '{"i":1}', '{"i":2}', '{"i":3}']);
    expect(srv.conns()).toBe(before + 2);
    c.close();
  });

  test("abort: while waiting for a slot, for the head and mid-body; the aborted connection is closed", async () => {
    const c = new Http1Client({ maxConnectionsPerOrigin: 1 });
    const held: Socket<ConnState>[] = [];
    srv.replies.push((s) => held.push(s));
    const a = new AbortController();
    const first = post("{}", c, a.signal);
    const queued = new AbortController();
    const second = post("{}", c, queued.signal);
    queued.abort(new Error("gave up waiting"));
    await expect(second).rejects.toThrow("gave up waiting");
    while (held.length < 1) await Bun.sleep(1);
    const closedBefore = srv.closed();
    a.abort(new Error("caller left"));
    await expect(first).rejects.toThrow("caller left");
    while (srv.closed() === closedBefore) await Bun.sleep(1);

    srv.replies.push((s) => s.write("HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc"));
    const mid = new AbortController();
    const res = await post("{}", c, mid.signal);
    const chunk = await res.read();
    expect(Buffer.from(chunk as Uint8Array).toString()).toBe("abc");
    const pending = res.read();
    mid.abort(new Error("stop reading"));
    await expect(pending).rejects.toThrow("stop reading");
    // The slot is free again.
    expect(await readAll(await post("{}", c))).toBe("{}");
    c.close();
  });

  test("backpressure: past highWaterBytes unread, the socket stops reading until the caller reads", async () => {
    const c = new Http1Client({ highWaterBytes: 16 * 1024 });
    // More than the kernel can buffer on loopback (tcp_rmem max 32 MiB + tcp_wmem max 4 MiB here).
    const total = 64 * 1024 * 1024;
    let written = 0;
    let sock: Socket<ConnState> | undefined;
    const payload = Buffer.alloc(total, 97);
    const pump = () => {
      while (sock && written < total) {
        const n = sock.write(payload.subarray(written, Math.min(total, written + 65_536)));
        written += n;
        if (n === 0) return;
      }
    };
    const server = Bun.listen<ConnState>({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        data(s) {
          sock = s;
          s.write(`HTTP/1.1 200 OK\r\ncontent-length: ${total}\r\n\r\n`);
          pump();
        },
        drain() {
          pump();
        },
      },
    });
    const res = await c.request({ url: new URL(`http://127.0.0.1:${server.port}/`), headers: {}, body: "" });
    await Bun.sleep(200); // the server writes as far as TCP lets it
    expect(written).toBeLessThan(total);
    let got = 0;
    for (let b = await res.read(); b; b = await res.read()) {
      for (const byte of [b[0], b[b.length - 1]]) expect(byte).toBe(97);
      got += b.byteLength;
    }
    expect(got).toBe(total);
    c.close();
    server.stop(true);
  });

  test("a connect abandoned by an abort keeps its slot until it settles, then frees it", async () => {
    let calls = 0;
    let release: (address: string) => void = () => {};
    const c = new Http1Client({
      maxConnectionsPerOrigin: 1,
      // The first dial hangs (a black-holed address) until released; later ones go straight through.
      connectTo: () => (++calls === 1 ? new Promise<string>((r) => (release = r)) : "127.0.0.1"),
    });
    const ac = new AbortController();
    const first = post("{}", c, ac.signal);
    ac.abort(new Error("gave up connecting"));
    await expect(first).rejects.toThrow("gave up connecting");
    let answered = false;
    const second = post("{}", c).then((r) => {
      answered = true;
      return r;
    });
    await Bun.sleep(30);
    expect(answered).toBe(false); // the only slot is still held by the pending connect
    release("127.0.0.1");
    expect(await readAll(await second)).toBe("{}");
    expect(calls).toBe(2);
    c.close();
  });

  test("an answer that arrives before the request is fully written leaves a connection that is not reused", async () => {
    let conns = 0;
    const server = Bun.listen<{ id: number; answered: boolean }>({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        open(s) {
          s.data = { id: ++conns, answered: false };
        },
        data(s) {
          if (s.data.answered) return;
          s.data.answered = true;
          // An early refusal, without reading the rest of the body.
          s.write("HTTP/1.1 413 Payload Too Large\r\ncontent-length: 2\r\n\r\nno");
          s.pause();
        },
      },
    });
    const c = new Http1Client();
    const url = new URL(`http://127.0.0.1:${server.port}/`);
    const res = await c.request({ url, headers: {}, body: "x".repeat(16 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await readAll(res)).toBe("no");
    const again = await c.request({ url, headers: {}, body: "{}" });
    expect(again.status).toBe(413);
    expect(conns).toBe(2);
    c.close();
    server.stop(true);
  });

  test("cancel() mid-body closes the connection; the next request opens a new one", async () => {
    srv.replies.push((s) => s.write("HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc"));
    const res = await post();
    await res.read();
    const before = srv.conns();
    res.cancel();
    await expect(res.read()).rejects.toMatchObject({ code: "ABORT_ERR" });
    expect(await readAll(await post())).toBe("{}");
    expect(srv.conns()).toBe(before + 1);
  });

  test("idle connections close after idleMs", async () => {
    const c = new Http1Client({ idleMs: 50 });
    await readAll(await post("{}", c));
    const id = srv.seen.at(-1)?.conn as number;
    expect(srv.isClosed(id)).toBe(false);
    // The sweep runs every 250 ms here; a connection that is never closed fails the wait.
    const until = performance.now() + 3_000;
    while (!srv.isClosed(id) && performance.now() < until) await Bun.sleep(10);
    expect(srv.isClosed(id)).toBe(true);
    c.close();
  });

  test("connectTo picks the address to dial; the host header keeps the name", async () => {
    const dialled: string[] = [];
    const c = new Http1Client({
      connectTo: (host) => {
        dialled.push(host);
        return "127.0.0.1";
      },
    });
    const res = await c.request({ url: new URL(`http://localhost:${srv.url().port}/x`), headers: {}, body: "" });
    await readAll(res);
    expect(dialled).toEqual(["localhost"]);
    expect(srv.seen.at(-1)?.head).toContain(`host: localhost:${srv.url().port}`);
    c.close();
  });
});
