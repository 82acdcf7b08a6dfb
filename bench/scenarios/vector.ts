/**
 * Scenario "vector": nearest-neighbour search over N × 384-d clustered synthetic
 * embeddings (engine/kb/vector-index.fixtures.ts: 1000 clusters on a 24-d
 * manifold, L2-normalised), side by side in one run:
 *
 * - native exact: kefu's SIMD kernels (engine/vector/kernels.ts) scanning every
 *   row; its top-10 is the ground truth of the others' recall@10;
 * - usearch (npm) through kefu's adapter (engine/kb/vector-index.usearch.ts),
 *   HNSW with f16 storage (and i8 when VECTOR_USEARCH lists it), candidates
 *   rescored with exact cosine;
 * - hnswlib-node (npm), HNSW on f32;
 * - faiss: faiss-cpu from PyPI in a Python child (bench/peers/faiss_hnsw.py;
 *   faiss-node cannot install here), IndexHNSWFlat, inner product. Its venv is
 *   ~/.cache/kefu/faiss-venv, made on first use.
 *
 * Each library runs in its own child process: the graph is built with every core
 * the child may use (hnswlib-node builds on one thread), then the child pins all
 * its threads to core 0 (`taskset -a -p`) and times 1 query at a time (k = 10).
 * Memory is the RSS growth over the build (for kefu's adapter it includes the
 * f32 copies it keeps for exact reranking).
 *
 * Off the event loop, in the same children: the async batch (`searchBatch`, all
 * queries in batches of 100) against the same queries one at a time through the
 * sync `search`, both on core 0, as queries per second and their ratio, and the
 * batch again with every core (the sync call uses one whatever it may); and the
 * longest event-loop stall (largest gap between 1 ms timer ticks, minus 1 ms)
 * while kefu's adapter builds its graph and while it restores the saved one.
 *
 * Environment: VECTOR_N (default 1,000,000; 100,000 is the CI size, whose recall
 * engine/kb/vector-index.usearch.test.ts asserts), VECTOR_QUERIES (1000), VECTOR_M
 * (16), VECTOR_EFC (64), VECTOR_EF (96, kefu's default; a list such as "64,96,128"
 * measures usearch at each on one build, restoring the saved graph per ef, and the
 * peers at the first), VECTOR_USEARCH ("f16"; e.g. "f16,i8"), VECTOR_PEERS
 * ("exact,usearch,hnswlib,faiss"; "crossover" adds the exact-vs-HNSW sweep of
 * kefu's adapter at 2k–100k rows behind `EXACT_BELOW`, as a second table), and
 * BENCH_NO_RESULTS=1 for trials. Data and ground truth are cached under
 * ~/.cache/kefu/vector-bench/.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { clusteredVectors, topRowsInto } from "../../engine/kb/vector-index.fixtures.ts";
import { createExactVectorIndex, type VectorIndex } from "../../engine/kb/vector-index.ts";
import {
  createUsearchVectorIndex,
  restoreUsearchVectorIndex,
  type VectorQuantization,
} from "../../engine/kb/vector-index.usearch.ts";
import { loadKernels } from "../../engine/vector/kernels.ts";
import { machineLine, runPinnedChild } from "../machine.ts";
import { appendResults } from "../results.ts";

const DIM = 384;
const K = 10;
const CORE = 0;

/** What one child reports. */
interface Measured {
  buildS: number;
  memMiB: number;
  recall: number;
  p50Ms: number;
  p99Ms: number;
  version?: string;
  /** Search ef of this row (usearch sweeps VECTOR_EF on one build). */
  ef?: number;
  /** Seconds to restore the saved graph (kefu's restart path) instead of building it. */
  loadS?: number;
  /** Queries per second: sync `search` one at a time, async `searchBatch` on core 0 and on every core. */
  syncQps?: number;
  batchQps?: number;
  batchAllQps?: number;
  /** Longest event-loop stall (ms) while the graph was built / the saved graph restored. */
  buildBlockMs?: number;
  loadBlockMs?: number;
}

/** Watches the event loop: `stop()` returns the longest gap between 1 ms ticks, minus 1 ms. */
function loopMonitor(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const t = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(t);
      worst = Math.max(worst, performance.now() - last - 1);
      return Math.max(0, worst);
    },
  };
}

