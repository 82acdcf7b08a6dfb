/**
 * The handoff decision: when the bot passes a conversation to a human agent.
 * A pure function over a small per-session state record and the new turn; the
 * caller stores the returned state with the session. It hands off EXACTLY ONCE:
 * after a handoff every later turn answers `{ handoff: false }`.
 *
 * Triggers, checked in this order (the first that fires names the reason):
 * 1. `visitor_request` — the visitor asks for a person (转人工, 人工客服, 找人工,
 *    真人, "agent", "human", "real person", "speak to someone"…), after NFKC
 *    folding (full-width) and with punctuation ignored; "不要转人工" / "no agent"
 *    are not requests, and "humanity", "human error", "the agent said…" and
 *    "人工智能" are not either (a bare "human"/"agent" counts only as the whole
 *    message or after a request word: want, need, get, connect, a, real…).
 * 2. `intent` — the classified intent's action is `handoff`.
 * 3. `negative_sentiment` — the running negativity (each turn's negative
 *    sentiment plus the previous negativity × `sentimentDecay`) reaches
 *    `negativeThreshold`.
 * 4. `no_answer` — the LLM/KB could not answer this turn (`answered: false`).
 * 5. `low_confidence` — the intent confidence stayed below
 *    `confidenceThreshold` for `lowConfidenceTurns` consecutive turns.
 *
 * @example
 *   let state = initialHandoffState();
 *   const d = decideHandoff(state, { text: "转人工！", confidence: 0.9 });
 *   d.decision; // { handoff: true, reason: "visitor_request" }
 *   state = d.state;
 */
import { normalizeText, scoreSentiment } from "./sentiment.ts";

/** Why a conversation was handed off. */
export type HandoffReason = "visitor_request" | "intent" | "low_confidence" | "negative_sentiment" | "no_answer";

/** The decision for one turn. */
export type HandoffDecision = { handoff: true; reason: HandoffReason } | { handoff: false };

/** Per-session state; plain data, safe to store as JSON. */
export interface HandoffState {
  handedOff: boolean;
  /** Consecutive turns with confidence below the threshold. */
  lowConfidenceStreak: number;
  /** Running negativity (≥ 0). */
  negativity: number;
}

/** One visitor turn and what the bot made of it. */
export interface HandoffTurn {
  /** The visitor's message. */
  text: string;
  /** Intent classifier confidence in [0, 1]; omitted: not counted either way. */
  confidence?: number;
  /** The classified intent's action type, e.g. "handoff". */
  intentAction?: string;
  /** False when the LLM/KB could not answer this turn. */
  answered?: boolean;
}

/** Thresholds. */
export interface HandoffOptions {
  /** Confidence below this counts as low (default 0.35). */
  confidenceThreshold?: number;
  /** Consecutive low-confidence turns that trigger (default 3). */
  lowConfidenceTurns?: number;
  /** Negativity that triggers (default 3). */
  negativeThreshold?: number;
  /** How much negativity carries over to the next turn (default 0.5). */
  sentimentDecay?: number;
  /** Sentiment scorer (default `scoreSentiment`). */
  sentiment?: (text: string) => number;
}

/**
 * A fresh state for a new session.
 *
 * @example
 *   initialHandoffState() // { handedOff: false, lowConfidenceStreak: 0, negativity: 0 }
 */
export function initialHandoffState(): HandoffState {
  return { handedOff: false, lowConfidenceStreak: 0, negativity: 0 };
}

// Chinese request phrases, matched on text with punctuation and spaces removed.
const ZH_REQUEST =
  /转人工|转接人工|人工客服|人工服务|找人工|要人工|接人工|叫人工|真人|活人|客服人员|人工坐席|人工座席|转客服|^人工$|^人工呢$/;
const ZH_REFUSAL = /(不要|不用|不需要|别|无需|没必要)(转接?)?(人工|真人|客服人员)/;
// English request phrases, on word boundaries.
// English: unambiguous phrases anywhere; a bare role word ("human", "agent") only as the
// whole message or after a request word, so "human error" and "I'm human" do not count.
const EN_PHRASE =
  /\b(real person|live person|real people|someone real|actual person|real human|live agent)\b|\b(speak|talk|chat)\s+(to|with)\s+(someone|somebody|a person|a human|a real|an agent|an actual|a live|staff|support staff|a manager|a supervisor)\b/;
const EN_ROLE = /^(human|agent|operator|representative|rep|person)$/;
const EN_ROLE_ALONE = /^((a|an|the)\s+)?(human|agent|operator|representative)(\s+(please|pls|now|plz))?$/;
const EN_ASK = new Set(
  "want need get give connect transfer speak talk chat reach contact call a an real actual live your any".split(" "),
);
const EN_REFUSAL =
  /\b(no|not|don't|do not|dont|never|without)\s+(need\s+|want\s+)?(an?\s+|the\s+|to\s+\w+\s+(to|with)\s+(an?\s+)?)?(human|agent|person|operator|representative)\b/;

/**
 * True when the text asks for a human agent.
 *
 * @example
 *   asksForHuman("转 人 工！！") // true
 *   asksForHuman("I love humanity") // false
 */
export function asksForHuman(text: string): boolean {
  const t = normalizeText(text);
  const zh = t.replace(/[\s\p{P}\p{S}]+/gu, "");
  if (ZH_REQUEST.test(zh) && !ZH_REFUSAL.test(zh)) return true;
  const en = t
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (EN_REFUSAL.test(en)) return false;
  if (EN_PHRASE.test(en) || EN_ROLE_ALONE.test(en)) return true;
  const words = en.split(" ");
  return words.some((w, i) => EN_ROLE.test(w) && words.slice(Math.max(0, i - 3), i).some((x) => EN_ASK.has(x)));
}

/**
 * Decides one turn. Pure: returns the decision and the next state.
 *
 * @example
 *   decideHandoff(initialHandoffState(), { text: "where is my order", confidence: 0.1 }).state.lowConfidenceStreak // 1
 */
export function decideHandoff(
  state: HandoffState,
  turn: HandoffTurn,
  opts: HandoffOptions = {},
): { decision: HandoffDecision; state: HandoffState; sentiment: number } {
  const score = (opts.sentiment ?? scoreSentiment)(turn.text);
  if (state.handedOff) return { decision: { handoff: false }, state, sentiment: score };

  const decay = opts.sentimentDecay ?? 0.5;
  const negativity = state.negativity * decay + Math.max(0, -score);
  const low = turn.confidence !== undefined && turn.confidence < (opts.confidenceThreshold ?? 0.35);
  const lowConfidenceStreak =
    turn.confidence === undefined ? state.lowConfidenceStreak : low ? state.lowConfidenceStreak + 1 : 0;
  const next: HandoffState = { handedOff: false, lowConfidenceStreak, negativity };

  let reason: HandoffReason | undefined;
  if (asksForHuman(turn.text)) reason = "visitor_request";
  else if (turn.intentAction === "handoff") reason = "intent";
  else if (negativity >= (opts.negativeThreshold ?? 3)) reason = "negative_sentiment";
  else if (turn.answered === false) reason = "no_answer";
  else if (lowConfidenceStreak >= (opts.lowConfidenceTurns ?? 3)) reason = "low_confidence";

  if (!reason) return { decision: { handoff: false }, state: next, sentiment: score };
  return { decision: { handoff: true, reason }, state: { ...next, handedOff: true }, sentiment: score };
}
