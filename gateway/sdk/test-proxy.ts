/**
 * A TCP proxy for SDK tests that plays the network: it forwards bytes both ways
 * until told to `cut()` (every connection dropped, new ones refused) and `restore()`,
 * or to `blackholeDown()` (client→server bytes pass, server→client bytes vanish: the
 * server stores a send but its ack never arrives).
 *
 * @example
 *   const net = await tcpProxy(new URL(gw.url).port);
 *   net.cut(); // the visitor's network is gone
 *   net.restore();
 */
import type { Socket, TCPSocketListener } from "bun";

/** A running proxy. */
export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** Drops every connection and refuses new ones until `restore()`. */
  cut(): void;
  /** Accepts and forwards again. */
  restore(): void;
  /** Keeps connections but swallows every byte the server sends. */
  blackholeDown(): void;
  stop(): void;
}

interface Link {
  up?: Socket<unknown> | undefined;
  queued: Uint8Array[];
}

interface Pair {
  client: Socket<Link>;
  up?: Socket<unknown>;
}

/** Starts a proxy to 127.0.0.1:`targetPort`. */
export async function tcpProxy(targetPort: number): Promise<TcpProxy> {
  let down = false;
  let hole = false;
  const pairs = new Set<Pair>();
  const listener: TCPSocketListener<Link> = Bun.listen<Link>({
    hostname: "127.0.0.1",
    port: 0,
    data: { queued: [] } as Link,
    socket: {
      open(client) {
        if (down) {
          client.end();
          return;
        }
        client.data = { queued: [] };
        const pair: Pair = { client };
        pairs.add(pair);
        void Bun.connect({
          hostname: "127.0.0.1",
          port: targetPort,
          socket: {
            open(up) {
              pair.up = up;
              client.data.up = up;
              for (const b of client.data.queued) up.write(b);
              client.data.queued = [];
            },
            data(_up, bytes) {
              if (!hole) client.write(bytes);
            },
            close() {
              pairs.delete(pair);
              client.end();
            },
            error() {
              client.end();
            },
          },
        }).catch(() => client.end());
      },
      data(client, bytes) {
        if (client.data.up) client.data.up.write(bytes);
        else client.data.queued.push(new Uint8Array(bytes));
      },
      close(client) {
        client.data.up?.end();
      },
      error(client) {
        client.data.up?.end();
      },
    },
  });
  const dropAll = () => {
    for (const p of pairs) {
      p.client.terminate();
      p.up?.terminate();
    }
    pairs.clear();
  };
  return {
    port: listener.port,
    cut() {
      down = true;
      hole = false;
      dropAll();
    },
    restore() {
      down = false;
      hole = false;
    },
    blackholeDown() {
      hole = true;
    },
    stop() {
      dropAll();
      listener.stop(true);
    },
  };
}
