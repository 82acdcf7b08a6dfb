/**
 * One local HTTP server (Bun.serve on 127.0.0.1, a free port) that speaks the
 * four vendor wire formats providers talk to, and misbehaves on request. For the
 * provider tests, the router's tests and benchmarks.
 *
 * Routes (POST), optionally under `/s/<script-name>`:
 *   `…/chat/completions` → OpenAI-compatible, `…/v1/messages` → Anthropic,
 *   `…/chat-messages` → Dify, `…/v3/chat` → Coze.
 *
 * Each request plays one {@link MockScript}, chosen in this order: the
 * `x-mock-script` header (a script name, or inline JSON), the `/s/<name>` path
 * prefix (so a target's `baseUrl` can pick a behaviour), the next script queued
 * with `enqueue()`, then the default (`setScript()`). Names resolve against
 * `define()`d scripts, then the built-ins in {@link mockScripts}.
 *
 * Streams are written in small random pieces (seeded, so runs repeat), each
 * flushed, so events and multi-byte characters split at arbitrary read boundaries.
 * Every request is recorded (headers, parsed body) with how its response ended:
 * `"complete"`, `"client_closed"` (the client went away: abort or timeout),
 * `"reset"` or `"server_stopped"`.
 *
 * @example
 *   const mock = startMockUpstreams();
 *   const p = createOpenAiProvider({ id: "t", baseUrl: mock.url, apiKey: "sk-test" });
 *   mock.enqueue({ status: 429, headers: { "retry-after": "2" } });
 *   // … call p.stream(…), then:
 *   mock.requests[0]?.headers.get("authorization"); // "Bearer sk-test"
 *   await mock.stop();
 */
import { seededRandom } from "../../random.ts";
import { splitWords } from "../providers/local/index.ts";
import {
  MOCK_WIRES,
  type MockErrorKind,
  type MockFinish,
  type MockVendor,
  type MockWire,
  type WireContext,
} from "./mock-wires.ts";

export type { MockErrorKind, MockFinish, MockVendor } from "./mock-wires.ts";

/** Something going wrong in a stream, after `after` deltas (default 1). */
export type MockFault =
  /** The connection is torn down (the client sees a reset). */
  | { kind: "reset"; after?: number }
  /** Nothing more is sent; the socket stays open until the client leaves. */
  | { kind: "stall"; after?: number }
  /** The body ends cleanly, half-way through the next event: no finish, no [DONE]. */
  | { kind: "cut"; after?: number }
  /** An event whose JSON is cut short, then the body ends. */
  | { kind: "malformed"; after?: number }
  /** The vendor's in-stream error event, then the body ends. */
  | { kind: "vendor_error"; after?: number; error?: MockErrorKind }
  /** No stream: HTTP 200 with the vendor's error JSON (Coze's `code`, some compat servers). */
  | { kind: "json_error"; error?: MockErrorKind };

/** What one response does. Every field is optional. */
export interface MockScript {
  /** The answer (default "Hello! How can I help you today?"), split into word-sized deltas. */
  text?: string;
  /** Explicit deltas (override `text`). */
  deltas?: string[];
  /** A non-2xx status answers with the vendor's error body for `error`. */
  status?: number;
  /** Which error body a non-2xx status carries (default: from the status). */
  error?: MockErrorKind;
  /** Extra response headers, e.g. `{ "retry-after": "2" }`. */
  headers?: Record<string, string>;
  /** Delay before the response starts (headers and first byte). */
  firstByteDelayMs?: number;
  /** Delay before each delta. */
  eventDelayMs?: number;
  /** A keep-alive (comment or ping event) before the first delta and after each. */
  keepAlive?: boolean;
  /** Write each event in random pieces of 1..maxBytes bytes (default 16); false writes whole events. */
  split?: { maxBytes: number } | false;
  /** Line ends of the stream (default "\n"). */
  lineEnding?: "\n" | "\r\n" | "\r";
  /** What goes wrong. */
  fault?: MockFault;
  /** Reply with one JSON document even if the request asked for a stream. */
  nonStream?: boolean;
  /** Token counts reported (default prompt 10, completion = number of deltas). */
  usage?: { prompt: number; completion: number };
  finishReason?: MockFinish;
  /** Conversation id reported by Dify and Coze (default "conv-mock-1"). */
  conversationId?: string;
  /** Dify: stream `agent_message` events (an Agent app) instead of `message`. */
  difyAgent?: boolean;
}

