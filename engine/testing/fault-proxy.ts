/**
 * A fault-injecting TCP proxy for tests: put it between a client (pg, ioredis, a
 * gateway) and a real server on 127.0.0.1, then switch faults on and off to prove
 * timeouts and recovery instead of assuming them.
 *
 * Modes (switching applies to open connections as well as new ones):
 * - `pass()`: bytes flow both ways unchanged (the start mode).
 * - `latency(ms)`: every chunk, both directions, is delayed by `ms` (order kept).
 * - `blackhole()`: connections are accepted and kept open, every byte is dropped:
 *   the client sees a silent peer and must time out by itself.
 * - `reset()`: open connections are torn down with a TCP RST and new ones are
 *   reset as soon as they are accepted: the client sees ECONNRESET.
 *
 * Bytes dropped by a blackhole are not replayed on `pass()`: a connection that lived
 * through one is out of sync, as after a real network partition. Use `reset()` (or
 * `dropConnections()`) to make clients reconnect.
 *
 * @example
 *   const proxy = await createFaultProxy({ target: { host: "127.0.0.1", port: 55432 } });
 *   const url = `postgres://kefu@127.0.0.1:${proxy.port}/kefu`;
 *   proxy.blackhole();   // queries now time out
 *   proxy.pass();        // new connections work again
 *   await proxy.close();
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

/** The fault mode in force. */
export type FaultMode = { kind: "pass" } | { kind: "latency"; ms: number } | { kind: "blackhole" } | { kind: "reset" };

/** Options of `createFaultProxy`. */
export interface FaultProxyOptions {
  /** The real server. */
  target: { host: string; port: number };
  /** Port to listen on (127.0.0.1); 0, the default, picks a free one. */
  listenPort?: number;
}

/** A running proxy. */
export interface FaultProxy {
  /** Listening host, always "127.0.0.1". */
  readonly host: string;
  /** Listening port. */
  readonly port: number;
  /** The current mode. */
  readonly mode: FaultMode;
  /** Connections currently open through the proxy. */
  readonly connections: number;
  /** Forwards bytes unchanged. */
  pass(): void;
  /** Delays every chunk by `ms` in both directions. */
  latency(ms: number): void;
  /** Accepts and keeps connections, drops every byte. */
  blackhole(): void;
  /** Resets open connections (RST) and every new one. */
  reset(): void;
  /** Resets the open connections without changing the mode. */
  dropConnections(): void;
  /** Stops listening and resets every connection. */
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  server: Socket;
}

function rst(s: Socket): void {
  if (s.destroyed) return;
  // resetAndDestroy sends an RST where supported; destroy is the fallback.
  if (typeof s.resetAndDestroy === "function") s.resetAndDestroy();
  else s.destroy();
}

/**
 * Starts a proxy on 127.0.0.1 in `pass` mode.
 *
 * @example
 *   const proxy = await createFaultProxy({ target: { host: "127.0.0.1", port: 6379 } });
 *   proxy.latency(200);
 */
export async function createFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  let mode: FaultMode = { kind: "pass" };
  const pairs = new Set<Pair>();

  const forward = (from: Socket, to: Socket) => {
    from.on("data", (chunk: Buffer) => {
      const m = mode;
      if (m.kind === "blackhole" || m.kind === "reset") return;
      if (m.kind === "latency") {
        setTimeout(() => {
          if (!to.destroyed && mode.kind !== "blackhole") to.write(chunk);
        }, m.ms);
      } else if (!to.destroyed) {
        to.write(chunk);
      }
    });
  };

  const server: Server = createServer((client) => {
    if (mode.kind === "reset") {
      rst(client);
      return;
    }
    client.setNoDelay(true);
    const upstream = createConnection({ host: opts.target.host, port: opts.target.port });
    upstream.setNoDelay(true);
    const pair: Pair = { client, server: upstream };
    pairs.add(pair);
    const end = () => {
      if (!pairs.delete(pair)) return;
      rst(client);
      rst(upstream);
    };
    // A closed or failed side tears the other down.
    for (const s of [client, upstream]) {
      s.on("error", end);
      s.on("close", end);
    }
    forward(client, upstream);
    forward(upstream, client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.listenPort ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("fault proxy: no TCP address");

  const dropAll = () => {
    for (const p of [...pairs]) {
      pairs.delete(p);
      rst(p.client);
      rst(p.server);
    }
  };

  return {
    host: "127.0.0.1",
    port: address.port,
    get mode() {
      return mode;
    },
    get connections() {
      return pairs.size;
    },
    pass() {
      mode = { kind: "pass" };
    },
    latency(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a finite number ≥ 0, got ${ms}`);
      mode = { kind: "latency", ms };
    },
    blackhole() {
      mode = { kind: "blackhole" };
    },
    reset() {
      mode = { kind: "reset" };
      dropAll();
    },
    dropConnections: dropAll,
    close() {
      dropAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
