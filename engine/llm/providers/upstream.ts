/**
 * One HTTP call to a model vendor, with the deadlines every provider needs:
 * `firstByteMs` from sending the request to the first body byte (connect, headers
 * and a slow first token alike), then `idleMs` as the longest gap between body
 * chunks while the caller is reading. Failures come out as `LlmError`s (see
 * ./errors.ts); aborting `signal` cancels the request and rethrows its reason.
 *
 * Any bytes reset the idle deadline, keep-alive comments included: a vendor that
 * pings is alive. The deadlines use one timer per call that re-arms lazily, not a
 * timer per chunk.
 *
 * @example
 *   const up = await openUpstream({ target: "openai-day", url, headers, body, signal, transport: {} });
 *   for await (const bytes of up.chunks()) parse(bytes);
 */
import type { Clock } from "../../clock.ts";
import { systemClock } from "../../clock.ts";
import { type SignalLike, toAbortSignal } from "../cancel.ts";
import { LlmError } from "../types.ts";
import {
  errorFromNetwork,
  errorFromStatus,
  protocolError,
  retryAfterFromHeaders,
  timeoutError,
  type VendorErrorKind,
} from "./errors.ts";
import { type HeaderLookup, Http1Client } from "./http1.ts";

/** `fetch` as providers use it; inject one in tests. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Deadlines of one upstream call, in milliseconds. */
export interface UpstreamTimeouts {
  /** From sending the request to the first body byte (default 15 000). */
  firstByteMs: number;
  /** Longest gap between body chunks once the body flows (default 30 000). */
  idleMs: number;
}

/** Defaults for {@link UpstreamTimeouts}. */
export const DEFAULT_TIMEOUTS: UpstreamTimeouts = { firstByteMs: 15_000, idleMs: 30_000 };

/** How a provider reaches its vendor; every HTTP provider's options include these. */
export interface TransportOptions {
  timeouts?: Partial<UpstreamTimeouts>;
  /** Replaces global `fetch` for every URL (tests, proxies); kefu's HTTP/1.1 client is then not used. */
  fetch?: FetchLike;
  /**
   * The client for `http:` URLs when no `fetch` is injected: kefu's keep-alive
   * HTTP/1.1 client (./http1.ts; default, one per process), or `false` for `fetch`.
   * `https:` URLs always use `fetch`.
   */
  http1?: Http1Client | false;
  /** Time for parsing `Retry-After` dates (default: the system clock). */
  clock?: Clock;
}

/** A request body already written as JSON (sent as it is). */
export class JsonText {
  constructor(readonly text: string) {}
}

/** One request to send. */
export interface UpstreamRequest {
  /** Target id, for error messages. */
  target: string;
  url: string;
  headers: Record<string, string>;
  /** JSON-serialised as the request body (a JsonText is sent as it is). */
  body: unknown;
  signal: SignalLike;
  transport: TransportOptions;
  /** Secrets to keep out of error messages (the API key). */
  secrets?: readonly (string | undefined)[];
  /** Extracts a short detail ("type: message") from a vendor error body. */
  describeError?: (body: unknown) => string | undefined;
  /** Reads what a non-2xx error body means when the status alone would mislead. */
  classifyError?: (status: number, body: unknown) => VendorErrorKind | undefined;
}

/** An open response whose status is 2xx. */
export interface Upstream {
  readonly status: number;
  readonly headers: HeaderLookup;
  /** Lower-cased media type without parameters, "" when absent. */
  readonly mediaType: string;
  /** The body, chunk by chunk, under the deadlines. Iterate once. */
  chunks(): AsyncGenerator<Uint8Array>;
  /** The whole body as text (at most 8 MiB, else upstream_protocol), under the deadlines. */
  text(): Promise<string>;
  /**
   * Lets go of the response. After a complete answer (`graceful`), the rest of the
   * body is read in the background for up to a second so the connection can be
   * reused; otherwise the request is aborted at once.
   */
  release(graceful: boolean): void;
}

/** Longest error body read from a failed response. */
const MAX_ERROR_BODY = 64 * 1024;
/** Longest non-stream JSON answer accepted. */
const MAX_JSON_BODY = 8 * 1024 * 1024;
/** How long a graceful release waits for the body's end before aborting. */
const DRAIN_GRACE_MS = 1_000;

