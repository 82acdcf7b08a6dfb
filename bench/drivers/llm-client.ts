/**
 * Driver process for the LLM streaming scenarios: POSTs Chat Completions with
 * `stream: true` and timestamps, per request, the first `data:` line whose
 * `choices[0].delta.content` is non-empty (time to first token, client side:
 * from just before `fetch` to the read that delivered that line), then reads to
 * `[DONE]` (total time). Keep-alive connections (Bun's fetch pool).
 *
 * Commands: `stream` (many requests, `concurrency` in flight, histograms back) and
 * `one` (a single request with its status and kefu's routing headers).
 *
 * @example
 *   const [d] = await spawnDrivers("llm-client.ts", 1);
 *   const r = await d.call<StreamResult>("stream", { url, headers, body, n: 500, concurrency: 1 });
 *   Histogram.merge([r.ttft]).quantile(0.99); // ms
 */
import { pool } from "./clients.ts";
import { Histogram, type HistogramJSON } from "./histogram.ts";
import { serveDriver } from "./ipc.ts";

/** Argument of `stream` (and, without n / concurrency, of `one`). */
export interface StreamArg {
  url: string;
  headers: Record<string, string>;
  /** JSON body; should ask for `stream: true`. */
  body: string;
  n: number;
  concurrency: number;
}

/** One request's outcome. */
export interface OneResult {
  status: number;
  /** ms to the first content token; NaN when none came. */
  ttftMs: number;
  totalMs: number;
  /** kefu's `x-kefu-target` / `x-kefu-attempts` headers ("" when absent). */
  target: string;
  attempts: string;
  /** The answer text (deltas joined). */
  text: string;
  /** Set when the status was not 2xx, the stream carried an error object, or it ended without [DONE]. */
  error?: string;
}

/** What `stream` returns. */
export interface StreamResult {
  ttft: HistogramJSON;
  total: HistogramJSON;
  ok: number;
  errors: number;
  firstError: string;
  /** Requests per `x-kefu-target`. */
  targets: Record<string, number>;
  wallMs: number;
}

const dec = new TextDecoder();

/** Sends one streaming request and times it. */
async function one(a: Omit<StreamArg, "n" | "concurrency">): Promise<OneResult> {
  const t0 = performance.now();
  const res = await fetch(a.url, { method: "POST", headers: a.headers, body: a.body });
  const target = res.headers.get("x-kefu-target") ?? "";
  const attempts = res.headers.get("x-kefu-attempts") ?? "";
  const base = { status: res.status, target, attempts };
  if (!res.ok || !res.body) {
    const text = await res.text();
    return { ...base, ttftMs: Number.NaN, totalMs: performance.now() - t0, text: "", error: `${res.status} ${text}` };
  }
  let ttftMs = Number.NaN;
  let buf = "";
  let text = "";
  let done = false;
  let error: string | undefined;
  const reader = res.body.getReader();
  for (;;) {
    const r = await reader.read();
    const now = performance.now();
    if (r.done) break;
    buf += dec.decode(r.value, { stream: true });
    let nl = buf.indexOf("\n");
    while (nl !== -1) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      nl = buf.indexOf("\n");
      if (!line.startsWith("data:")) continue;
      const data = line.slice(5).trim();
      if (data === "[DONE]") {
        done = true;
        continue;
      }
      const o = JSON.parse(data) as { error?: unknown; choices?: { delta?: { content?: string } }[] };
      if (o.error) error = JSON.stringify(o.error);
      const content = o.choices?.[0]?.delta?.content;
      if (content) {
        if (Number.isNaN(ttftMs)) ttftMs = now - t0;
        text += content;
      }
    }
  }
  if (!done && !error) error = "stream ended without [DONE]";
  return { ...base, ttftMs, totalMs: performance.now() - t0, text, ...(error ? { error } : {}) };
}

serveDriver({
  one: (a: StreamArg) => one(a),
  async stream(a: StreamArg): Promise<StreamResult> {
    const ttft = new Histogram();
    const total = new Histogram();
    const targets: Record<string, number> = {};
    let ok = 0;
    let errors = 0;
    let firstError = "";
    const t0 = performance.now();
    await pool(a.n, a.concurrency, async () => {
      try {
        const r = await one(a);
        if (r.target) targets[r.target] = (targets[r.target] ?? 0) + 1;
        if (r.error || Number.isNaN(r.ttftMs)) throw new Error(r.error ?? "no content token");
        ttft.record(r.ttftMs);
        total.record(r.totalMs);
        ok++;
      } catch (e) {
        errors++;
        firstError ||= (e as Error).message.slice(0, 300);
      }
    });
    return {
      ttft: ttft.toJSON(),
      total: total.toJSON(),
      ok,
      errors,
      firstError,
      targets,
      wallMs: performance.now() - t0,
    };
  },
});
