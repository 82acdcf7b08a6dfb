/**
 * The check every operator- or tenant-supplied outbound URL passes before kefu
 * calls it (LLM base URLs, webhooks): http or https only, no credentials in the
 * URL, and no private, loopback, link-local or otherwise internal host unless the
 * operator allowed private networks. Tenants can never allow them: code that
 * checks a tenant's URL passes `allowPrivateNetworks: false`.
 *
 * This is a static check of the URL text. A public name can still resolve to a
 * private address (DNS rebinding); the HTTP client should re-check the address it
 * connects to with `isPrivateAddress`.
 *
 * @example
 *   outboundUrlProblem("https://api.openai.com/v1", { allowPrivateNetworks: false }); // undefined
 *   outboundUrlProblem("http://169.254.169.254/", { allowPrivateNetworks: false });
 *   // "host 169.254.169.254 is a private, loopback or link-local address ..."
 */

/** Options of the outbound URL check. */
export interface OutboundUrlOptions {
  /** Operator setting: allow private, loopback and link-local hosts (self-hosted models). */
  allowPrivateNetworks: boolean;
}

const PRIVATE_V4: [number, number][] = [
  // [network, prefix length]
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local, cloud metadata
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, broadcast
];

function v4ToInt(host: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (
    (((parts[0] as number) << 24) |
      ((parts[1] as number) << 16) |
      ((parts[2] as number) << 8) |
      (parts[3] as number)) >>>
    0
  );
}

function v6ToWords(host: string): number[] | undefined {
  let h = host;
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (!h.includes(":")) return undefined;
  // A trailing dotted IPv4 (::ffff:1.2.3.4) becomes two words.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (tail) {
    const v4 = v4ToInt(tail[1] as string);
    if (v4 === undefined) return undefined;
    h = `${h.slice(0, -(tail[1] as string).length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = h.split("::");
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((w) => Number.parseInt(w, 16)));
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const words = [...head, ...new Array<number>(Math.max(0, fill)).fill(0), ...rest];
  if (words.length !== 8 || words.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return undefined;
  return words;
}

/**
 * True for an IP literal (v4, or v6 with or without brackets) in a private,
 * loopback, link-local, unique-local, CGNAT, multicast or reserved range,
 * including IPv4-mapped IPv6. Names are not resolved: returns false for them.
 *
 * @example
 *   isPrivateAddress("10.1.2.3"); // true
 *   isPrivateAddress("[::ffff:127.0.0.1]"); // true
 *   isPrivateAddress("8.8.8.8"); // false
 */
export function isPrivateAddress(host: string): boolean {
  const v4 = v4ToInt(host);
  if (v4 !== undefined) {
    return PRIVATE_V4.some(([net, len]) => (len === 0 ? true : v4 >>> (32 - len) === net >>> (32 - len)));
  }
  const w = v6ToWords(host);
  if (!w) return false;
  const [w0 = 0, , , , , w5 = 0, w6 = 0, w7 = 0] = w;
  const zeroPrefix = w.slice(0, 5).every((x) => x === 0);
  if (zeroPrefix && w5 === 0 && w6 === 0 && (w7 === 0 || w7 === 1)) return true; // :: and ::1
  if (zeroPrefix && (w5 === 0xffff || w5 === 0)) {
    // IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d)
    return isPrivateAddress(`${w6 >>> 8}.${w6 & 0xff}.${w7 >>> 8}.${w7 & 0xff}`);
  }
  if ((w0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((w0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((w0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((w0 & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (w0 === 0x64 && w[1] === 0xff9b) return isPrivateAddress(`${w6 >>> 8}.${w6 & 0xff}.${w7 >>> 8}.${w7 & 0xff}`); // NAT64
  return false;
}

const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".intranet", ".lan"];

/**
 * Why `raw` may not be called, or `undefined` when it may. The WHATWG URL parser
 * normalises the host first, so `http://2130706433/` and `http://0x7f.1/` are seen
 * as 127.0.0.1.
 *
 * @example
 *   outboundUrlProblem("https://user:pw@api.example.com", { allowPrivateNetworks: true });
 *   // "credentials in the URL are not allowed: ..."
 */
export function outboundUrlProblem(raw: string, opts: OutboundUrlOptions): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not an absolute URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `scheme ${url.protocol} is not allowed: use http or https`;
  if (url.username || url.password)
    return "credentials in the URL are not allowed: name an environment variable in apiKeyEnv";
  if (opts.allowPrivateNetworks) return undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const why =
    "is a private, loopback or link-local address; set allowPrivateNetworks: true (operators only) to call it";
  if (isPrivateAddress(host)) return `host ${host} ${why}`;
  if (host === "localhost" || INTERNAL_SUFFIXES.some((s) => host.endsWith(s)))
    return `host ${host} is an internal name; set allowPrivateNetworks: true (operators only) to call it`;
  if (!host.includes(".") && !host.startsWith("["))
    return `host ${host} is a single-label (intranet) name; set allowPrivateNetworks: true (operators only) to call it`;
  return undefined;
}

/**
 * Throws a `RangeError` explaining why `raw` may not be called; returns the parsed URL otherwise.
 *
 * @example
 *   const url = assertOutboundUrl(tenantWebhook, { allowPrivateNetworks: false }); // tenants: always false
 */
export function assertOutboundUrl(raw: string, opts: OutboundUrlOptions): URL {
  const problem = outboundUrlProblem(raw, opts);
  if (problem) throw new RangeError(`${raw}: ${problem}`);
  return new URL(raw);
}
