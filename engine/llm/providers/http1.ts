/**
 * kefu's HTTP/1.1 client for model servers reached over plain `http:` (vLLM,
 * Ollama, llama.cpp, a sidecar): keep-alive connections on `Bun.connect`, driven
 * on the JavaScript thread. Bun's `fetch` hands every request to its HTTP thread
 * and back; with the gateway pinned to one core that hop was the largest single
 * cost of a proxied answer (bench/RESULTS.md, llm-proxy). `https:` targets keep
 * using `fetch` (certificate checks, HTTP/2 and proxies stay Bun's business).
 *
 * What it does, and its bounds:
 * - One request per connection at a time (no pipelining); connections are pooled
 *   per origin, at most `maxConnectionsPerOrigin` (default 1024) open; beyond that,
 *   requests wait in FIFO order, at most `maxQueuedPerOrigin` (default 4096), then
 *   fail with code `KEFU_POOL_FULL`. Idle connections close after `idleMs` (default
 *   4 s, under the 5 s keep-alive of most servers).
 * - Responses framed by `content-length`, `transfer-encoding: chunked` (extensions
 *   and trailers read and dropped) or the connection's end; 1xx interim responses
 *   skipped; `connection: close` honoured. A head over `maxHeadBytes` (64 KiB), a
 *   bad status line, a bad chunk size or bytes after a response fail with code
 *   `KEFU_HTTP_PROTOCOL` and the connection is closed.
 * - Backpressure: past `highWaterBytes` (256 KiB) of unread body the socket stops
 *   reading until the caller reads.
 * - A connection reused from the pool that closes before any byte of the answer
 *   (the server timed it out as the request left) is retried once on a new
 *   connection; any other failure is the caller's (ECONNRESET, ECONNREFUSED, …
 *   as `code`, which providers/errors.ts maps to upstream_reset / _unavailable).
 * - `signal` aborts at any point: the connection is destroyed and the pending
 *   call or read rejects with `signal.reason`.
 * - `connectTo` (optional) maps a host name to the address to dial, e.g. after an
 *   address check; the `host` header keeps the name.
 *
 * @example
 *   const client = new Http1Client();
 *   const res = await client.request({ url: new URL("http://127.0.0.1:8000/v1/chat/completions"),
 *     headers: { "content-type": "application/json" }, body: "{}", signal });
 *   for (let b = await res.read(); b; b = await res.read()) use(b);
 */
import type { Socket, SocketHandler } from "bun";
import type { SignalLike } from "../cancel.ts";

/** Header access by lower-case name, as `Headers#get` (which satisfies it). */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** Options of {@link Http1Client}. */
export interface Http1Options {
  maxConnectionsPerOrigin?: number;
  maxQueuedPerOrigin?: number;
  idleMs?: number;
  maxHeadBytes?: number;
  highWaterBytes?: number;
  /** The address to dial for a host (default: the host itself, resolved by Bun). */
  connectTo?: (host: string) => string | Promise<string>;
}

/** One request. The body is sent with a `content-length`. */
export interface Http1Request {
  /** Not changed after it is passed: the client keeps its connection pool per URL object. */
  url: URL;
  method?: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
  signal?: SignalLike;
}

/** A response whose head has arrived; read the body with `read()` until it returns undefined. */
export interface Http1Response {
  readonly status: number;
  readonly headers: HeaderLookup;
  /** The next body bytes, or undefined at the end. One read at a time. */
  read(): Promise<Uint8Array | undefined>;
  /**
   * The rest of the body as UTF-8 text, in one step: instead of `read()`, not with it.
   * It holds the whole body in memory; bound it first (a `content-length` within limits).
   */
  wholeText(): Promise<string>;
  /** The body has been read to its end. */
  readonly ended: boolean;
  /** Stops reading: the connection is closed unless the body already ended. Idempotent. */
  cancel(): void;
}

const DEFAULTS = {
  maxConnectionsPerOrigin: 1024,
  maxQueuedPerOrigin: 4096,
  idleMs: 4_000,
  maxHeadBytes: 64 * 1024,
  highWaterBytes: 256 * 1024,
};

type PoolOptions = typeof DEFAULTS & Pick<Http1Options, "connectTo">;

