/**
 * The outbound destination guard (SSRF): every URL kefu POSTs to on a tenant's or a
 * channel's behalf (event subscriptions, the generic webhook channel's replies) goes
 * through it.
 *
 * - Only `http:` and `https:`, no credentials in the URL (400 `destination_invalid`).
 * - The host's addresses (an IP literal, or every address the resolver gives for a
 *   name) must all lie outside the internal ranges of `REFUSED_RANGES` — loopback,
 *   private, link-local (cloud metadata 169.254.169.254), CGNAT, multicast, IPv6 ULA,
 *   IPv4-mapped IPv6, … — else 400 `destination_forbidden`, naming the range. The
 *   operator lifts this with `allowPrivate`, or for some addresses with `allow`
 *   (IPs or CIDRs).
 * - No DNS rebinding window: `fetch` resolves inside the connection's own `lookup`
 *   and checks the very addresses it then connects to (node:http / node:https; TLS
 *   still verifies the certificate against the host name). Connections are pooled
 *   (keep-alive) per guard and per host: a reused one stays on its checked address.
 * - Redirects are never followed: a 3xx is returned as is (callers fail the delivery).
 *
 * @example
 *   const guard = createDestinationGuard({ allowPrivate: false, allow: [] });
 *   await guard.check("http://169.254.169.254/latest"); // throws 400 destination_forbidden
 *   const res = await guard.fetch("https://hooks.example/kefu", { method: "POST", body: "{}" });
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import { KefuError } from "../errors.ts";

/** One address a name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (tests inject one). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** The subset of `fetch` the outbound senders use (the global `fetch` is one). */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Options of `createDestinationGuard`. */
export interface DestinationPolicy {
  /** Allow every address (a closed network where kefu must reach internal hosts). */
  allowPrivate: boolean;
  /** IPs or CIDRs allowed even inside a refused range, e.g. `["10.1.2.0/24", "127.0.0.1"]`. */
  allow: readonly string[];
  /** Default: node:dns `lookup` of every address (the system resolver, /etc/hosts included). */
  resolve?: Resolver;
}

/** The guard. */
export interface DestinationGuard {
  /** Validates a URL and every address its host resolves to; returns the parsed URL. */
  check(url: string): Promise<URL>;
  /** POSTs (or any method) to a checked destination, connecting only to checked addresses, never following redirects. */
  fetch: FetchLike;
  /** Closes the guard's pooled connections. */
  close(): void;
}

/** Most connections a guard keeps open per destination (keep-alive pool). */
const MAX_SOCKETS_PER_HOST = 16;

/** Internal ranges refused by default, with the name used in the error. */
export const REFUSED_RANGES: readonly (readonly [cidr: string, name: string])[] = [
  ["0.0.0.0/8", "this network (0.0.0.0/8)"],
  ["10.0.0.0/8", "private (10.0.0.0/8)"],
  ["100.64.0.0/10", "carrier-grade NAT (100.64.0.0/10)"],
  ["127.0.0.0/8", "loopback (127.0.0.0/8)"],
  ["169.254.0.0/16", "link-local / cloud metadata (169.254.0.0/16)"],
  ["172.16.0.0/12", "private (172.16.0.0/12)"],
  ["192.0.0.0/24", "IETF protocol assignments (192.0.0.0/24)"],
  ["192.168.0.0/16", "private (192.168.0.0/16)"],
  ["198.18.0.0/15", "benchmarking (198.18.0.0/15)"],
  ["224.0.0.0/4", "multicast (224.0.0.0/4)"],
  ["240.0.0.0/4", "reserved / broadcast (240.0.0.0/4)"],
  ["::/127", "unspecified / loopback (::, ::1)"],
  ["::/96", "IPv4-compatible IPv6 (::/96)"],
  ["::ffff:0:0/96", "IPv4-mapped IPv6 (::ffff:0:0/96)"],
  ["64:ff9b::/96", "NAT64 (64:ff9b::/96)"],
  ["100::/64", "discard (100::/64)"],
  ["fc00::/7", "unique local IPv6 (fc00::/7)"],
  ["fe80::/10", "link-local IPv6 (fe80::/10)"],
  ["fec0::/10", "site-local IPv6 (fec0::/10)"],
  ["ff00::/8", "multicast IPv6 (ff00::/8)"],
];

const family = (ip: string) => (isIP(ip) === 6 ? "ipv6" : "ipv4");

const refused = REFUSED_RANGES.map(([cidr, name]) => {
  const [net = "", bits = "0"] = cidr.split("/");
  const list = new BlockList();
  list.addSubnet(net, Number(bits), family(net));
  return { list, name, family: family(net) };
});

/** Most bytes of an answer body kept (the rest is discarded). */
const MAX_ANSWER_BYTES = 64 * 1024;

const invalid = (why: string) => new KefuError("destination_invalid", why, { status: 400 });
const forbidden = (why: string) => new KefuError("destination_forbidden", why, { status: 400 });

/**
 * The refused range an address lies in, or undefined (public).
 *
 * @example
 *   refusedRange("169.254.169.254"); // "link-local / cloud metadata (169.254.0.0/16)"
 *   refusedRange("93.184.216.34"); // undefined
 */
export function refusedRange(address: string): string | undefined {
  const f = family(address);
  // Same-family rules only: BlockList also matches IPv4 addresses against IPv4-mapped IPv6 rules.
  for (const r of refused) if (r.family === f && r.list.check(address, f)) return r.name;
  return undefined;
}

