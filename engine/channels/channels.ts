/**
 * The channel port: every channel (generic webhook, WeChat Official Account, …)
 * only translates to and from kefu's protocol. Inbound, an adapter verifies the
 * request and hands `receive` a plain `InboundMessage`; `receive` maps the channel
 * user to a visitor session (engine/channels/store) and sends the text through the
 * conversation service as that visitor. Outbound, `tapStore` wraps the service's
 * EventStore: every bot or agent message of a channel's session, as it is appended (once,
 * on the node that appends it), goes to the adapter's `send` through the retrying
 * delivery queue (engine/channels/delivery.ts), or to a waiting passive reply.
 * Routing, the bot and storage are untouched by a new channel.
 *
 * Idempotency: the channel's message id becomes the message's `client_msg_id`
 * (`<channel>:<message id>`), so a redelivery is the EventStore's duplicate, not a
 * second message. Concurrent first messages of one user are serialised so they open
 * one session.
 *
 * @example
 *   const channels = createChannels({ service, store, delivery });
 *   channels.register("webhook", webhookSender);
 *   const store = channels.tapStore(eventStore); // give this to the conversation service
 *   await channels.receive({ channel: "webhook:shop", tenantId: "default", userId: "u1", messageId: "m1", text: "hi" });
 */
import type { Principal } from "../auth/tokens.ts";
import type { ConversationService, SendResult } from "../conversations/service.ts";
import { KefuError } from "../errors.ts";
import type { SessionEvent } from "../events.ts";
import { type EventStore, tapAppends } from "../storage/event-store.ts";
import type { Delivery, OutboundMessage, OutboundSender } from "./delivery.ts";
import type { InboundOutcome } from "./metrics.ts";
import type { ChannelStore, DeadLetter } from "./store.sqlite.ts";

/** A message from a channel user, already verified by its adapter. */
export interface InboundMessage {
  /** `<kind>:<name>`. */
  channel: string;
  tenantId: string;
  userId: string;
  /** The channel's id of this message (its redeliveries carry the same one). */
  messageId: string;
  text: string;
  /** Stored with the message (e.g. an image's URL); at most 32. */
  attributes?: Record<string, string>;
}

/** What `receive` returns. */
export interface Received {
  sessionId: string;
  seq: number;
  duplicate: boolean;
  result: SendResult;
}

/** Dependencies of `createChannels`. */
export interface ChannelsDeps {
  service: Pick<ConversationService, "startSession" | "send" | "close">;
  store: ChannelStore;
  delivery: Delivery;
  /** Counts inbound outcomes by channel kind (metrics). */
  onInbound?: (kind: string, outcome: InboundOutcome) => void;
  /** An append's channel lookup failed (the append itself stands): log it. */
  onTapError?: (error: unknown) => void;
}

/** The channels runtime. */
export type Channels = ReturnType<typeof createChannels>;

const MAX_ID = 128;

/**
 * Creates the channels runtime (see the module doc).
 *
 * @example
 *   const channels = createChannels({ service, store: openChannelStore(":memory:"), delivery });
 */
