/**
 * What a supervisor's console has seen since sign-in (no DOM; unit-tested under Bun):
 * every agent's seat from `agentState` frames, the tenant's assignments with their
 * queue waits, and alerts; and the numbers computed from them. Lists are bounded.
 *
 * @example
 *   const s = new SupervisorState();
 *   s.apply({ assignment: { sessionId: "s1", agentId: "alice", group: "default", waitedMs: 1200 } });
 *   s.numbers().meanWaitMs; // 1200
 */
import { type Frame, num, type SeatState } from "./frames.ts";

/** One agent's seat as last seen. */
export interface Seat {
  state: SeatState;
  load: number;
  capacity: number;
}
/** One assignment seen. */
export interface Assigned {
  sessionId: string;
  agentId: string;
  group: string;
  waitedMs: number;
  at: number;
}
/** One alert seen. */
export interface AlertSeen {
  kind: string;
  sessionId: string;
  agentId: string;
  message: string;
  at: number;
}

/** The numbers of the panel, from the frames seen since sign-in. */
export interface SupervisorNumbers {
  agentsOnline: number;
  agentsSeen: number;
  load: number;
  capacity: number;
  assignments: number;
  meanWaitMs: number;
  maxWaitMs: number;
  slaAlerts: number;
  queueAlerts: number;
}

/**
 * What the supervisor has seen: seats, assignments and alerts (no DOM; bounded lists).
 *
 * @example
 *   const s = new SupervisorState();
 *   s.apply({ agentState: { agentId: "alice", state: "SEAT_STATE_ONLINE", load: 1, capacity: 3 } });
 *   s.numbers().agentsOnline; // 1
 */
export class SupervisorState {
  readonly seats = new Map<string, Seat>();
  readonly assigned: Assigned[] = [];
  readonly alerts: AlertSeen[] = [];
  private waits: number[] = [];

  /** Applies a frame; true when it concerned the supervisor panel. */
  apply(f: Frame, me = ""): boolean {
    if (f.agentState?.agentId && f.agentState.agentId !== me) {
      const a = f.agentState;
      this.seats.set(a.agentId ?? "", {
        state: a.state ?? "SEAT_STATE_UNSPECIFIED",
        load: a.load ?? 0,
        capacity: a.capacity ?? 0,
      });
      if (this.seats.size > 500) this.seats.delete(this.seats.keys().next().value ?? "");
      return true;
    }
    if (f.assignment) {
      const a = f.assignment;
      const waitedMs = num(a.waitedMs);
      this.assigned.unshift({
        sessionId: a.sessionId ?? "",
        agentId: a.agentId ?? "",
        group: a.group ?? "",
        waitedMs,
        at: Date.now(),
      });
      this.assigned.splice(200);
      this.waits.push(waitedMs);
      if (this.waits.length > 10_000) this.waits = this.waits.slice(-5_000);
      return true;
    }
    if (f.alert) {
      const a = f.alert;
      this.alerts.unshift({
        kind: a.kind ?? "",
        sessionId: a.sessionId ?? "",
        agentId: a.agentId ?? "",
        message: a.message ?? "",
        at: Date.now(),
      });
      this.alerts.splice(100);
      return true;
    }
    return false;
  }

  /** The panel's numbers. */
  numbers(): SupervisorNumbers {
    let agentsOnline = 0;
    let load = 0;
    let capacity = 0;
    for (const s of this.seats.values()) {
      if (s.state === "SEAT_STATE_OFFLINE") continue;
      if (s.state === "SEAT_STATE_ONLINE") agentsOnline++;
      load += s.load;
      capacity += s.capacity;
    }
    const n = this.waits.length;
    return {
      agentsOnline,
      agentsSeen: this.seats.size,
      load,
      capacity,
      assignments: n,
      meanWaitMs: n ? this.waits.reduce((a, b) => a + b, 0) / n : 0,
      maxWaitMs: n ? Math.max(...this.waits) : 0,
      slaAlerts: this.alerts.filter((a) => a.kind === "first_response_sla").length,
      queueAlerts: this.alerts.filter((a) => a.kind === "queue_wait").length,
    };
  }
}

/** `GET /v1/tenants/:tenant/console/stats`, as the server sends it. */
export interface ServerStats {
  windowHours: number;
  waiting: number;
  queue: { sessionId: string; group: string; position: number; waitedMs: number }[];
  botResolution: { closed: number; withoutHandoff: number; rate: number | null };
  firstResponse: { sessions: number; medianMs: number | null; p90Ms: number | null };
}

/**
 * A duration for people: "42 s", "3 min 5 s", "2 h 4 min"; "—" for none.
 *
 * @example
 *   duration(185_000); // "3 min 5 s"
 */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * A rate as a percentage with one decimal; "—" for none.
 *
 * @example
 *   percent(0.8125); // "81.3 %"
 */
export function percent(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? "—" : `${(rate * 100).toFixed(1)} %`;
}
