/**
 * The realtime WebSocket handler, on Bun's native WebSocket server (not Elysia's
 * per-connection wrapper: each connection carries only `SocketData`, so tens of
 * thousands of idle sessions stay cheap). One handler serves every role.
 *
 * Per frame: size bound → rate-limit rules and blocks (`frameLimit`) →
 * per-connection token bucket → decode → dispatch to the conversation service →
 * reply. Bad input gets an Error frame and the connection stays open; it closes
 * only for abuse (frames over 4× the size bound, a client that keeps hitting the
 * rate limit, a blocked client) or a slow consumer.
 *
 * Close codes: 1008 policy (abuse, blocked), 1009 frame too large (over the hard bound),
 * 4008 slow consumer (buffer over `realtime.maxBufferedBytes`; resume later),
 * 4001 token expired, 4004 session closed.
 *
 * @example
 *   Bun.serve({ fetch, websocket: createSocketHandler(deps) });
 */
import type { ServerWebSocket, WebSocketHandler } from "bun";
import type { Principal } from "../../engine/auth/tokens.ts";
import type { Clock } from "../../engine/clock.ts";
import type { Config } from "../../engine/config.ts";
import type { ConversationService } from "../../engine/conversations/service.ts";
import { KefuError } from "../../engine/errors.ts";
import { forVisitor, toProto } from "../../engine/events.ts";
import type { Logger } from "../../engine/logger.ts";
import type { AnomalyClusters } from "../../engine/observability/anomalies.ts";
import type { kefu } from "../../proto/index.ts";
import { decodeFrame, encodeFrame, FrameDecodeError, type WireFormat } from "./codec.ts";
import { type Hub, topic } from "./hub.ts";
import type { RealtimeMetrics } from "./metrics.ts";

/** What each connection carries (kept small on purpose). */
export interface SocketData {
  p: Principal;
  format: WireFormat;
  conn: string;
  /** Token bucket: tokens left and when it was last refilled (ms). */
  tokens: number;
  at: number;
  /** Consecutive rate-limit violations; too many closes the socket. */
  strikes: number;
  /** The API key that opened this socket, if one did (revoking it closes the socket). */
  keyId?: string;
  /** Client fingerprint for rate-limit rules and blocks (set at upgrade when known; else derived once from the address). */
  fp?: string;
  /** Visitors: the session's newest seq and state at upgrade, for the Welcome frame (then cleared). */
  hello?: { lastSeq: number; state: kefu.v1.SessionState } | undefined;
}

/** Close codes the server uses. */
export const CloseCode = {
  policy: 1008,
  tooLarge: 1009,
  tokenExpired: 4001,
  sessionClosed: 4004,
  slowConsumer: 4008,
} as const;

/** How many rate-limited frames in a row make a client abusive. */
const MAX_STRIKES = 20;

/** Dependencies of the socket handler. */
export interface SocketDeps {
  config: Config;
  service: ConversationService;
  hub: Hub;
  clock: Clock;
  logger: Logger;
  metrics: RealtimeMetrics;
  /** Rejected frames (too large, rate-limited, malformed, refused) are clustered here. */
  anomalies?: AnomalyClusters;
  /** Rate-limit rules and blocks on frames (gateway/limits/frames.ts); runs before the per-connection bucket. */
  frameLimit?: FrameLimit;
}

/** A frame's rate-limit verdict: `blocked` closes the socket (1008), a denial sends a `rate_limited` error frame. */
export interface FrameVerdict {
  allowed: boolean;
  blocked?: boolean;
  retryAfterMs?: number;
  /** Set when the limits could not be decided (e.g. `redis_unavailable`): an error frame, no strike. */
  unavailable?: string;
}

/** The hook the handler asks per frame, with the socket's data and remote address. */
export type FrameLimit = (d: SocketData, remoteAddress: string) => FrameVerdict | Promise<FrameVerdict>;