/** An Error carrying a Node-style `code`. */
function codeError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/**
 * A response's headers, from the head text. The ones every answer needs (framing and
 * content type) are picked out while the head is checked; the map of all the others
 * is made only if one of them is asked for (a Retry-After, say).
 */
class RawHeaders implements HeaderLookup {
  contentLength: string | undefined;
  transferEncoding: string | undefined;
  connection: string | undefined;
  contentType: string | undefined;
  private map: Map<string, string> | undefined;

  /** `text` from `from` on: header lines, already checked (each has a colon). */
  constructor(
    private readonly text: string,
    private readonly from: number,
  ) {}

  get(name: string): string | null {
    const n = name.toLowerCase();
    switch (n) {
      case "content-length":
        return this.contentLength ?? null;
      case "transfer-encoding":
        return this.transferEncoding ?? null;
      case "connection":
        return this.connection ?? null;
      case "content-type":
        return this.contentType ?? null;
    }
    this.map ??= headerMap(this.text, this.from);
    return this.map.get(n) ?? null;
  }

  /** Keeps a picked-out header; repeats are joined with ", " as Headers does. */
  pick(name: string, value: string): void {
    if (name === "content-length") this.contentLength = joined(this.contentLength, value);
    else if (name === "transfer-encoding") this.transferEncoding = joined(this.transferEncoding, value);
    else if (name === "connection") this.connection = joined(this.connection, value);
    else if (name === "content-type") this.contentType = joined(this.contentType, value);
  }
}

/** A repeated header's values, joined as Headers joins them. */
const joined = (had: string | undefined, value: string) => (had === undefined ? value : `${had}, ${value}`);

/** Every header line of `text` from `from` on, by lower-case name (repeats joined with ", "). */
function headerMap(text: string, from: number): Map<string, string> {
  const map = new Map<string, string>();
  for (let at = from; at < text.length; ) {
    let end = text.indexOf("\r\n", at);
    if (end < 0) end = text.length;
    const colon = text.indexOf(":", at);
    const name = text.slice(at, colon).trim().toLowerCase();
    const value = text.slice(colon + 1, end).trim();
    map.set(name, joined(map.get(name), value));
    at = end + 2;
  }
  return map;
}

/** Whether a character code is optional whitespace around a header name or value. */
const isOws = (c: number) => c === 32 || c === 9;

const CRLF2 = Buffer.from("\r\n\r\n");
const CR = 13;
const LF = 10;
const SP = 32;
const TAB = 9;
const SEMI = 59;
/** Longest chunk extension or trailer line. */
const MAX_CHUNK_LINE = 4096;

/** The value of a hex digit's byte, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}
/** A header name that is not an RFC 9110 token. */
const BAD_HEADER = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** `buf` from `start` on as UTF-8 text; as TextDecoder, a leading byte order mark is not part of it. */
function utf8Text(buf: Buffer, start: number): string {
  const at = buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf ? start + 3 : start;
  return buf.toString("utf8", at);
}
const asBuffer = (d: Uint8Array) => (Buffer.isBuffer(d) ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength));

type Framing =
  | { kind: "length"; left: number }
  | {
      kind: "chunked";
      /** size: hex digits; ext: `;extension` up to the line end; data; crlf: after the data; trailer lines. */
      state: "size" | "ext" | "data" | "crlf" | "trailer";
      left: number;
      /** Hex digits read (size) or bytes in the current line (ext, trailer). */
      count: number;
    }
  | { kind: "close" }
  | { kind: "none" };

/** A connection and the exchange it carries. */
class Conn {
  socket: Socket<Conn> | undefined;
  /** The exchange in progress; undefined while idle in the pool. */
  ex: Exchange | undefined;
  idleSince = 0;
  /** Carried at least one complete exchange, so the server may have timed it out. */
  reused = false;
  closed = false;
  /** Counts towards the pool's open connections. */
  counted = true;
  /**
   * What is still to write (a partial write continues on drain): bytes, or a whole
   * request as text (ASCII head + UTF-8 body, `pendingBytes` long in UTF-8).
   */
  pendingOut: Uint8Array | string | undefined;
  pendingBytes = 0;
  paused = false;
  /** Bun.connect has not settled yet. */
  connecting = false;

  constructor(readonly pool: Pool) {}

