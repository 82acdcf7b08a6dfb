/**
 * Text helpers of the knowledge base: normalisation, a CJK-aware tokenizer for
 * BM25, sentence splitting for Chinese and English, and a token-count estimate.
 *
 * @example
 *   tokenize("退款 refunds"); // ["退", "款", "退款", "refund"]
 *   splitSentences("你好。How are you? Fine."); // ["你好。", "How are you?", "Fine."]
 */

/** NFKC, lowercase, whitespace collapsed: full-width "ＡＢＣ１" becomes "abc1". */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_CLASS = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
/** A run of CJK characters, or a word of other letters and digits (with an apostrophe part). */
const RUN = new RegExp(`[${CJK_CLASS}]+|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])+(?:['’][\\p{L}]+)?`, "gu");

/** True when `ch` (one code point) is a Han, kana or Hangul character. */
export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/** English words too common to help ranking; BM25 would weigh them low anyway. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but if of to in on at for from by with about as into is are was were be been being am do does did " +
    "i me my we our you your he she it its they them their this that these those there here what which who whom " +
    "can could will would should shall may might must have has had not no so than too very just please hi hello"
  ).split(" "),
);

/** Light English stemming: plural and a few suffixes, so "refunds"/"refunded" meet "refund". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ing") && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith("ed") && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith("es") && /(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) return word.slice(0, -1);
  return word;
}

function undouble(w: string): string {
  return /([^aeiouls])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Options of `tokenize`. */
export interface TokenizeOptions {
  /** Drop English stopwords (default true). */
  stopwords?: boolean;
  /** Stem English words (default true). */
  stem?: boolean;
}

/**
 * BM25 tokens: Latin/number words (stemmed, stopwords dropped) and, for each run of
 * CJK characters, its unigrams and bigrams (Chinese has no spaces, and bigrams
 * match most two-character words).
 *
 * @example
 *   tokenize("怎么退款"); // ["怎", "么", "退", "款", "怎么", "么退", "退款"]
 */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const dropStop = opts.stopwords ?? true;
  const doStem = opts.stem ?? true;
  const out: string[] = [];
  for (const m of normalize(text).matchAll(RUN)) {
    const run = m[0];
    const first = run.codePointAt(0) ?? 0;
    if (isCjk(String.fromCodePoint(first))) {
      const chars = Array.from(run);
      for (const c of chars) out.push(c);
      for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
    } else {
      const w = run.replace(/['’]/g, "");
      if (dropStop && ENGLISH_STOPWORDS.has(w)) continue;
      out.push(doStem ? stem(w) : w);
    }
  }
  return out;
}

/**
 * Splits text into sentences after 。！？!? and after "." followed by a space or the
 * end (so "1.5" and "example.com" stay whole), and at newlines. Each sentence keeps
 * its closing punctuation; empty pieces are dropped.
 *
 * @example
 *   splitSentences("退款需要3天。Costs $1.50! Next\nline"); // ["退款需要3天。", "Costs $1.50!", "Next", "line"]
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === "\n" || c === "\r") {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
      continue;
    }
    cur += c;
    const next = chars[i + 1];
    let end = c === "。" || c === "！" || c === "？" || c === "；" || c === "!" || c === "?";
    if (c === "." || c === "…") end = next === undefined || /\s/.test(next);
    if (end) {
      // Closing quotes and brackets belong to the sentence they close.
      while (i + 1 < chars.length && /["'”’」』)）]/.test(chars[i + 1] as string)) cur += chars[++i];
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Rough token count for sizing chunks: one per CJK character, about 1.3 per Latin
 * word (sub-word pieces), one per other symbol. Within ~20% of common BPE tokenizers.
 *
 * @example
 *   estimateTokens("退款 refund policy"); // 2 + ceil(2 × 1.3) = 5
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let words = 0;
  let other = 0;
  for (const m of text
    .normalize("NFKC")
    .matchAll(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+|\S/gu)) {
    const s = m[0];
    if (isCjk(s)) cjk++;
    else if (/[\p{L}\p{N}]/u.test(s)) words++;
    else other++;
  }
  return cjk + Math.ceil(words * 1.3) + other;
}
