/**
 * The conversation service: sessions, their messages and their state machine,
 * wired to the EventStore (durable log), HotHistory (replay), Fanout (live
 * frames), agent routing (queues and assignment) and timers.
 *
 * Delivery contract (README "Delivery contract"):
 * - every session has a strictly increasing `seq`; a send is acked only after the
 *   EventStore append is durable, so an acked message is never lost;
 * - `client_msg_id` makes sends idempotent: a resend returns the original seq;
 * - `replay(last_seq)` returns exactly the gap, in order, from HotHistory or else
 *   the EventStore, or fails with `replay_unavailable` / `replay_too_large` —
 *   never a partial replay.
 *
 * @example
 *   const { sessionId } = await service.startSession({ tenantId: "t1", visitorId: "v1" });
 *   const ack = await service.send(visitor, sessionId, { clientMsgId: "c1", text: "hi" });
 */
import { randomUUID } from "node:crypto";
import type { kefu } from "../../proto/index.ts";
import type { AgentRouter, AgentView, RoutingListener, SeatState } from "../agents/routing.ts";
import type { Principal } from "../auth/tokens.ts";
import { decideHandoff, type HandoffState, type HandoffTurn, initialHandoffState } from "../bot/handoff.ts";
import type { Classification } from "../bot/intents.ts";
import type { BotKnowledge, DirectAnswer, ModelContext } from "../bot/knowledge.ts";
import { citationsAttribute, citedSources } from "../bot/rag.ts";
import type { BotResponder, ReplyMeta } from "../bot/responder.ts";
import type { Rpc } from "../cluster/rpc.ts";
import type { TenantHomes } from "../cluster/tenant-homes.ts";
import type { TenantRegistry } from "../cluster/tenant-registry.ts";
import type { Config } from "../config.ts";
import { KefuError } from "../errors.ts";
import { type ActorKind, type SessionEvent, type SessionState, stateToProto, toProto } from "../events.ts";
import type { HotHistory } from "../history/hot-history.ts";
import { guardedAnswer, type OutputGuard } from "../llm/router/hybrid.ts";
import type { Logger } from "../logger.ts";
import type { AppendResult, EventStore } from "../storage/event-store.ts";
import type { TimerHandle, TimingWheel } from "../timers/timing-wheel.ts";
import type { Fanout } from "./fanout.ts";
import type { ConversationMetrics } from "./metrics.ts";
import { assertTransition } from "./state-machine.ts";

/** A session as the service holds it. */
interface Session {
  id: string;
  tenantId: string;
  visitorId: string;
  state: SessionState;
  agentId?: string;
  group?: string;
  lastSeq: number;
  /** Serialises state transitions of this session. */
  lock: Promise<unknown>;
  idle?: TimerHandle;
  sla?: TimerHandle;
  queueAlert?: TimerHandle;
  /** The bot answer in progress, aborted when a newer message or a human takes over. */
  botAbort?: AbortController;
  /** The bot's handoff bookkeeping (low-confidence streak, negativity), per bot episode. */
  handoff?: HandoffState;
}

/** A seat as supervisors see it (`AgentState` frame fields). */
export interface SeatView {
  agentId: string;
  state: kefu.v1.SeatState;
  version: number;
  capacity: number;
  load: number;
}

/** A queued session as the console lists it. */
export interface QueuedView {
  sessionId: string;
  group: string;
  /** 1 = served next in its group. */
  position: number;
  waitedMs: number;
}

/** Longest comment a visitor's rating may carry, in characters. */
export const MAX_RATING_COMMENT = 500;

/** A finished bot answer. */
export interface BotReply {
  text: string;
  seq: number;
  meta: ReplyMeta;
}

/** What `send` returns: the durable append, and the bot's answer when the bot is answering. */
export type SendResult = AppendResult & { reply?: Promise<BotReply | undefined> };

/** What `describe` returns. */
export interface SessionView {
  sessionId: string;
  tenantId: string;
  state: SessionState;
  stateEnum: kefu.v1.SessionState;
  agentId?: string;
  group?: string;
  lastSeq: number;
}

/** What `replay` returns. */
export interface Replay {
  events: SessionEvent[];
  source: "hot" | "store";
  toSeq: number;
}

/** An outgoing chat message. */
export interface OutgoingMessage {
  clientMsgId: string;
  text: string;
  attributes?: Record<string, string>;
  /**
   * An internal note (agents and supervisors only): stored as a `note` event, seen by the
   * tenant's agents and supervisors; visitors get it without its body (`forVisitor`).
   */
  internal?: boolean;
}

/** Dependencies of the service. */
export interface ConversationDeps {
  config: Config;
  store: EventStore;
  hot: HotHistory;
  fanout: Fanout;
  routing: AgentRouter;
  timers: TimingWheel;
  logger: Logger;
  metrics: ConversationMetrics;
  /** The bot; without it, sessions in the bot state wait for a handoff. */
  bot?: BotResponder;
  /** Earlier messages read as context for the bot. */
  historyMessages?: number;
  /** Hybrid mode: the tenant's output rules (answers are checked before anyone sees them). */
  guardFor?: (tenantId: string) => OutputGuard | undefined;
  /** FAQ answers, the answer cache and retrieval-augmented prompts (engine/bot/knowledge.ts). */
  knowledge?: BotKnowledge;
  /** Knowledge-base answer, for the guard's `kb` step. */
  kbAnswer?: (question: string) => Promise<string | undefined>;
  /** The tenant's intent classifier, when it has intents. */
  classify?: (tenantId: string, text: string) => Classification | undefined;
  /**
   * Several nodes (Redis bus): stored events go out through `publishEvent` (the session
   * relay delivers them to this node's sockets and to the other nodes'), a loaded session
   * is followed so other nodes' events reach `applyRemote`, and loading a session keeps a
   * queued or assigned state (it is shared, not lost with a process).
   */
  cluster?: ClusterHooks;
  /**
   * Several nodes: each tenant's bot answers, timers and agent routing run on its home
   * node (engine/cluster/tenant-homes.ts); this node forwards that work there.
   */
  home?: HomeLink;
  /**
   * Checks a message's `attachments` attribute (gateway/attachments): it may name only
   * uploads of the message's own session; returns the attribute rewritten from the stored
   * records, throws a typed 400 otherwise. Absent: the attribute is stored as sent.
   */
  attachments?: (sessionId: string, attribute: string) => Promise<string>;
}

/** How the service reaches tenant homes (see `ConversationDeps.home`). */
export interface HomeLink {
  homes: TenantHomes;
  rpc: Rpc;
  registry: TenantRegistry;
  /** Longest wait for a bot turn run on another node, ms. */
  botTurnTimeoutMs: number;
  /** Most open sessions a node reloads when it takes a tenant over. */
  maxAdoptSessions: number;
  /**
   * Agent presence shared by the nodes: this node marks where its agents' sockets are;
   * a node taking a tenant over reads it, so connected agents keep their sessions at once.
   */
  presence?: { here(agentId: string, on: boolean): void; nodesOf(agentId: string): Promise<string[]> };
}

