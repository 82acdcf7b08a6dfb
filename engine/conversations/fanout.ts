/**
 * Fanout: how the conversation engine reaches connected clients. The gateway
 * implements it with Bun topics (encode once per wire format, no per-socket loop);
 * a later issue adds the Bus so other nodes' sockets are reached too.
 *
 * Contract: best effort and non-blocking. Durable state is in the EventStore; a
 * client that missed a frame resumes with `last_seq`.
 *
 * @example
 *   fanout.session("s1", { deliver: { event: toProto(event) } });
 *   fanout.join("agent-7", "s1"); // agent-7's sockets now receive s1's frames
 */
import type { kefu } from "../../proto/index.ts";

/** A realtime frame as a plain object of the generated `kefu.v1.Frame` shape. */
export type Frame = kefu.v1.IFrame;

/** The fan-out port. */
export interface Fanout {
  /** To everyone following the session: its visitor, its agent, watchers. */
  session(sessionId: string, frame: Frame): void;
  /** To every socket of one agent. */
  agent(agentId: string, frame: Frame): void;
  /** To every supervisor socket of a tenant. */
  supervisors(tenantId: string, frame: Frame): void;
  /** Makes an agent's sockets (now and later ones) follow a session. */
  join(agentId: string, sessionId: string): void;
  /** Stops an agent's sockets following a session. */
  leave(agentId: string, sessionId: string): void;
}

/** A Fanout that records frames, for engine tests. */
export function recordingFanout(): Fanout & { frames: { to: string; frame: Frame }[]; joined: Set<string> } {
  const frames: { to: string; frame: Frame }[] = [];
  const joined = new Set<string>();
  return {
    frames,
    joined,
    session: (id, frame) => frames.push({ to: `session:${id}`, frame }),
    agent: (id, frame) => frames.push({ to: `agent:${id}`, frame }),
    supervisors: (id, frame) => frames.push({ to: `supervisors:${id}`, frame }),
    join: (a, s) => joined.add(`${a}|${s}`),
    leave: (a, s) => joined.delete(`${a}|${s}`),
  };
}
