/**
 * Anomalous-input clusters: inputs the edge rejected, rate-limited or flagged are
 * reduced to a shape signature and grouped, so an operator sees "a scraper sent
 * 40,000 near-identical messages" at a glance instead of 40,000 log lines.
 *
 * Signature: the text is NFKC-folded, lower-cased, digits become `0` and white
 * space collapses (so order numbers and counters do not split a flood); its
 * character 3-grams feed a 64-bit SimHash. An input joins the cluster of the same
 * reason whose signature is within `maxDistance` bits (Hamming), else starts one.
 * Examples are kept masked (phone and ID numbers) and cut to 200 characters.
 *
 * Bounds: at most `maxClusters` clusters (when full, the smallest least recently
 * seen one is dropped), 3 examples and 5 tenants per cluster.
 *
 * @example
 *   const a = createAnomalyClusters();
 *   a.record({ reason: "rate_limited", text: "buy cheap followers 123", tenantId: "t1" });
 *   a.record({ reason: "rate_limited", text: "buy cheap followers 456", tenantId: "t1" });
 *   a.top(1)[0]?.count; // 2
 */
import { maskPii } from "../bot/entities.ts";
import { fnv1a } from "../kb/embedder.ts";

/** One rejected or flagged input. */
export interface AnomalyInput {
  /** Why it was rejected: an error code such as `rate_limited`, `bad_frame`, `frame_too_large`. */
  reason: string;
  /** Its text (a message, or the start of a raw frame). */
  text: string;
  tenantId?: string;
}

/** A group of inputs with the same reason and nearly the same shape. */
export interface AnomalyCluster {
  /** The first member's signature, 16 hex digits. */
  id: string;
  reason: string;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  tenants: string[];
  /** Up to 3 masked examples, first seen first. */
  examples: string[];
}

/** Options of `createAnomalyClusters`. */
export interface AnomalyOptions {
  /** Clusters kept (default 1000). */
  maxClusters?: number;
  /** Hamming distance within which two signatures are one shape (default 8 of 64 bits). */
  maxDistance?: number;
  now?: () => number;
}

/** The clusters. */
export interface AnomalyClusters {
  record(input: AnomalyInput): AnomalyCluster;
  /** The largest clusters, most members first (ties: most recent first). */
  top(n: number): AnomalyCluster[];
  /** Clusters held. */
  size(): number;
}

const MAX_TEXT = 4096;

/** The normalised text the signature is taken of. */
export function shapeOf(text: string): string {
  return text.slice(0, MAX_TEXT).normalize("NFKC").toLowerCase().replace(/\d/g, "0").replace(/\s+/g, " ").trim();
}

/**
 * 64-bit SimHash of a text's character 3-grams, as two 32-bit halves.
 *
 * @example
 *   hamming(simhash("hello world 1"), simhash("hello world 2")); // small
 */
export function simhash(text: string): [number, number] {
  const chars = Array.from(` ${shapeOf(text)} `);
  const votes = new Int32Array(64);
  for (let i = 0; i + 3 <= chars.length; i++) {
    const g = chars[i] + (chars[i + 1] as string) + (chars[i + 2] as string);
    const lo = fnv1a(g);
    const hi = fnv1a(g, 0x9747b28c);
    for (let b = 0; b < 32; b++) {
      votes[b] = (votes[b] as number) + ((lo >>> b) & 1 ? 1 : -1);
      votes[32 + b] = (votes[32 + b] as number) + ((hi >>> b) & 1 ? 1 : -1);
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if ((votes[b] as number) > 0) lo |= 1 << b;
    if ((votes[32 + b] as number) > 0) hi |= 1 << b;
  }
  return [lo >>> 0, hi >>> 0];
}

const popcount = (x: number) => {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/** Bits that differ between two signatures. */
export function hamming(a: [number, number], b: [number, number]): number {
  return popcount((a[0] ^ b[0]) >>> 0) + popcount((a[1] ^ b[1]) >>> 0);
}

interface Held extends AnomalyCluster {
  sig: [number, number];
}

/**
 * Creates an empty set of clusters.
 *
 * @example
 *   createAnomalyClusters({ maxClusters: 100 });
 */
export function createAnomalyClusters(opts: AnomalyOptions = {}): AnomalyClusters {
  const maxClusters = opts.maxClusters ?? 1000;
  const maxDistance = opts.maxDistance ?? 8;
  const now = opts.now ?? Date.now;
  if (!(maxClusters >= 1)) throw new RangeError(`maxClusters must be at least 1, got ${maxClusters}`);
  const clusters: Held[] = [];
  const view = (c: Held): AnomalyCluster => {
    const { sig: _sig, ...rest } = c;
    return { ...rest, tenants: [...c.tenants], examples: [...c.examples] };
  };
  return {
    record(input) {
      const sig = simhash(input.text);
      const t = now();
      let c = clusters.find((x) => x.reason === input.reason && hamming(x.sig, sig) <= maxDistance);
      if (!c) {
        if (clusters.length >= maxClusters) {
          let victim = 0;
          for (let i = 1; i < clusters.length; i++) {
            const a = clusters[i] as Held;
            const v = clusters[victim] as Held;
            if (a.count < v.count || (a.count === v.count && a.lastSeenMs < v.lastSeenMs)) victim = i;
          }
          clusters.splice(victim, 1);
        }
        c = {
          id: sig[1].toString(16).padStart(8, "0") + sig[0].toString(16).padStart(8, "0"),
          sig,
          reason: input.reason,
          count: 0,
          firstSeenMs: t,
          lastSeenMs: t,
          tenants: [],
          examples: [],
        };
        clusters.push(c);
      }
      c.count++;
      c.lastSeenMs = t;
      if (input.tenantId && c.tenants.length < 5 && !c.tenants.includes(input.tenantId)) c.tenants.push(input.tenantId);
      if (c.examples.length < 3) c.examples.push(maskPii(input.text.slice(0, 200)));
      return view(c);
    },
    top(n) {
      return [...clusters]
        .sort((a, b) => b.count - a.count || b.lastSeenMs - a.lastSeenMs)
        .slice(0, Math.max(0, n))
        .map(view);
    },
    size: () => clusters.length,
  };
}
