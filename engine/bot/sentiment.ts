/**
 * A small lexicon-based sentiment scorer for Chinese and English customer-service
 * chat. Negative terms carry weights (垃圾 3, 投诉 2, terrible 2, scam 3…), positive
 * terms subtract; a negator just before a term (不/没/别/非/不是…; not, never, no,
 * n't, isn't… within three words) cancels it. Text is NFKC-folded and lower-cased
 * first, so full-width letters and punctuation are tolerated.
 *
 * The score is the sum of weights: negative means unhappy.
 *
 * @example
 *   scoreSentiment("你们就是骗子，我要投诉") // -5
 *   scoreSentiment("I am not angry") // 0
 */

/** Negative Chinese terms and their weights. */
export const ZH_NEGATIVE: Readonly<Record<string, number>> = {
  投诉: 2,
  差评: 2,
  垃圾: 3,
  骗子: 3,
  骗人: 3,
  欺诈: 3,
  坑人: 3,
  退钱: 2,
  曝光: 2,
  举报: 2,
  生气: 2,
  气死: 3,
  愤怒: 2,
  失望: 1.5,
  恶心: 2,
  太差: 2,
  很差: 2,
  不满: 1.5,
  离谱: 2,
  无语: 1,
  忽悠: 2,
  敷衍: 2,
  烂: 1.5,
  滚: 2,
  "12315": 3,
  消协: 3,
  工商局: 3,
  律师: 2,
  起诉: 3,
};

/** Positive Chinese terms and their weights (subtracted). */
export const ZH_POSITIVE: Readonly<Record<string, number>> = {
  谢谢: 1,
  感谢: 1,
  满意: 1.5,
  好评: 2,
  不错: 1,
  很好: 1,
  太好了: 1.5,
  辛苦: 1,
};

/** Negative English terms (whole words) and their weights. */
export const EN_NEGATIVE: Readonly<Record<string, number>> = {
  terrible: 2,
  horrible: 2,
  awful: 2,
  worst: 2.5,
  scam: 3,
  scammer: 3,
  scammers: 3,
  fraud: 3,
  ripoff: 3,
  "rip-off": 3,
  angry: 2,
  furious: 3,
  outraged: 3,
  ridiculous: 2,
  useless: 2,
  unacceptable: 2,
  disgusting: 2,
  complaint: 2,
  complain: 2,
  lawyer: 2,
  sue: 3,
  garbage: 3,
  trash: 2,
  hate: 2,
  disappointed: 1.5,
  annoyed: 1.5,
  frustrated: 1.5,
  pathetic: 2,
  liar: 3,
  liars: 3,
  incompetent: 2,
};

/** Positive English terms and their weights (subtracted). */
export const EN_POSITIVE: Readonly<Record<string, number>> = {
  thanks: 1,
  thank: 1,
  great: 1,
  perfect: 1.5,
  excellent: 1.5,
  helpful: 1,
  appreciate: 1,
  awesome: 1.5,
  happy: 1,
  love: 1,
};

const ZH_NEGATORS = ["不是", "没有", "并不", "并没", "不", "没", "别", "非", "无", "未"];
const EN_NEGATORS = new Set([
  "not",
  "no",
  "never",
  "isn't",
  "aren't",
  "wasn't",
  "don't",
  "doesn't",
  "didn't",
  "nothing",
  "hardly",
  "without",
  "nor",
  "cannot",
  "can't",
  "won't",
]);

/** NFKC fold (full-width → ASCII), lower-case, curly apostrophes → '. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[’‘`]/g, "'");
}

function zhNegated(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 3), at);
  // "不是骗子", "没有生气", "别生气", "并不失望"; allow one filler char like "不太失望"/"不算差".
  return ZH_NEGATORS.some((n) => before.endsWith(n) || before.slice(0, -1).endsWith(n));
}

/**
 * Sentiment score of one message: the sum of term weights, negative = unhappy.
 *
 * @example
 *   scoreSentiment("this is a scam") // -3
 *   scoreSentiment("not a scam, thanks") // 1 (the negated "scam" does not count)
 */
export function scoreSentiment(text: string): number {
  const t = normalizeText(text);
  let score = 0;
  const zh = (lex: Readonly<Record<string, number>>, sign: number) => {
    for (const [term, w] of Object.entries(lex)) {
      for (let i = t.indexOf(term); i >= 0; i = t.indexOf(term, i + term.length)) {
        // 不满 / 不错 are terms that start with a negator; they are not themselves negated.
        if (!zhNegated(t, i)) score += sign * w;
      }
    }
  };
  zh(ZH_NEGATIVE, -1);
  zh(ZH_POSITIVE, 1);
  // Chinese positives that embed a negative ("不错") must not be read as 错; "太差" vs "不太差" handled by negation.
  // Negation reaches back at most three words and never across punctuation ("no, this is terrible").
  for (const clause of t.split(/[.,;:!?，。；：！？\n]+/)) score += englishClause(clause);
  return score;
}

function englishClause(clause: string): number {
  let score = 0;
  const words = clause.match(/[a-z]+(?:['-][a-z]+)*/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const neg = EN_NEGATIVE[w];
    const pos = EN_POSITIVE[w];
    if (neg === undefined && pos === undefined) continue;
    const window = words.slice(Math.max(0, i - 3), i);
    const negated = window.some((x) => EN_NEGATORS.has(x) || x.endsWith("n't"));
    if (negated) continue;
    score += neg !== undefined ? -neg : (pos ?? 0);
  }
  return score;
}