/** Sync `search` one query at a time vs `searchBatch` in batches of 100 (q/s each) on core 0, then the batch on every core. */
async function batchVsSync(idx: VectorIndex, queries: Float32Array, nq: number) {
  pinSelf(CORE);
  const q = (i: number) => queries.subarray(i * DIM, (i + 1) * DIM);
  for (let i = 0; i < Math.min(20, nq); i++) idx.search(q(i), K);
  await idx.searchBatch(queries.subarray(0, Math.min(20, nq) * DIM), K);
  const t0 = performance.now();
  for (let i = 0; i < nq; i++) idx.search(q(i), K);
  const syncS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (let i = 0; i < nq; i += 100) await idx.searchBatch(queries.subarray(i * DIM, Math.min(nq, i + 100) * DIM), K);
  const batchS = (performance.now() - t1) / 1000;
  pinSelf(-1);
  const t2 = performance.now();
  for (let i = 0; i < nq; i += 100) await idx.searchBatch(queries.subarray(i * DIM, Math.min(nq, i + 100) * DIM), K);
  const allS = (performance.now() - t2) / 1000;
  pinSelf(CORE);
  return { syncQps: nq / syncS, batchQps: nq / batchS, batchAllQps: nq / allS };
}

interface Params {
  dir: string;
  n: number;
  nq: number;
  m: number;
  efc: number;
  /** Search ef values: usearch measures each on one build, the others use the first. */
  efs: number[];
}

const rssMiB = () => process.memoryUsage().rss / 1048576;

async function readF32(file: string): Promise<Float32Array> {
  return new Float32Array(await Bun.file(file).arrayBuffer());
}

/** Generates (once) the base vectors and queries under the cache dir. */
async function ensureData(n: number, nq: number): Promise<string> {
  const dir = join(homedir(), ".cache", "kefu", "vector-bench", `clustered-${n}x${DIM}-q${nq}-seed1`);
  if (existsSync(join(dir, "queries.f32"))) return dir;
  mkdirSync(dir, { recursive: true });
  console.error(`vector: generating ${n} × ${DIM} clustered vectors into ${dir}`);
  const { flat, queries } = clusteredVectors({ n, dim: DIM, queries: nq, seed: 1 });
  await Bun.write(join(dir, "base.f32"), flat);
  await Bun.write(join(dir, "queries.f32"), queries);
  return dir;
}

/** Pins every thread of this process to `core` (-1: every core again). */
function pinSelf(core: number): void {
  const cores = core < 0 ? `0-${navigator.hardwareConcurrency - 1}` : String(core);
  const r = Bun.spawnSync(["taskset", "-a", "-p", "-c", cores, String(process.pid)], { stdout: "ignore" });
  if (r.exitCode !== 0) throw new Error(`taskset failed: ${r.stderr.toString()}`);
}

/** Times `search(i)` for every query (after 50 warm-up calls); returns p50/p99 ms and recall@10. */
function timeQueries(nq: number, truth: Int32Array, search: (i: number) => ArrayLike<number>) {
  for (let i = 0; i < Math.min(50, nq); i++) search(i);
  const lat = new Float64Array(nq);
  let hit = 0;
  for (let i = 0; i < nq; i++) {
    const t = Bun.nanoseconds();
    const found = search(i);
    lat[i] = (Bun.nanoseconds() - t) / 1e6;
    const want = new Set(truth.subarray(i * K, (i + 1) * K));
    for (let j = 0; j < found.length; j++) if (want.has(found[j] as number)) hit++;
  }
  lat.sort();
  return {
    recall: hit / (nq * K),
    p50Ms: lat[Math.floor(nq / 2)] as number,
    p99Ms: lat[Math.min(nq - 1, Math.floor(nq * 0.99))] as number,
  };
}

