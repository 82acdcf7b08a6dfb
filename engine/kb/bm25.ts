/**
 * An in-memory BM25 inverted index: add, replace and remove documents, search with
 * Okapi BM25 (k1, b). Single process; rebuilt from the store on start.
 *
 * @example
 *   const idx = createBm25Index();
 *   idx.add("a", "how long does a refund take");
 *   idx.search("refund time", 5); // [{ id: "a", score: 0.9 }]
 */
import { tokenize } from "./text.ts";

/** A ranked hit. */
export interface ScoredId {
  id: string;
  score: number;
}

/** Options of the BM25 index. */
export interface Bm25Options {
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation, 0…1 (default 0.75). */
  b?: number;
  /** Text to terms (default `tokenize` from text.ts). */
  tokenize?: (text: string) => string[];
}

/** The BM25 index. `add` of a known id replaces that document. */
export interface Bm25Index {
  readonly size: number;
  add(id: string, text: string): void;
  remove(id: string): boolean;
  has(id: string): boolean;
  /** Best `k` documents by BM25, best first, only those with score > 0 that pass `filter`. */
  search(query: string, k: number, filter?: (id: string) => boolean): ScoredId[];
  /** Inverse document frequency of a term (0 when unknown). */
  idf(term: string): number;
  /**
   * Share of the query's IDF mass that document `id` contains, in [0, 1]. Terms the
   * index has never seen count with the highest possible IDF, so an off-topic query
   * scores low against every document.
   */
  coverage(query: string, id: string): number;
}

/**
 * Creates an empty BM25 index.
 *
 * @example
 *   createBm25Index({ k1: 1.5, b: 0.6 });
 */
export function createBm25Index(opts: Bm25Options = {}): Bm25Index {
  const k1 = opts.k1 ?? 1.2;
  const b = opts.b ?? 0.75;
  const tok = opts.tokenize ?? ((t: string) => tokenize(t));
  const postings = new Map<string, Map<string, number>>();
  const docTerms = new Map<string, Map<string, number>>();
  const docLen = new Map<string, number>();
  let totalLen = 0;

  const idf = (term: string): number => {
    const df = postings.get(term)?.size ?? 0;
    if (df === 0) return 0;
    const n = docLen.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  const remove = (id: string): boolean => {
    const terms = docTerms.get(id);
    if (!terms) return false;
    for (const t of terms.keys()) {
      const p = postings.get(t);
      p?.delete(id);
      if (p && p.size === 0) postings.delete(t);
    }
    totalLen -= docLen.get(id) ?? 0;
    docTerms.delete(id);
    docLen.delete(id);
    return true;
  };

  return {
    get size() {
      return docLen.size;
    },
    add(id, text) {
      remove(id);
      const terms = new Map<string, number>();
      const toks = tok(text);
      for (const t of toks) terms.set(t, (terms.get(t) ?? 0) + 1);
      for (const [t, tf] of terms) {
        const p = postings.get(t);
        if (p) p.set(id, tf);
        else postings.set(t, new Map([[id, tf]]));
      }
      docTerms.set(id, terms);
      docLen.set(id, toks.length);
      totalLen += toks.length;
    },
    remove,
    has: (id) => docLen.has(id),
    idf,
    coverage(query, id) {
      const terms = docTerms.get(id);
      if (!terms) return 0;
      const unseen = Math.log(1 + (docLen.size + 0.5) / 0.5);
      let all = 0;
      let hit = 0;
      for (const t of new Set(tok(query))) {
        const w = postings.has(t) ? idf(t) : unseen;
        all += w;
        if (terms.has(t)) hit += w;
      }
      return all === 0 ? 0 : hit / all;
    },
    search(query, k, filter) {
      if (k <= 0 || docLen.size === 0) return [];
      const avg = totalLen / docLen.size || 1;
      const qTerms = new Map<string, number>();
      for (const t of tok(query)) qTerms.set(t, (qTerms.get(t) ?? 0) + 1);
      const scores = new Map<string, number>();
      for (const [t, qtf] of qTerms) {
        const p = postings.get(t);
        if (!p) continue;
        const w = idf(t);
        for (const [id, tf] of p) {
          const len = docLen.get(id) ?? 0;
          const s = (w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avg));
          scores.set(id, (scores.get(id) ?? 0) + s * qtf);
        }
      }
      const hits: ScoredId[] = [];
      for (const [id, score] of scores) if (score > 0 && (!filter || filter(id))) hits.push({ id, score });
      hits.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
      return hits.slice(0, k);
    },
  };
}
