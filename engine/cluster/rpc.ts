/**
 * Calls between gateway nodes over the Bus: a node listens on `rpc:<nodeId>`,
 * a call is one JSON message there and the answer one message on the caller's
 * topic. Every call is bounded: no answer within its timeout rejects with the
 * retryable `node_unavailable` (503). A handler's KefuError reaches the caller
 * with its code, status and message; any other error becomes `internal`.
 *
 * A call to this node's own id runs the handler in process (no bus round trip).
 *
 * @example
 *   const rpc = await createRpc({ bus, nodeId: "node-a", timeoutMs: 3000 });
 *   rpc.handle("sum", (a, b) => Number(a) + Number(b));
 *   await rpc.call("node-b", "sum", [1, 2]); // 3, computed on node-b
 */
import { randomUUID } from "node:crypto";
import type { Bus } from "../bus/bus.ts";
import { KefuError } from "../errors.ts";

/** A method a node serves. Arguments and the result travel as JSON. */
export type RpcHandler = (...args: unknown[]) => unknown;

/** Options of `createRpc`. */
export interface RpcOptions {
  bus: Bus;
  nodeId: string;
  /** Default timeout of a call, ms. Default 3000. */
  timeoutMs?: number;
  /** Largest JSON message accepted, bytes. Default 1 MiB. */
  maxMessageBytes?: number;
  /** Told of messages that could not be read (bad JSON, unknown ids). */
  onError?: (error: unknown) => void;
}

/** One node's end. */
export interface Rpc {
  readonly nodeId: string;
  /** Serves `method`; a second handler for the same method replaces the first. */
  handle(method: string, fn: RpcHandler): void;
  /** Runs `method` on `node` and resolves with its result. */
  call<T>(node: string, method: string, args: unknown[], timeoutMs?: number): Promise<T>;
  /** Calls in flight. */
  pending(): number;
  /** Stops listening; calls in flight reject with `node_unavailable`. */
  close(): Promise<void>;
}

interface Request {
  id: string;
  from: string;
  method: string;
  args: unknown[];
}
interface Reply {
  id: string;
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string; status: number; retryable: boolean };
}

const topicOf = (node: string) => `rpc:${node}`;
const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * The retryable error of a call that got no answer.
 *
 * @example
 *   throw nodeUnavailable("node-b", "route.enqueue", 3000);
 */
export function nodeUnavailable(node: string, method: string, timeoutMs: number): KefuError {
  return new KefuError("node_unavailable", `node ${node} did not answer ${method} within ${timeoutMs} ms`, {
    status: 503,
    retryable: true,
  });
}

function toWireError(e: unknown): NonNullable<Reply["error"]> {
  if (e instanceof KefuError) return { code: e.code, message: e.message, status: e.status, retryable: e.retryable };
  return { code: "internal", message: "internal error on the remote node", status: 500, retryable: false };
}

/** Subscribes this node's topic and returns its end once the subscription is live. */
export async function createRpc(opts: RpcOptions): Promise<Rpc> {
  const { bus, nodeId } = opts;
  const defaultTimeout = opts.timeoutMs ?? 3000;
  const maxBytes = opts.maxMessageBytes ?? 1 << 20;
  const handlers = new Map<string, RpcHandler>();
  const waiting = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout> }
  >();
  let closed = false;

  async function serve(req: Request): Promise<Reply> {
    const fn = handlers.get(req.method);
    if (!fn) {
      return {
        id: req.id,
        ok: false,
        error: {
          code: "not_found",
          message: `no method ${req.method} on node ${nodeId}`,
          status: 404,
          retryable: false,
        },
      };
    }
    try {
      return { id: req.id, ok: true, value: await fn(...req.args) };
    } catch (e) {
      if (!(e instanceof KefuError)) opts.onError?.(e);
      return { id: req.id, ok: false, error: toWireError(e) };
    }
  }

  const off = await bus.subscribe(topicOf(nodeId), (payload) => {
    let msg: Partial<Request & Reply>;
    try {
      if (payload.byteLength > maxBytes) throw new Error(`rpc message of ${payload.byteLength} bytes`);
      msg = JSON.parse(dec.decode(payload));
    } catch (e) {
      opts.onError?.(e);
      return;
    }
    if (typeof msg.method === "string" && typeof msg.from === "string" && typeof msg.id === "string") {
      const req = msg as Request;
      void serve(req).then((reply) => {
        bus.publish(topicOf(req.from), enc.encode(JSON.stringify(reply))).catch((e) => opts.onError?.(e));
      });
      return;
    }
    const w = typeof msg.id === "string" ? waiting.get(msg.id) : undefined;
    if (!w) return; // timed out already, or not ours
    waiting.delete(msg.id as string);
    clearTimeout(w.timer);
    if (msg.ok) w.resolve(msg.value);
    else {
      const err = msg.error ?? { code: "internal", message: "bad reply", status: 500, retryable: false };
      w.reject(new KefuError(err.code, err.message, { status: err.status, retryable: err.retryable }));
    }
  });

  return {
    nodeId,
    handle(method, fn) {
      handlers.set(method, fn);
    },
    async call<T>(node: string, method: string, args: unknown[], timeoutMs = defaultTimeout): Promise<T> {
      if (closed) throw nodeUnavailable(node, method, 0);
      if (node === nodeId) {
        // Same wire semantics as a remote call: the arguments and the result are copies.
        const reply = await serve({ id: "", from: nodeId, method, args: JSON.parse(JSON.stringify(args)) });
        if (reply.ok) return (reply.value === undefined ? undefined : JSON.parse(JSON.stringify(reply.value))) as T;
        const err = reply.error as NonNullable<Reply["error"]>;
        throw new KefuError(err.code, err.message, { status: err.status, retryable: err.retryable });
      }
      const id = randomUUID();
      const body = enc.encode(JSON.stringify({ id, from: nodeId, method, args } satisfies Request));
      if (body.byteLength > maxBytes) {
        throw new KefuError("payload_too_large", `rpc ${method} of ${body.byteLength} bytes exceeds ${maxBytes}`, {
          status: 413,
        });
      }
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(nodeUnavailable(node, method, timeoutMs));
        }, timeoutMs);
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        bus.publish(topicOf(node), body).catch((e) => {
          if (!waiting.delete(id)) return;
          clearTimeout(timer);
          reject(e instanceof KefuError ? e : nodeUnavailable(node, method, timeoutMs));
        });
      });
    },
    pending: () => waiting.size,
    async close() {
      if (closed) return;
      closed = true;
      for (const [id, w] of waiting) {
        clearTimeout(w.timer);
        w.reject(nodeUnavailable(nodeId, "close", 0));
        waiting.delete(id);
      }
      await off();
    },
  };
}
