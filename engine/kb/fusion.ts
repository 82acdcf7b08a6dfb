/**
 * Rank fusion for hybrid search: merge per-knowledge-base result lists by score,
 * and fuse ranked lists from different retrievers by reciprocal rank fusion (RRF),
 * which needs no score calibration between BM25 and cosine.
 *
 * @example
 *   const fused = reciprocalRankFusion([{ hits: vectorHits }, { hits: bm25Hits, weight: 1 }]);
 *   fused[0]; // { key: "refund-time-en", rrf: 0.0328, bestRank: 0 }
 */

/** A ranked item: `key` identifies it across lists. */
export interface ScoredKey {
  key: string;
  score: number;
}

/** One fused item: its RRF score and its best (0-based) rank in any list. */
export interface FusedKey {
  key: string;
  rrf: number;
  bestRank: number;
}

/**
 * Merges lists whose scores are comparable (same retriever, several knowledge
 * bases) into the best `n`, best first; ties break by key.
 *
 * @example
 *   mergeByScore([[{ key: "a", score: 0.9 }], [{ key: "b", score: 0.95 }]], 1); // [{ key: "b", score: 0.95 }]
 */
export function mergeByScore(lists: ScoredKey[][], n: number): ScoredKey[] {
  return lists
    .flat()
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    .slice(0, n);
}

/**
 * Reciprocal rank fusion: each list adds `weight / (k + rank)` (rank from 1) to an
 * item. Sorted by fused score; ties go to the item with the better best rank
 * (1st + 3rd beats 2nd + 2nd), then by key, so the order is deterministic.
 *
 * @example
 *   reciprocalRankFusion([{ hits: [{ key: "a", score: 1 }] }, { hits: [{ key: "a", score: 9 }] }], 60)[0]?.rrf; // 2/61
 */
export function reciprocalRankFusion(lists: { hits: ScoredKey[]; weight?: number }[], k = 60): FusedKey[] {
  const out = new Map<string, FusedKey>();
  for (const { hits, weight = 1 } of lists) {
    hits.forEach((h, rank) => {
      const f = out.get(h.key);
      const add = weight / (k + rank + 1);
      if (f) {
        f.rrf += add;
        f.bestRank = Math.min(f.bestRank, rank);
      } else out.set(h.key, { key: h.key, rrf: add, bestRank: rank });
    });
  }
  return [...out.values()].sort(compareFused);
}

/** Order of `reciprocalRankFusion`: fused score, then best rank, then key. */
export function compareFused(a: FusedKey, b: FusedKey): number {
  return b.rrf - a.rrf || a.bestRank - b.bestRank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