/**
 * A deadline for "waiting too long" that costs one timer per call: `arm()` when a
 * wait begins, `disarm()` when it ends; the timer re-arms itself only if it fires
 * during a later wait.
 */
class WaitDeadline {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fireAt = 0;
  private since = -1;
  private ms = 0;

  constructor(private readonly onExpire: () => void) {}

  /** Starts a wait that may last `ms`. */
  arm(ms: number): void {
    this.ms = ms;
    this.since = performance.now();
    const due = this.since + ms;
    if (this.timer !== undefined && this.fireAt <= due) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.fireAt = due;
    this.timer = setTimeout(this.check, ms);
  }

  /** The wait ended in time. */
  disarm(): void {
    this.since = -1;
  }

  dispose(): void {
    this.since = -1;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private check = (): void => {
    this.timer = undefined;
    if (this.since < 0) return;
    const left = this.since + this.ms - performance.now();
    if (left <= 0) {
      this.since = -1;
      this.onExpire();
      return;
    }
    this.fireAt = this.since + this.ms;
    this.timer = setTimeout(this.check, left);
  };
}

/** The media type of a response, lower case, without parameters ("application/json"). */
export function mediaTypeOf(headers: HeaderLookup): string {
  const ct = headers.get("content-type");
  if (ct === null) return "";
  // The common spellings need no allocation beyond the header string itself; an upstream
  // sends the same one every time (say "application/json;charset=utf-8"): the last is kept.
  if (ct === "application/json" || ct === "text/event-stream") return ct;
  if (ct === lastContentType.header) return lastContentType.mediaType;
  const semi = ct.indexOf(";");
  const mediaType = (semi < 0 ? ct : ct.slice(0, semi)).trim().toLowerCase();
  lastContentType = { header: ct, mediaType };
  return mediaType;
}

let lastContentType = { header: "", mediaType: "" };

/** The LlmError for a non-2xx response whose (bounded) body is `text`. */
function statusError(req: Omit<UpstreamRequest, "signal">, res: Wire, text: string, clock: Clock): LlmError {
  let detail: string | undefined;
  let kind: VendorErrorKind | undefined;
  try {
    const json: unknown = JSON.parse(text);
    detail = req.describeError?.(json);
    kind = req.classifyError?.(res.status, json);
  } catch {
    detail = text.startsWith("<") ? undefined : text; // skip HTML error pages
  }
  if (res.status >= 300 && res.status < 400) detail = `unexpected redirect${detail ? `: ${detail}` : ""}`;
  return errorFromStatus(req.target, res.status, {
    detail,
    secrets: req.secrets,
    retryAfterMs: retryAfterFromHeaders(res.headers, clock),
    kind,
  });
}

/**
 * A response as this module reads it, from `fetch` or from kefu's HTTP/1.1 client:
 * the status, the headers and the body chunk by chunk.
 */
interface Wire {
  readonly status: number;
  readonly headers: HeaderLookup;
  /** The next body bytes; undefined at the end. */
  read(): Promise<Uint8Array | undefined>;
  /** The whole body in one native call, when the transport has one (fetch). */
  wholeText?: () => Promise<string>;
  /** Stops reading and lets go of the connection (idempotent). */
  cancel(): void;
}

/** The process's HTTP/1.1 client for `http:` model servers. */
const sharedHttp1 = new Http1Client();
/** Parsed target URLs (a handful per config); cleared if a config churns through many. */
const urls = new Map<string, URL>();

function parsedUrl(url: string): URL {
  let u = urls.get(url);
  if (!u) {
    if (urls.size >= 1024) urls.clear();
    u = new URL(url);
    urls.set(url, u);
  }
  return u;
}

/** POSTs `req`'s JSON body, through kefu's HTTP/1.1 client for `http:` URLs, else `fetch`. */
function send(req: Omit<UpstreamRequest, "signal">, signal: SignalLike): Promise<Wire> {
  const body = req.body instanceof JsonText ? req.body.text : JSON.stringify(req.body);
  const t = req.transport;
  const http1 = t.fetch ? false : (t.http1 ?? sharedHttp1);
  // The client's own promise, not an async function's around it (one step less per call).
  if (http1 && req.url.startsWith("http:"))
    return http1.request({ url: parsedUrl(req.url), headers: req.headers, body, signal });
  return sendByFetch(req, body, toAbortSignal(signal));
}

async function sendByFetch(req: Omit<UpstreamRequest, "signal">, body: string, signal: AbortSignal): Promise<Wire> {
  const t = req.transport;
  const res = await (t.fetch ?? fetch)(req.url, {
    method: "POST",
    headers: req.headers,
    body,
    signal,
    redirect: "manual",
  });
  let reader: { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } | undefined;
  let cancelled = false;
  return {
    status: res.status,
    headers: res.headers,
    async read() {
      if (!res.body) return undefined;
      reader ??= res.body.getReader();
      const r = await reader.read();
      return r.done ? undefined : r.value;
    },
    wholeText: () => res.text(),
    cancel() {
      if (cancelled) return;
      cancelled = true;
      if (reader) reader.cancel().catch(() => {});
      else if (res.body && !res.bodyUsed) res.body.cancel().catch(() => {});
    },
  };
}

/** Reads a body as text; stops early (complete: false, the rest cancelled) past `limit` characters. */
async function readLimited(
  res: Wire,
  limit: number,
  onBytes?: () => void,
): Promise<{ text: string; complete: boolean }> {
  const decoder = new TextDecoder();
  let out = "";
  for (;;) {
    const value = await res.read();
    if (value === undefined) return { text: out + decoder.decode(), complete: true };
    onBytes?.();
    out += decoder.decode(value, { stream: true });
    if (out.length > limit) {
      res.cancel();
      return { text: out, complete: false };
    }
  }
}

/** A whole 2xx response body, read by {@link fetchWhole}. */
export interface WholeBody {
  /** Lower-cased media type without parameters, "" when absent. */
  mediaType: string;
  text: string;
}

/**
 * Sends the request and reads the whole 2xx body (at most 8 MiB) in one go, for
 * non-streamed answers. It keeps no deadline of its own — `signal` bounds it (the
 * router's attempt aborts it at the target's `timeouts.wholeMs`) — so it costs no
 * timer, no extra AbortController and no listener. Non-2xx statuses and network
 * failures throw `LlmError` as {@link openUpstream} does; once `signal` is aborted
 * its reason is thrown.
 *
 * @example
 *   const { mediaType, text } = await fetchWhole({ target, url, headers, body, transport: {} }, signal);
 */
export async function fetchWhole(req: Omit<UpstreamRequest, "signal">, signal: SignalLike): Promise<WholeBody> {
  const { target } = req;
  signal.throwIfAborted();
  try {
    const res = await send(req, signal);
    if (res.status < 200 || res.status > 299) {
      let text = "";
      try {
        text = (await readLimited(res, MAX_ERROR_BODY)).text;
      } catch (e) {
        const err = signal.aborted ? signal.reason : errorFromNetwork(target, e);
        // A reset while reading an error body: the status still says what went wrong.
        if (!(err instanceof LlmError) || err.code !== "upstream_reset") throw err;
      }
      throw statusError(req, res, text, req.transport.clock ?? systemClock);
    }
    const length = Number(res.headers.get("content-length") ?? Number.NaN);
    // A declared length within the limit (bytes ≥ characters) is read natively in one go.
    const body =
      res.wholeText && length >= 0 && length <= MAX_JSON_BODY
        ? { text: await res.wholeText(), complete: true }
        : await readLimited(res, MAX_JSON_BODY);
    if (!body.complete) throw protocolError(target, `body exceeds ${MAX_JSON_BODY} characters`);
    return { mediaType: mediaTypeOf(res.headers), text: body.text };
  } catch (e) {
    if (signal.aborted) throw signal.reason;
    throw e instanceof LlmError ? e : errorFromNetwork(target, e);
  }
}

/**
 * Sends the request and waits for a 2xx response. Non-2xx statuses, network
 * failures and a first-byte timeout throw `LlmError`; a caller's abort throws
 * `signal.reason`.
 *
 * @example
 *   const up = await openUpstream({ target, url, headers, body, signal, transport: { timeouts: { firstByteMs: 5_000 } } });
 */
export async function openUpstream(req: UpstreamRequest): Promise<Upstream> {
  const { target, signal } = req;
  signal.throwIfAborted();
  const t = req.transport.timeouts;
  const timeouts: UpstreamTimeouts = {
    firstByteMs: t?.firstByteMs ?? DEFAULT_TIMEOUTS.firstByteMs,
    idleMs: t?.idleMs ?? DEFAULT_TIMEOUTS.idleMs,
  };
  const clock = req.transport.clock ?? systemClock;

  const ac = new AbortController();
  let failure: LlmError | undefined;
  let phase: "first_byte" | "idle" = "first_byte";
  const deadline = new WaitDeadline(() => {
    failure = timeoutError(target, phase, phase === "first_byte" ? timeouts.firstByteMs : timeouts.idleMs);
    ac.abort(failure);
  });
  const onAbort = () => ac.abort(signal.reason);
  signal.addEventListener("abort", onAbort);
  let settled = false;
  const cleanup = () => {
    if (settled) return;
    settled = true;
    deadline.dispose();
    signal.removeEventListener("abort", onAbort);
  };
  /** Turns whatever a fetch or a read threw into the error to raise. */
  const mapError = (e: unknown): unknown => {
    if (signal.aborted) return signal.reason;
    if (failure) return failure;
    return errorFromNetwork(target, e);
  };

  deadline.arm(timeouts.firstByteMs);
  let res: Wire;
  try {
    res = await send(req, ac.signal);
  } catch (e) {
    cleanup();
    ac.abort();
    throw mapError(e);
  }

  /** Reads the body as text; stops early (complete: false) past `limit` characters. */
  const readAll = (limit: number) =>
    readLimited(res, limit, () => {
      phase = "idle";
      deadline.arm(timeouts.idleMs);
    });

  if (res.status < 200 || res.status > 299) {
    let text = "";
    try {
      text = (await readAll(MAX_ERROR_BODY)).text;
    } catch (e) {
      const err = mapError(e);
      if (!(err instanceof LlmError) || err.code !== "upstream_reset") {
        cleanup();
        throw err;
      }
      // A reset while reading an error body: the status still says what went wrong.
    }
    cleanup();
    ac.abort();
    throw statusError(req, res, text, clock);
  }

  let consumed = false;
  let finished = false;
  /** A `chunks()` loop is between reads and may resume: only an abort stops it. */
  let reading = false;
  return {
    status: res.status,
    headers: res.headers,
    mediaType: mediaTypeOf(res.headers),
    async *chunks() {
      if (consumed) throw new Error("upstream body already consumed");
      consumed = true;
      reading = true;
      try {
        for (;;) {
          let value: Uint8Array | undefined;
          // The first-byte deadline runs from the request; later reads get idleMs each.
          if (phase === "idle") deadline.arm(timeouts.idleMs);
          try {
            value = await res.read();
          } catch (e) {
            throw mapError(e);
          } finally {
            deadline.disarm();
          }
          if (value === undefined) {
            finished = true;
            return;
          }
          phase = "idle";
          yield value;
        }
      } finally {
        reading = false;
        if (finished) cleanup();
      }
    },
    async text() {
      if (consumed) throw new Error("upstream body already consumed");
      consumed = true;
      let body: { text: string; complete: boolean };
      try {
        body = await readAll(MAX_JSON_BODY);
      } catch (e) {
        throw mapError(e);
      } finally {
        deadline.disarm();
      }
      if (!body.complete) throw protocolError(target, `body exceeds ${MAX_JSON_BODY} characters`);
      finished = true;
      cleanup();
      return body.text;
    },
    release(graceful) {
      if (finished) {
        cleanup();
        return;
      }
      cleanup();
      if (!graceful || reading) {
        ac.abort();
        res.cancel();
        return;
      }
      // Read to the end in the background so the keep-alive connection survives.
      const timer = setTimeout(() => {
        ac.abort();
        res.cancel();
      }, DRAIN_GRACE_MS);
      (async () => {
        try {
          while ((await res.read()) !== undefined) {}
        } catch {
          // aborted or reset: nothing to keep
        } finally {
          clearTimeout(timer);
        }
      })();
    },
  };
}
