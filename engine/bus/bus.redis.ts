/**
 * Bus across nodes on Redis pub/sub. Use it for more than one node.
 *
 * - `publish` delivers to this node's subscribers in process (like the memory
 *   bus) and to other nodes through Redis (`PUBLISH`, or `SPUBLISH` with
 *   `sharded: true` for Redis Cluster). Each message carries the sender's node
 *   id; a node ignores its own messages coming back from Redis, so local
 *   subscribers get each message once.
 * - Two connections: one for commands, one in subscriber mode. The subscriber
 *   re-subscribes every topic itself after any reconnect and then calls
 *   `onResubscribed`: pub/sub drops what was published while a node was away,
 *   so that is the moment to repair gaps (see `session-relay.ts`).
 * - Liveness probe: every `heartbeatMs` the node publishes on its own heartbeat
 *   channel; when its subscriber has heard none for `heartbeatTimeoutMs` the
 *   subscription is presumed silently dead (a half-open TCP link, a proxy that
 *   dropped it), the connection is re-made and `onSubscriptionLost` is told.
 * - Fails fast, degrades to local: when Redis is unreachable, `publish` still
 *   delivers locally and resolves within the command timeout; the remote failure
 *   goes to `onError` as `KefuError("redis_unavailable")` and is counted in
 *   `stats().remoteFailures`. `subscribe` never waits on Redis: the topic is
 *   subscribed as soon as the connection is (re)made. `ping` rejects.
 *
 * Delivery is at most once across nodes, in publish order per publisher node
 * and topic (one command connection per node keeps Redis order).
 *
 * @example
 *   const bus = await createRedisBus({ url: "redis://127.0.0.1:6379", nodeId: "node-a" });
 *   await bus.subscribe("session:s1", (bytes) => hub.deliver(bytes));
 *   await bus.publish("session:s1", bytes); // local subscribers now, other nodes via Redis
 */
import { randomBytes } from "node:crypto";
import type Redis from "ioredis";
import {
  connected,
  createRedisClient,
  guard,
  type RedisClientOptions,
  redisDefaults,
  unavailable,
} from "../cluster/redis-client.ts";
import type { Bus, BusHandler } from "./bus.ts";

/** Options of the Redis bus; every bound has a default. */
export interface RedisBusOptions extends RedisClientOptions {
  /** This node's id (≤ 255 bytes). Default: random. */
  nodeId?: string;
  /** `SPUBLISH`/`SSUBSCRIBE` (sharded pub/sub, Redis ≥ 7) for Redis Cluster. Default false. */
  sharded?: boolean;
  /** Liveness probe period. Default 1000 ms. */
  heartbeatMs?: number;
  /** Silence after which the subscription is re-made. Default 3 × heartbeatMs. */
  heartbeatTimeoutMs?: number;
  /** Called when a handler throws; the default ignores the error. */
  onHandlerError?: (error: unknown, topic: string) => void;
  /** Called after the subscriber (re)subscribed every topic; `reconnect` is false the first time. */
  onResubscribed?: (info: { reconnect: boolean; topics: string[] }) => void;
  /** Called when the liveness probe found the subscription silent and re-made it. */
  onSubscriptionLost?: () => void;
}

/** Counters of the Redis bus. */
export interface RedisBusStats {
  /** Remote publishes that failed (delivered locally only). */
  remoteFailures: number;
  /** Subscriptions the liveness probe found dead. */
  deadSubscriptions: number;
  /** Times every topic was re-subscribed after a reconnect. */
  resubscribes: number;
}

/** The Redis bus: the Bus port plus its node id and counters. */
export interface RedisBus extends Bus {
  readonly nodeId: string;
  stats(): RedisBusStats;
}

const VERSION = 1;

/**
 * Creates the Redis bus once both connections are ready; rejects with
 * `redis_unavailable` after `connectTimeoutMs`.
 */
