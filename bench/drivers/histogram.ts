/**
 * A mergeable latency histogram with ~1% relative precision from 1 µs to 100 s,
 * so driver processes can record every sample and the scenario merges them.
 *
 * @example
 *   const h = new Histogram();
 *   h.record(1.25); // ms
 *   const all = Histogram.merge([h.toJSON(), other.toJSON()]);
 *   all.quantile(0.99); // ms
 */

const MIN_MS = 0.001;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(100_000 / MIN_MS) / LOG_GROWTH) + 1;

/** The serialisable form (sparse bucket counts). */
export interface HistogramJSON {
  counts: [number, number][];
  n: number;
  sum: number;
  max: number;
}

/** Latency histogram in milliseconds. */
export class Histogram {
  private counts = new Float64Array(BUCKETS);
  n = 0;
  sum = 0;
  max = 0;

  /** Adds one sample, ms (clamped to the range). */
  record(ms: number): void {
    const v = Math.max(ms, MIN_MS);
    const i = Math.min(BUCKETS - 1, Math.floor(Math.log(v / MIN_MS) / LOG_GROWTH));
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.n++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** The value at quantile `q` (0..1), ms; NaN when empty. */
  quantile(q: number): number {
    if (this.n === 0) return Number.NaN;
    const want = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= want) return Math.min(this.max, MIN_MS * GROWTH ** (i + 0.5));
    }
    return this.max;
  }

  toJSON(): HistogramJSON {
    const counts: [number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) {
      const c = this.counts[i] ?? 0;
      if (c > 0) counts.push([i, c]);
    }
    return { counts, n: this.n, sum: this.sum, max: this.max };
  }

  /** Merges serialised histograms (from several drivers). */
  static merge(parts: HistogramJSON[]): Histogram {
    const h = new Histogram();
    for (const p of parts) {
      for (const [i, c] of p.counts) h.counts[i] = (h.counts[i] ?? 0) + c;
      h.n += p.n;
      h.sum += p.sum;
      h.max = Math.max(h.max, p.max);
    }
    return h;
  }
}

/** "p50 / p99" in ms with 2 decimals, or "n/a". */
export function fmtP(h: Histogram): string {
  if (h.n === 0) return "n/a";
  return `${h.quantile(0.5).toFixed(2)} / ${h.quantile(0.99).toFixed(2)}`;
}
