/**
 * The Embedder port's model adapter: a BERT-class sentence-embedding model
 * (all-MiniLM-L6-v2 by default) run by the native addon (`NativeEmbedder`, candle on
 * the CPU, or CUDA when built with the `cuda` feature and a device loads). Pick it for
 * paraphrases and synonyms the hashed embedder cannot see; it needs the model files in a
 * local directory (`embed.modelDir`, env `KEFU_EMBED_MODEL_DIR`; fetch them with
 * `bash .ci/fetch-embed-model.sh`). Nothing is downloaded at run time.
 *
 * @example
 *   const e = createNativeEmbedder({ modelDir: "/models/all-MiniLM-L6-v2" });
 *   e.id;                                  // "native-bert:all-MiniLM-L6-v2:384:mean-l2"
 *   const v = await e.embed(["退款多久到账"]); // Float32Array(384), off the event loop
 */
import type * as native from "../../native/index.js";
import type { Logger } from "../logger.ts";
import { type AddonOptions, loadAddon } from "../native.ts";
import { createHashedEmbedder, type Embedder } from "./embedder.ts";

type Addon = Pick<typeof native, "NativeEmbedder">;

/** Options of the native model embedder. */
export interface NativeEmbedderOptions extends AddonOptions {
  /** Directory with config.json, tokenizer.json and model.safetensors. */
  modelDir: string;
  /** "auto" (CUDA when available, else CPU with one log line), "cpu" or "cuda". Default "auto". */
  device?: "auto" | "cpu" | "cuda";
}

/** The model embedder: an Embedder plus what the addon reports about it. */
export interface NativeModelEmbedder extends Embedder {
  /** Where the forward pass runs. */
  readonly device: "cpu" | "cuda";
  /** The synchronous twin of `embed`, for one or two short texts on a hot path. */
  embedSync(texts: string[]): Float32Array;
}

/** Thrown when the addon or the model cannot be loaded. */
export class NativeEmbedderError extends Error {
  override readonly name = "NativeEmbedderError";
}

/**
 * Loads the model in `opts.modelDir` through the native addon. Throws a
 * NativeEmbedderError when the addon is not built or lacks the embedder, or when a
 * model file is missing or malformed (the message names it and the fetch command).
 *
 * @example
 *   const e = createNativeEmbedder({ modelDir: process.env.KEFU_EMBED_MODEL_DIR ?? "", device: "cpu" });
 *   e.device; // "cpu"
 */
export function createNativeEmbedder(opts: NativeEmbedderOptions): NativeModelEmbedder {
  const addon = loadAddon<Addon>("the model embedder", (a) => typeof a.NativeEmbedder?.load === "function", opts);
  if (!addon) {
    throw new NativeEmbedderError(
      "the native addon is not built (or too old for the model embedder): run `bash .ci/build-native.sh`",
    );
  }
  let model: native.NativeEmbedder;
  try {
    model = addon.NativeEmbedder.load(opts.modelDir, { device: opts.device ?? "auto" });
  } catch (e) {
    throw new NativeEmbedderError(
      `cannot load the embedding model from ${JSON.stringify(opts.modelDir)}: ${(e as Error).message} ` +
        "(fetch all-MiniLM-L6-v2 with `bash .ci/fetch-embed-model.sh`)",
    );
  }
  return {
    id: `native-bert:${model.model}:${model.dim}:mean-l2`,
    dim: model.dim,
    device: model.device,
    embed: (texts) => (texts.length === 0 ? Promise.resolve(new Float32Array(0)) : model.embed(texts)),
    embedSync: (texts) => model.embedSync(texts),
  } satisfies NativeModelEmbedder;
}

/** The `embed` section of the config: which embedder the knowledge base uses. */
export interface EmbedConfig {
  /** Model directory; empty: the hashed n-gram embedder. */
  modelDir: string;
  device: "auto" | "cpu" | "cuda";
}

/**
 * The knowledge base's embedder as configured: the hashed n-gram embedder when
 * `embed.modelDir` is empty (the default), else the native model, with one log line
 * naming it and its device. Throws a NativeEmbedderError when the model cannot load:
 * a configured model that is missing stops the start-up rather than silently degrading.
 *
 * @example
 *   const embedder = createConfiguredEmbedder(config.embed, logger);
 *   await openKnowledgeBase({ path, embedder });
 */
export function createConfiguredEmbedder(cfg: EmbedConfig, logger?: Pick<Logger, "info" | "warn">): Embedder {
  if (cfg.modelDir === "") return createHashedEmbedder();
  const e = createNativeEmbedder({ modelDir: cfg.modelDir, device: cfg.device, ...(logger ? { logger } : {}) });
  logger?.info("knowledge base embeds with the native model", { id: e.id, device: e.device, dir: cfg.modelDir });
  return e;
}