  /** Closes the connection (idempotent); the pool stops counting it. */
  destroy(): void {
    if (!this.closed) {
      this.closed = true;
      this.socket?.terminate();
    }
    // A connect still in flight keeps its slot until it settles (connect() ends it):
    // abandoned connects to a black hole stay bounded by maxConnectionsPerOrigin.
    if (!this.connecting) this.pool.forget(this);
  }

  /** Writes what `pendingOut` holds, as far as the socket takes it. */
  flush(): void {
    const out = this.pendingOut;
    if (out === undefined || !this.socket) return;
    const n = this.socket.write(out);
    if (typeof out === "string") {
      // The socket wrote it as UTF-8; the rest, if any, continues as bytes.
      this.pendingOut = n < this.pendingBytes ? Buffer.from(out).subarray(Math.max(0, n)) : undefined;
      return;
    }
    this.pendingOut = n < out.byteLength ? out.subarray(Math.max(0, n)) : undefined;
  }
}

/** One request/response on a connection: the response object the caller gets. */
class Exchange implements Http1Response {
  status = 0;
  headers!: HeaderLookup;
  ended = false;
  /** The head so far, until its blank line. */
  private head: Buffer | undefined;
  private framing: Framing = { kind: "none" };
  private keepAlive = true;
  private gotBytes = false;
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private reader: { resolve: (b: Uint8Array | undefined) => void; reject: (e: unknown) => void } | undefined;
  /** A body that came whole with the head: `bodyBuf` from `bodyStart` on (not queued). */
  private bodyBuf: Buffer | undefined;
  private bodyStart = 0;
  /** A pending `wholeText()`: settles at the end of the body. */
  private whole: { resolve: (text: string) => void; reject: (e: unknown) => void } | undefined;
  private failure: unknown;
  private headResolve: ((r: Http1Response) => void) | undefined;
  private headReject: ((e: unknown) => void) | undefined;
  private done = false;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    readonly conn: Conn,
    private readonly req: Http1Request,
    /** Sends the request again on a fresh connection (only for a reused one). */
    private readonly retry: (() => void) | undefined,
    resolve: (r: Http1Response) => void,
    reject: (e: unknown) => void,
  ) {
    this.headResolve = resolve;
    this.headReject = reject;
    conn.ex = this;
    const signal = req.signal;
    if (signal) {
      this.onAbort = () => this.fail(signal.reason);
      signal.addEventListener("abort", this.onAbort);
    }
  }

  // ---- the caller's side ----

  read(): Promise<Uint8Array | undefined> {
    const whole = this.bodyBuf;
    if (whole) {
      this.bodyBuf = undefined;
      return Promise.resolve(whole.subarray(this.bodyStart));
    }
    const next = this.queue.shift();
    if (next) {
      this.queued -= next.byteLength;
      const c = this.conn;
      if (c.paused && this.queued < c.pool.opts.highWaterBytes) {
        c.paused = false;
        c.socket?.resume();
      }
      return Promise.resolve(next);
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.reader = { resolve, reject };
    });
  }

  wholeText(): Promise<string> {
    const whole = this.bodyBuf;
    if (whole) {
      this.bodyBuf = undefined;
      return Promise.resolve(utf8Text(whole, this.bodyStart));
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    // Usually the body came with the head: it is all queued already.
    if (this.ended) return Promise.resolve(this.queuedText());
    const c = this.conn;
    if (c.paused) {
      c.paused = false;
      c.socket?.resume();
    }
    return new Promise((resolve, reject) => {
      this.whole = { resolve, reject };
    });
  }

  /** Everything queued, as UTF-8 text (the queue is emptied). */
  private queuedText(): string {
    const q = this.queue;
    const text = q.length === 0 ? "" : utf8Decoder.decode(q.length === 1 ? (q[0] as Uint8Array) : Buffer.concat(q));
    q.length = 0;
    this.queued = 0;
    return text;
  }

  cancel(): void {
    if (!this.done) this.fail(codeError("ABORT_ERR", "response cancelled"));
  }

  // ---- the connection's side ----

  /** Bytes from the socket. */
  feed(data: Uint8Array): void {
    this.gotBytes = true;
    let d = data;
    if (this.headResolve) {
      const buf = this.head ? Buffer.concat([this.head, d]) : asBuffer(d);
      const end = buf.indexOf(CRLF2);
      if (end < 0) {
        if (buf.byteLength > this.conn.pool.opts.maxHeadBytes) {
          this.protocol("response head too large");
          return;
        }
        this.head = buf;
        return;
      }
      this.head = undefined;
      if (end > this.conn.pool.opts.maxHeadBytes) {
        this.protocol("response head too large");
        return;
      }
      if (!this.parseHead(buf.toString("latin1", 0, end))) return;
      const start = end + 4;
      if (this.status < 200) {
        // An interim response (100 Continue, 103 Early Hints): the real one follows.
        if (start < buf.byteLength) this.feed(buf.subarray(start));
        return;
      }
      const resolve = this.headResolve;
      this.headResolve = undefined;
      this.headReject = undefined;
      resolve(this);
      const f = this.framing;
      if (f.kind === "length" && f.left > 0 && buf.byteLength - start === f.left) {
        // The whole body came with the head (the usual small answer): it stays where it is,
        // read by wholeText() without a view or a copy.
        f.left = 0;
        this.bodyBuf = buf;
        this.bodyStart = start;
        this.finish();
        return;
      }
      d = buf.subarray(start);
      if (f.kind === "none" || (f.kind === "length" && f.left === 0)) {
        if (d.byteLength) {
          this.protocol("bytes after the response");
          return;
        }
        this.finish();
        return;
      }
    }
    this.body(d);
  }

  /** Parses the status line and headers; false (and failed) when they are not HTTP/1.x. */
  private parseHead(text: string): boolean {
    let eol = text.indexOf("\r\n");
    if (eol < 0) eol = text.length;
    // "HTTP/1.x NNN[ reason]", read by character (every upstream answer passes here).
    const minor = text.charCodeAt(7) - 48;
    const d0 = text.charCodeAt(9) - 48;
    const d1 = text.charCodeAt(10) - 48;
    const d2 = text.charCodeAt(11) - 48;
    if (
      !text.startsWith("HTTP/1.") ||
      (minor !== 0 && minor !== 1) ||
      text.charCodeAt(8) !== SP ||
      !(d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) ||
      (eol !== 12 && text.charCodeAt(12) !== SP) ||
      eol < 12
    ) {
      this.protocol(`bad status line ${JSON.stringify(text.slice(0, Math.min(eol, 40)))}`);
      return false;
    }
    this.status = d0 * 100 + d1 * 10 + d2;
    if (this.status < 200) return true;
    const headers = new RawHeaders(text, eol + 2);
    // Header lines, checked in place; only the names of the headers picked out (by their
    // length: content-type 12, connection 10, content-length 14, transfer-encoding 17) are cut out.
    for (let at = eol + 2; at < text.length; ) {
      let end = text.indexOf("\r\n", at);
      if (end < 0) end = text.length;
      const colon = text.indexOf(":", at);
      if (colon <= at || colon >= end) {
        this.protocol("bad header line");
        return false;
      }
      let ns = at;
      let ne = colon;
      while (ns < ne && isOws(text.charCodeAt(ns))) ns++;
      while (ne > ns && isOws(text.charCodeAt(ne - 1))) ne--;
      const n = ne - ns;
      if (n === 12 || n === 10 || n === 14 || n === 17)
        headers.pick(text.slice(ns, ne).toLowerCase(), text.slice(colon + 1, end).trim());
      at = end + 2;
    }
    this.headers = headers;
    const connection = headers.connection?.toLowerCase();
    this.keepAlive = minor === 1 ? !connection?.includes("close") : connection?.includes("keep-alive") === true;
    const te = headers.transferEncoding;
    const cl = headers.contentLength;
    if (this.status === 204 || this.status === 304 || this.req.method === "HEAD") this.framing = { kind: "none" };
    else if (te !== undefined) {
      if (!/(?:^|,)\s*chunked\s*$/i.test(te)) {
        this.protocol(`unsupported transfer-encoding ${te}`);
        return false;
      }
      this.framing = { kind: "chunked", state: "size", left: 0, count: 0 };
    } else if (cl !== undefined) {
      if (!/^\d{1,15}$/.test(cl)) {
        this.protocol("bad content-length");
        return false;
      }
      this.framing = { kind: "length", left: Number(cl) };
    } else {
      this.framing = { kind: "close" };
      this.keepAlive = false;
    }
    return true;
  }

  private body(d: Uint8Array): void {
    const f = this.framing;
    if (f.kind === "length") {
      if (d.byteLength > f.left) {
        this.protocol("bytes after the response");
        return;
      }
      f.left -= d.byteLength;
      if (d.byteLength) this.push(d);
      if (f.left === 0) this.finish();
      return;
    }
    if (f.kind === "close") {
      if (d.byteLength) this.push(d);
      return;
    }
    if (f.kind !== "chunked") {
      this.protocol("bytes after the response");
      return;
    }
    // Byte by byte outside the data: no string per chunk line.
    const n = d.byteLength;
    let i = 0;
    while (i < n && !this.done) {
      if (f.state === "data") {
        const take = Math.min(f.left, n - i);
        this.push(d.subarray(i, i + take));
        i += take;
        f.left -= take;
        if (f.left === 0) f.state = "crlf";
        continue;
      }
      const c = d[i++] as number;
      if (f.state === "size") {
        const v = hexValue(c);
        if (v >= 0) {
          if (++f.count > 12) {
            this.protocol("bad chunk size");
            return;
          }
          f.left = f.left * 16 + v;
        } else if (f.count === 0) {
          this.protocol("bad chunk size");
          return;
        } else if (c === SEMI || c === SP || c === TAB) {
          f.state = "ext";
          f.count = 0;
        } else if (c === LF) this.endSizeLine(f);
        else if (c !== CR) {
          this.protocol("bad chunk size");
          return;
        }
      } else if (f.state === "ext") {
        if (c === LF) this.endSizeLine(f);
        else if (++f.count > MAX_CHUNK_LINE) {
          this.protocol("chunk line too long");
          return;
        }
      } else if (f.state === "crlf") {
        if (c === LF) {
          f.state = "size";
          f.left = 0;
          f.count = 0;
        } else if (c !== CR) {
          this.protocol("missing CRLF after a chunk");
          return;
        }
      } else if (c === LF) {
        // trailer: a blank line ends the response; other lines (trailer fields) are dropped.
        if (f.count === 0) {
          if (i < n) {
            this.protocol("bytes after the response");
            return;
          }
          this.finish();
          return;
        }
        f.count = 0;
      } else if (c !== CR && ++f.count > MAX_CHUNK_LINE) {
        this.protocol("chunk line too long");
        return;
      }
    }
  }

  /** The end of a chunk-size line: its data follows, or the trailer after the last chunk. */
  private endSizeLine(f: Extract<Framing, { kind: "chunked" }>): void {
    f.state = f.left === 0 ? "trailer" : "data";
    f.count = 0;
  }

  private push(b: Uint8Array): void {
    const r = this.reader;
    if (r) {
      this.reader = undefined;
      r.resolve(b);
      return;
    }
    this.queue.push(b);
    this.queued += b.byteLength;
    const c = this.conn;
    // A wholeText() caller takes the body at its end: reading must not pause before it.
    if (!c.paused && !this.whole && this.queued >= c.pool.opts.highWaterBytes) {
      c.paused = true;
      c.socket?.pause();
    }
  }

  /** The connection ended or failed with `cause` (undefined: a clean close). */
  lost(cause: unknown): void {
    if (this.done) return;
    if (cause === undefined && this.framing.kind === "close" && !this.headResolve) {
      this.finish();
      return;
    }
    // A reused connection lost before any byte of the answer: the server dropped an
    // idle keep-alive as the request left. Sent once more, on a fresh connection.
    if (this.retry && !this.gotBytes && this.conn.reused) {
      this.done = true;
      this.detach();
      this.conn.destroy();
      this.retry();
      return;
    }
    this.fail(cause ?? codeError("ECONNRESET", "connection closed before the response ended"));
  }

  private protocol(detail: string): void {
    this.fail(codeError("KEFU_HTTP_PROTOCOL", `HTTP protocol error: ${detail}`));
  }

  /** Ends the exchange with `e`: the caller's pending call or read rejects; the connection closes. */
  fail(e: unknown): void {
    if (this.done) return;
    this.done = true;
    this.failure = e;
    const hr = this.headReject;
    this.headResolve = undefined;
    this.headReject = undefined;
    hr?.(e);
    const r = this.reader;
    this.reader = undefined;
    r?.reject(e);
    const w = this.whole;
    this.whole = undefined;
    w?.reject(e);
    this.detach();
    this.conn.destroy();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.ended = true;
    const r = this.reader;
    this.reader = undefined;
    r?.resolve(undefined);
    const w = this.whole;
    this.whole = undefined;
    w?.resolve(this.queuedText());
    this.detach();
    // A response that came before the request was fully written (an early 413, say)
    // leaves request bytes behind: the connection cannot carry another request.
    if (this.keepAlive && !this.conn.closed && !this.conn.pendingOut) this.conn.pool.release(this.conn);
    else this.conn.destroy();
  }

  private detach(): void {
    if (this.onAbort) this.req.signal?.removeEventListener("abort", this.onAbort);
    if (this.conn.ex === this) this.conn.ex = undefined;
  }
}