/** An agent as the admin API registers it. */
export interface AgentRegistration {
  id: string;
  tenantId: string;
  groups: string[];
  capacity: number;
  /** Display name shown to visitors on assignment (`Assignment.agentName`); absent: unchanged, "": none. */
  name?: string;
}

/** How the service takes part in a cluster (see `ConversationDeps.cluster`). */
export interface ClusterHooks {
  publishEvent(event: SessionEvent): void;
  /** Starts receiving the session's events after `lastSeq`. */
  follow(sessionId: string, lastSeq: number): Promise<void>;
  unfollow(sessionId: string): void;
  /** Joins this node's sockets of an agent to a session (following the session first). */
  joinLocal?(agentId: string, sessionId: string): Promise<void>;
}

/** The answer metric's source label of a stored bot answer. */
function answerSource(meta: ReplyMeta): "faq" | "cache" | "intent" | "model" {
  if (meta.route === "faq") return "faq";
  if (meta.route === "answer-cache") return "cache";
  return meta.target === "intents" ? "intent" : "model";
}

const MAX_CLIENT_MSG_ID = 128;
const MAX_ATTRIBUTES = 32;
const MAX_METADATA_CHARS = 4096;

const forbidden = (why: string) => new KefuError("forbidden", why, { status: 403 });
const invalid = (why: string) => new KefuError("invalid_request", why, { status: 400 });

/** The service; see the module doc for its contract. */
export type ConversationService = ReturnType<typeof createConversationService>;

/**
 * Creates the conversation service. The router's listener must forward to
 * `service.routingListener` (routing is created first, so it is relayed).
 */
