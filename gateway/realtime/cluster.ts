/**
 * Cluster glue: with the Redis bus, several gateway nodes serve the same sessions.
 *
 * - Stored events (deliver frames) travel through the session relay
 *   (engine/bus/session-relay.ts): every node following a session gets each event
 *   once, in seq order, with gaps repaired from HotHistory or the EventStore. This
 *   node's own events take the same path (the bus delivers locally first), so a
 *   socket sees one order whichever node stored an event.
 * - Other session frames (typing, read receipts, presence, bot deltas, close) are
 *   best effort: handed to this node's sockets at once and published on
 *   `fx:<session>` as JSON (tagged with the node) for every other node following it.
 * - A node follows the sessions its conversation service has loaded (a local
 *   visitor, a watcher, a sender).
 *
 * - Agent and supervisor frames (assignment notices, seat states, alerts) go out on
 *   `ag:<agent>` and `sup:<tenant>`; a node subscribes while it has a socket of that
 *   agent (or a supervisor of that tenant). Joining an agent to a session is a message
 *   on `ag:<agent>` too: the agent's node loads and follows the session, then
 *   subscribes the agent's sockets to it. The tenant's home node (which routes agents)
 *   can so be any node.
 *
 * @example
 *   const glue = createClusterGlue({ bus, hot, store, hub, logger });
 *   const service = createConversationService({ …, fanout: glue.fanout, cluster: glue.hooks });
 *   glue.bind(service);
 *   backends.onBusResubscribed(() => void glue.resync());
 */
import { randomUUID } from "node:crypto";
import type { Bus } from "../../engine/bus/bus.ts";
import { createSessionRelay, type RepairInfo } from "../../engine/bus/session-relay.ts";
import type { Fanout, Frame } from "../../engine/conversations/fanout.ts";
import type { ClusterHooks } from "../../engine/conversations/service.ts";
import { type SessionEvent, toProto } from "../../engine/events.ts";
import type { HotHistory } from "../../engine/history/hot-history.ts";
import type { Logger } from "../../engine/logger.ts";
import type { EventStore } from "../../engine/storage/event-store.ts";
import type { Hub } from "./hub.ts";

/** Options of `createClusterGlue`. */
export interface ClusterGlueOptions {
  bus: Bus;
  hot: HotHistory;
  store: Pick<EventStore, "readAfter">;
  hub: Hub;
  logger: Logger;
  onRepair?: (info: RepairInfo) => void;
}