/** Built-in scripts, selectable by name. */
export const mockScripts = {
  ok: {},
  keepalive: { keepAlive: true },
  chinese: { text: "您好！我是智能客服，很高兴为您服务。请问有什么可以帮您？" },
  crlf: { lineEnding: "\r\n" },
  non_stream: { nonStream: true },
  slow_first_token: { firstByteDelayMs: 300 },
  rate_limited: { status: 429, headers: { "retry-after": "2" } },
  unavailable: { status: 503 },
  server_error: { status: 500, error: "overloaded" },
  unauthorized: { status: 401, error: "auth" },
  bad_request: { status: 400, error: "invalid" },
  reset: { fault: { kind: "reset", after: 2 } },
  stall: { fault: { kind: "stall", after: 2 } },
  cut: { fault: { kind: "cut", after: 2 } },
  malformed: { fault: { kind: "malformed", after: 0 } },
  vendor_error: { fault: { kind: "vendor_error", after: 0, error: "overloaded" } },
  json_error: { fault: { kind: "json_error", error: "auth" } },
} satisfies Record<string, MockScript>;

/** How a recorded response ended. */
export type MockEnding = "complete" | "client_closed" | "reset" | "server_stopped";

/** One request the server received. */
export interface RecordedRequest {
  /** 0, 1, 2… in arrival order (since the last reset). */
  readonly seq: number;
  readonly vendor: MockVendor;
  readonly method: string;
  /** Path without the `/s/<name>` prefix. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  /** The JSON body (the raw text if it was not JSON). */
  readonly body: unknown;
  /** The script name used, if the request picked one by name. */
  readonly scriptName: string | undefined;
  /** The client's port: equal ports mean one reused keep-alive connection. */
  readonly remotePort: number | undefined;
  /** Byte size of every flushed write of a streamed body, in order (how the mock cut it). */
  readonly writes: readonly number[];
  /** Settles when the response ends, with how it ended. */
  readonly ended: Promise<MockEnding>;
  /** How it ended, once it has. */
  readonly ending: MockEnding | undefined;
}

/** Options of {@link startMockUpstreams}. */
export interface MockUpstreamsOptions {
  /** Script for requests that pick none (default `{}`: a normal answer). */
  defaultScript?: MockScript;
  /** Named scripts, in addition to {@link mockScripts}. */
  scripts?: Record<string, MockScript>;
  /** Seed of the piece splitter (default 1). */
  seed?: number;
  /** Port to listen on (default 0: a free one). */
  port?: number;
  /** Keep `requests` (default true); benchmarks turn it off so memory stays flat. */
  record?: boolean;
}

/** A running mock server. */
export interface MockUpstreams {
  /** "http://127.0.0.1:<port>" — use as a provider's baseUrl (add "/v1" for OpenAI-style clients if you like). */
  readonly url: string;
  /** Requests received so far, in order. */
  readonly requests: readonly RecordedRequest[];
  /** A base URL whose requests all play the named script: `${url}/s/${name}`. */
  urlFor(name: string): string;
  /** The default script. */
  setScript(script: MockScript): void;
  /** Scripts for the next requests, one each, before the default. */
  enqueue(...scripts: MockScript[]): void;
  /** Adds or replaces a named script. */
  define(name: string, script: MockScript): void;
  /** Forgets recorded requests and queued scripts; restores the default script. */
  reset(): void;
  /** Stops listening and ends open streams. */
  stop(): Promise<void>;
}

const VENDOR_ROUTES: [RegExp, MockVendor][] = [
  [/\/chat\/completions$/, "openai"],
  [/\/v1\/messages$/, "anthropic"],
  [/\/chat-messages$/, "dify"],
  [/\/v3\/chat$/, "coze"],
];

const DEFAULT_TEXT = "Hello! How can I help you today?";
const encoder = new TextEncoder();