type WS = ServerWebSocket<SocketData>;

/** The start of a raw frame as text, for anomaly clustering (binary frames as their printable bytes). */
function rawSample(data: string | Buffer | Uint8Array): string {
  if (typeof data === "string") return data.slice(0, 512);
  return Buffer.from(data.subarray(0, 512))
    .toString("latin1")
    .replace(/[^\x20-\x7e]/g, " ");
}

/** Creates the Bun WebSocket handler. */
export function createSocketHandler(deps: SocketDeps): WebSocketHandler<SocketData> {
  const { config, service, hub, clock, metrics } = deps;
  const rt = config.realtime;

  const send = (ws: WS, frame: kefu.v1.IFrame) => {
    const status = ws.send(encodeFrame(frame, ws.data.format));
    if (status === -1) metrics.backpressured.inc();
    return status;
  };
  const sendError = (ws: WS, code: string, message: string, ref?: string | null) => {
    metrics.errors.inc({ code });
    send(ws, { error: { code, message, ref: ref ?? "" } });
  };

  /** Open visitor sockets per session: presence changes only on the first open and the last close. */
  const visitorSockets = new Map<string, number>();
  /** A visitor connection opened or closed: tell the session's followers when that changes presence. */
  const presence = (d: SocketData, online: boolean) => {
    const sessionId = d.p.sessionId as string;
    const before = visitorSockets.get(sessionId) ?? 0;
    const after = before + (online ? 1 : -1);
    if (after <= 0) visitorSockets.delete(sessionId);
    else visitorSockets.set(sessionId, after);
    if ((online && before === 0) || (!online && after <= 0)) {
      hub.session(sessionId, { presence: { sessionId, actor: { kind: 1, id: d.p.subject }, online } });
    }
  };

  /** Token bucket per connection, refilled from the injected clock. */
  const allow = (d: SocketData): boolean => {
    const now = clock.now();
    d.tokens = Math.min(rt.burst, d.tokens + ((now - d.at) / 1000) * rt.messagesPerSecond);
    d.at = now;
    if (d.tokens >= 1) {
      d.tokens -= 1;
      d.strikes = 0;
      return true;
    }
    d.strikes++;
    return false;
  };

  async function dispatch(ws: WS, f: kefu.v1.Frame): Promise<void> {
    const p = ws.data.p;
    const ref = f.id;
    switch (f.kind) {
      case "hello":
      case "ping":
        if (f.kind === "ping") send(ws, { id: ref, pong: { atUnixMs: clock.now() } });
        return;
      case "send": {
        const s = f.send as kefu.v1.Send;
        const m = s.message;
        const ack = await service.send(p, s.sessionId || p.sessionId || "", {
          clientMsgId: m?.clientMsgId ?? "",
          text: m?.text ?? "",
          attributes: m?.attributes ?? {},
          ...(s.internal ? { internal: true } : {}),
        });
        send(ws, {
          id: ref,
          ack: {
            sessionId: ack.event.sessionId,
            clientMsgId: m?.clientMsgId ?? "",
            seq: ack.event.seq,
            duplicate: ack.duplicate,
          },
        });
        return;
      }
      case "resume": {
        const r = f.resume as kefu.v1.Resume;
        const sessionId = r.sessionId || p.sessionId || "";
        if (p.role !== "visitor") {
          // Authorise first, then follow, then replay: live frames may overlap the replay (deduped by seq), never gap.
          await service.describe(p, sessionId);
          ws.subscribe(topic("st", sessionId, ws.data.format));
        }
        const replay = await service.replay(p, sessionId, Number(r.lastSeq));
        // Visitors get internal notes without their body (seq kept, so their log stays gap-free).
        const wire = p.role === "visitor" ? forVisitor : toProto;
        for (const e of replay.events) send(ws, { deliver: { event: wire(e) } });
        send(ws, {
          id: ref,
          resumed: {
            sessionId,
            fromSeq: Number(r.lastSeq),
            toSeq: replay.toSeq,
            replayed: replay.events.length,
            source: replay.source,
          },
        });
        return;
      }
      case "typing":
        await service.typing(p, f.typing?.sessionId || p.sessionId || "", Boolean(f.typing?.on));
        return;
      case "read":
        await service.read(p, f.read?.sessionId || p.sessionId || "", Number(f.read?.seq ?? 0));
        return;
      case "handoff":
        await service.handoff(
          p,
          f.handoff?.sessionId || p.sessionId || "",
          f.handoff?.group ?? "",
          f.handoff?.reason ?? "",
        );
        return;
      case "transfer": {
        const t = f.transfer as kefu.v1.Transfer;
        await service.transfer(p, t.sessionId, { toAgentId: t.toAgentId, toGroup: t.toGroup, reason: t.reason });
        return;
      }
      case "returnToBot":
        await service.returnToBot(p, f.returnToBot?.sessionId ?? "", f.returnToBot?.reason ?? "");
        return;
      case "close":
        await service.close(p, f.close?.sessionId || p.sessionId || "", f.close?.reason ?? "");
        return;
      case "agentState": {
        const a = f.agentState as kefu.v1.AgentState;
        const view = await service.setAgentState(p, seatName(a.state), Number(a.version));
        send(ws, { id: ref, agentState: view });
        return;
      }
      case "watch": {
        const sessionId = f.watch?.sessionId ?? "";
        await service.watch(p, sessionId);
        ws.subscribe(topic("st", sessionId, ws.data.format));
        return;
      }
      default:
        sendError(
          ws,
          "unknown_frame",
          f.kind ? `clients do not send ${f.kind} frames` : "the frame has no known type",
          ref,
        );
    }
  }

  return {
    maxPayloadLength: rt.maxFrameBytes * 4,
    // The sweep closes slow consumers at maxBufferedBytes with 4008; this is the hard stop behind it.
    backpressureLimit: rt.maxBufferedBytes * 4,
    closeOnBackpressureLimit: true,
    idleTimeout: Math.min(960, rt.heartbeatSec * 2),
    sendPings: true,
    perMessageDeflate: false,
    publishToSelf: false,

    open(ws) {
      const d = ws.data;
      metrics.connections.inc({ role: d.p.role });
      hub.track(ws);
      const welcome: kefu.v1.IWelcome = {
        connectionId: d.conn,
        role: d.p.role,
        tenantId: d.p.tenantId,
        maxFrameBytes: rt.maxFrameBytes,
        heartbeatMs: rt.heartbeatSec * 1000,
      };
      if (d.p.role === "visitor") {
        ws.subscribe(topic("s", d.p.sessionId as string, d.format));
        welcome.sessionId = d.p.sessionId as string;
      } else {
        welcome.agentId = d.p.subject;
        ws.subscribe(topic("a", d.p.subject, d.format));
        if (d.p.role === "supervisor") ws.subscribe(topic("sup", d.p.tenantId, d.format));
        hub.addAgentSocket(d.p.subject, ws);
        if (d.p.role === "agent") service.agentConnected(d.p);
      }
      if (d.hello) {
        welcome.lastSeq = d.hello.lastSeq;
        welcome.state = d.hello.state;
        d.hello = undefined;
      }
      send(ws, { welcome });
      if (d.p.role === "visitor") presence(d, true);
      if (d.p.role === "supervisor") {
        // The starting picture: every seat of the tenant now (from its home node); agentState frames follow.
        service
          .seats(d.p.tenantId)
          .then((seats) => {
            if (ws.readyState !== 1) return;
            for (const agentState of seats) send(ws, { agentState });
          })
          .catch((error) => deps.logger.warn("could not send a supervisor the seats", { error }));
      }
    },

    async message(ws, data) {
      const d = ws.data;
      const size = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
      metrics.framesIn.inc({ role: d.p.role });
      const reject = (reason: string, text?: string) =>
        deps.anomalies?.record({ reason, text: text ?? rawSample(data), tenantId: d.p.tenantId });
      if (size > rt.maxFrameBytes) {
        reject("frame_too_large");
        sendError(ws, "frame_too_large", `frame of ${size} bytes exceeds the limit of ${rt.maxFrameBytes} bytes`);
        return;
      }
      if (deps.frameLimit) {
        const pending = deps.frameLimit(d, ws.remoteAddress);
        const v = pending instanceof Promise ? await pending : pending;
        if (v.blocked) {
          metrics.closed.inc({ reason: "blocked" });
          ws.close(CloseCode.policy, "client blocked");
          return;
        }
        if (v.unavailable) {
          sendError(ws, v.unavailable, "rate limits cannot be checked right now: retry shortly");
          return;
        }
        if (!v.allowed) {
          // Counts toward the same strikes as the per-connection bucket: sustained abuse closes the socket.
          d.strikes++;
          reject("rate_limited");
          if (d.strikes >= MAX_STRIKES) {
            metrics.closed.inc({ reason: "abuse" });
            ws.close(CloseCode.policy, "rate limit exceeded repeatedly");
            return;
          }
          sendError(ws, "rate_limited", `rate limit exceeded: retry in ${Math.ceil((v.retryAfterMs ?? 0) / 1000)} s`);
          return;
        }
      }
      if (!allow(d)) {
        reject("rate_limited");
        if (d.strikes >= MAX_STRIKES) {
          metrics.closed.inc({ reason: "abuse" });
          ws.close(CloseCode.policy, "rate limit exceeded repeatedly");
          return;
        }
        sendError(ws, "rate_limited", `more than ${rt.messagesPerSecond} frames per second (burst ${rt.burst})`);
        return;
      }
      let frame: kefu.v1.Frame;
      try {
        frame = decodeFrame(data, d.format);
      } catch (e) {
        if (e instanceof FrameDecodeError) {
          reject("bad_frame");
          return sendError(ws, "bad_frame", e.message);
        }
        // Any other decoder failure is still this frame's fault: refuse it, never let it reach the process.
        deps.logger.warn("realtime frame could not be decoded", { error: e });
        reject("bad_frame");
        return sendError(ws, "bad_frame", "the frame could not be decoded");
      }
      try {
        await dispatch(ws, frame);
      } catch (e) {
        if (e instanceof KefuError) {
          if (e.status >= 400 && e.status < 500) reject(e.code, frame.send?.message?.text || undefined);
          return sendError(ws, e.code, e.message, frame.id);
        }
        deps.logger.error("realtime frame failed", { kind: frame.kind, error: e });
        sendError(ws, "internal", "internal error", frame.id);
      }
    },

    drain(ws) {
      // Buffered bytes went back under the bound; nothing to resend (clients resume by seq).
      if (ws.getBufferedAmount() === 0) metrics.drained.inc();
    },

    close(ws) {
      const d = ws.data;
      metrics.connections.dec({ role: d.p.role });
      hub.untrack(ws);
      if (d.p.role === "visitor") presence(d, false);
      if (d.p.role !== "visitor") {
        const left = hub.removeAgentSocket(d.p.subject, ws);
        if (left === 0 && d.p.role === "agent") service.agentDisconnected(d.p);
      }
    },
  };
}

function seatName(s: kefu.v1.SeatState | null | undefined): "online" | "busy" | "away" | "offline" {
  switch (s) {
    case 1:
      return "online";
    case 2:
      return "busy";
    case 3:
      return "away";
    case 4:
      return "offline";
    default:
      throw new KefuError("invalid_request", "agentState.state must be SEAT_STATE_ONLINE, _BUSY, _AWAY or _OFFLINE", {
        status: 400,
      });
  }
}