/** The glue. */
export interface ClusterGlue {
  /** The Fanout the conversation service uses. */
  fanout: Fanout;
  /** `ConversationDeps.cluster`. */
  hooks: ClusterHooks;
  /** The hub the socket handler uses: it subscribes the agent and supervisor topics of local sockets. */
  hub: Hub;
  /** Connects remote events to the service (call once it exists). */
  bind(service: { applyRemote(e: SessionEvent): void; follow(sessionId: string): Promise<void> }): void;
  /** Re-reads every followed session after a bus re-subscribe. */
  resync(): Promise<void>;
  /** Sessions followed now. */
  following(): number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const framesTopic = (sessionId: string) => `fx:${sessionId}`;
const agentTopic = (agentId: string) => `ag:${agentId}`;
const supTopic = (tenantId: string) => `sup:${tenantId}`;

/** Creates the glue. */
export function createClusterGlue(opts: ClusterGlueOptions): ClusterGlue {
  const { bus, hub, logger } = opts;
  /** Tags this node's frames on the bus (the bus also delivers them here). */
  const self = (bus as { nodeId?: string }).nodeId ?? randomUUID();
  let apply: (e: SessionEvent) => void = () => {};
  let followSession: (sessionId: string) => Promise<void> = async () => {};
  const relay = createSessionRelay({
    bus,
    hot: opts.hot,
    store: opts.store,
    deliver(e) {
      apply(e);
      hub.session(e.sessionId, { deliver: { event: toProto(e) } });
    },
    onRepair: (info) => {
      logger.debug("session gap repaired", { ...info });
      opts.onRepair?.(info);
    },
    onError: (error, sessionId) => logger.warn("session relay error", { sessionId, error }),
  });
  const frameSubs = new Map<string, Promise<() => Promise<void>>>();
  const publishJson = (topic: string, value: unknown, sessionId = "") =>
    bus
      .publish(topic, enc.encode(JSON.stringify(value)))
      .catch((error) => logger.warn("cluster publish failed", { topic, sessionId, error }));

  /** Subscribes a topic while something local needs it (reference-counted). */
  const topicRefs = new Map<string, { n: number; off: Promise<() => Promise<void>> }>();
  const ref = (topic: string, handler: (msg: unknown) => void) => {
    const r = topicRefs.get(topic);
    if (r) {
      r.n++;
      return;
    }
    const off = bus.subscribe(topic, (payload) => {
      try {
        handler(JSON.parse(dec.decode(payload)));
      } catch (error) {
        logger.warn("bad cluster message", { topic, error });
      }
    });
    off.catch((error) => logger.warn("cluster subscribe failed", { topic, error }));
    topicRefs.set(topic, { n: 1, off });
  };
  const unref = (topic: string) => {
    const r = topicRefs.get(topic);
    if (!r || --r.n > 0) return;
    topicRefs.delete(topic);
    void r.off.then((off) => off()).catch(() => {});
  };
  /** Joins an agent's local sockets to a session, following the session's events first. */
  const joinLocal = (agentId: string, sessionId: string) =>
    followSession(sessionId)
      .then(() => hub.join(agentId, sessionId))
      .catch((error) => logger.warn("could not follow a session for an agent", { agentId, sessionId, error }));
  const onAgentMessage = (agentId: string) => (msg: unknown) => {
    const m = msg as { frame?: Frame; join?: string; leave?: string };
    if (m.frame) hub.agent(agentId, m.frame);
    if (typeof m.join === "string") void joinLocal(agentId, m.join);
    if (typeof m.leave === "string") hub.leave(agentId, m.leave);
  };

  const hooks: ClusterHooks = {
    publishEvent(event) {
      relay.publish(event).catch((error) => logger.warn("event publish failed", { sessionId: event.sessionId, error }));
    },
    async follow(sessionId, lastSeq) {
      if (!frameSubs.has(sessionId)) {
        frameSubs.set(
          sessionId,
          bus.subscribe(framesTopic(sessionId), (payload) => {
            try {
              const m = JSON.parse(dec.decode(payload)) as { n: string; f: Frame };
              if (m.n !== self) hub.session(sessionId, m.f); // this node's own went to its sockets at once
            } catch (error) {
              logger.warn("bad cluster frame", { sessionId, error });
            }
          }),
        );
      }
      await Promise.all([relay.follow(sessionId, lastSeq), frameSubs.get(sessionId)]);
    },
    unfollow(sessionId) {
      const sub = frameSubs.get(sessionId);
      frameSubs.delete(sessionId);
      void relay.unfollow(sessionId);
      void sub?.then((off) => off()).catch(() => {});
    },
  };

  const fanout: Fanout = {
    session(sessionId, frame) {
      // Stored events come through the relay; a deliver frame here is a replay meant for local sockets.
      if (frame.deliver) {
        hub.session(sessionId, frame);
        return;
      }
      // Local sockets first (also when this node stops following the session, e.g. a close
      // frame right after the session closed), then the other nodes.
      hub.session(sessionId, frame);
      bus
        .publish(framesTopic(sessionId), enc.encode(JSON.stringify({ n: self, f: frame })))
        .catch((error) => logger.warn("frame publish failed", { sessionId, error }));
    },
    agent: (agentId, frame) => void publishJson(agentTopic(agentId), { frame }),
    supervisors: (tenantId, frame) => void publishJson(supTopic(tenantId), frame),
    join: (agentId, sessionId) => void publishJson(agentTopic(agentId), { join: sessionId }, sessionId),
    leave: (agentId, sessionId) => void publishJson(agentTopic(agentId), { leave: sessionId }, sessionId),
  };

  const clusterHub: Hub = {
    ...hub,
    addAgentSocket(agentId, ws) {
      hub.addAgentSocket(agentId, ws);
      ref(agentTopic(agentId), onAgentMessage(agentId));
      const tenantId = ws.data.p.tenantId;
      if (ws.data.p.role === "supervisor") ref(supTopic(tenantId), (f) => hub.supervisors(tenantId, f as Frame));
    },
    removeAgentSocket(agentId, ws) {
      const left = hub.removeAgentSocket(agentId, ws);
      unref(agentTopic(agentId));
      if (ws.data.p.role === "supervisor") unref(supTopic(ws.data.p.tenantId));
      return left;
    },
    get size() {
      return hub.size;
    },
  };

  return {
    fanout,
    hooks: { ...hooks, joinLocal },
    hub: clusterHub,
    bind(service) {
      apply = (e) => service.applyRemote(e);
      followSession = (sessionId) => service.follow(sessionId);
    },
    resync: () => relay.resync(),
    following: () => frameSubs.size,
  };
}