export function createChannels(deps: ChannelsDeps) {
  const senders = new Map<string, OutboundSender>();
  const opening = new Map<string, Promise<unknown>>();
  /** Sessions whose next bot/agent message an adapter answers itself (WeChat's passive reply). */
  const waiters = new Map<
    string,
    { done: (m: OutboundMessage | undefined) => void; fits: (m: OutboundMessage) => boolean }
  >();

  const invalid = (why: string) => new KefuError("invalid_request", why, { status: 400 });

  async function sendAs(m: InboundMessage): Promise<Received> {
    const bound = await deps.store.binding(m.channel, m.userId);
    const clientMsgId = `${m.channel}:${m.messageId}`.slice(0, MAX_ID);
    const attempt = async (b: { sessionId: string; visitorId: string }) => {
      const p: Principal = { role: "visitor", tenantId: m.tenantId, subject: b.visitorId, sessionId: b.sessionId };
      const result = await deps.service.send(p, b.sessionId, {
        clientMsgId,
        text: m.text,
        ...(m.attributes ? { attributes: m.attributes } : {}),
      });
      return { sessionId: b.sessionId, seq: result.event.seq, duplicate: result.duplicate, result };
    };
    if (bound && bound.tenantId === m.tenantId) {
      try {
        return await attempt(bound);
      } catch (e) {
        // A closed (or lost) session: the user's next message opens a new one.
        if (!(e instanceof KefuError) || (e.code !== "session_closed" && e.code !== "not_found")) throw e;
      }
    }
    const { sessionId, visitorId } = await deps.service.startSession({
      tenantId: m.tenantId,
      visitorId: `ch-${m.channel}-${m.userId}`.slice(0, MAX_ID),
      metadata: { channel: m.channel, channelUser: m.userId },
    });
    await deps.store.bind(m.channel, m.userId, { tenantId: m.tenantId, sessionId, visitorId });
    return attempt({ sessionId, visitorId });
  }

  return {
    /** Registers the outbound sender of a channel kind (`webhook`, `wechat`). */
    register(kind: string, sender: OutboundSender): void {
      senders.set(kind, sender);
    },

    /** Stores a channel user's message in their session (opening one when needed). */
    async receive(m: InboundMessage): Promise<Received> {
      for (const [k, v] of [
        ["userId", m.userId],
        ["messageId", m.messageId],
      ] as const) {
        if (!v || v.length > MAX_ID) throw invalid(`${k} must be 1 to ${MAX_ID} characters`);
      }
      if (!m.text) throw invalid("text is required");
      const key = `${m.channel}\n${m.userId}`;
      const kind = m.channel.split(":")[0] ?? "";
      const prev = opening.get(key) ?? Promise.resolve();
      const run = prev.then(
        () => sendAs(m),
        () => sendAs(m),
      );
      const settled = run.catch(() => {});
      opening.set(key, settled);
      settled.finally(() => {
        if (opening.get(key) === settled) opening.delete(key);
      });
      const r = await run;
      deps.onInbound?.(kind, r.duplicate ? "duplicate" : "accepted");
      return r;
    },

    /**
     * Closes a channel user's open session as that visitor (e.g. WeChat `unsubscribe`);
     * returns the closed session's id, or undefined when the user has none open.
     */
    async closeUser(channel: string, userId: string, reason: string): Promise<string | undefined> {
      const b = await deps.store.binding(channel, userId);
      if (!b) return undefined;
      const p: Principal = { role: "visitor", tenantId: b.tenantId, subject: b.visitorId, sessionId: b.sessionId };
      try {
        await deps.service.close(p, b.sessionId, reason);
        return b.sessionId;
      } catch (e) {
        // Already closed (closing a closed session is an invalid transition) or gone.
        if (e instanceof KefuError && ["session_closed", "not_found", "invalid_transition"].includes(e.code))
          return undefined;
        throw e;
      }
    },

    /** Counts an inbound request that did not reach `receive` (refused, an event, ignored). */
    countInbound(kind: string, outcome: InboundOutcome): void {
      deps.onInbound?.(kind, outcome);
    },

    /**
     * Takes the next bot or agent message to this channel user for the caller instead
     * of the delivery queue, if it comes within `ms` (a synchronous reply channel such
     * as WeChat's 5-second passive reply). Call it before `receive`, so a fast answer
     * is not missed; undefined after `ms` or `cancelReply`: later messages are pushed.
     */
    awaitReply(
      channel: string,
      userId: string,
      ms: number,
      fits: (m: OutboundMessage) => boolean = () => true,
    ): Promise<OutboundMessage | undefined> {
      const key = `${channel}\n${userId}`;
      waiters.get(key)?.done(undefined);
      return new Promise((resolve) => {
        const w = {
          done: (m: OutboundMessage | undefined) => {
            clearTimeout(timer);
            if (waiters.get(key) === w) waiters.delete(key);
            resolve(m);
          },
          fits,
        };
        const timer = setTimeout(() => w.done(undefined), ms);
        waiters.set(key, w);
      });
    },

    /** Stops waiting for a passive reply (the request ended another way). */
    cancelReply(channel: string, userId: string): void {
      waiters.get(`${channel}\n${userId}`)?.done(undefined);
    },

    /**
     * Sends a dead letter again through the delivery queue (it is removed from the
     * dead letters; failing again records a new one). Throws 404 `not_found` for an
     * unknown id, 409 `channel_unconfigured` when its channel kind has no sender now.
     */
    async replayDeadLetter(id: number): Promise<DeadLetter> {
      const d = (await deps.store.deadLetters(1, id - 1))[0];
      if (!d || d.id !== id) throw new KefuError("not_found", `no dead letter ${id}`, { status: 404 });
      const sender = senders.get(d.channel.split(":")[0] ?? "");
      if (!sender)
        throw new KefuError("channel_unconfigured", `channel ${d.channel} has no outbound sender configured`, {
          status: 409,
        });
      const taken = await deps.store.takeDeadLetter(id);
      if (!taken) throw new KefuError("not_found", `no dead letter ${id}`, { status: 404 });
      deps.delivery.enqueue(sender, {
        channel: taken.channel,
        userId: taken.userId,
        tenantId: taken.tenantId,
        sessionId: taken.sessionId,
        seq: taken.seq,
        text: taken.text,
        actor: taken.actor,
        atUnixMs: taken.messageAtUnixMs,
      });
      return taken;
    },

    /** Offers a stored event to the channel that owns its session, if any (what `tapStore` does on append). */
    observe,

    /**
     * Wraps an EventStore so each appended bot or agent message of a channel session goes
     * out to its channel — once, from the node that appended it (with several nodes the
     * user → session mapping is shared: PostgreSQL). A failure here is logged by the
     * caller's logger, never the append's.
     */
    tapStore<T extends Pick<EventStore, "append">>(inner: T): T {
      // Only bot and agent messages go out: other events skip the lookup (this is every append's path).
      return tapAppends(
        inner,
        (e) => (isReply(e) ? observe(e) : undefined),
        (error) => deps.onTapError?.(error),
      );
    },
  };

  async function observe(e: SessionEvent): Promise<void> {
    if (!isReply(e) || e.body.type !== "message") return;
    const kind = e.actor.kind as "bot" | "agent";
    const owner = await deps.store.bySession(e.sessionId);
    if (!owner) return;
    const m: OutboundMessage = {
      channel: owner.channel,
      userId: owner.userId,
      tenantId: e.tenantId,
      sessionId: e.sessionId,
      seq: e.seq,
      text: e.body.text,
      actor: kind,
      atUnixMs: e.atUnixMs,
    };
    const waiter = waiters.get(`${owner.channel}\n${owner.userId}`);
    if (waiter) {
      if (waiter.fits(m)) {
        waiter.done(m);
        return;
      }
      waiter.done(undefined); // too big to answer in place (e.g. over WeChat's passive-reply limit): pushed below
    }
    const sender = senders.get(owner.channel.split(":")[0] ?? "");
    if (sender && (await sender.accepts?.(m)) !== false) deps.delivery.enqueue(sender, m);
  }
}

/** A stored bot or agent message with text: what a channel sends to its user. */
function isReply(e: SessionEvent): boolean {
  return (e.actor.kind === "bot" || e.actor.kind === "agent") && e.body.type === "message" && e.body.text !== "";
}
