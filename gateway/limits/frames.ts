/**
 * Rate limits on realtime frames: the socket handler asks this hook before each
 * frame. Rules whose `api` matches the socket's endpoint (`/v1/ws/visitor` for
 * visitors, `/v1/ws/agent` for agents and supervisors) and whose key uses only
 * tenant and/or fingerprint apply to every frame (cost 1 per frame, or the rule's
 * cost). A leaky bucket's queue acts as a burst allowance here: frames are not
 * held back, so they stay in order. Blocks apply too: a blocked client's socket
 * is closed.
 *
 * The fingerprint of a socket is the one computed at upgrade (`SocketData.fp`)
 * when the upgrade recorded it, else the hash of its remote address alone.
 *
 * @example
 *   createSocketHandler({ ...deps, frameLimit: createFrameLimit({ limiter, registry, fingerprintHeaders: [] }) });
 */
import { KefuError } from "../../engine/errors.ts";
import type { Limiter, LimitVerdict } from "../../engine/limits/limiter.ts";
import type { LimitRegistry } from "../../engine/limits/registry.ts";
import { fingerprint, normalizeIp } from "../../engine/limits/rules.ts";
import type { FrameLimit, FrameVerdict, SocketData } from "../realtime/socket.ts";

const PASS: FrameVerdict = { allowed: true };

function verdict(v: LimitVerdict): FrameVerdict {
  if (v.outcome === "blocked") return { allowed: false, blocked: true, retryAfterMs: 0 };
  if (v.outcome === "rejected") return { allowed: false, retryAfterMs: v.decision.retryAfterMs };
  return PASS;
}

/** The store could not decide (Redis unreachable with limitsFailMode=closed): refuse this frame, no strike. */
function unavailable(e: unknown): FrameVerdict {
  return { allowed: false, unavailable: e instanceof KefuError ? e.code : "limits_unavailable" };
}

/**
 * Creates the hook the socket handler calls per frame.
 *
 * @example
 *   const frameLimit = createFrameLimit({ limiter, registry });
 */
export function createFrameLimit(deps: { limiter: Limiter; registry: LimitRegistry }): FrameLimit {
  const { limiter, registry } = deps;
  return (d: SocketData, address: string) => {
    const snap = registry.snapshot();
    if (snap.frameRules.length === 0 && snap.blocksByIp.size === 0 && snap.blocksByFingerprint.size === 0) return PASS;
    const remoteAddress = normalizeIp(address);
    const path = d.p.role === "visitor" ? "/v1/ws/visitor" : "/v1/ws/agent";
    const { rules } = limiter.match("GET", path, snap.frameRules);
    const v = limiter.check(
      {
        method: "GET",
        path,
        tenant: d.p.tenantId,
        ip: remoteAddress,
        fingerprint: () => {
          d.fp ??= fingerprint(remoteAddress, "", []);
          return d.fp;
        },
      },
      rules,
    );
    return v instanceof Promise ? v.then(verdict, unavailable) : verdict(v);
  };
}
