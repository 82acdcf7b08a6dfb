/**
 * A driver process's set of client connections and the commands every
 * WebSocket driver shares: create kefu sessions, open connections in batches,
 * report how many are still open, ping a sample, close them all.
 *
 * @example
 *   const fleet = new Fleet();
 *   serveDriver({ ...fleet.handlers(), run: async () => … });
 *   // shared commands: create, open, status, ping, kefuFrame, closeAll, tokens, rss
 */

import type { kefu } from "../../proto/index.ts";
import {
  type Client,
  type ClientEvents,
  type ClientOptions,
  connectClient,
  createSession,
  type Proto,
  pool,
} from "./clients.ts";
import type { Handlers } from "./ipc.ts";

/** Argument of `create`: make `n` kefu sessions (tokens stay in this driver). */
export interface CreateArg {
  url: string;
  n: number;
  concurrency?: number;
  tenantId?: string;
}

/** Argument of `open`. */
export interface OpenArg {
  proto: Proto;
  url: string;
  n: number;
  concurrency?: number;
  /** Connection i uses token `tokens[i % tokens.length]` (kefu: the created sessions; or given here). */
  tokens?: string[];
  /** Connection i joins topic `topics[i % topics.length]`, else `${topicPrefix}${i}`. */
  topics?: string[];
  topicPrefix?: string;
  /** Connections with index < `countFrom` decode deliveries; the others only count them. */
  countFrom?: number;
  /** First connection index this call opens (to open a set in several calls). */
  from?: number;
  /** Counting connections use the raw-TCP counting client (see ClientOptions.raw). */
  raw?: boolean;
  /** kefu: agent/supervisor tokens that `watch` this session (see Target.watch). */
  watch?: string;
}

/** What `open` returns. */
export interface OpenResult {
  opened: number;
  failed: number;
  ms: number;
  firstError?: string;
}

/** A set of connections in one driver process. */
export class Fleet {
  clients: (Client | undefined)[] = [];
  sessions: { sessionId: string; token: string }[] = [];
  closed = 0;
  closeCodes: Record<string, number> = {};
  errors = 0;
  firstError = "";
  /** Per-connection event hooks a driver adds (chat, fan-out). */
  events: (i: number) => ClientEvents = () => ({});

  private pongWaiters = new Map<number, () => void>();

  async create(a: CreateArg): Promise<{ created: number; ms: number }> {
    const t0 = performance.now();
    const made = await pool(a.n, a.concurrency ?? 200, () => createSession(a.url, a.tenantId));
    this.sessions.push(...made);
    return { created: made.length, ms: performance.now() - t0 };
  }

  async open(a: OpenArg): Promise<OpenResult> {
    const t0 = performance.now();
    const from = a.from ?? 0;
    let failed = 0;
    let firstError: string | undefined;
    const tokens = a.tokens ?? this.sessions.map((s) => s.token);
    await pool(a.n, a.concurrency ?? 200, async (k) => {
      const i = from + k;
      const hooks = this.events(i);
      const ev: ClientEvents = {
        ...hooks,
        pong: () => {
          hooks.pong?.();
          this.pongWaiters.get(i)?.();
        },
        error: (m) => {
          this.errors++;
          if (!this.firstError) this.firstError = m;
          hooks.error?.(m);
        },
        closed: (code, reason) => {
          if (this.clients[i]) {
            this.closed++;
            this.closeCodes[`${code} ${reason}`] = (this.closeCodes[`${code} ${reason}`] ?? 0) + 1;
            this.clients[i] = undefined;
          }
          hooks.closed?.(code, reason);
        },
      };
      const count = a.countFrom !== undefined && i >= a.countFrom;
      const opts: ClientOptions = { count, raw: count && a.raw === true };
      try {
        const token = tokens.length ? tokens[i % tokens.length] : undefined;
        const topic = a.topics?.length ? a.topics[i % a.topics.length] : `${a.topicPrefix ?? "t"}${i}`;
        this.clients[i] = await connectClient(
          a.proto,
          {
            url: a.url,
            ...(token ? { token } : {}),
            ...(topic ? { topic } : {}),
            ...(a.watch ? { watch: a.watch } : {}),
          },
          ev,
          opts,
        );
      } catch (e) {
        failed++;
        firstError ??= (e as Error).message;
      }
    });
    return {
      opened: a.n - failed,
      failed,
      ms: performance.now() - t0,
      ...(firstError ? { firstError } : {}),
    };
  }

  status(): { open: number; closed: number; closeCodes: Record<string, number>; errors: number; firstError: string } {
    let open = 0;
    for (const c of this.clients) if (c?.isOpen()) open++;
    return { open, closed: this.closed, closeCodes: this.closeCodes, errors: this.errors, firstError: this.firstError };
  }

  /** Pings `sample` open connections spread over the set; resolves with how many answered within `ms`. */
  async ping(sample: number, ms = 10_000): Promise<{ sent: number; ponged: number }> {
    const open = this.clients.map((c, i) => (c?.isOpen() ? i : -1)).filter((i) => i >= 0);
    const step = Math.max(1, Math.floor(open.length / Math.max(1, sample)));
    const picked = open.filter((_, k) => k % step === 0).slice(0, sample);
    let ponged = 0;
    await Promise.all(
      picked.map(
        (i) =>
          new Promise<void>((resolve) => {
            const t = setTimeout(() => {
              this.pongWaiters.delete(i);
              resolve();
            }, ms);
            this.pongWaiters.set(i, () => {
              clearTimeout(t);
              this.pongWaiters.delete(i);
              ponged++;
              resolve();
            });
            this.clients[i]?.ping();
          }),
      ),
    );
    return { sent: picked.length, ponged };
  }

  /** kefu: sends `frame` on every open connection (e.g. a handoff); returns how many got it. */
  kefuFrame(frame: kefu.v1.IFrame): number {
    let n = 0;
    for (const c of this.clients) {
      if (c?.isOpen() && c.frame) {
        c.frame(frame);
        n++;
      }
    }
    return n;
  }

  async closeAll(): Promise<void> {
    for (const c of this.clients) c?.close();
    this.clients = [];
    this.closed = 0;
    this.closeCodes = {};
    await Bun.sleep(500);
  }

  /** The shared commands: create, open, status, ping, kefuFrame, closeAll, tokens, rss. */
  handlers(): Handlers {
    return {
      create: (a: CreateArg) => this.create(a),
      open: (a: OpenArg) => this.open(a),
      status: () => this.status(),
      ping: (a: { sample: number; ms?: number }) => this.ping(a.sample, a.ms),
      closeAll: () => this.closeAll(),
      kefuFrame: (f: kefu.v1.IFrame) => this.kefuFrame(f),
      tokens: () => this.sessions.map((s) => s.token),
      rss: () => process.memoryUsage().rss,
    };
  }
}