export function createConversationService(deps: ConversationDeps) {
  const { config, store, hot, fanout, routing, timers, metrics, logger } = deps;
  const c = config.conversations;
  const sessions = new Map<string, Session>();
  const loading = new Map<string, Promise<Session>>();
  /** Home side: grace timers of agents without a socket. */
  const goneTimers = new Map<string, TimerHandle>();
  /** Each registered agent's seat state, kept from the router's events for the seat gauge. */
  const seatStates = new Map<string, SeatState>();
  const link = deps.home;
  const nodeId = link?.homes.nodeId ?? "local";
  /** Home side: the nodes each agent has sockets on (the agent is gone when none is left). */
  const agentNodes = new Map<string, Set<string>>();
  /** This node's agent sockets, per agent (re-announced to a tenant's new home). */
  const localAgents = new Map<string, { p: Principal; sockets: number }>();

  /** Does this node run the tenant's bot, timers and routing? (A single node runs all.) */
  const runsHere = (tenantId: string) => !link || link.homes.isHome(tenantId);

  /** Runs `method` on the tenant's home when that is another node; undefined: run it here. */
  async function onHome<T>(
    tenantId: string,
    method: string,
    args: unknown[],
    timeoutMs?: number,
  ): Promise<{ value: T } | undefined> {
    if (!link) return undefined;
    link.homes.serve(tenantId);
    const node = await link.homes.resolve(tenantId);
    if (node === nodeId) return undefined;
    try {
      return { value: await link.rpc.call<T>(node, method, args, timeoutMs) };
    } catch (e) {
      if (e instanceof KefuError && e.code === "node_unavailable") link.homes.invalidate(tenantId);
      throw e;
    }
  }

  /**
   * An operation that runs on the tenant's home: called here, it is forwarded when the
   * home is another node; the home serves it under `svc.<name>`, and refuses (503
   * `home_moved`, retryable) when the tenant moved away in between.
   */
  function homeOp<A extends unknown[], R>(
    name: string,
    tenantOf: (a: NoInfer<A>) => Promise<string> | string,
    run: (...a: A) => Promise<R>,
    timeoutMs?: () => number,
  ): (...a: A) => Promise<R> {
    link?.rpc.handle(`svc.${name}`, async (...args) => {
      const a = args as A;
      const tenantId = await tenantOf(a);
      if (!runsHere(tenantId) && (await link.homes.resolve(tenantId)) !== nodeId) {
        throw new KefuError("home_moved", `tenant ${tenantId} moved to another node; retry`, {
          status: 503,
          retryable: true,
        });
      }
      return run(...a);
    });
    return async (...a: A) => {
      const remote = await onHome<R>(await tenantOf(a), `svc.${name}`, a, timeoutMs?.());
      return remote ? remote.value : run(...a);
    };
  }
  const tenantOfSession = async (a: readonly unknown[]) => (await load(String(a[1]))).tenantId;
  metrics.observe({
    sessionsByState() {
      const n: Partial<Record<SessionState, number>> = {};
      for (const s of sessions.values()) n[s.state] = (n[s.state] ?? 0) + 1;
      return n;
    },
    queueLengths() {
      const n = new Map<string, number>();
      for (const q of routing.stats().queues) n.set(q.group, (n.get(q.group) ?? 0) + q.size);
      return n;
    },
    seatsByState() {
      const n: Partial<Record<SeatState, number>> = {};
      for (const st of seatStates.values()) n[st] = (n[st] ?? 0) + 1;
      return n;
    },
  });

  // ---- loading and authorisation -------------------------------------------------

  async function fold(sessionId: string): Promise<Session> {
    let s: Session | undefined;
    let after = 0;
    for (;;) {
      const page = await store.readAfter(sessionId, after, 1000);
      for (const e of page) {
        if (e.body.type === "started") {
          s = {
            id: sessionId,
            tenantId: e.tenantId,
            visitorId: e.body.visitorId,
            state: "bot",
            lastSeq: 0,
            lock: Promise.resolve(),
          };
        } else if (s && e.body.type === "state_changed") {
          s.state = e.body.to;
          s.agentId = e.body.agentId;
          s.group = e.body.group;
        }
        if (s) s.lastSeq = e.seq;
        after = e.seq;
      }
      if (page.length < 1000) break;
    }
    if (!s) throw new KefuError("not_found", `no session ${sessionId}`, { status: 404 });
    // A session that was queued or assigned when the process stopped goes back to the bot:
    // the queue and the agents' seats did not survive the restart. (In a cluster the state
    // is shared: another node may hold the queue entry or the agent.)
    if (!deps.cluster && (s.state === "queued" || s.state === "assigned")) {
      const from = s.state;
      s.state = "bot";
      delete s.agentId;
      await appendState(s, from, "bot", "restarted");
    }
    return s;
  }

  async function load(sessionId: string): Promise<Session> {
    const s = sessions.get(sessionId);
    if (s) return s;
    if (!sessionId) throw invalid("sessionId is required");
    let p = loading.get(sessionId);
    if (!p) {
      p = fold(sessionId).then(async (loaded) => {
        if (loaded.state !== "closed") {
          sessions.set(sessionId, loaded);
          if (link) {
            // The tenant's home must hold the session too (its timers, its bot, its routing).
            touch(loaded.tenantId, sessionId).catch((error) =>
              logger.warn("could not tell the tenant's home about a session", { sessionId, error }),
            );
          }
          await deps.cluster?.follow(sessionId, loaded.lastSeq);
        }
        return loaded;
      });
      p.finally(() => loading.delete(sessionId)).catch(() => {});
      loading.set(sessionId, p);
    }
    return p;
  }

  /** May `p` read (`write=false`) or write this session? */
  function authorize(p: Principal, s: Session, write: boolean): void {
    if (p.tenantId !== s.tenantId) throw forbidden("the session belongs to another tenant");
    if (p.role === "visitor") {
      if (p.sessionId !== s.id) throw forbidden("a visitor can only use its own session");
      return;
    }
    if (!write || p.role === "supervisor") return;
    if (s.agentId !== p.subject || s.state !== "assigned") throw forbidden("the session is not assigned to you");
  }

  const actorKind = (p: Principal): ActorKind => (p.role === "visitor" ? "visitor" : "agent");

  // ---- state transitions ---------------------------------------------------------

  async function appendState(s: Session, from: SessionState, to: SessionState, reason: string): Promise<AppendResult> {
    const r = await store.append({
      tenantId: s.tenantId,
      sessionId: s.id,
      actor: { kind: "system", id: "kefu" },
      body: {
        type: "state_changed",
        from,
        to,
        reason,
        ...(s.agentId ? { agentId: s.agentId } : {}),
        ...(s.group ? { group: s.group } : {}),
      },
    });
    published(s, r);
    metrics.transitions.inc({ from, to });
    return r;
  }

  /** Runs `fn` with the session's transitions serialised. */
  function locked<T>(s: Session, fn: () => Promise<T>): Promise<T> {
    const run = s.lock.then(fn, fn);
    s.lock = run.catch(() => {});
    return run;
  }

  async function transition(s: Session, to: SessionState, reason: string, apply: () => void = () => {}): Promise<void> {
    const from = s.state;
    assertTransition(from, to);
    if (to !== "bot") s.botAbort?.abort();
    s.state = to;
    apply();
    await appendState(s, from, to, reason);
    if (to === "closed") finish(s);
  }

  function published(s: Session, r: AppendResult): void {
    if (r.duplicate) return;
    s.lastSeq = r.event.seq;
    void hot.push(r.event);
    if (deps.cluster) deps.cluster.publishEvent(r.event);
    else fanout.session(s.id, { deliver: { event: toProto(r.event) } });
  }

  /** Streams the bot's answer to the session, then stores it as a bot message. */
  async function botReply(s: Session, trigger: SessionEvent): Promise<BotReply | undefined> {
    const bot = deps.bot;
    if (!bot) return undefined;
    s.botAbort?.abort();
    const abort = new AbortController();
    s.botAbort = abort;
    const replyId = `bot-${trigger.seq}`;
    const question = trigger.body.type === "message" ? trigger.body.text : "";
    try {
      // A confident FAQ or a cached answer needs no model; otherwise the model gets the best chunks as sources.
      const prepared = await prepareKnowledge(s, question);
      if (prepared?.kind === "direct") {
        if (abort.signal.aborted || s.state !== "bot") return undefined;
        const route = prepared.source === "faq" ? "faq" : "answer-cache";
        return await storeBotReply(
          s,
          replyId,
          prepared.text,
          { target: "knowledge-base", route, attempts: 0 },
          prepared.attributes,
        );
      }
      const context = prepared?.context;
      const from = Math.max(0, trigger.seq - 2 * (deps.historyMessages ?? 20) - 2);
      let history = (await hot.after(s.id, from)).events;
      if (!history.some((e) => e.seq === trigger.seq)) history = [...history, trigger];
      const ask = () =>
        bot.reply({
          tenantId: s.tenantId,
          sessionId: s.id,
          history,
          signal: abort.signal,
          ...(context ? { context } : {}),
        });
      const guard = deps.guardFor?.(s.tenantId);
      let meta: ReplyMeta = { target: "", route: "", attempts: 0 };
      let text = "";
      let unanswered = false;
      if (!guard) {
        const { first, chunks } = ask();
        meta = await first;
        for await (const c of chunks) {
          if (c.type === "finish" && c.unanswered) unanswered = true;
          if (c.type !== "delta") continue;
          text += c.text;
          fanout.session(s.id, { botDelta: { sessionId: s.id, replyId, text: c.text, done: false } });
        }
      } else {
        // Hybrid mode: nothing is shown until the answer passed the tenant's rules.
        const collect = async () => {
          const { first, chunks } = ask();
          meta = await first;
          let all = "";
          for await (const c of chunks) {
            if (c.type === "finish" && c.unanswered) unanswered = true;
            if (c.type === "delta") all += c.text;
          }
          return all;
        };
        const kb = deps.kbAnswer;
        const result = await guardedAnswer(guard, s.tenantId, {
          llm: collect,
          ...(kb
            ? {
                kb: async () => {
                  meta = { target: "knowledge-base", route: "output-guard", attempts: 1 };
                  return (await kb(question)) ?? "";
                },
              }
            : {}),
        });
        if (result.kind === "handoff") {
          metrics.guardHandoffs.inc();
          logger.info("bot answer failed the output rules; handing off", {
            sessionId: s.id,
            failures: result.failures,
          });
          if (!abort.signal.aborted && s.state === "bot")
            await handoffInternal(s, s.group ?? "default", "output_guard");
          return undefined;
        }
        text = result.text;
        fanout.session(s.id, { botDelta: { sessionId: s.id, replyId, text, done: false } });
      }
      fanout.session(s.id, { botDelta: { sessionId: s.id, replyId, text: "", done: true } });
      if (abort.signal.aborted || s.state !== "bot") return undefined;
      const cited = context ? citedSources(text, context) : [];
      const attributes: Record<string, string> = cited.length > 0 ? { citations: citationsAttribute(cited) } : {};
      const reply = await storeBotReply(s, replyId, text, meta, attributes, unanswered ? "none" : "model");
      if (unanswered) {
        // Nothing could answer (the local provider's fallback): a human should, once per bot episode.
        const handoff = botHandoff(s, { text: question, answered: false });
        if (handoff) await handoff;
      } else if (prepared?.kind === "model" && deps.knowledge && question.trim()) {
        deps.knowledge
          .remember(s.tenantId, question, text, prepared, attributes)
          .catch((error) => logger.warn("answer cache store failed", { sessionId: s.id, error }));
      }
      return reply;
    } catch (error) {
      if (abort.signal.aborted) return undefined;
      const e = error instanceof KefuError ? error : new KefuError("internal", "the bot could not answer");
      if (!(error instanceof KefuError)) logger.error("bot reply failed", { sessionId: s.id, error });
      fanout.session(s.id, {
        error: { code: e.code, message: `the bot could not answer: ${e.message}`, ref: replyId },
      });
      // The bot cannot answer: a human should (once per bot episode).
      const handoff = botHandoff(s, { text: "", answered: false });
      if (handoff) await handoff;
      throw e;
    } finally {
      if (s.botAbort === abort) s.botAbort = undefined;
    }
  }

  /**
   * Feeds a bot turn to the handoff decision; when it says so (once per bot episode),
   * queues the session for a human and returns that work (errors are logged, not thrown).
   */
  function botHandoff(s: Session, turn: HandoffTurn): Promise<void> | undefined {
    const d = decideHandoff(s.handoff ?? initialHandoffState(), turn);
    s.handoff = d.state;
    if (!d.decision.handoff || s.state !== "bot") return undefined;
    const reason = d.decision.reason;
    metrics.botHandoffs.inc({ reason });
    return handoffInternal(s, s.group ?? "default", reason).catch((error) =>
      logger.error("handoff failed", { sessionId: s.id, error }),
    );
  }

  /**
   * The bot's turn after a visitor message (on the tenant's home): hand off when the
   * visitor asked for a human or is clearly unhappy (once per bot episode), answer from
   * an intent without a model, or answer with the bot.
   */
  function visitorTurn(s: Session, trigger: SessionEvent, text: string): Promise<BotReply | undefined> {
    const classified = deps.classify?.(s.tenantId, text);
    // Only a confident intent acts; a weak match only counts towards the low-confidence streak.
    const cls = classified && classified.confidence >= config.kb.intentThreshold ? classified : undefined;
    const handoff = botHandoff(s, {
      text,
      ...(classified ? { confidence: classified.confidence } : {}),
      ...(cls?.action ? { intentAction: cls.action.type } : {}),
    });
    if (handoff) return handoff.then(() => undefined);
    // Intents answer without a model: a template, or the question that collects a missing entity.
    const action = cls?.action;
    const direct =
      action?.type === "template"
        ? action.text
        : action?.type === "collect" && !cls?.entities.some((e) => e.type === action.entity)
          ? action.prompt
          : undefined;
    const quick = action?.type === "template" || action?.type === "collect" ? action.quickReplies : undefined;
    return direct !== undefined ? directReply(s, trigger, direct, cls?.intent ?? "", quick) : botReply(s, trigger);
  }

  /** The knowledge step of a bot turn; a failure there is logged and the model answers without sources. */
  async function prepareKnowledge(s: Session, question: string): Promise<DirectAnswer | ModelContext | undefined> {
    if (!deps.knowledge || !question.trim()) return undefined;
    try {
      return await deps.knowledge.prepare(s.tenantId, question);
    } catch (error) {
      logger.warn("knowledge lookup failed; answering without sources", { sessionId: s.id, error });
      return undefined;
    }
  }

  /**
   * Stores an answer the bot gives without a model (intent template or entity prompt),
   * with the intent's quick replies as the `quick_replies` attribute (a JSON array of strings).
   */
  async function directReply(
    s: Session,
    trigger: SessionEvent,
    text: string,
    intent: string,
    quickReplies?: readonly string[],
  ): Promise<BotReply> {
    const attributes: Record<string, string> = quickReplies?.length
      ? { quick_replies: JSON.stringify(quickReplies) }
      : {};
    const meta = { target: "intents", route: `intent:${intent}`, attempts: 0 };
    return storeBotReply(s, `bot-${trigger.seq}`, text, meta, attributes);
  }

  /**
   * Stores the bot's answer (idempotent on `replyId`) and publishes it; `source` labels
   * the answer metric (default: from the route, "faq", "cache", "intent" or "model").
   */
  async function storeBotReply(
    s: Session,
    replyId: string,
    text: string,
    meta: ReplyMeta,
    attributes: Record<string, string> = {},
    source?: "model" | "none",
  ): Promise<BotReply> {
    const r = await store.append({
      tenantId: s.tenantId,
      sessionId: s.id,
      actor: { kind: "bot", id: meta.target },
      body: {
        type: "message",
        clientMsgId: replyId,
        text,
        attributes: { ...attributes, target: meta.target, route: meta.route },
      },
    });
    published(s, r);
    metrics.messages.inc({ actor: "bot" });
    metrics.tenant?.message(s.tenantId, "bot");
    if (!r.duplicate) {
      const label = source ?? answerSource(meta);
      metrics.botAnswers.inc({ source: label });
      metrics.tenant?.botAnswer(s.tenantId, label);
    }
    return { text, seq: r.event.seq, meta };
  }

  function finish(s: Session): void {
    s.botAbort?.abort();
    for (const t of [s.idle, s.sla, s.queueAlert]) if (t !== undefined) timers.cancel(t);
    unroute(s.id);
    if (s.agentId) fanout.leave(s.agentId, s.id);
    sessions.delete(s.id);
    deps.cluster?.unfollow(s.id);
    void hot.drop(s.id);
    if (link && runsHere(s.tenantId)) {
      link.registry
        .removeSession(s.tenantId, s.id)
        .catch((error) => logger.warn("could not unregister a closed session", { sessionId: s.id, error }));
    }
  }

  // ---- timers --------------------------------------------------------------------

  function touchIdle(s: Session): void {
    if (s.idle !== undefined && timers.reschedule(s.idle, c.visitorIdleMs)) return;
    s.idle = timers.schedule(c.visitorIdleMs, () => {
      s.idle = undefined;
      void locked(s, async () => {
        if (s.state === "closed") return;
        await transition(s, "closed", "idle");
        fanout.session(s.id, { close: { sessionId: s.id, reason: "idle" } });
        metrics.timeouts.inc({ kind: "visitor_idle" });
      }).catch((error) => logger.error("idle close failed", { sessionId: s.id, error }));
    });
  }

  /** A message was stored: the visitor-idle timer restarts; an agent's reply meets the first-response SLA. */
  function messageTimers(s: Session, actor: ActorKind): void {
    if (s.state === "closed") return;
    touchIdle(s);
    if (actor === "agent" && s.sla !== undefined) {
      timers.cancel(s.sla);
      s.sla = undefined;
    }
  }

  // ---- work that runs on the tenant's home ------------------------------------------

  /** The home loads a session another node uses (so its timers, bot and routing run). */
  const touch = homeOp(
    "touch",
    ([tenantId]) => tenantId,
    async (tenantId: string, sessionId: string) => {
      const s = await load(sessionId);
      if (s.tenantId !== tenantId) throw forbidden("the session belongs to another tenant");
      if (s.state !== "closed" && s.idle === undefined) touchIdle(s);
      await link?.registry.addSession(tenantId, sessionId);
    },
  );

  /** Brings a loaded session up to `seq` from the EventStore (the relay may not have delivered yet). */
  async function catchUp(s: Session, seq: number): Promise<void> {
    while (s.lastSeq < seq) {
      const page = await store.readAfter(s.id, s.lastSeq, Math.min(1000, seq - s.lastSeq));
      if (page.length === 0) return;
      for (const e of page) applyEvent(s, e);
    }
  }

  /** A visitor message stored by another node: the home answers it (the reply is returned to that node). */
  const botTurn = homeOp(
    "botTurn",
    ([tenantId]) => tenantId,
    async (_tenantId: string, sessionId: string, seq: number): Promise<BotReply | undefined> => {
      const s = await load(sessionId);
      await catchUp(s, seq);
      const [trigger] = await store.readAfter(s.id, seq - 1, 1);
      if (!trigger || trigger.seq !== seq || trigger.body.type !== "message" || trigger.actor.kind !== "visitor")
        return undefined;
      if (s.state !== "bot" || !deps.bot) return undefined;
      return visitorTurn(s, trigger, trigger.body.text);
    },
    () => link?.botTurnTimeoutMs ?? 60_000,
  );

  /**
   * This node became a tenant's home: reload its seats and open sessions, put queued
   * sessions back in their queues and assigned ones back with their agents, restart
   * their timers. Agents whose sockets do not come back within the grace period are
   * treated as gone (their sessions return to the bot).
   */
  async function adopt(tenantId: string): Promise<void> {
    if (!link) return;
    const started = Date.now();
    for (const a of await link.registry.agents(tenantId)) {
      if (!link.homes.isHome(tenantId)) return;
      if (!routing.getAgent(a.id)) {
        routing.registerAgent({
          id: a.id,
          tenantId,
          groups: a.groups,
          capacity: a.capacity,
          state: a.state,
          version: a.version,
        });
      }
      if (a.name) agentNames.set(a.id, a.name);
      const where = await link.presence?.nodesOf(a.id).catch(() => []);
      for (const node of where ?? []) connectAgent({ role: "agent", tenantId, subject: a.id }, node);
      if (!agentNodes.get(a.id)?.size) agentGone(a.id, tenantId);
    }
    for (const l of localAgents.values()) if (l.p.tenantId === tenantId) connectAgent(l.p, nodeId);
    const ids = await link.registry.sessions(tenantId, link.maxAdoptSessions);
    let requeued = 0;
    const next = ids[Symbol.iterator]();
    const worker = async () => {
      for (let r = next.next(); !r.done; r = next.next()) {
        if (!link.homes.isHome(tenantId)) return;
        const id = r.value;
        try {
          const s = await load(id);
          if (s.state === "closed") {
            await link.registry.removeSession(tenantId, id);
            continue;
          }
          if (s.idle === undefined) touchIdle(s);
          if (s.state === "queued" || s.state === "assigned") {
            if (routing.locate(id)) continue;
            const group = s.group ?? "default";
            const held =
              s.state === "assigned" &&
              s.agentId !== undefined &&
              routing.restoreAssignment({ tenantId, sessionId: id, group, agentId: s.agentId });
            if (!held) {
              if (s.state === "assigned") await returnToBotInternal(s, "agent_unavailable_after_failover");
              else routing.enqueue({ tenantId, sessionId: id, group });
            }
            requeued++;
          }
        } catch (error) {
          if (error instanceof KefuError && error.code === "not_found") await link.registry.removeSession(tenantId, id);
          else logger.warn("could not reload a session of an adopted tenant", { tenantId, sessionId: id, error });
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    logger.info("tenant adopted", { tenantId, sessions: ids.length, routed: requeued, ms: Date.now() - started });
  }

  /** This node is no longer a tenant's home: stop its timers and bot answers, forget its routing. */
  function abandon(tenantId: string): void {
    for (const s of sessions.values()) {
      if (s.tenantId !== tenantId) continue;
      s.botAbort?.abort();
      for (const t of [s.idle, s.sla, s.queueAlert]) if (t !== undefined) timers.cancel(t);
      s.idle = s.sla = s.queueAlert = undefined;
    }
    for (const a of routing.listAgents(tenantId)) {
      routing.removeAgent(a.id);
      const t = goneTimers.get(a.id);
      if (t !== undefined) timers.cancel(t);
      goneTimers.delete(a.id);
      agentNodes.delete(a.id);
    }
    for (const q of routing.queueSummary(tenantId)) {
      for (const e of routing.listQueue(tenantId, q.group, Number.MAX_SAFE_INTEGER)) routing.release(e.sessionId);
    }
    logger.info("tenant handed over", { tenantId });
  }

  /** Home side: an agent has a socket on `node` (cancels its grace timer). */
  function connectAgent(p: Principal, node: string): void {
    let set = agentNodes.get(p.subject);
    if (!set) {
      set = new Set();
      agentNodes.set(p.subject, set);
    }
    set.add(node);
    const t = goneTimers.get(p.subject);
    if (t !== undefined) timers.cancel(t);
    goneTimers.delete(p.subject);
  }

  /** Home side: after the grace period without a socket, the agent's sessions return to the bot. */
  function agentGone(agentId: string, tenantId: string): void {
    if (goneTimers.has(agentId)) return;
    goneTimers.set(
      agentId,
      timers.schedule(c.agentReconnectGraceMs, () => {
        goneTimers.delete(agentId);
        if (agentNodes.get(agentId)?.size || !runsHere(tenantId)) return;
        metrics.timeouts.inc({ kind: "agent_gone" });
        for (const s of sessions.values()) {
          if (s.agentId === agentId && s.state === "assigned") {
            void returnToBotInternal(s, "agent_disconnected").catch((error) =>
              logger.error("return to bot failed", { sessionId: s.id, error }),
            );
          }
        }
      }),
    );
  }

  /** Returns the sessions the agent holds, so the node with its new socket can join them. */
  const agentConnectedOp = homeOp(
    "agentConnected",
    ([p]) => p.tenantId,
    async (p: Principal, node: string) => {
      connectAgent(p, node);
      const a = routing.getAgent(p.subject);
      return a && a.tenantId === p.tenantId ? a.sessions : [];
    },
  );
  const announceAgent = (p: Principal) =>
    agentConnectedOp(p, nodeId)
      .then((held) => {
        if (!link) return; // one node: the hub already follows them
        for (const id of held) void deps.cluster?.joinLocal?.(p.subject, id);
      })
      .catch((error) => logger.warn("could not announce an agent to its tenant's home", { agentId: p.subject, error }));
  const agentDisconnectedOp = homeOp(
    "agentDisconnected",
    ([p]) => p.tenantId,
    async (p: Principal, node: string) => {
      const set = agentNodes.get(p.subject);
      set?.delete(node);
      if (!set?.size) {
        agentNodes.delete(p.subject);
        agentGone(p.subject, p.tenantId);
      }
    },
  );

  /** Keeps the registry's copy of a seat (what a new home rebuilds from). */
  function saveSeat(v: AgentView): void {
    if (!link || !runsHere(v.tenantId)) return;
    link.registry
      .putAgent(v.tenantId, {
        id: v.id,
        groups: [...v.groups],
        capacity: v.capacity,
        state: v.state,
        version: v.version,
        ...(agentNames.has(v.id) ? { name: agentNames.get(v.id) as string } : {}),
      })
      .catch((error) => logger.warn("could not save an agent seat", { agentId: v.id, error }));
  }

  function agentPresence(s: Session, agentId: string, online: boolean): void {
    fanout.session(s.id, { presence: { sessionId: s.id, actor: { kind: 2, id: agentId }, online } });
  }

  function alert(s: Session, kind: string, message: string): void {
    metrics.alerts.inc({ kind });
    const frame = { alert: { sessionId: s.id, kind, message, agentId: s.agentId ?? "" } };
    fanout.supervisors(s.tenantId, frame);
    if (s.agentId) fanout.agent(s.agentId, frame);
  }

  /**
   * An event of a loaded session stored by another node (or this node's own, coming back
   * through the cluster): brings the copy up to date; older events are ignored. On the
   * tenant's home a message restarts the timers.
   */
  function applyEvent(s: Session, e: SessionEvent): void {
    if (e.seq <= s.lastSeq) return;
    s.lastSeq = e.seq;
    const human = e.actor.kind === "visitor" || e.actor.kind === "agent";
    if (e.body.type === "message" && human && runsHere(s.tenantId)) messageTimers(s, e.actor.kind);
    if (e.body.type !== "state_changed") return;
    s.state = e.body.to;
    s.agentId = e.body.agentId;
    s.group = e.body.group;
    if (s.state !== "bot") s.botAbort?.abort();
    if (s.state === "closed") {
      // The closing node dropped the shared history; here only the local copy goes.
      for (const t of [s.idle, s.sla, s.queueAlert]) if (t !== undefined) timers.cancel(t);
      sessions.delete(s.id);
      deps.cluster?.unfollow(s.id);
    }
  }

  // ---- routing callbacks -----------------------------------------------------------

  /** Frees whatever the router holds for a session (queue place or agent capacity). */
  const unroute = (sessionId: string) => {
    routing.release(sessionId);
  };

  /** Agents' display names (set by `upsertAgent`, kept in the tenant registry for a takeover). */
  const agentNames = new Map<string, string>();

  const routingListener: Partial<RoutingListener> = {
    assigned(a) {
      const s = sessions.get(a.sessionId);
      if (!s) {
        logger.warn("assignment of a session that is not loaded", { sessionId: a.sessionId, agentId: a.agentId });
        return;
      }
      if (s.queueAlert !== undefined) timers.cancel(s.queueAlert);
      s.queueAlert = undefined;
      void locked(s, async () => {
        const prev = s.agentId;
        await transition(s, "assigned", prev && prev !== a.agentId ? "transferred" : "assigned", () => {
          s.agentId = a.agentId;
          s.group = a.group;
        });
        if (prev && prev !== a.agentId) {
          fanout.leave(prev, s.id);
          agentPresence(s, prev, false);
        }
        fanout.join(a.agentId, s.id);
        agentPresence(s, a.agentId, true);
        const agentName = agentNames.get(a.agentId);
        const frame = {
          assignment: {
            sessionId: s.id,
            agentId: a.agentId,
            group: a.group,
            waitedMs: a.waitedMs,
            ...(agentName ? { agentName } : {}),
          },
        };
        fanout.session(s.id, frame);
        fanout.agent(a.agentId, frame);
        fanout.supervisors(s.tenantId, frame);
        metrics.queueWait.observe({ group: a.group }, a.waitedMs / 1000);
        // First-response SLA: the agent must answer within agentFirstResponseMs.
        if (s.sla !== undefined) timers.cancel(s.sla);
        s.sla = timers.schedule(c.agentFirstResponseMs, () => {
          s.sla = undefined;
          alert(s, "first_response_sla", `no agent reply within ${c.agentFirstResponseMs} ms`);
        });
      }).catch((error) => logger.error("assignment failed", { sessionId: s.id, error }));
    },
    queuePositions(updates) {
      for (const u of updates) {
        fanout.session(u.sessionId, {
          queuePosition: { sessionId: u.sessionId, group: u.group, position: u.position },
        });
      }
    },
    agentChanged(v) {
      seatStates.set(v.id, v.state);
      saveSeat(v);
      const frame = {
        agentState: { agentId: v.id, state: seatEnum(v.state), version: v.version, capacity: v.capacity, load: v.load },
      };
      fanout.agent(v.id, frame);
      fanout.supervisors(v.tenantId, frame);
    },
    agentRemoved(r) {
      seatStates.delete(r.agentId);
    },
  };

  // ---- the API ---------------------------------------------------------------------

  return {
    /** Forward the router's events here. */
    routingListener,

    /**
     * An event of a followed session as the cluster delivers it (another node's, or this
     * node's own coming back): brings the loaded session up to date; older events are ignored.
     */
    applyRemote(e: SessionEvent): void {
      const s = sessions.get(e.sessionId);
      if (s) applyEvent(s, e);
    },

    /** Loads and follows a session (an agent of this node was joined to it). */
    async follow(sessionId: string): Promise<void> {
      await load(sessionId);
    },

    /** Tenant homes: wire `createTenantHomes`' callbacks here. */
    homeListener: {
      adopted(tenantId: string): void {
        adopt(tenantId).catch((error) => logger.error("tenant adoption failed", { tenantId, error }));
      },
      lost(tenantId: string): void {
        abandon(tenantId);
      },
      /** Another node is the tenant's home now: tell it about this node's agents. */
      moved(tenantId: string, node: string): void {
        if (node === nodeId) return;
        for (const l of localAgents.values()) {
          if (l.p.tenantId === tenantId) void announceAgent(l.p);
        }
      },
    },

    /** Opens a session for a visitor (state `bot`); its first event is `started`. */
    async startSession(input: { tenantId: string; visitorId?: string; metadata?: Record<string, string> }) {
      const metadata = input.metadata ?? {};
      if (JSON.stringify(metadata).length > MAX_METADATA_CHARS)
        throw invalid(`metadata exceeds ${MAX_METADATA_CHARS} characters`);
      const id = randomUUID();
      const visitorId = input.visitorId || `v-${randomUUID()}`;
      const r = await store.append({
        tenantId: input.tenantId,
        sessionId: id,
        actor: { kind: "visitor", id: visitorId },
        body: { type: "started", visitorId, metadata },
      });
      const s: Session = {
        id,
        tenantId: input.tenantId,
        visitorId,
        state: "bot",
        lastSeq: r.event.seq,
        lock: Promise.resolve(),
      };
      sessions.set(id, s);
      void hot.push(r.event);
      await deps.cluster?.follow(id, s.lastSeq);
      if (!link) touchIdle(s);
      else {
        // The tenant's home runs the session's timers (and, after a takeover, reloads it from the registry).
        await touch(input.tenantId, id).catch((error) =>
          logger.warn("could not tell the tenant's home about a new session", { sessionId: id, error }),
        );
      }
      metrics.sessionsStarted.inc();
      metrics.tenant?.sessionStarted(input.tenantId);
      return { sessionId: id, visitorId };
    },

    async describe(p: Principal, sessionId: string): Promise<SessionView> {
      const s = await load(sessionId);
      authorize(p, s, false);
      return {
        sessionId: s.id,
        tenantId: s.tenantId,
        state: s.state,
        stateEnum: stateToProto(s.state),
        ...(s.agentId ? { agentId: s.agentId } : {}),
        ...(s.group ? { group: s.group } : {}),
        lastSeq: s.lastSeq,
      };
    },

    /** Stores a chat message; resolves once it is durable. */
    /**
     * The visitor rates its conversation (open or closed): `score` 1–5, an optional comment
     * (at most {@link MAX_RATING_COMMENT} characters). Stored as a `rating` event, published
     * to the session and counted; a session keeps one rating (409 `already_rated`).
     */
    async rate(p: Principal, sessionId: string, score: number, comment = ""): Promise<SendResult> {
      if (p.role !== "visitor") throw forbidden("only the visitor rates a conversation");
      if (!Number.isInteger(score) || score < 1 || score > 5) throw invalid("score is an integer from 1 to 5");
      const words = comment.trim();
      if (words.length > MAX_RATING_COMMENT) throw invalid(`comment is at most ${MAX_RATING_COMMENT} characters`);
      const s = await load(sessionId);
      authorize(p, s, false);
      const r = await store.append({
        tenantId: s.tenantId,
        sessionId: s.id,
        actor: { kind: "visitor", id: p.subject },
        body: { type: "rating", score, ...(words ? { comment: words } : {}) },
      });
      if (r.duplicate)
        throw new KefuError("already_rated", "this conversation has been rated already", { status: 409 });
      published(s, r);
      // A closed session has no followers left: its last agent hears the rating on its own topic.
      if (s.state === "closed" && s.agentId) fanout.agent(s.agentId, { deliver: { event: toProto(r.event) } });
      metrics.ratings.inc({ score: String(score) });
      return r;
    },

    async send(p: Principal, sessionId: string, m: OutgoingMessage): Promise<SendResult> {
      if (!m.clientMsgId || m.clientMsgId.length > MAX_CLIENT_MSG_ID) {
        throw invalid(`message.clientMsgId must be 1 to ${MAX_CLIENT_MSG_ID} characters`);
      }
      if (!m.text) throw invalid("message.text is required");
      if (m.text.length > c.maxTextChars) throw invalid(`message.text exceeds ${c.maxTextChars} characters`);
      if (Object.keys(m.attributes ?? {}).length > MAX_ATTRIBUTES)
        throw invalid(`at most ${MAX_ATTRIBUTES} attributes`);
      if (m.internal) return note(p, sessionId, m);
      const s = await load(sessionId);
      authorize(p, s, true);
      if (s.state === "closed") throw new KefuError("session_closed", "the session is closed", { status: 409 });
      let attributes = m.attributes;
      if (attributes?.attachments !== undefined && deps.attachments)
        attributes = { ...attributes, attachments: await deps.attachments(s.id, attributes.attachments) };
      const r = await store.append({
        tenantId: s.tenantId,
        sessionId: s.id,
        actor: { kind: actorKind(p), id: p.subject },
        body: {
          type: "message",
          clientMsgId: m.clientMsgId,
          text: m.text,
          ...(attributes && Object.keys(attributes).length ? { attributes } : {}),
        },
      });
      if (r.duplicate) {
        metrics.duplicates.inc();
        return r;
      }
      published(s, r);
      metrics.messages.inc({ actor: actorKind(p) });
      metrics.tenant?.message(s.tenantId, actorKind(p));
      if (runsHere(s.tenantId)) messageTimers(s, p.role === "visitor" ? "visitor" : "agent");
      // The bot reads text: a message carrying images (its text is their file name) waits for a human.
      if (p.role === "visitor" && s.state === "bot" && deps.bot && !m.attributes?.attachments) {
        const reply = link ? botTurn(s.tenantId, s.id, r.event.seq) : visitorTurn(s, r.event, m.text);
        reply.catch(() => {}); // reported to the session as an error frame
        return { ...r, reply };
      }
      return r;
    },

    /** The events after `lastSeq`, complete or not at all. */
    async replay(p: Principal, sessionId: string, lastSeq: number): Promise<Replay> {
      const s = await load(sessionId);
      authorize(p, s, false);
      if (!Number.isInteger(lastSeq) || lastSeq < 0) throw invalid("lastSeq must be a non-negative integer");
      if (lastSeq > s.lastSeq) throw invalid(`lastSeq ${lastSeq} is ahead of the session (${s.lastSeq})`);
      const want = s.lastSeq - lastSeq;
      if (want === 0) return { events: [], source: "hot", toSeq: s.lastSeq };
      if (want > c.maxReplayEvents) {
        throw new KefuError(
          "replay_too_large",
          `the gap of ${want} events exceeds ${c.maxReplayEvents}; start from a later seq`,
          {
            status: 413,
          },
        );
      }
      const fromHot = await hot.after(s.id, lastSeq);
      const toSeq = s.lastSeq;
      if (fromHot.complete && (fromHot.events.at(-1)?.seq ?? 0) >= toSeq) {
        metrics.replays.inc({ source: "hot" });
        return { events: fromHot.events.filter((e) => e.seq <= toSeq), source: "hot", toSeq };
      }
      const events = await store.readAfter(s.id, lastSeq, want);
      const contiguous = events.length === want && events.every((e, i) => e.seq === lastSeq + 1 + i);
      if (!contiguous) {
        throw new KefuError("replay_unavailable", `events ${lastSeq + 1}..${toSeq} cannot all be replayed`, {
          status: 410,
        });
      }
      metrics.replays.inc({ source: "store" });
      return { events, source: "store", toSeq };
    },

    /** Typing indicator: published, not stored. */
    async typing(p: Principal, sessionId: string, on: boolean): Promise<void> {
      const s = await load(sessionId);
      authorize(p, s, true);
      fanout.session(s.id, {
        typing: { sessionId: s.id, on, actor: { kind: actorKind(p) === "visitor" ? 1 : 2, id: p.subject } },
      });
    },

    /** Read receipt: published, not stored. */
    async read(p: Principal, sessionId: string, seq: number): Promise<void> {
      const s = await load(sessionId);
      authorize(p, s, false);
      if (!Number.isInteger(seq) || seq < 1 || seq > s.lastSeq) throw invalid(`seq must be between 1 and ${s.lastSeq}`);
      fanout.session(s.id, {
        read: { sessionId: s.id, seq, actor: { kind: actorKind(p) === "visitor" ? 1 : 2, id: p.subject } },
      });
    },

    /** The visitor (or the bot) asks for a human: bot → queued, then routing assigns. */
    handoff: homeOp(
      "handoff",
      tenantOfSession,
      async (p: Principal, sessionId: string, group: string, reason: string): Promise<void> => {
        const s = await load(sessionId);
        authorize(p, s, p.role !== "visitor");
        await handoffInternal(s, group || "default", reason || "handoff");
      },
    ),

    /** Moves a session to another agent or group (its agent, or a supervisor). */
    transfer: homeOp(
      "transfer",
      tenantOfSession,
      async (
        p: Principal,
        sessionId: string,
        to: { toAgentId?: string; toGroup?: string; reason?: string },
      ): Promise<void> => {
        const s = await load(sessionId);
        authorize(p, s, true);
        if (!to.toAgentId && !to.toGroup) throw invalid("transfer needs toAgentId or toGroup");
        if (s.state !== "assigned")
          throw new KefuError("invalid_transition", `a ${s.state} session cannot be transferred`, { status: 409 });
        if (to.toAgentId) {
          routing.transfer(s.id, { toAgentId: to.toAgentId });
          return;
        }
        const prev = s.agentId;
        await locked(s, () =>
          transition(s, "queued", to.reason || "transfer", () => {
            s.group = to.toGroup;
            delete s.agentId;
          }),
        );
        if (prev) {
          agentPresence(s, prev, false);
          fanout.leave(prev, s.id);
        }
        routing.transfer(s.id, { toGroup: to.toGroup as string });
      },
    ),

    /** Hands a session back to the bot. */
    returnToBot: homeOp(
      "returnToBot",
      tenantOfSession,
      async (p: Principal, sessionId: string, reason: string): Promise<void> => {
        const s = await load(sessionId);
        authorize(p, s, true);
        await returnToBotInternal(s, reason || "returned");
      },
    ),

    /** Ends a session. */
    close: homeOp("close", tenantOfSession, async (p: Principal, sessionId: string, reason: string): Promise<void> => {
      const s = await load(sessionId);
      authorize(p, s, true);
      await locked(s, () => transition(s, "closed", reason || `closed by ${p.role}`));
      fanout.session(s.id, { close: { sessionId: s.id, reason: reason || `closed by ${p.role}` } });
    }),

    /** A supervisor (or an agent of the tenant) follows a session. */
    async watch(p: Principal, sessionId: string): Promise<void> {
      if (p.role !== "supervisor") throw forbidden("only supervisors can watch sessions");
      const s = await load(sessionId);
      authorize(p, s, false);
    },

    /** Seat change with compare-and-set on `expectedVersion`. */
    /**
     * The tenant's seats as the home node's router has them (state, version, capacity,
     * load): the starting picture of a supervisor, who then follows `agentState` frames.
     */
    seats: homeOp(
      "seats",
      ([tenantId]) => tenantId,
      async (tenantId: string): Promise<SeatView[]> =>
        routing
          .listAgents(tenantId)
          .sort((a, b) => a.id.localeCompare(b.id))
          .map((a) => ({
            agentId: a.id,
            state: seatEnum(a.state),
            version: a.version,
            capacity: a.capacity,
            load: a.load,
          })),
    ),

    /**
     * The tenant's queued sessions as the home node's router has them (at most
     * `perGroup` per group), longest wait first: correct from any node of a cluster.
     */
    queue: homeOp(
      "queue",
      ([tenantId]) => tenantId,
      async (tenantId: string, perGroup: number): Promise<QueuedView[]> =>
        routing
          .queueSummary(tenantId)
          .flatMap((g) =>
            routing
              .listQueue(tenantId, g.group, perGroup)
              .map((e) => ({ sessionId: e.sessionId, group: g.group, position: e.position, waitedMs: e.waitedMs })),
          )
          .sort((a, b) => b.waitedMs - a.waitedMs),
    ),

    setAgentState: homeOp(
      "setAgentState",
      ([p]) => p.tenantId,
      async (p: Principal, state: SeatState, expectedVersion: number) => {
        if (p.role === "visitor") throw forbidden("visitors have no seat");
        const known = routing.getAgent(p.subject);
        if (known && known.tenantId !== p.tenantId) throw forbidden("the agent belongs to another tenant");
        const r = routing.setState(p.subject, state, expectedVersion);
        return {
          agentId: r.agent.id,
          state: seatEnum(r.agent.state),
          version: r.agent.version,
          capacity: r.agent.capacity,
          load: r.agent.load,
        };
      },
    ),

    /**
     * Registers an agent (admin API), or updates its groups and capacity. Throws 409
     * `conflict` when the id belongs to another tenant.
     */
    upsertAgent: homeOp(
      "upsertAgent",
      ([a]) => a.tenantId,
      async (a: AgentRegistration): Promise<AgentView> => {
        const known = routing.getAgent(a.id);
        if (known && known.tenantId !== a.tenantId) {
          throw new KefuError("conflict", `agent ${a.id} belongs to another tenant`, { status: 409 });
        }
        if (a.name) agentNames.set(a.id, a.name);
        else if (a.name === "") agentNames.delete(a.id);
        return known
          ? routing.updateAgent(a.id, { groups: a.groups, capacity: a.capacity })
          : routing.registerAgent({ id: a.id, tenantId: a.tenantId, groups: a.groups, capacity: a.capacity });
      },
    ),

    /** An agent's socket opened on this node: cancel a pending return-to-bot. */
    agentConnected(p: Principal): void {
      const l = localAgents.get(p.subject);
      if (l) l.sockets++;
      else localAgents.set(p.subject, { p, sockets: 1 });
      if (l) return;
      link?.presence?.here(p.subject, true);
      void announceAgent(p);
    },

    /** An agent's last socket on this node closed: after the grace period its sessions return to the bot. */
    agentDisconnected(p: Principal): void {
      const l = localAgents.get(p.subject);
      if (l && --l.sockets > 0) return;
      localAgents.delete(p.subject);
      link?.presence?.here(p.subject, false);
      agentDisconnectedOp(p, nodeId).catch((error) =>
        logger.warn("could not tell the tenant's home an agent left", { agentId: p.subject, error }),
      );
    },

    /** Sessions currently held (for tests and metrics). */
    get size() {
      return sessions.size;
    },
  };

  /**
   * Stores an internal note. Any agent or supervisor of the tenant may note a session
   * (a colleague's too: notes are for hand-overs), while it is open; the bot and the
   * timers ignore notes.
   */
  async function note(p: Principal, sessionId: string, m: OutgoingMessage): Promise<SendResult> {
    if (p.role === "visitor") throw forbidden("visitors cannot write internal notes");
    if (m.attributes && Object.keys(m.attributes).length) throw invalid("an internal note has no attributes");
    const s = await load(sessionId);
    authorize(p, s, false);
    if (s.state === "closed") throw new KefuError("session_closed", "the session is closed", { status: 409 });
    const r = await store.append({
      tenantId: s.tenantId,
      sessionId: s.id,
      actor: { kind: "agent", id: p.subject },
      body: { type: "note", clientMsgId: m.clientMsgId, text: m.text },
    });
    if (r.duplicate) {
      metrics.duplicates.inc();
      return r;
    }
    published(s, r);
    return r;
  }

  async function handoffInternal(s: Session, g: string, reason: string): Promise<void> {
    await locked(s, async () => {
      await transition(s, "queued", reason, () => {
        s.group = g;
      });
      s.queueAlert = timers.schedule(c.queueWaitAlertMs, () => {
        s.queueAlert = undefined;
        alert(s, "queue_wait", `waiting for an agent for more than ${c.queueWaitAlertMs} ms`);
      });
    });
    try {
      routing.enqueue({ tenantId: s.tenantId, sessionId: s.id, group: g });
    } catch (e) {
      // Refused (queue full): back to the bot, and the caller hears why.
      await locked(s, () => transition(s, "bot", "queue_refused"));
      if (s.queueAlert !== undefined) timers.cancel(s.queueAlert);
      throw e;
    }
  }

  async function returnToBotInternal(s: Session, reason: string): Promise<void> {
    const prev = s.agentId;
    s.handoff = undefined;
    await locked(s, () =>
      transition(s, "bot", reason, () => {
        delete s.agentId;
      }),
    );
    for (const t of [s.sla, s.queueAlert]) if (t !== undefined) timers.cancel(t);
    s.sla = undefined;
    s.queueAlert = undefined;
    unroute(s.id);
    if (prev) fanout.leave(prev, s.id);
  }
}

function seatEnum(s: SeatState): kefu.v1.SeatState {
  return ({ online: 1, busy: 2, away: 3, offline: 4 } as const)[s];
}