export async function createRedisBus(opts: RedisBusOptions): Promise<RedisBus> {
  const nodeId = opts.nodeId ?? randomBytes(6).toString("hex");
  const idBytes = Buffer.from(nodeId);
  if (idBytes.length === 0 || idBytes.length > 255) throw new RangeError("nodeId must be 1 to 255 bytes");
  const prefix = `${opts.keyPrefix ?? redisDefaults.keyPrefix}bus:`;
  const heartbeatMs = opts.heartbeatMs ?? 1000;
  const heartbeatTimeoutMs = opts.heartbeatTimeoutMs ?? 3 * heartbeatMs;
  const hbChannel = `${prefix}hb:${nodeId}`;
  const sharded = opts.sharded ?? false;

  const pub = createRedisClient({ ...opts, name: opts.name ?? `kefu-bus-pub-${nodeId}` });
  const sub = createRedisClient({ ...opts, name: `kefu-bus-sub-${nodeId}` });
  const topics = new Map<string, Set<BusHandler>>();
  const stats: RedisBusStats = { remoteFailures: 0, deadSubscriptions: 0, resubscribes: 0 };
  let closed = false;
  let readyCount = 0;
  let lastBeat = Date.now();

  const channel = (topic: string) => prefix + topic;
  const doSubscribe = (c: Redis, channels: string[]) =>
    sharded ? c.ssubscribe(...channels) : c.subscribe(...channels);
  const doUnsubscribe = (c: Redis, channels: string[]) =>
    sharded ? c.sunsubscribe(...channels) : c.unsubscribe(...channels);

  const deliver = (topic: string, payload: Uint8Array, handlers: BusHandler[]) => {
    for (const h of handlers) {
      // Skip handlers that unsubscribed between publish and delivery.
      if (!topics.get(topic)?.has(h)) continue;
      try {
        h(payload, topic);
      } catch (e) {
        opts.onHandlerError?.(e, topic);
      }
    }
  };

  const onMessage = (ch: Buffer, msg: Buffer) => {
    const name = ch.toString();
    if (name === hbChannel) {
      lastBeat = Date.now();
      return;
    }
    if (!name.startsWith(prefix) || msg.length < 2 || msg[0] !== VERSION) return;
    const idLen = msg[1] as number;
    if (msg.length < 2 + idLen) return;
    if (idLen === idBytes.length && msg.subarray(2, 2 + idLen).equals(idBytes)) return; // our own, delivered locally
    const topic = name.slice(prefix.length);
    const handlers = topics.get(topic);
    if (!handlers || handlers.size === 0) return;
    deliver(topic, new Uint8Array(msg.buffer, msg.byteOffset + 2 + idLen, msg.length - 2 - idLen), [...handlers]);
  };
  sub.on(sharded ? "smessageBuffer" : "messageBuffer", onMessage);

  const resubscribe = async () => {
    const reconnect = readyCount++ > 0;
    lastBeat = Date.now();
    const names = [...topics.keys()];
    try {
      await guard(doSubscribe(sub, [hbChannel, ...names.map(channel)]), "SUBSCRIBE", sub);
    } catch (e) {
      opts.onError?.(e);
      if (sub.status === "ready") sub.disconnect(true);
      return;
    }
    if (reconnect) stats.resubscribes++;
    opts.onResubscribed?.({ reconnect, topics: names });
  };
  sub.on("ready", () => {
    if (!closed) void resubscribe();
  });

  const probe = setInterval(() => {
    if (closed) return;
    if (sub.status === "ready" && Date.now() - lastBeat > heartbeatTimeoutMs) {
      stats.deadSubscriptions++;
      lastBeat = Date.now();
      opts.onSubscriptionLost?.();
      sub.disconnect(true); // re-made; "ready" re-subscribes everything
    }
    if (pub.status === "ready")
      guard(pub.publish(hbChannel, "1"), "PUBLISH heartbeat", pub).catch((e) => opts.onError?.(e));
  }, heartbeatMs);
  probe.unref?.();

  try {
    await Promise.all([connected(pub, opts), connected(sub, opts)]);
  } catch (e) {
    clearInterval(probe);
    closed = true;
    pub.disconnect();
    sub.disconnect();
    throw e;
  }

  return {
    kind: "redis",
    nodeId,
    stats: () => ({ ...stats }),
    async publish(topic, payload) {
      if (closed) throw new Error("bus is closed");
      const handlers = topics.get(topic);
      if (handlers && handlers.size > 0) {
        const snapshot = [...handlers];
        queueMicrotask(() => deliver(topic, payload, snapshot));
      }
      const msg = Buffer.allocUnsafe(2 + idBytes.length + payload.length);
      msg[0] = VERSION;
      msg[1] = idBytes.length;
      idBytes.copy(msg, 2);
      msg.set(payload, 2 + idBytes.length);
      try {
        if (pub.status !== "ready") throw unavailable(`not connected (status ${pub.status})`);
        await guard(sharded ? pub.spublish(channel(topic), msg) : pub.publish(channel(topic), msg), "PUBLISH", pub);
      } catch (e) {
        stats.remoteFailures++;
        opts.onError?.(e);
      }
    },
    async subscribe(topic, handler) {
      if (closed) throw new Error("bus is closed");
      let set = topics.get(topic);
      const first = !set;
      if (!set) {
        set = new Set();
        topics.set(topic, set);
      }
      // A wrapper makes every subscription distinct, even with the same handler function.
      const h: BusHandler = (p, t) => handler(p, t);
      set.add(h);
      if (first && sub.status === "ready") {
        await guard(doSubscribe(sub, [channel(topic)]), "SUBSCRIBE", sub).catch((e) => opts.onError?.(e));
      }
      return async () => {
        const s = topics.get(topic);
        if (!s?.delete(h)) return;
        if (s.size > 0) return;
        topics.delete(topic);
        if (sub.status === "ready" && !closed)
          await guard(doUnsubscribe(sub, [channel(topic)]), "UNSUBSCRIBE", sub).catch((e) => opts.onError?.(e));
      };
    },
    async ping() {
      if (closed) throw new Error("bus is closed");
      await guard(pub.ping(), "PING", pub);
      if (sub.status !== "ready") throw unavailable(`subscriber not connected (status ${sub.status})`);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(probe);
      topics.clear();
      pub.disconnect();
      sub.disconnect();
    },
  } satisfies RedisBus;
}
