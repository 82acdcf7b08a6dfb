/**
 * Weighted strategy: the first target is drawn with probability proportional to its
 * weight; the rest follow as further weighted draws without replacement (the
 * failover order). One exponential key per target (Efraimidis–Spirakis), so the
 * order restricted to any subset (say, the targets whose breaker is closed) is itself
 * a weighted draw over that subset. Weight 0 targets come last, in written order:
 * a drained target still serves as a last resort.
 *
 * @example
 *   orderWeighted(["a", "b"], (id) => (id === "a" ? 3 : 1), seededRandom(1)); // ["a","b"] 3 times in 4
 */
export function orderWeighted(
  targets: readonly string[],
  weightOf: (id: string) => number,
  random: () => number,
): string[] {
  const keyed = targets.map((id, i) => {
    const w = weightOf(id);
    // -ln(1-u)/w is exponential with rate w: the smallest key wins with probability w/Σw.
    const key = w > 0 ? -Math.log(1 - random()) / w : Number.POSITIVE_INFINITY;
    return { id, key, i };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return keyed.map((k) => k.id);
}