/** Child: the exact scan; writes truth.i32. Runs pinned to one core from the start. */
async function childExact(p: Params): Promise<Measured> {
  const base = await readF32(join(p.dir, "base.f32"));
  const queries = await readF32(join(p.dir, "queries.f32"));
  const kernels = loadKernels();
  if (kernels.impl !== "native") throw new Error("the native addon is not built: run `bash .ci/build-native.sh`");
  const scores = new Float32Array(p.n);
  const truth = new Int32Array(p.nq * K);
  const topS = new Float32Array(K);
  const top = new Int32Array(K);
  const search = (i: number) => {
    kernels.dotBatchInto(queries.subarray(i * DIM, (i + 1) * DIM), base, DIM, scores);
    topRowsInto(scores, topS, top);
    truth.set(top, i * K);
    return top;
  };
  for (let i = 0; i < p.nq; i++) search(i); // ground truth first
  await Bun.write(join(p.dir, "truth.i32"), truth);
  const t = timeQueries(Math.min(p.nq, p.n >= 500_000 ? 200 : p.nq), truth, search);
  // The exact adapter (engine/kb/vector-index.ts): sync scans vs the native async batch.
  const exact = createExactVectorIndex({ dim: DIM, kernels, initialCapacity: p.n });
  for (let i = 0; i < p.n; i++) exact.add(String(i), base.subarray(i * DIM, (i + 1) * DIM));
  const b = await batchVsSync(exact, queries, Math.min(p.nq, p.n >= 500_000 ? 100 : 300));
  return { buildS: 0, memMiB: 0, ...t, ...b, version: `${kernels.impl} ${kernels.simd}` };
}

async function childUsearch(p: Params, quantization: VectorQuantization): Promise<Measured[]> {
  const base = await readF32(join(p.dir, "base.f32"));
  const queries = await readF32(join(p.dir, "queries.f32"));
  const truth = new Int32Array(await Bun.file(join(p.dir, "truth.i32")).arrayBuffer());
  const ids = Array.from({ length: p.n }, (_, i) => String(i));
  const before = rssMiB();
  const t0 = performance.now();
  const opts = {
    dim: DIM,
    quantization,
    exactBelow: 0,
    connectivity: p.m,
    expansionAdd: p.efc,
    threads: navigator.hardwareConcurrency,
  } as const;
  let idx = createUsearchVectorIndex({ ...opts, expansionSearch: p.efs[0] as number });
  idx.addMany(ids, base);
  const buildLoop = loopMonitor();
  await idx.whenGraphReady(); // builds the graph on its worker
  const buildBlockMs = buildLoop.stop();
  const buildS = (performance.now() - t0) / 1000;
  const memMiB = rssMiB() - before;
  // ef is fixed when a usearch index is made (the binding has no setter), so every
  // ef is measured on the saved graph restored with that ef: kefu's restart path.
  const file = join(p.dir, `kefu-usearch-${quantization}.usearch`);
  idx.save(file);
  idx.close();
  const rows: Measured[] = [];
  for (const ef of p.efs) {
    pinSelf(-1);
    const t1 = performance.now();
    const loadLoop = loopMonitor();
    const r = await restoreUsearchVectorIndex(file, { ...opts, expansionSearch: ef }, ids, base);
    const loadBlockMs = loadLoop.stop();
    if (r.source !== "file") throw new Error(`restore did not load the saved graph: ${r.warning}`);
    const loadS = (performance.now() - t1) / 1000;
    idx = r.index;
    pinSelf(CORE);
    const out = new Int32Array(K);
    const t = timeQueries(p.nq, truth, (i) => {
      const hits = idx.search(queries.subarray(i * DIM, (i + 1) * DIM), K);
      out.fill(-1);
      hits.forEach((h, j) => {
        out[j] = Number(h.id);
      });
      return out;
    });
    const b = await batchVsSync(idx, queries, p.nq);
    pinSelf(-1);
    idx.close();
    rows.push({ buildS, memMiB, ...t, ef, loadS, ...b, buildBlockMs, loadBlockMs });
  }
  rmSync(file, { force: true });
  rmSync(`${file}.json`, { force: true });
  return rows;
}

/** One row of the exact-vs-graph crossover sweep. */
interface Crossover {
  n: number;
  exactP50Ms: number;
  exactP99Ms: number;
  hnswP50Ms: number;
  hnswP99Ms: number;
  hnswRecall: number;
  buildS: number;
}

/**
 * Child: kefu's adapter in exact mode and in HNSW mode on the first `n` rows, for
 * each n of `sizes`, to pick `EXACT_BELOW`. Builds on all cores, then pins itself.
 */
