/**
 * One session's events as a client knows them: the delivery contract on the
 * client side. Events are deduplicated by `seq`; `lastSeq` is the highest seq
 * with no gap below it (what `resume` asks after); unacked sends wait in an
 * outbox and are resent with the same `clientMsgId` after a reconnect, so the
 * server stores each once. No DOM here (unit-tested under Bun).
 *
 * @example
 *   const t = new Timeline();
 *   t.queue(undefined, "hi", "c-1"); // the send frame
 *   t.ack("c-1", 2, { kind: "ACTOR_KIND_VISITOR" });
 */
import { type ChatMessage, type Frame, num, type SessionEvent } from "./frames.ts";

/** A send not yet acked. */
export interface Pending {
  clientMsgId: string;
  text: string;
  attributes?: Record<string, string>;
}

/**
 * One session's events as the client knows them.
 *
 * @example
 *   const t = new Timeline();
 *   t.add({ seq: 1, started: {} }); // true (new)
 *   t.add({ seq: 1, started: {} }); // false (duplicate)
 *   t.lastSeq; // 1
 */
export class Timeline {
  /** Stored events by seq. */
  readonly events = new Map<number, SessionEvent>();
  /** Unacked sends, oldest first. */
  readonly outbox = new Map<string, Pending>();
  private readonly seen = new Set<number>();
  private contiguous = 0;

  /** The highest seq with every seq up to it known: what `resume` asks after. */
  get lastSeq(): number {
    return this.contiguous;
  }

  /** Adds a delivered event; false when its seq was already held (a duplicate). */
  add(ev: SessionEvent): boolean {
    const seq = num(ev.seq);
    if (seq <= 0) return false;
    const had = this.events.has(seq);
    this.events.set(seq, ev);
    if (ev.message?.clientMsgId) this.outbox.delete(ev.message.clientMsgId);
    this.mark(seq);
    return !had;
  }

  /** Records an ack: the pending send becomes the stored event `seq` (until its deliver replaces it). */
  ack(clientMsgId: string, seq: number, actor: SessionEvent["actor"]): void {
    const p = this.outbox.get(clientMsgId);
    this.outbox.delete(clientMsgId);
    if (seq <= 0 || this.events.has(seq)) return;
    if (p) {
      const message: ChatMessage = { clientMsgId, text: p.text, ...(p.attributes ? { attributes: p.attributes } : {}) };
      this.events.set(seq, { seq, atUnixMs: Date.now(), actor, message });
    }
    this.mark(seq);
  }

  /** Queues a send; returns its frame (resend it as is after a reconnect). */
  queue(sessionId: string | undefined, text: string, clientMsgId: string, attributes?: Record<string, string>): Frame {
    this.outbox.set(clientMsgId, { clientMsgId, text, ...(attributes ? { attributes } : {}) });
    return sendFrame(sessionId, this.outbox.get(clientMsgId) as Pending);
  }

  /** The frames to send after (re)connecting: every unacked send, oldest first. */
  resends(sessionId: string | undefined): Frame[] {
    return [...this.outbox.values()].map((p) => sendFrame(sessionId, p));
  }

  /** Events in seq order. */
  ordered(): SessionEvent[] {
    return [...this.events.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  }

  private mark(seq: number): void {
    if (seq <= this.contiguous) return;
    this.seen.add(seq);
    while (this.seen.has(this.contiguous + 1)) this.seen.delete(++this.contiguous);
  }
}

function sendFrame(sessionId: string | undefined, p: Pending): Frame {
  return {
    id: p.clientMsgId,
    send: {
      ...(sessionId ? { sessionId } : {}),
      message: { clientMsgId: p.clientMsgId, text: p.text, ...(p.attributes ? { attributes: p.attributes } : {}) },
    },
  };
}
