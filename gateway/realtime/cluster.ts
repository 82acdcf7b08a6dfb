/**
 * Cluster glue: with the Redis bus, several gateway nodes serve the same sessions.
 *
 * - Stored events (deliver frames) travel through the session relay
 *   (engine/bus/session-relay.ts): every node following a session gets each event
 *   once, in seq order, with gaps repaired from HotHistory or the EventStore. This
 *   node's own events take the same path (the bus delivers locally first), so a
 *   socket sees one order whichever node stored an event.
 * - Other session frames (typing, read receipts, presence, bot deltas) are best
 *   effort: published on `fx:<session>` as JSON and handed to the local hub by
 *   every node following the session.
 * - A node follows the sessions its conversation service has loaded (a local
 *   visitor, a watcher, a sender).
 *
 * Agent and supervisor frames (assignment notices, queue positions, seat states)
 * stay on the node that produced them: agent routing is per node for now.
 *
 * @example
 *   const glue = createClusterGlue({ bus, hot, store, hub, logger });
 *   const service = createConversationService({ …, fanout: glue.fanout, cluster: glue.hooks });
 *   glue.bind(service);
 *   backends.onBusResubscribed(() => void glue.resync());
 */
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
  /** Connects remote events to the service (call once it exists). */
  bind(service: { applyRemote(e: SessionEvent): void }): void;
  /** Re-reads every followed session after a bus re-subscribe. */
  resync(): Promise<void>;
  /** Sessions followed now. */
  following(): number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const framesTopic = (sessionId: string) => `fx:${sessionId}`;

/** Creates the glue. */
export function createClusterGlue(opts: ClusterGlueOptions): ClusterGlue {
  const { bus, hub, logger } = opts;
  let apply: (e: SessionEvent) => void = () => {};
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
              hub.session(sessionId, JSON.parse(dec.decode(payload)) as Frame);
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
      bus
        .publish(framesTopic(sessionId), enc.encode(JSON.stringify(frame)))
        .catch((error) => logger.warn("frame publish failed", { sessionId, error }));
    },
    agent: (agentId, frame) => hub.agent(agentId, frame),
    supervisors: (tenantId, frame) => hub.supervisors(tenantId, frame),
    join: (agentId, sessionId) => hub.join(agentId, sessionId),
    leave: (agentId, sessionId) => hub.leave(agentId, sessionId),
  };

  return {
    fanout,
    hooks,
    bind(service) {
      apply = (e) => service.applyRemote(e);
    },
    resync: () => relay.resync(),
    following: () => frameSubs.size,
  };
}