async function childCrossover(p: Params, sizes: number[]): Promise<Crossover[]> {
  const base = await readF32(join(p.dir, "base.f32"));
  const queries = await readF32(join(p.dir, "queries.f32"));
  const nq = Math.min(p.nq, 300);
  const rows: Crossover[] = [];
  for (const n of sizes) {
    const flat = base.subarray(0, n * DIM);
    const ids = Array.from({ length: n }, (_, i) => String(i));
    const exact = createUsearchVectorIndex({ dim: DIM, exactBelow: n });
    exact.addMany(ids, flat);
    const truth = new Int32Array(nq * K);
    for (let i = 0; i < nq; i++) {
      exact.search(queries.subarray(i * DIM, (i + 1) * DIM), K).forEach((h, j) => {
        truth[i * K + j] = Number(h.id);
      });
    }
    const t0 = performance.now();
    const hnsw = createUsearchVectorIndex({
      dim: DIM,
      exactBelow: 0,
      connectivity: p.m,
      expansionAdd: p.efc,
      expansionSearch: p.efs[0] as number,
      threads: navigator.hardwareConcurrency,
    });
    hnsw.addMany(ids, flat);
    await hnsw.whenGraphReady();
    const buildS = (performance.now() - t0) / 1000;
    pinSelf(CORE);
    const out = new Int32Array(K);
    const timed = (idx: typeof exact) =>
      timeQueries(nq, truth, (i) => {
        out.fill(-1);
        idx.search(queries.subarray(i * DIM, (i + 1) * DIM), K).forEach((h, j) => {
          out[j] = Number(h.id);
        });
        return out;
      });
    const e = timed(exact);
    const h = timed(hnsw);
    pinSelf(-1);
    hnsw.close();
    rows.push({
      n,
      exactP50Ms: e.p50Ms,
      exactP99Ms: e.p99Ms,
      hnswP50Ms: h.p50Ms,
      hnswP99Ms: h.p99Ms,
      hnswRecall: h.recall,
      buildS,
    });
  }
  return rows;
}

async function childHnswlib(p: Params): Promise<Measured> {
  const { HierarchicalNSW } = await import("hnswlib-node");
  const base = await readF32(join(p.dir, "base.f32"));
  const queries = await readF32(join(p.dir, "queries.f32"));
  const truth = new Int32Array(await Bun.file(join(p.dir, "truth.i32")).arrayBuffer());
  const before = rssMiB();
  const t0 = performance.now();
  const idx = new HierarchicalNSW("ip", DIM);
  idx.initIndex({ maxElements: p.n, m: p.m, efConstruction: p.efc, randomSeed: 100 });
  for (let i = 0; i < p.n; i++) idx.addPoint(Array.from(base.subarray(i * DIM, (i + 1) * DIM)), i);
  const buildS = (performance.now() - t0) / 1000;
  const memMiB = rssMiB() - before;
  idx.setEf(p.efs[0] as number);
  pinSelf(CORE);
  const t = timeQueries(
    p.nq,
    truth,
    (i) => idx.searchKnn(Array.from(queries.subarray(i * DIM, (i + 1) * DIM)), K).neighbors,
  );
  return { buildS, memMiB, ...t };
}

/** The venv python with faiss-cpu, made under ~/.cache/kefu on first use; undefined (with why) if impossible. */
function faissPython(): { python?: string; why?: string } {
  const venv = join(homedir(), ".cache", "kefu", "faiss-venv");
  const python = join(venv, "bin", "python");
  const ok = () => Bun.spawnSync([python, "-c", "import faiss, numpy"], { stderr: "ignore" }).exitCode === 0;
  if (existsSync(python) && ok()) return { python };
  const py = Bun.which("python3");
  if (!py) return { why: "python3 is not installed" };
  console.error(`vector: installing faiss-cpu 1.15.1 and numpy from PyPI into ${venv}`);
  if (Bun.spawnSync([py, "-m", "venv", venv]).exitCode !== 0) return { why: "python3 -m venv failed" };
  const pip = Bun.spawnSync([join(venv, "bin", "pip"), "install", "-q", "faiss-cpu==1.15.1", "numpy==2.4.6"]);
  if (pip.exitCode !== 0 || !ok())
    return { why: `pip install faiss-cpu failed: ${pip.stderr.toString().slice(0, 200)}` };
  return { python };
}

async function runChild(args: string[]): Promise<Measured> {
  const p = Bun.spawn([process.execPath, resolve(import.meta.path), "--child", ...args], {
    stdout: "pipe",
    stderr: "inherit",
  });
  const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  if (code !== 0) throw new Error(`vector child ${args[0]} failed with ${code}`);
  return JSON.parse(out) as Measured;
}

