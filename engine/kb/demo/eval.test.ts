import { expect, test } from "bun:test";
import { createHashedEmbedder } from "../embedder.ts";
import { type KbHit, openKnowledgeBase } from "../knowledge-base.ts";
import { loadDemoEval, loadDemoKb } from "./index.ts";

/** Floors a little below what was measured (printed by this test); a drop below one is a regression. */
const FLOORS = {
  vector: { hit1: 0.63, hit5: 0.86 },
  bm25: { hit1: 0.73, hit5: 0.9 },
  hybrid: { hit1: 0.72, hit5: 0.91 },
} as const;

test("demo eval: hit@1 / hit@5 for vector, BM25 and hybrid with the hashed embedder", async () => {
  const kb = await openKnowledgeBase({ path: ":memory:", embedder: createHashedEmbedder() });
  const kbId = await loadDemoKb(kb, "demo");
  const { questions, negatives } = loadDemoEval();
  expect(questions.length).toBeGreaterThanOrEqual(200);
  const ok = (h: KbHit | undefined, expectId: string) =>
    h !== undefined && (h.chunk.id === expectId || h.docId === expectId);
  const rows: Record<string, string> = {};
  for (const mode of ["vector", "bm25", "hybrid"] as const) {
    const tally = { all: [0, 0, 0], zh: [0, 0, 0], en: [0, 0, 0] };
    for (const q of questions) {
      const hits = await kb.search("demo", [kbId], q.q, { k: 5, mode });
      for (const t of [tally.all, tally[q.lang]]) {
        t[0] = (t[0] as number) + (ok(hits[0], q.expect) ? 1 : 0);
        t[1] = (t[1] as number) + (hits.some((h) => ok(h, q.expect)) ? 1 : 0);
        t[2] = (t[2] as number) + 1;
      }
    }
    const r = (t: number[]) =>
      `${((t[0] as number) / (t[2] as number)).toFixed(3)} / ${((t[1] as number) / (t[2] as number)).toFixed(3)}`;
    rows[mode] = `all ${r(tally.all)}   zh ${r(tally.zh)}   en ${r(tally.en)}`;
    expect((tally.all[0] as number) / questions.length).toBeGreaterThanOrEqual(FLOORS[mode].hit1);
    expect((tally.all[1] as number) / questions.length).toBeGreaterThanOrEqual(FLOORS[mode].hit5);
  }
  // faqAnswer at its default threshold: how many paraphrases it answers right, wrong, and off-topic refusals.
  let right = 0;
  let wrong = 0;
  let none = 0;
  const faqQs = questions.filter((q) => /-(en|zh)$/.test(q.expect));
  for (const q of faqQs) {
    const a = await kb.faqAnswer("demo", q.q);
    if (!a) none++;
    else if (a.chunk.id === q.expect) right++;
    else wrong++;
  }
  let refused = 0;
  for (const n of negatives) if (!(await kb.faqAnswer("demo", n))) refused++;
  console.log(
    `demo eval, ${questions.length} questions (hit@1 / hit@5), hashed embedder ${kb.embedder.id}\n` +
      Object.entries(rows)
        .map(([m, r]) => `  ${m.padEnd(7)} ${r}`)
        .join("\n") +
      `\n  faqAnswer (threshold 0.5) on ${faqQs.length} FAQ paraphrases: ${right} right, ${wrong} wrong, ${none} unanswered; ` +
      `off-topic refused ${refused}/${negatives.length}`,
  );
  expect(refused).toBe(negatives.length);
  expect(right / faqQs.length).toBeGreaterThanOrEqual(0.63);
  kb.close();
});
