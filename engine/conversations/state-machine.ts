/**
 * The conversation state machine: the only place that says which transitions
 * exist. Every transition is stored as a `state_changed` event by the service.
 *
 *   bot ──handoff──▶ queued ──assign──▶ assigned ──close──▶ closed
 *    ▲                 │                 │  ▲ transfer (to an agent)
 *    └──return─────────┴─────────────────┘  │
 *                      ▲──transfer to group─┘   (and any open state ──▶ closed)
 *
 * @example
 *   assertTransition("bot", "queued"); // ok
 *   assertTransition("closed", "bot"); // throws KefuError("invalid_transition", 409)
 */
import { KefuError } from "../errors.ts";
import type { SessionState } from "../events.ts";

/** Allowed edges, from → the states it may go to. */
export const transitions: Readonly<Record<SessionState, readonly SessionState[]>> = {
  bot: ["queued", "closed"],
  queued: ["assigned", "bot", "closed"],
  assigned: ["assigned", "queued", "bot", "closed"],
  closed: [],
};

/** True when `from → to` is an edge of the machine. */
export function canTransition(from: SessionState, to: SessionState): boolean {
  return transitions[from].includes(to);
}

/** Throws a 409 `invalid_transition` KefuError unless `from → to` is allowed. */
export function assertTransition(from: SessionState, to: SessionState): void {
  if (!canTransition(from, to)) {
    throw new KefuError("invalid_transition", `a ${from} session cannot become ${to}`, { status: 409 });
  }
}