/** Runs the scenario and appends one row per library to bench/RESULTS.md. */
export async function run(): Promise<void> {
  const n = Number(process.env.VECTOR_N ?? 1_000_000);
  const nq = Number(process.env.VECTOR_QUERIES ?? 1000);
  const m = Number(process.env.VECTOR_M ?? 16);
  const efc = Number(process.env.VECTOR_EFC ?? 64);
  const efs = (process.env.VECTOR_EF ?? "96").split(",").map(Number);
  const ef = efs[0] as number;
  const quants = (process.env.VECTOR_USEARCH ?? "f16").split(",") as VectorQuantization[];
  const peers = new Set((process.env.VECTOR_PEERS ?? "exact,usearch,hnswlib,faiss").split(","));
  const dir = await ensureData(n, nq);
  const args = [dir, n, nq, m, efc, efs.join(",")].map(String);
  const results: { name: string; params: string; r?: Measured; why?: string }[] = [];
  const hnsw = `M=${m} efC=${efc} ef=${ef}`;

  // The exact scan always runs when there is no ground truth yet.
  if (peers.has("exact") || !existsSync(join(dir, "truth.i32"))) {
    const r = JSON.parse(await runPinnedChild(resolve(import.meta.path), ["exact", ...args], CORE)) as Measured;
    results.push({ name: `native exact (${r.version})`, params: "full scan", r });
  }
  if (peers.has("usearch")) {
    for (const q of quants) {
      for (const r of (await runChild([`usearch-${q}`, ...args])) as unknown as Measured[]) {
        results.push({
          name: `usearch 2.26.2 ${q} (kefu adapter)`,
          params: `M=${m} efC=${efc} ef=${r.ef} rerank×2; restart loads the graph in ${r.loadS?.toFixed(1)} s`,
          r,
        });
      }
    }
  }
  if (peers.has("hnswlib")) {
    results.push({ name: "hnswlib-node 3.0.0", params: hnsw, r: await runChild(["hnswlib", ...args]) });
  }
  if (peers.has("faiss")) {
    const { python, why } = faissPython();
    if (!python) results.push({ name: "faiss-cpu (PyPI)", params: hnsw, why: why ?? "unavailable" });
    else {
      const script = join(import.meta.dir, "..", "peers", "faiss_hnsw.py");
      const p = Bun.spawn(
        [python, script, dir, String(n), String(DIM), String(nq), String(m), String(efc), String(ef), String(CORE)],
        {
          stdout: "pipe",
          stderr: "inherit",
        },
      );
      const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
      if (code !== 0) results.push({ name: "faiss-cpu (PyPI)", params: hnsw, why: `child failed with ${code}` });
      else {
        const r = JSON.parse(out) as Measured;
        results.push({ name: `faiss-cpu ${r.version} (PyPI, Python child)`, params: hnsw, r });
      }
    }
  }

  if (peers.has("crossover")) await crossover(args, n);

  const exactP50 = results[0]?.name.startsWith("native exact") ? results[0].r?.p50Ms : undefined;
  const machine = await machineLine();
  const date = new Date().toISOString().slice(0, 10);
  const cmd = `\`VECTOR_N=${n} npm run bench -- vector\``;
  const lines = results.map(({ name, params, r, why }) =>
    r
      ? `| ${date} | ${n}×${DIM} clustered | ${name} | ${params} | ${r.buildS.toFixed(1)} | ${r.memMiB.toFixed(0)} | ${r.recall.toFixed(4)} | ${r.p50Ms.toFixed(3)} | ${r.p99Ms.toFixed(3)} | ${exactP50 ? `${(exactP50 / r.p50Ms).toFixed(1)}×` : "–"} | ${machine} | build: all cores; queries: core ${CORE}, 1 at a time, k=10, ${nq} queries | ${cmd} |`
      : `| ${date} | ${n}×${DIM} clustered | ${name} | ${params} | – | – | – | – | – | – | ${machine} | not run: ${why} | ${cmd} |`,
  );
  if (!process.env.BENCH_NO_RESULTS) {
    await appendResults(
      "vector: 384-d nearest neighbours, kefu's usearch adapter vs peers",
      [
        "| date | data | library | params | build s | memory MiB | recall@10 | p50 ms | p99 ms | p50 speed-up vs exact | machine | pinning | command |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
      ],
      lines,
    );
  }
  for (const l of lines) console.log(l);

  const offLoop = results.flatMap(({ name, params, r }) =>
    r?.syncQps && r.batchQps
      ? [
          `| ${date} | ${n}×${DIM} clustered | ${name} | ${params.split(";")[0]} | ${r.syncQps.toFixed(0)} | ${r.batchQps.toFixed(0)} | ${(r.batchQps / r.syncQps).toFixed(2)}× | ${(r.batchAllQps ?? 0).toFixed(0)} | ${((r.batchAllQps ?? 0) / r.syncQps).toFixed(2)}× | ${r.buildBlockMs === undefined ? "–" : `${r.buildBlockMs.toFixed(1)} / ${(r.loadBlockMs ?? 0).toFixed(1)}`} | ${machine} | sync: core ${CORE}; batch: core ${CORE}, then all cores; k=10, batches of 100 | ${cmd} |`,
        ]
      : [],
  );
  if (!process.env.BENCH_NO_RESULTS && offLoop.length > 0) {
    await appendResults(
      "vector off the event loop: async batch vs sync search, event-loop stalls during graph build and restore",
      [
        "| date | data | index | params | sync q/s (core 0) | async batch q/s (core 0) | batch / sync | async batch q/s (all cores) | batch / sync | longest loop stall ms: build / restore | machine | pinning | command |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
      ],
      offLoop,
    );
  }
  for (const l of offLoop) console.log(l);
}

