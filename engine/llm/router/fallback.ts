/**
 * Fallback strategy: the route's targets in the order written. The router skips
 * ejected and cooling targets and fails over down the list before the first token.
 *
 * @example
 *   orderFallback(["openai-day", "anthropic", "local-faq"]); // ["openai-day", "anthropic", "local-faq"]
 */
export function orderFallback(targets: readonly string[]): readonly string[] {
  return targets;
}