function abortable(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

function statusKind(status: number): MockErrorKind {
  if (status === 429) return "rate_limit";
  if (status === 401 || status === 403) return "auth";
  if (status >= 500) return "overloaded";
  return "invalid";
}

/** Where a plan ends. */
type Ending = "close" | "reset" | "stall";

/** The frames of one streamed response and how it ends. */
function plan(wire: MockWire, s: MockScript, c: WireContext, deltas: string[]): { frames: string[]; end: Ending } {
  const frames = [...wire.preamble(c)];
  if (s.keepAlive) frames.push(wire.keepAlive());
  const fault = s.fault && s.fault.kind !== "json_error" ? s.fault : undefined;
  const at = fault ? Math.min(fault.after ?? 1, deltas.length) : deltas.length;
  for (let i = 0; i < at; i++) {
    frames.push(wire.delta(deltas[i] as string, c));
    if (s.keepAlive) frames.push(wire.keepAlive());
  }
  if (!fault) return { frames: [...frames, ...wire.finish(c)], end: "close" };
  switch (fault.kind) {
    case "reset":
      // Bun sends headers with the first bytes: send some, so the client sees a reset, not a 500.
      return { frames: frames.length ? frames : [wire.keepAlive()], end: "reset" };
    case "stall":
      return { frames, end: "stall" };
    case "cut": {
      const next = wire.delta(deltas[at] ?? "…", c);
      return { frames: [...frames, next.slice(0, Math.ceil(next.length / 2))], end: "close" };
    }
    case "malformed":
      return { frames: [...frames, wire.malformed(c)], end: "close" };
    case "vendor_error":
      return { frames: [...frames, wire.streamError(fault.error ?? "overloaded", c)], end: "close" };
  }
}

/**
 * Starts the mock server.
 *
 * @example
 *   const mock = startMockUpstreams({ defaultScript: { text: "您好" } });
 *   const anthropicBase = mock.url; // POST `${mock.url}/v1/messages`
 *   const flaky = mock.urlFor("reset"); // every request through this base URL resets mid-stream
 */
export function startMockUpstreams(opts: MockUpstreamsOptions = {}): MockUpstreams {
  const named = new Map<string, MockScript>(Object.entries({ ...mockScripts, ...opts.scripts }));
  let defaultScript: MockScript = opts.defaultScript ?? {};
  const queue: MockScript[] = [];
  const requests: RecordedRequest[] = [];
  const stalls = new Set<() => void>();
  const baseSeed = opts.seed ?? 1;
  let served = 0;
  let stopping = false;

  const pick = (header: string | null, fromPath: string | undefined): MockScript | string => {
    if (header?.trim().startsWith("{")) {
      try {
        return JSON.parse(header) as MockScript;
      } catch {
        return "x-mock-script is not valid JSON";
      }
    }
    const name = header ?? fromPath;
    if (name !== undefined) return named.get(name) ?? `unknown mock script "${name}"`;
    return queue.shift() ?? defaultScript;
  };

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: opts.port ?? 0,
    development: false,
    // A script's reset makes Bun log the stream error; keep test output quiet.
    error: () => new Response("mock upstream error", { status: 500 }),
    async fetch(req, srv) {
      const url = new URL(req.url);
      let path = url.pathname;
      let pathScript: string | undefined;
      const m = /^\/s\/([^/]+)(\/.*)$/.exec(path);
      if (m) {
        pathScript = decodeURIComponent(m[1] as string);
        path = m[2] as string;
      }
      const vendor = VENDOR_ROUTES.find(([re]) => re.test(path))?.[1];
      if (req.method !== "POST" || !vendor) {
        return Response.json({ error: { message: `mock: no route ${req.method} ${path}` } }, { status: 404 });
      }
      const raw = await req.text();
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded as text
      }
      const header = req.headers.get("x-mock-script");
      const picked = pick(header, pathScript);
      if (typeof picked === "string") return Response.json({ error: { message: picked } }, { status: 400 });
      const s = picked;

      let ending: MockEnding | undefined;
      let settle!: (e: MockEnding) => void;
      const ended = new Promise<MockEnding>((resolve) => {
        settle = (e) => {
          if (ending) return;
          ending = e;
          resolve(e);
        };
      });
      const seq = served++;
      const writes: number[] = [];
      const recorded: RecordedRequest = {
        seq,
        vendor,
        method: req.method,
        path,
        query: url.searchParams,
        headers: req.headers,
        body,
        scriptName: header?.trim().startsWith("{") ? undefined : (header ?? pathScript),
        remotePort: srv.requestIP(req)?.port,
        writes,
        ended,
        get ending() {
          return ending;
        },
      };
      if (opts.record !== false) requests.push(recorded);
      req.signal.addEventListener("abort", () => settle("client_closed"), { once: true });

      await abortable(s.firstByteDelayMs ?? 0, req.signal);
      if (req.signal.aborted) return new Response(null, { status: 499 });

      const wire = MOCK_WIRES[vendor];
      const headers = new Headers(s.headers);
      if (s.status !== undefined && (s.status < 200 || s.status > 299)) {
        settle("complete");
        return Response.json(wire.errorBody(s.error ?? statusKind(s.status)), { status: s.status, headers });
      }
      const text = s.deltas ? s.deltas.join("") : (s.text ?? DEFAULT_TEXT);
      const deltas = s.deltas ?? splitWords(text);
      const reqBody = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
      const c: WireContext = {
        body: reqBody,
        model: typeof reqBody.model === "string" ? reqBody.model : "mock-model",
        usage: s.usage ?? { prompt: 10, completion: deltas.length },
        finish: s.finishReason ?? "stop",
        conversationId: s.conversationId ?? "conv-mock-1",
        agent: s.difyAgent ?? false,
        text,
      };
      if (s.fault?.kind === "json_error") {
        settle("complete");
        return Response.json(wire.jsonError(s.fault.error ?? "invalid"), { status: s.status ?? 200, headers });
      }
      if (s.nonStream || !wire.wantsStream(reqBody)) {
        settle("complete");
        return Response.json(wire.nonStream(c), { status: s.status ?? 200, headers });
      }

      const { frames, end } = plan(wire, s, c, deltas);
      const eol = s.lineEnding ?? "\n";
      const split = s.split === undefined ? { maxBytes: 16 } : s.split;
      const rand = seededRandom(baseSeed * 7919 + seq);
      const firstDelta = wire.preamble(c).length + (s.keepAlive ? 1 : 0);
      if (!headers.has("content-type")) headers.set("content-type", "text/event-stream; charset=utf-8");
      headers.set("cache-control", "no-cache");

      const stream = new ReadableStream({
        type: "direct",
        async pull(controller: { write(b: Uint8Array): void; flush(): void; close(): void }) {
          for (let i = 0; i < frames.length; i++) {
            if (req.signal.aborted || stopping) return;
            if (i >= firstDelta && s.eventDelayMs) await abortable(s.eventDelayMs, req.signal);
            const frame = eol === "\n" ? (frames[i] as string) : (frames[i] as string).replace(/\n/g, eol);
            const bytes = encoder.encode(frame);
            if (!split) {
              writes.push(bytes.length);
              controller.write(bytes);
              controller.flush();
              continue;
            }
            for (let at = 0; at < bytes.length; ) {
              const n = 1 + Math.floor(rand() * split.maxBytes);
              const piece = bytes.subarray(at, at + n);
              writes.push(piece.length);
              controller.write(piece);
              controller.flush();
              at += n;
              await Bun.sleep(0); // let the bytes go out as their own segment
              if (req.signal.aborted) return;
            }
          }
          if (end === "reset") {
            // Let what was written reach the client first: Bun's client drops unread bytes on a reset.
            await Bun.sleep(20);
            settle("reset");
            throw new Error("mock upstream: connection reset");
          }
          if (end === "stall") {
            await new Promise<void>((resolve) => {
              const done = () => {
                stalls.delete(done);
                resolve();
              };
              stalls.add(done);
              req.signal.addEventListener("abort", done, { once: true });
            });
            if (stopping) settle("server_stopped");
            return;
          }
          settle("complete");
          controller.close();
        },
      } as unknown as ConstructorParameters<typeof ReadableStream<Uint8Array>>[0]);
      return new Response(stream, { status: s.status ?? 200, headers });
    },
  });

  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    requests,
    urlFor: (name) => `${url}/s/${encodeURIComponent(name)}`,
    setScript(script) {
      defaultScript = script;
    },
    enqueue(...scripts) {
      queue.push(...scripts);
    },
    define(name, script) {
      named.set(name, script);
    },
    reset() {
      requests.length = 0;
      served = 0;
      queue.length = 0;
      defaultScript = opts.defaultScript ?? {};
    },
    async stop() {
      stopping = true;
      for (const release of [...stalls]) release();
      await server.stop(true);
    },
  };
}