const handlers: SocketHandler<Conn> = {
  data(socket, data) {
    const c = socket.data;
    // Bytes on an idle connection belong to no request: the connection is unusable.
    if (c.ex) c.ex.feed(data);
    else c.destroy();
  },
  drain(socket) {
    socket.data.flush();
  },
  end(socket) {
    const c = socket.data;
    c.ex?.lost(undefined);
    c.destroy();
  },
  close(socket, error) {
    const c = socket.data;
    c.closed = true;
    c.ex?.lost(error);
    c.destroy();
  },
  error(socket, error) {
    const c = socket.data;
    c.ex?.lost(error);
    c.destroy();
  },
};

interface Waiter {
  start: () => void;
  reject: (e: unknown) => void;
  signal: SignalLike | undefined;
  onAbort: (() => void) | undefined;
}

/** Connections to one origin. */
class Pool {
  readonly idle: Conn[] = [];
  private readonly waiters: Waiter[] = [];
  /** Open connections, idle ones included. */
  open = 0;
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
    readonly opts: PoolOptions,
  ) {}

  /** Runs `start` when a connection is idle or may be opened: at once, or after earlier waiters. */
  acquire(signal: SignalLike | undefined, start: () => void, reject: (e: unknown) => void): void {
    if (this.idle.length > 0 || this.open < this.opts.maxConnectionsPerOrigin) {
      start();
      return;
    }
    if (this.waiters.length >= this.opts.maxQueuedPerOrigin) {
      const busy = this.opts.maxConnectionsPerOrigin;
      reject(codeError("KEFU_POOL_FULL", `${busy} connections busy and ${this.waiters.length} requests waiting`));
      return;
    }
    const w: Waiter = { start, reject, signal, onAbort: undefined };
    if (signal) {
      w.onAbort = () => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", w.onAbort);
    }
    this.waiters.push(w);
  }

  private wake(): boolean {
    const w = this.waiters.shift();
    if (!w) return false;
    if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
    w.start();
    return true;
  }

  /** A request is done with `c`, which may carry another. */
  release(c: Conn): void {
    c.reused = true;
    c.idleSince = performance.now();
    this.idle.push(c);
    if (this.wake()) return;
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), Math.max(250, this.opts.idleMs / 4));
      this.sweeper.unref?.();
    }
  }

  /** `c` closed: it no longer counts, and its slot may go to a waiter. */
  forget(c: Conn): void {
    const i = this.idle.indexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
    if (!c.counted) return;
    c.counted = false;
    this.open--;
    this.wake();
  }

  private sweep(): void {
    const now = performance.now();
    for (const c of [...this.idle]) if (now - c.idleSince >= this.opts.idleMs) c.destroy();
    if (this.idle.length === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  closeIdle(): void {
    for (const c of [...this.idle]) c.destroy();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}

/** Request heads without their content-length, per frozen headers object (a provider's per-target headers). */
const heads = new WeakMap<Record<string, string>, HeadStart & { url: URL; method: string }>();

/** A request line and headers; `ascii`: every character is ASCII (latin1 and UTF-8 bytes agree). */
interface HeadStart {
  text: string;
  ascii: boolean;
}

/** The request line and headers (validated), or the TypeError for a header that could smuggle a line. */
function headStart(req: Http1Request): HeadStart | TypeError {
  const { url, headers } = req;
  const method = req.method ?? "POST";
  const known = heads.get(headers);
  if (known && known.url === url && known.method === method) return known;
  let text = `${method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n`;
  for (const name in headers) {
    const value = headers[name] as string;
    if (BAD_HEADER.test(name) || /[\r\n\0]/.test(value))
      return new TypeError(`bad request header ${JSON.stringify(name)}`);
    text += `${name}: ${value}\r\n`;
  }
  const start = { text, ascii: !NON_ASCII.test(text) };
  // Only a frozen object cannot change under the cache.
  if (Object.isFrozen(headers)) heads.set(headers, { ...start, url, method });
  return start;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The client; one per process is enough (pools are per origin). */
export class Http1Client {
  private readonly pools = new Map<string, Pool>();
  /** The pool of each URL object seen (providers keep theirs): no URL getters per request. */
  private readonly poolOfUrl = new WeakMap<URL, Pool>();
  private readonly opts: PoolOptions;

  constructor(options: Http1Options = {}) {
    this.opts = { ...DEFAULTS, ...options };
  }

  /** Sends a request; resolves when the response head arrives (interim 1xx skipped). */
  request(req: Http1Request): Promise<Http1Response> {
    const { url, signal } = req;
    let pool = this.poolOfUrl.get(url);
    if (!pool) {
      if (url.protocol !== "http:")
        return Promise.reject(new TypeError(`Http1Client speaks http: only, not ${url.protocol}`));
      pool = this.pools.get(url.host);
      if (!pool) {
        pool = new Pool(url.hostname.replace(/^\[|\]$/g, ""), Number(url.port || 80), this.opts);
        this.pools.set(url.host, pool);
      }
      this.poolOfUrl.set(url, pool);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    const p = pool;
    const start = headStart(req);
    if (start instanceof TypeError) return Promise.reject(start);
    let out: Uint8Array | string;
    let outBytes: number;
    const body = req.body;
    if (typeof body === "string" && start.ascii) {
      // One string, written by the socket as UTF-8: no encoded copy of the body, no concatenation.
      const n = Buffer.byteLength(body, "utf8");
      const head = `${start.text}content-length: ${n}\r\n\r\n`;
      out = head + body;
      outBytes = head.length + n;
    } else {
      // Header values outside ASCII go out as latin1 bytes.
      const bytes = typeof body === "string" ? utf8.encode(body) : body;
      out = Buffer.concat([Buffer.from(`${start.text}content-length: ${bytes.byteLength}\r\n\r\n`, "latin1"), bytes]);
      outBytes = out.byteLength;
    }
    return new Promise<Http1Response>((resolve, reject) => {
      const send = (c: Conn, ex: Exchange) => {
        if (ex !== c.ex) return; // failed (aborted) while connecting
        c.pendingOut = out;
        c.pendingBytes = outBytes;
        c.flush();
      };
      const fresh = () => {
        const c = new Conn(p);
        p.open++;
        const ex = new Exchange(c, req, undefined, resolve, reject);
        this.connect(p, c).then(
          () => send(c, ex),
          (e) => ex.fail(e),
        );
      };
      p.acquire(
        signal,
        () => {
          const c = p.idle.pop();
          if (!c) {
            fresh();
            return;
          }
          send(c, new Exchange(c, req, fresh, resolve, reject));
        },
        reject,
      );
    });
  }

  private async connect(p: Pool, c: Conn): Promise<void> {
    c.connecting = true;
    try {
      const hostname = this.opts.connectTo ? await this.opts.connectTo(p.host) : p.host;
      if (c.closed) return;
      const socket = await Bun.connect<Conn>({ hostname, port: p.port, data: c, socket: handlers });
      c.socket = socket;
      if (c.closed) socket.terminate();
      else socket.setNoDelay(true);
    } finally {
      c.connecting = false;
      // Abandoned (aborted) while connecting, or the connect failed: the slot is free now.
      if (c.closed || !c.socket) {
        c.closed = true;
        p.forget(c);
      }
    }
  }

  /** Closes idle connections; those in use close when their response ends. */
  close(): void {
    for (const p of this.pools.values()) p.closeIdle();
    this.pools.clear();
  }
}
