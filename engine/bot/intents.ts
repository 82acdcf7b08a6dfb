/**
 * Intent classification per tenant: keyword rules plus similarity to example
 * utterances (TF-IDF cosine over character bigrams, self-contained), an
 * `IntentRegistry` that swaps a tenant's model atomically on reload, and a file
 * watcher that reloads on change. A bad file is rejected with an error naming the
 * intent, field and line, and the previous model keeps serving.
 *
 * Scoring: text is NFKC-folded and lower-cased; features are character bigrams
 * (of CJK runs, and of each Latin word padded with spaces), CJK single
 * characters (short Chinese messages need them) and whole Latin words,
 * weighted TF-IDF over all examples. An intent's similarity is
 * `0.8 × best example cosine + 0.2 × centroid cosine`. A keyword found in the text
 * (Latin keywords on word boundaries) adds 40% of the distance to 1
 * (`s + 0.4 × (1 − s)`). The confidence is the winning score; below
 * `minConfidence` the intent is `null`.
 *
 * @example
 *   const registry = new IntentRegistry();
 *   registry.reload("acme", await Bun.file("intents.json").text());
 *   registry.classify("acme", "refund please"); // { intent: "refund", confidence: 0.848, action: { type: "kb" }, entities: [], ranking: [...] }
 */
import { existsSync, watch as fsWatch, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type Entity, extractEntities } from "./entities.ts";
import { formatOf, type IntentAction, type IntentDef, type IntentsFormat, parseIntentsFile } from "./intents-file.ts";

export { type IntentAction, type IntentDef, IntentsFileError, parseIntentsFile } from "./intents-file.ts";

/** The result of classifying one message. */
export interface Classification {
  /** Winning intent, or null when nothing scores at least `minConfidence`. */
  intent: string | null;
  /** Score of the winning intent in [0, 1]. */
  confidence: number;
  /** The winning intent's action (undefined when `intent` is null). */
  action?: IntentAction;
  /** Entities found in the text, restricted to the intent's `entities` when it lists them. */
  entities: Entity[];
  /** The best three intents and their scores, best first. */
  ranking: { intent: string; score: number }[];
}

/** Classifier options. */
export interface ClassifierOptions {
  /** Below this the intent is null (default 0.2). */
  minConfidence?: number;
}

type Vec = Map<string, number>;

/** NFKC fold and lower-case. */
const norm = (s: string) => s.normalize("NFKC").toLowerCase();

/**
 * Features of a text: CJK characters and bigrams, bigrams of space-padded Latin words, and whole Latin words.
 *
 * @example
 *   features("退款 re") // ["退", "款", "退款", " r", "re", "e ", "w:re"]
 */
export function features(text: string): string[] {
  const out: string[] = [];
  for (const m of norm(text).matchAll(/(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu)) {
    if (m[1] !== undefined) {
      const run = m[1];
      for (const ch of run) out.push(ch);
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    } else if (m[2] !== undefined) {
      const w = ` ${m[2]} `;
      for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(i, i + 2));
      out.push(`w:${m[2]}`);
    }
  }
  return out;
}

function unit(v: Vec): Vec {
  let n = 0;
  for (const x of v.values()) n += x * x;
  n = Math.sqrt(n);
  if (n > 0) for (const [k, x] of v) v.set(k, x / n);
  return v;
}

function dot(a: Vec, b: Vec): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) s += x * (big.get(k) ?? 0);
  return s;
}

interface Compiled {
  def: IntentDef;
  examples: Vec[];
  centroid: Vec;
  keywords: { text: string; latin: boolean }[];
}

/** A compiled, immutable intent model for one tenant. Build with `compileIntents`. */
export interface IntentModel {
  /** Increases with every successful reload of a tenant. */
  readonly version: number;
  readonly intents: readonly IntentDef[];
  classify(text: string): Classification;
}

/**
 * Builds a classifier from validated intents.
 *
 * @example
 *   compileIntents(parseIntentsFile(text)).classify("refund please").intent // "refund"
 */