/** The exact-vs-HNSW sweep behind `EXACT_BELOW` (VECTOR_PEERS=crossover). */
async function crossover(args: string[], n: number): Promise<void> {
  const sizes = [2_000, 5_000, 10_000, 20_000, 50_000, 100_000].filter((s) => s <= n);
  const p = Bun.spawn([process.execPath, resolve(import.meta.path), "--child", "crossover", ...args, sizes.join(",")], {
    stdout: "pipe",
    stderr: "inherit",
  });
  const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  if (code !== 0) throw new Error(`vector crossover child failed with ${code}`);
  const machine = await machineLine();
  const date = new Date().toISOString().slice(0, 10);
  const lines = (JSON.parse(out) as Crossover[]).map(
    (c) =>
      `| ${date} | ${c.n}×${DIM} clustered | ${c.exactP50Ms.toFixed(3)} / ${c.exactP99Ms.toFixed(3)} | ${c.hnswP50Ms.toFixed(3)} / ${c.hnswP99Ms.toFixed(3)} | ${c.hnswRecall.toFixed(4)} | ${c.buildS.toFixed(1)} | ${machine} | queries on core ${CORE}, k=10 | \`VECTOR_PEERS=crossover npm run bench -- vector\` |`,
  );
  if (!process.env.BENCH_NO_RESULTS) {
    await appendResults(
      "vector crossover: kefu's exact scan vs its HNSW graph (picks EXACT_BELOW)",
      [
        "| date | data | exact p50 / p99 ms | HNSW p50 / p99 ms | HNSW recall@10 | HNSW build s | machine | pinning | command |",
        "|---|---|---|---|---|---|---|---|---|",
      ],
      lines,
    );
  }
  for (const l of lines) console.log(l);
}

if (import.meta.main && process.argv[2] === "--child" && process.argv[3] === "crossover") {
  const [dir, n, nq, m, efc, ef, sizes] = process.argv.slice(4) as string[];
  const p: Params = {
    dir: dir as string,
    n: Number(n),
    nq: Number(nq),
    m: Number(m),
    efc: Number(efc),
    efs: (ef as string).split(",").map(Number),
  };
  console.log(JSON.stringify(await childCrossover(p, (sizes as string).split(",").map(Number))));
} else if (import.meta.main && process.argv[2] === "--child") {
  const [what, dir, n, nq, m, efc, ef] = process.argv.slice(3) as [string, ...string[]];
  const p: Params = {
    dir: dir as string,
    n: Number(n),
    nq: Number(nq),
    m: Number(m),
    efc: Number(efc),
    efs: (ef as string).split(",").map(Number),
  };
  const r =
    what === "exact"
      ? await childExact(p)
      : what === "hnswlib"
        ? await childHnswlib(p)
        : await childUsearch(p, what.slice("usearch-".length) as VectorQuantization);
  console.log(JSON.stringify(r));
}