/**
 * Parses an allowlist entry (IP or CIDR) into a BlockList; throws on a bad one.
 *
 * @example
 *   allowListOf(["127.0.0.1", "10.0.0.0/8"]).check("10.2.3.4", "ipv4"); // true
 */
export function allowListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const e of entries) {
    const [ip = "", bits] = e.trim().split("/");
    const f = isIP(ip);
    const max = f === 6 ? 128 : 32;
    if (!f || (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= max)))
      throw invalid(`allowed destination ${JSON.stringify(e)} is not an IP address or CIDR`);
    if (bits === undefined) list.addAddress(ip, f === 6 ? "ipv6" : "ipv4");
    else list.addSubnet(ip, Number(bits), f === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

/** The system resolver: every address of a name, as the OS returns them. */
const systemResolve: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Creates the guard (see the module doc).
 *
 * @example
 *   const guard = createDestinationGuard({ allowPrivate: false, allow: ["127.0.0.1"] });
 */
export function createDestinationGuard(policy: DestinationPolicy): DestinationGuard {
  const allow = allowListOf(policy.allow);
  const resolve = policy.resolve ?? systemResolve;
  // The guard's own pools: a connection opened under another policy is never reused here.
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST }),
    "https:": new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST }),
  };

  /** Throws `destination_forbidden` for a refused address (unless the policy allows it). */
  function admit(host: string, address: string): void {
    if (policy.allowPrivate || allow.check(address, family(address))) return;
    const range = refusedRange(address);
    if (range)
      throw forbidden(
        `${host === address ? address : `${host} resolves to ${address}`}: ${range} is an internal address range (see channels.allowPrivateDestinations)`,
      );
  }

  function parse(url: string): { u: URL; host: string } {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw invalid("the destination is not an absolute URL");
    }
    if (u.protocol !== "http:" && u.protocol !== "https:")
      throw invalid(`the destination scheme must be http or https, not ${u.protocol.replace(/:$/, "")}`);
    if (u.username || u.password) throw invalid("the destination URL must not carry credentials (user:password@)");
    const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
    if (!host) throw invalid("the destination URL has no host");
    return { u, host };
  }

  async function addresses(host: string): Promise<ResolvedAddress[]> {
    if (isIP(host)) return [{ address: host, family: isIP(host) }];
    let found: ResolvedAddress[];
    try {
      found = await resolve(host);
    } catch (e) {
      throw new KefuError("destination_unresolvable", `${host} does not resolve: ${(e as Error).message}`, {
        status: 400,
        retryable: true,
      });
    }
    if (found.length === 0)
      throw new KefuError("destination_unresolvable", `${host} has no address`, { status: 400, retryable: true });
    for (const a of found) admit(host, a.address);
    return found;
  }

  async function check(url: string): Promise<URL> {
    const { u, host } = parse(url);
    if (isIP(host)) admit(host, host);
    else await addresses(host);
    return u;
  }

  const guardedFetch: FetchLike = async (url, init = {}) => {
    const { u, host } = parse(url);
    if (isIP(host)) admit(host, host);
    if (init.body != null && typeof init.body !== "string")
      throw new TypeError("the destination guard sends string bodies only");
    const body = init.body ?? undefined;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => {
      headers[k] = v;
    });
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    let refusal: unknown;
    // The connection resolves through here: the addresses checked are the addresses dialled.
    const lookup = (
      name: string,
      opts: { all?: boolean },
      cb: (err: Error | null, address: string | ResolvedAddress[], family?: number) => void,
    ) => {
      addresses(name).then(
        (found) => {
          if (opts?.all) cb(null, found);
          else cb(null, found[0]?.address ?? "", found[0]?.family ?? 4);
        },
        (e: unknown) => {
          refusal = e;
          cb(e as Error, "", 4);
        },
      );
    };
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    return new Promise<Response>((resolveResponse, rejectResponse) => {
      // Settled exactly once, whichever comes first: the answer, an error, a close, the abort.
      let done = false;
      let answered = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const fail = (e: unknown) => finish(() => rejectResponse(refusal ?? e));
      const mod = u.protocol === "https:" ? https : http;
      // A pooled connection was dialled to a checked address of this very host.
      const agent = u.protocol === "https:" ? agents["https:"] : agents["http:"];
      const req = mod.request(u, { method: init.method ?? "GET", headers, lookup, agent }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(c.subarray(0, MAX_ANSWER_BYTES - size));
          size += c.length;
        });
        res.on("error", fail);
        res.on("close", () => fail(new Error("the connection closed before the answer ended")));
        res.on("end", () => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") out.set(k, v);
          const status = res.statusCode ?? 502;
          const noBody = status === 204 || status === 205 || status === 304;
          finish(() =>
            resolveResponse(
              new Response(noBody ? null : Buffer.concat(chunks), {
                status: status < 200 || status > 599 ? 502 : status,
                headers: out,
              }),
            ),
          );
        });
      });
      const onAbort = () => {
        const why = signal?.reason instanceof Error ? signal.reason : new Error("aborted");
        fail(why);
        req.destroy(why);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      req.on("error", fail);
      req.on("close", () => {
        // A request closed without an answer (the answer's own events settle the rest).
        if (!answered) fail(new Error("the connection closed without an answer"));
      });
      req.end(body);
    });
  };

  return {
    check,
    fetch: guardedFetch,
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