export function compileIntents(defs: readonly IntentDef[], opts: ClassifierOptions = {}, version = 1): IntentModel {
  const minConfidence = opts.minConfidence ?? 0.2;
  // Term counts of every example, computed once; document frequency over all examples.
  const counts = (text: string): Vec => {
    const v: Vec = new Map();
    for (const f of features(text)) v.set(f, (v.get(f) ?? 0) + 1);
    return v;
  };
  const exampleCounts = defs.map((d) => d.examples.map(counts));
  const df = new Map<string, number>();
  let docs = 0;
  for (const list of exampleCounts) {
    for (const c of list) {
      docs++;
      for (const f of c.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    }
  }
  const idf = (f: string) => Math.log((1 + docs) / (1 + (df.get(f) ?? 0))) + 1;
  const weigh = (v: Vec): Vec => {
    for (const [f, tf] of v) v.set(f, (1 + Math.log(tf)) * idf(f));
    return unit(v);
  };
  const vectorize = (text: string): Vec => weigh(counts(text));
  const compiled: Compiled[] = defs.map((def, i) => {
    const examples = (exampleCounts[i] ?? []).map(weigh);
    const centroid: Vec = new Map();
    for (const ex of examples) for (const [k, x] of ex) centroid.set(k, (centroid.get(k) ?? 0) + x);
    return {
      def,
      examples,
      centroid: unit(centroid),
      keywords: (def.keywords ?? []).map((k) => ({ text: norm(k), latin: /^[\p{Script=Latin}\p{N}\s'-]+$/u.test(k) })),
    };
  });
  const frozen = Object.freeze(defs.map((d) => Object.freeze({ ...d })));

  return Object.freeze({
    version,
    intents: frozen,
    classify(text: string): Classification {
      const v = vectorize(text);
      const t = norm(text);
      const words = ` ${t.replace(/[^\p{L}\p{N}'-]+/gu, " ")} `;
      const scored = compiled.map((c) => {
        let best = 0;
        for (const ex of c.examples) best = Math.max(best, dot(v, ex));
        let score = 0.8 * best + 0.2 * dot(v, c.centroid);
        const hit = c.keywords.some((k) => (k.latin ? words.includes(` ${k.text} `) : t.includes(k.text)));
        if (hit) score += KEYWORD_LIFT * (1 - score);
        return { c, score: Math.min(1, score) };
      });
      scored.sort((a, b) => b.score - a.score);
      const ranking = scored.slice(0, 3).map((s) => ({ intent: s.c.def.name, score: round(s.score) }));
      const top = scored[0];
      const all = extractEntities(text);
      if (!top || top.score < minConfidence) {
        return { intent: null, confidence: round(top?.score ?? 0), entities: all, ranking };
      }
      const kinds = top.c.def.entities;
      const entities = kinds ? all.filter((e) => (kinds as string[]).includes(e.type)) : all;
      return { intent: top.c.def.name, confidence: round(top.score), action: top.c.def.action, entities, ranking };
    },
  });
}

/** Share of the remaining distance to 1 that a keyword hit adds to an intent's score. */
const KEYWORD_LIFT = 0.4;

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Per-tenant intent models. `reload` validates and compiles first, then swaps the
 * tenant's model in one assignment: a classification that already holds a model
 * (via `model(tenant)`) finishes on it; a rejected file leaves the old model serving.
 * Single process; each node loads its own files.
 *
 * @example
 *   const reg = new IntentRegistry();
 *   reg.reload("acme", jsonText);           // throws IntentsFileError on a bad file
 *   reg.classify("acme", "where is my parcel")?.intent;
 */
export class IntentRegistry {
  readonly #models = new Map<string, IntentModel>();
  readonly #opts: ClassifierOptions;

  constructor(opts: ClassifierOptions = {}) {
    this.#opts = opts;
  }

  /** Validates `text` and swaps the tenant's model; throws `IntentsFileError` and keeps the old model on a bad file. */
  reload(tenant: string, text: string, opts: { format?: IntentsFormat; source?: string } = {}): IntentModel {
    const defs = parseIntentsFile(text, opts);
    const model = compileIntents(defs, this.#opts, (this.#models.get(tenant)?.version ?? 0) + 1);
    this.#models.set(tenant, model);
    return model;
  }

  /** The tenant's current model (hold it to classify several messages against one version). */
  model(tenant: string): IntentModel | undefined {
    return this.#models.get(tenant);
  }

  /** Classifies with the tenant's current model; undefined when the tenant has none. */
  classify(tenant: string, text: string): Classification | undefined {
    return this.#models.get(tenant)?.classify(text);
  }

  /** Forgets a tenant's model. */
  delete(tenant: string): boolean {
    return this.#models.delete(tenant);
  }

  /** Tenants with a model. */
  tenants(): string[] {
    return [...this.#models.keys()];
  }
}

/** A running watcher. */
export interface IntentsWatcher {
  /** The initial load: true when the file was loaded. */
  readonly ready: Promise<boolean>;
  /** Reads the file and reloads now; resolves true when the new model was swapped in. */
  reloadNow(): Promise<boolean>;
  close(): void;
}

/** Options of `watchIntentsFile`. */
export interface WatchIntentsOptions {
  tenant: string;
  path: string;
  /** Coalesce change bursts (editors write several times), ms (default 100). */
  debounceMs?: number;
  onReload?: (model: IntentModel) => void;
  /** A rejected file or unreadable path; the old model keeps serving. */
  onError?: (err: unknown) => void;
  /** File-change subscription (default `fs.watch`); injected in tests. */
  watch?: (path: string, onChange: () => void) => { close(): void };
}

/**
 * Loads `path` into the registry now and on every change. Never throws for a bad file:
 * errors go to `onError` and the previous model stays.
 *
 * @example
 *   const w = watchIntentsFile(registry, { tenant: "acme", path: "tenants/acme/intents.json", onError: log.warn });
 *   await w.ready; // false when the file was missing or rejected
 *   w.close();
 */
export function watchIntentsFile(registry: IntentRegistry, opts: WatchIntentsOptions): IntentsWatcher {
  const debounceMs = opts.debounceMs ?? 100;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  // A slower older read must not overwrite a newer one: only the latest read applies.
  let seq = 0;
  const reloadNow = async (): Promise<boolean> => {
    const mine = ++seq;
    try {
      const text = await Bun.file(opts.path).text();
      if (closed || mine !== seq) return false;
      const model = registry.reload(opts.tenant, text, { format: formatOf(opts.path), source: opts.path });
      opts.onReload?.(model);
      return true;
    } catch (e) {
      opts.onError?.(e);
      return false;
    }
  };
  const subscribe =
    opts.watch ??
    ((path: string, onChange: () => void) => {
      // Watch the directory: editors and deploys replace the file (rename), which ends a watch on the file itself.
      const w = fsWatch(dirname(path), (_event, name) => {
        if (name === null || name === basename(path)) onChange();
      });
      w.on("error", (e) => opts.onError?.(e));
      return w;
    });
  const sub = subscribe(opts.path, () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reloadNow(), debounceMs);
  });
  return {
    ready: reloadNow(),
    reloadNow,
    close() {
      closed = true;
      clearTimeout(timer);
      sub.close();
    },
  };
}

/** A running directory watcher. */
export interface IntentsDirWatcher {
  /** The initial load: the tenants whose files were loaded. */
  readonly ready: Promise<string[]>;
  /** Tenants with a file in the directory (loaded or rejected). */
  tenants(): string[];
  close(): void;
}

/** Options of `watchIntentsDir`. */
export interface WatchIntentsDirOptions {
  dir: string;
  /** Coalesce change bursts per file, ms (default 100). */
  debounceMs?: number;
  onReload?: (tenant: string, model: IntentModel) => void;
  /** A rejected or unreadable file; the tenant's previous model keeps serving. */
  onError?: (tenant: string, err: unknown) => void;
  /** Directory-change subscription (default `fs.watch`); `name` is the changed entry, null when unknown. */
  watch?: (dir: string, onChange: (name: string | null) => void) => { close(): void };
}

/** `acme.json` → "acme"; undefined for names that are not intents files. */
export function tenantOfIntentsFile(name: string): string | undefined {
  return /^([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.(json|toml)$/.exec(name)?.[1];
}

/**
 * Loads every `<tenant>.json` / `<tenant>.toml` in `dir` into the registry and
 * reloads a tenant when its file changes; a file added later is picked up. A bad
 * or deleted file goes to `onError` and the tenant's previous model keeps
 * serving (to drop a tenant's intents, write an empty list). Throws when `dir`
 * is not a readable directory.
 *
 * @example
 *   const w = watchIntentsDir(registry, { dir: "/etc/kefu/intents", onError: (t, e) => log.warn("intents rejected", { t, e }) });
 *   await w.ready; // ["acme", "default"]
 */
export function watchIntentsDir(registry: IntentRegistry, opts: WatchIntentsDirOptions): IntentsDirWatcher {
  const names = readdirSync(opts.dir); // throws ENOENT/ENOTDIR with the path
  const files = new Map<string, { tenant: string; watcher?: IntentsWatcher; onChange?: (() => void) | undefined }>();
  const byTenant = new Map<string, string>();
  let closed = false;
  const add = (name: string): Promise<boolean> | undefined => {
    const tenant = tenantOfIntentsFile(name);
    if (!tenant || files.has(name)) return undefined;
    const other = byTenant.get(tenant);
    if (other !== undefined) {
      opts.onError?.(tenant, new Error(`${name} ignored: tenant "${tenant}" already has ${other}`));
      return undefined;
    }
    byTenant.set(tenant, name);
    const entry: { tenant: string; watcher?: IntentsWatcher; onChange?: (() => void) | undefined } = { tenant };
    files.set(name, entry);
    entry.watcher = watchIntentsFile(registry, {
      tenant,
      path: join(opts.dir, name),
      ...(opts.debounceMs !== undefined ? { debounceMs: opts.debounceMs } : {}),
      onReload: (m) => opts.onReload?.(tenant, m),
      onError: (e) => opts.onError?.(tenant, e),
      watch: (_path, onChange) => {
        entry.onChange = onChange;
        return { close: () => (entry.onChange = undefined) };
      },
    });
    return entry.watcher.ready;
  };
  const subscribe =
    opts.watch ??
    ((dir: string, onChange: (name: string | null) => void) => {
      const w = fsWatch(dir, (_event, name) => onChange(name));
      w.on("error", (e) => opts.onError?.("", e));
      return w;
    });
  const sub = subscribe(opts.dir, (name) => {
    if (closed) return;
    const changed = name === null ? readdirSync(opts.dir) : [name];
    for (const n of changed) {
      const known = files.get(n);
      if (known) known.onChange?.();
      else if (existsSync(join(opts.dir, n))) void add(n);
    }
  });
  const loads = names.sort().map((n) => [tenantOfIntentsFile(n), add(n)] as const);
  return {
    ready: Promise.all(loads.map(async ([t, p]) => ((await p) ? t : undefined))).then((ts) =>
      ts.filter((t): t is string => t !== undefined),
    ),
    tenants: () => [...byTenant.keys()].sort(),
    close() {
      closed = true;
      sub.close();
      for (const f of files.values()) f.watcher?.close();
    },
  };
}
