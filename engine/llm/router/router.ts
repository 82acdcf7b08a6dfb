/**
 * The LLM router: picks a profile (schedule), a route (profile → logical model →
 * route, through conditional routes), orders the route's targets (fallback,
 * weighted or latency strategy), skips ejected and cooling targets (breakers), and
 * races them to the first token (failover and hedging, within the retry budget).
 * Which target answered, and why, is in `meta` from the first token on.
 *
 * Guarantees:
 * - Failover before the first token is transparent; a non-retryable error fails at once.
 * - After the first token, a failure ends the stream with `LlmError("stream_interrupted")`,
 *   never a normal end with a truncated answer — unless the route has
 *   `continueAfterFirstToken` *and* the caller passed `onRestart`: then the answer
 *   restarts from scratch on the next target, `onRestart` is called just before the
 *   first chunk of the new answer (the caller must discard the partial text), and
 *   `meta.restarts` counts it.
 * - `reload(config)` swaps atomically: a request keeps the config, routes and
 *   providers it started with; breakers and latency estimates of targets that still
 *   exist are kept.
 *
 * @example
 *   const router = createLlmRouter({ config, providers: (id, t) => makeProvider(id, t), clock: systemClock });
 *   const { first, chunks } = router.stream(req, { signal });
 *   const meta = await first;            // throws the routing error before any byte is sent
 *   res.headers.set("x-kefu-target", meta.target);
 *   for await (const c of chunks) send(c);
 */
import type { Clock } from "../../clock.ts";
import { type ChatChunk, type ChatRequest, LlmError, type LlmProvider } from "../types.ts";
import { Attempt, type AttemptEnd, type AttemptOutcome, type AttemptReason } from "./attempt.ts";
import { BREAKER_GAUGE, type BreakerPermit, BreakerSet, type BreakerState, selectAvailable } from "./breaker.ts";
import { resolveRoute } from "./conditional.ts";
import type { LlmConfig, RouteConfig, TargetConfig } from "./config.ts";
import { orderFallback } from "./fallback.ts";
import { abortError, type LaunchResult, raceToFirstToken } from "./hedge.ts";
import { LatencyTracker, orderByLatency } from "./latency.ts";
import { Outcome } from "./outcome.ts";
import { RetryBudget } from "./retry-budget.ts";
import { compileSchedule } from "./schedule.ts";
import { systemTimers, type Timers } from "./timers.ts";
import { orderWeighted } from "./weighted.ts";

/** One attempt, for metrics (`onAttempt`). */
export interface AttemptReport {
  target: string;
  /** The provider's kind ("openai", "dify", …). */
  provider: string;
  /**
   * The target's configured model, or "(request)" when the target passes the caller's
   * model through: never a caller-supplied string, so it is safe as a metric label.
   */
  model: string;
  route: string;
  reason: AttemptReason;
  outcome: AttemptOutcome;
  /** Time to the first token; absent for whole-answer calls (`whole`), which have none. */
  ttftMs?: number;
  /** The attempt was one non-streamed whole-answer call. */
  whole?: true;
  totalMs: number;
  tokensIn?: number;
  tokensOut?: number;
}

/** Hooks for metrics; the gateway wires them to prom-client. All optional, all synchronous. */
export interface RouterMetrics {
  onAttempt?(report: AttemptReport): void;
  onHedge?(route: string, from: string, to: string): void;
  onFailover?(route: string, from: string, to: string, error: LlmError): void;
  onRestart?(route: string, from: string, to: string): void;
  /** A breaker changed state; `gauge` is 0 closed, 1 half-open, 2 open. */
  breakerState?(target: string, state: BreakerState, gauge: 0 | 1 | 2): void;
}

/** Builds the provider of a target; called once per target per config generation. */
export type ProviderFactory = (targetId: string, target: TargetConfig) => LlmProvider;

/** Dependencies of `createLlmRouter`. */
export interface LlmRouterDeps {
  config: LlmConfig;
  providers: ProviderFactory;
  clock: Clock;
  /** Default `systemTimers`; tests pass `manualTimers(clock)`. */
  timers?: Timers;
  metrics?: RouterMetrics;
  /** Uniform [0, 1) for weighted picks and exploration. Default Math.random. */
  random?: () => number;
}

/** One attempt of a request, as recorded in `meta.tried`. */
export interface TriedAttempt {
  target: string;
  reason: AttemptReason;
  /** Ms from the start of the request. */
  startMs: number;
  /** Undefined while running. */
  outcome?: AttemptOutcome;
  ttftMs?: number;
}

/**
 * Where an answer came from and why. `target`, `route`, `attempts` are what the
 * gateway puts in headers (`x-kefu-target`, `x-kefu-route`); the object is live:
 * it keeps changing until the stream ends.
 */
export interface RouteMeta {
  /** The target that answered; "" until the first token. */
  target: string;
  /** The route whose strategy picked the target (after conditional routes). */
  route: string;
  /** Provider calls made so far (hedges included). */
  attempts: number;
  profile: string;
  strategy: RouteConfig["strategy"] | "";
  /** Why `target` answered: primary, failover, hedge, restart or forced (every breaker open). */
  reason: AttemptReason | undefined;
  /** Steps, e.g. ["schedule:day", "route:support", "fallback", "openai-day (hedged after 500ms)"]. */
  path: string[];
  /** `path` joined with " > ". */
  pathText: string;
  hedged: boolean;
  /** Every target of the route was ejected or cooling; the soonest to recover was tried anyway. */
  forced: boolean;
  restarts: number;
  ttftMs: number | undefined;
  tried: TriedAttempt[];
  /** Config generation the request ran on (1, then +1 per reload). */
  configVersion: number;
  outcome: "pending" | "streaming" | "ok" | "failed" | "cancelled";
  error: unknown;
}

/** A restart after the first token (only with `continueAfterFirstToken` and `onRestart`). */
export interface RestartInfo {
  from: string;
  to: string;
  /** The error code that ended the first answer. */
  reason: string;
}

/** Options of one routed call. */
export interface StreamOptions {
  signal: AbortSignal;
  /**
   * Lets routes with `continueAfterFirstToken` restart the answer on another target
   * after a mid-stream failure; called right before the new answer's first chunk.
   * Without it, a mid-stream failure always ends with stream_interrupted.
   */
  onRestart?: (info: RestartInfo) => void;
  /**
   * The caller only uses the complete answer (an OpenAI `stream: false` request). On
   * routes with `wholeAnswers` (default: routes without hedging), targets whose
   * provider has `complete` are then called without streaming: the first token is the
   * whole answer, `timeouts.wholeMs` bounds it, and the attempt gives the breaker and
   * the latency strategy no time-to-first-token (it has none) — only its outcome.
   * Failover before the answer, breakers, budget and metrics work as for streams.
   */
  whole?: boolean;
}

/** A complete answer with where it came from. */
export interface RoutedAnswer {
  meta: RouteMeta;
  chunks: ChatChunk[];
}

/** A routed call. */
export interface RoutedStream {
  /** Resolves at the first token with `meta` (target known); rejects with the routing error. */
  first: Promise<RouteMeta>;
  /** Every chunk, the first included. Single use. Throws LlmError stream_interrupted on a mid-stream failure. */
  chunks: AsyncIterable<ChatChunk>;
  /**
   * Every chunk at once, when the answer is complete (for callers that only use the
   * whole answer); rejects as `first` does, or as `chunks` would. Use it instead of
   * `chunks`, not with it. A whole-answer call hands over the one answer without a
   * generator in between; a streamed one is read straight from the answering attempt.
   * After a restart (`continueAfterFirstToken` with `onRestart`) the chunks are the
   * restarted answer's only, never the abandoned partial text.
   */
  answer(): Promise<RoutedAnswer>;
  /** The live meta. */
  meta: RouteMeta;
  /** Resolves (never rejects) when the call is over, with the final meta, for the log line. */
  done: Promise<RouteMeta>;
}

/** The router. */
export interface LlmRouter {
  /** Starts routing at once (eagerly, so `first` settles without pulling `chunks`). */
  stream(req: ChatRequest, opts: StreamOptions): RoutedStream;
  /** Swaps in a validated config (and optionally new providers); requests in flight keep theirs. */
  reload(config: LlmConfig, providers?: ProviderFactory): void;
  /** The current config. */
  config(): LlmConfig;
  /** Gauge values of every breaker (0 closed, 1 half-open, 2 open), for a metrics collect callback. */
  breakerGauges(): Record<string, 0 | 1 | 2>;
  /** The breaker of a target, for the admin API and tests. */
  breaker(target: string): ReturnType<BreakerSet["get"]>;
}

interface Generation {
  version: number;
  config: LlmConfig;
  profileAt: ((now: number) => { profile: string; window: number | undefined }) | undefined;
  factory: ProviderFactory;
  providers: Map<string, LlmProvider>;
  /**
   * The path text before the strategy ("profile:default > route:support") of routes
   * reached without a conditional hop, by profile, then route name: strings from the
   * config, so looking them up hashes nothing new.
   */
  prefixTexts: Map<string, Map<string, string>>;
}

/** Deadline of a whole-answer call when the target sets no `timeouts.wholeMs`. */
export const DEFAULT_WHOLE_MS = 120_000;

/**
 * Creates a router. Validate the config with `parseLlmConfig` first.
 *
 * @example
 *   const router = createLlmRouter({ config: parseLlmConfig(json), providers, clock: systemClock, metrics });
 */
export function createLlmRouter(deps: LlmRouterDeps): LlmRouter {
  const { clock, metrics } = deps;
  const timers = deps.timers ?? systemTimers;
  const random = deps.random ?? Math.random;
  const latency = new LatencyTracker();
  const budget = new RetryBudget(clock, deps.config.retry);
  const breakers = new BreakerSet(clock, deps.config.breaker, (target, state) => {
    metrics?.breakerState?.(target, state, BREAKER_GAUGE[state]);
    if (state === "open") {
      // Let the gauge show half-open when the ejection ends, even with no traffic.
      const b = breakers.get(target);
      timers.after(Math.max(0, b.snapshot().openUntil - clock.now()), () => {
        if (breakers.has(target)) b.state();
      });
    }
  });

  const compile = (config: LlmConfig, factory: ProviderFactory, version: number): Generation => ({
    version,
    config,
    profileAt: config.schedule ? compileSchedule(config.schedule) : undefined,
    factory,
    providers: new Map(),
    prefixTexts: new Map(),
  });
  let gen = compile(deps.config, deps.providers, 1);
  breakers.sync(Object.keys(gen.config.targets), gen.config.breaker);

  const providerOf = (g: Generation, id: string): LlmProvider => {
    let p = g.providers.get(id);
    if (!p) {
      p = g.factory(id, g.config.targets[id] as TargetConfig);
      g.providers.set(id, p);
    }
    return p;
  };

  function report(
    labels: AttemptLabels,
    a: Attempt,
    end: AttemptEnd,
    tried: TriedAttempt,
    permit: BreakerPermit | undefined,
  ) {
    tried.outcome = end.outcome;
    if (end.ttftMs !== undefined) tried.ttftMs = end.ttftMs;
    const b = breakers.get(a.target);
    // A whole-answer call has no time to first token: latency and the breaker's p95 see none.
    const ttftMs = end.whole ? undefined : end.ttftMs;
    if (ttftMs !== undefined) latency.observe(a.target, ttftMs);
    else if (!end.whole && (end.outcome === "lost_hedge" || end.outcome === "upstream_timeout"))
      latency.observeAtLeast(a.target, end.totalMs);
    if (permit) {
      const e = end.error;
      const at = a.startedAt + end.totalMs; // when it ended: no second clock read
      if (end.outcome === "ok") b.record(permit, ttftMs !== undefined ? { ok: true, ttftMs } : { ok: true }, at);
      else if (e?.countsForBreaker) b.record(permit, ttftMs !== undefined ? { ok: false, ttftMs } : { ok: false }, at);
      else b.release(permit);
      if (e && (e.code === "upstream_rate_limited" || e.retryAfterMs !== undefined)) b.rateLimited(e.retryAfterMs);
    }
    const onAttempt = metrics?.onAttempt;
    if (!onAttempt) return;
    const r: AttemptReport = {
      target: a.target,
      route: labels.route,
      provider: labels.provider,
      model: labels.model,
      reason: a.reason,
      outcome: end.outcome,
      totalMs: end.totalMs,
    };
    if (ttftMs !== undefined) r.ttftMs = ttftMs;
    if (end.whole) r.whole = true;
    if (end.tokensIn !== undefined) r.tokensIn = end.tokensIn;
    if (end.tokensOut !== undefined) r.tokensOut = end.tokensOut;
    onAttempt(r);
  }

  const core: RouterCore = {
    clock,
    timers,
    metrics,
    random,
    latency,
    budget,
    breakers,
    breakerOf: (id) => breakers.get(id),
    providerOf,
    report,
  };
  /** Starts a call on the current generation: it keeps that config, whatever reloads happen. */
  const stream = (req: ChatRequest, opts: StreamOptions): RoutedStream => new RoutedCall(core, gen, req, opts);

  return {
    stream,
    reload(config, providers) {
      gen = compile(config, providers ?? gen.factory, gen.version + 1);
      breakers.sync(Object.keys(config.targets), config.breaker);
      latency.retain(Object.keys(config.targets));
      budget.setOptions(config.retry);
    },
    config: () => gen.config,
    breakerGauges: () => breakers.gauges(),
    breaker: (target) => breakers.get(target),
  };
}

/** What every call of one router shares: one object per router, not closures per call. */
interface RouterCore {
  clock: Clock;
  timers: Timers;
  metrics: RouterMetrics | undefined;
  random: () => number;
  latency: LatencyTracker;
  budget: RetryBudget;
  breakers: BreakerSet;
  breakerOf(id: string): ReturnType<BreakerSet["get"]>;
  providerOf(g: Generation, id: string): LlmProvider;
  report(
    labels: AttemptLabels,
    a: Attempt,
    end: AttemptEnd,
    tried: TriedAttempt,
    permit: BreakerPermit | undefined,
  ): void;
}

/** The metric labels of an attempt. */
interface AttemptLabels {
  route: string;
  provider: string;
  model: string;
}

/** A call's live meta; `path` is computed when read (headers, logs), not on every attempt event. */
class CallMeta implements RouteMeta {
  target = "";
  route = "";
  attempts = 0;
  profile = "";
  strategy: RouteMeta["strategy"] = "";
  reason: AttemptReason | undefined = undefined;
  hedged = false;
  forced = false;
  restarts = 0;
  ttftMs: number | undefined = undefined;
  tried: TriedAttempt[] = [];
  outcome: RouteMeta["outcome"] = "pending";
  error: unknown = undefined;
  /** Steps before the strategy: the schedule or profile, then the routes followed. */
  #steps: string[] = [];
  /** `#steps` joined, when known without joining (a direct route: Generation.prefixTexts). */
  #stepsText: string | undefined;
  #strategyStep = "";
  #hedgeAfterMs: number | undefined;
  #path: string[] | undefined;

  constructor(readonly configVersion: number) {}

  get path(): string[] {
    this.#path ??= this.#compute();
    return this.#path;
  }

  get pathText(): string {
    // The common answer, a primary target with nothing to note: no array, no join.
    const stepsText = this.#stepsText;
    if (stepsText !== undefined && !this.#hasNotes()) {
      let text = stepsText;
      if (this.#strategyStep) text += ` > ${this.#strategyStep}`;
      if (this.target) text += ` > ${this.target}`;
      return text;
    }
    return this.path.join(" > ");
  }

  /** Adds steps before the strategy's. */
  step(...steps: string[]): void {
    this.#steps.push(...steps);
    this.#stepsText = undefined;
    this.#path = undefined;
  }

  /** Says what the steps so far join to (cached by the caller). */
  stepsText(text: string): void {
    this.#stepsText = text;
  }

  /** Whether the answering target gets a note (hedge, failover, forced, restart). */
  #hasNotes(): boolean {
    return (
      this.target !== "" &&
      (this.reason === "hedge" || this.hedged || this.reason === "failover" || this.forced || this.restarts > 0)
    );
  }

  /** The strategy's step, and the route's hedge (for the winner's note). */
  strategyStep(step: string, hedgeAfterMs: number | undefined): void {
    this.#strategyStep = step;
    this.#hedgeAfterMs = hedgeAfterMs;
    this.#path = undefined;
  }

  /** Something the path shows changed: it is computed again when next read. */
  touch(): void {
    this.#path = undefined;
  }

  #compute(): string[] {
    const steps = [...this.#steps];
    if (this.#strategyStep) steps.push(this.#strategyStep);
    if (this.target && !this.#hasNotes()) steps.push(this.target);
    else if (this.target) {
      // The same gate as pathText's shortcut: a note added here must be in #hasNotes too.
      const notes: string[] = [];
      const winner = this.tried.find((t) => t.target === this.target && t.reason === this.reason);
      if (this.reason === "hedge" && this.#hedgeAfterMs !== undefined)
        notes.push(`hedged after ${this.#hedgeAfterMs}ms`);
      else if (this.hedged) notes.push("hedge lost");
      if (this.reason === "failover") {
        const failed = this.tried.filter(
          (t) =>
            t !== winner && t.outcome && t.outcome !== "lost_hedge" && t.outcome !== "ok" && t.outcome !== "cancelled",
        );
        if (failed.length) notes.push(`failover after ${failed.map((t) => `${t.target}: ${t.outcome}`).join(", ")}`);
      }
      if (this.forced) notes.push("all targets ejected, tried anyway");
      if (this.restarts > 0) notes.push(`restart ${this.restarts}`);
      steps.push(notes.length ? `${this.target} (${notes.join("; ")})` : this.target);
    }
    return steps;
  }
}

/** A map's own value for `k` (a caller's model "constructor" or "__proto__" must not reach Object.prototype). */
function ownValue(map: Record<string, string>, k: string | undefined): string | undefined {
  return k !== undefined && Object.hasOwn(map, k) ? map[k] : undefined;
}

/** The error of a provider failure, as an LlmError naming the target. */
function asLlmError(e: unknown, a: Attempt): LlmError {
  return e instanceof LlmError ? e : new LlmError("upstream_protocol", String(e), { target: a.target });
}

/** What a failure after the first token becomes: the stream ends with an error, never a truncated answer. */
function interruptedError(a: Attempt, err: LlmError, cause: unknown): LlmError {
  return new LlmError("stream_interrupted", `${a.target} failed after the first token (${err.code}): ${err.message}`, {
    status: 502,
    retryable: false,
    countsForBreaker: false,
    target: a.target,
    cause,
  });
}

/**
 * One routed call (`router.stream`): plans the route, races its targets to the first
 * token, then hands the answer over (`chunks`, `answer`). A class, not closures: its
 * steps are methods, so a call allocates its state and a few callbacks only.
 */
class RoutedCall implements RoutedStream {
  readonly meta: CallMeta;
  private readonly startedAt: number;
  /** Settles once, when the call is over; a promise only for whoever asks (`done`). */
  private readonly over = new Outcome<RouteMeta>();
  /** The first attempt to produce a token; settled synchronously by the race. */
  private readonly firstAttempt = new Outcome<Attempt>();
  private route: RouteConfig | undefined;
  private candidates: readonly string[] = [];
  private forcedSet: ReadonlySet<string> | undefined;
  private whole = false;
  /** The answering attempt, once there is one. */
  private current: Attempt | undefined;
  /** Ends the race in progress (the caller went away). */
  private raceAbort: (() => void) | undefined;
  private iterable: AsyncGenerator<ChatChunk> | undefined;
  private firstPromise: Promise<RouteMeta> | undefined;

  constructor(
    private readonly core: RouterCore,
    /** This call's config generation, whatever reloads happen. */
    private readonly g: Generation,
    private readonly req: ChatRequest,
    private readonly opts: StreamOptions,
  ) {
    this.startedAt = core.clock.now();
    core.budget.request();
    this.meta = new CallMeta(g.version);
    // One listener per call: the caller going away ends a race in progress (which aborts
    // its attempts) and aborts the answering attempt. Removed in finish(); an abort fires once.
    opts.signal.addEventListener("abort", this.onCallerAbort);
    try {
      this.plan();
      this.race(undefined, false).listen(this.onFirst, this.onRoutingFailed);
    } catch (e) {
      this.onRoutingFailed(e);
    }
  }

  get first(): Promise<RouteMeta> {
    this.firstPromise ??= this.firstAttempt.promise().then(() => this.meta);
    return this.firstPromise;
  }

  get chunks(): AsyncIterable<ChatChunk> {
    this.iterable ??= this.stream();
    return this.iterable;
  }

  get done(): Promise<RouteMeta> {
    return this.over.promise();
  }

  /** One promise, settled from the race's callback: a whole answer reaches the caller in one step. */
  answer(): Promise<RoutedAnswer> {
    return new Promise<RoutedAnswer>((resolve, reject) => {
      this.firstAttempt.listen((a) => {
        // A whole-answer call (or a stream that finished with its first token) is complete already.
        if (a.finished && this.iterable === undefined) {
          a.close();
          this.finish("ok");
          resolve({ meta: this.meta, chunks: a.head });
        } else this.collect(a).then(resolve, reject);
      }, reject);
    });
  }

  private readonly onCallerAbort = () => {
    this.raceAbort?.();
    this.current?.abort("cancelled");
  };

  private readonly onFirst = (a: Attempt) => {
    this.won(a);
    this.firstAttempt.resolve(a);
  };

  private readonly onRoutingFailed = (e: unknown) => {
    this.meta.touch();
    this.finish(this.opts.signal.aborted ? "cancelled" : "failed", e);
    this.firstAttempt.reject(e);
  };

  private finish(outcome: RouteMeta["outcome"], error?: unknown): void {
    if (this.over.settled) return;
    const meta = this.meta;
    meta.outcome = outcome;
    meta.error = error;
    this.opts.signal.removeEventListener("abort", this.onCallerAbort);
    this.over.resolve(meta);
  }

  private plan(): void {
    const { g, req, meta, core } = this;
    const { config } = g;
    const sched = g.profileAt?.(core.clock.now());
    const profile = sched?.profile ?? "default";
    meta.step(sched ? `schedule:${profile}` : `profile:${profile}`);
    const map = config.profiles[profile] ?? {};
    const routeName = ownValue(map, req.model) ?? ownValue(map, "default");
    if (routeName === undefined) {
      throw new LlmError(
        "no_target",
        `profile ${profile} maps neither model ${JSON.stringify(req.model)} nor "default" to a route`,
        { status: 404, retryable: false, countsForBreaker: false },
      );
    }
    const resolved = resolveRoute(config.routes, routeName, req);
    if (!resolved)
      throw new LlmError("no_target", `route ${routeName} does not resolve`, {
        status: 500,
        retryable: false,
        countsForBreaker: false,
      });
    meta.step(...resolved.path);
    if (resolved.path.length === 1) meta.stepsText(this.prefixText(profile, resolved.name));
    const route = resolved.route;
    this.route = route;
    this.whole = this.opts.whole === true && (route.wholeAnswers ?? route.hedge === false);
    meta.profile = profile;
    meta.route = resolved.name;
    meta.strategy = route.strategy;
    const avail = selectAvailable(route.targets, core.breakerOf);
    meta.forced = avail.forced;
    if (avail.forced) this.forcedSet = new Set(avail.ids);
    let strategyStep: string = route.strategy;
    if (route.strategy === "weighted")
      this.candidates = orderWeighted(avail.ids, (id) => config.targets[id]?.weight ?? 0, core.random);
    else if (route.strategy === "latency") {
      const o = orderByLatency(avail.ids, core.latency, core.random, route.explore);
      this.candidates = o.ids;
      if (o.explored !== undefined) strategyStep = `latency(explore ${o.explored})`;
    } else this.candidates = orderFallback(avail.ids);
    meta.strategyStep(strategyStep, route.hedge ? route.hedge.afterMs : undefined);
  }

  /** The path text of a direct route's steps, made once per generation, profile and route. */
  private prefixText(profile: string, route: string): string {
    const texts = this.g.prefixTexts;
    let byRoute = texts.get(profile);
    if (!byRoute) {
      byRoute = new Map();
      texts.set(profile, byRoute);
    }
    let text = byRoute.get(route);
    if (text === undefined) {
      text = this.meta.path.join(" > ");
      // Bounded by the config: profiles × routes.
      byRoute.set(route, text);
    }
    return text;
  }

  private readonly launch = (target: string, reason: AttemptReason, extra: boolean): LaunchResult => {
    const { core, g, req, meta } = this;
    const b = core.breakers.get(target);
    const forced = this.forcedSet?.has(target) === true;
    if (!forced && !b.available()) return "skip";
    if (extra && !core.budget.tryExtra()) return "budget";
    const permit = b.acquire(forced);
    const t = g.config.targets[target] as TargetConfig;
    const provider = core.providerOf(g, target);
    const a = new Attempt({
      // The first attempt starts as the call does (same synchronous step): one clock read for both.
      startedAt: meta.attempts === 0 ? this.startedAt : undefined,
      target,
      provider,
      model: t.model ?? req.model ?? "",
      req,
      reason: forced && reason === "primary" ? "forced" : reason,
      clock: core.clock,
      timers: core.timers,
      firstByteMs: t.timeouts.firstByteMs,
      idleMs: t.timeouts.idleMs,
      whole: this.whole ? { wholeMs: t.timeouts.wholeMs ?? DEFAULT_WHOLE_MS } : undefined,
    });
    meta.attempts++;
    const tried: TriedAttempt = { target, reason: a.reason, startMs: a.startedAt - this.startedAt };
    meta.tried.push(tried);
    const labels: AttemptLabels = { route: meta.route, provider: provider.kind, model: t.model ?? "(request)" };
    a.whenEnded((end) => {
      core.report(labels, a, end, tried, permit);
      meta.touch();
    });
    return a;
  };

  private readonly onRaceAbort = (fn: () => void) => {
    this.raceAbort = fn;
    return () => {
      if (this.raceAbort === fn) this.raceAbort = undefined;
    };
  };

  private readonly onHedge = (from: string, to: string) => {
    this.meta.hedged = true;
    this.core.metrics?.onHedge?.(this.meta.route, from, to);
  };

  private readonly onFailover = (from: string, to: string, error: LlmError) =>
    this.core.metrics?.onFailover?.(this.meta.route, from, to, error);

  private race(exclude: ReadonlySet<string> | undefined, restart: boolean): Outcome<Attempt> {
    return raceToFirstToken({
      candidates: exclude ? this.candidates.filter((c) => !exclude.has(c)) : this.candidates,
      hedge: (this.route as RouteConfig).hedge,
      timers: this.core.timers,
      signal: this.opts.signal,
      onAbort: this.onRaceAbort,
      launch: this.launch,
      ...(restart ? { firstReason: "restart" as const, firstIsExtra: true } : {}),
      onHedge: this.onHedge,
      onFailover: this.onFailover,
    });
  }

  private won(a: Attempt): void {
    const meta = this.meta;
    this.current = a;
    meta.target = a.target;
    meta.reason = a.reason;
    // The attempt took its time to first token at this very moment.
    meta.ttftMs =
      a.ttftMs !== undefined ? a.startedAt + a.ttftMs - this.startedAt : this.core.clock.now() - this.startedAt;
    meta.outcome = "streaming";
    meta.touch();
  }

  /** A consumer that stops before the end (or fails) cancels the answering attempt. */
  private abandon(a: Attempt): void {
    a.abort("cancelled");
    this.finish("cancelled");
  }

  private restartable(): boolean {
    return (this.route as RouteConfig).continueAfterFirstToken === true && this.opts.onRestart !== undefined;
  }

  private async *stream(): AsyncGenerator<ChatChunk> {
    const { opts, meta } = this;
    let a = await this.firstAttempt.promise();
    let completed = false;
    try {
      for (;;) {
        try {
          for (const c of a.head) yield c;
          while (!a.finished) {
            const r = await a.next();
            if (r.done) break;
            yield r.value;
          }
          a.close();
          completed = true;
          this.finish("ok");
          return;
        } catch (e) {
          if (opts.signal.aborted) throw abortError(opts.signal);
          const err = asLlmError(e, a);
          const failed = a;
          const interrupted = (cause: unknown) => interruptedError(failed, err, cause);
          if (!this.restartable()) throw interrupted(err);
          let next: Attempt;
          try {
            next = await this.race(new Set(meta.tried.map((t) => t.target)), true).promise();
          } catch (e2) {
            if (opts.signal.aborted) throw abortError(opts.signal);
            throw interrupted(e2);
          }
          const onRestart = opts.onRestart as (info: RestartInfo) => void;
          meta.restarts++;
          this.core.metrics?.onRestart?.(meta.route, a.target, next.target);
          const info: RestartInfo = { from: a.target, to: next.target, reason: err.code };
          this.won(next);
          a = next;
          onRestart(info);
        }
      }
    } catch (e) {
      this.finish(opts.signal.aborted ? "cancelled" : "failed", e);
      throw e;
    } finally {
      if (!completed) this.abandon(a);
    }
  }

  private async collect(a: Attempt): Promise<RoutedAnswer> {
    const { opts, meta } = this;
    const out: ChatChunk[] = [];
    if (this.restartable()) {
      // A restart on another target is the generator's to run; the answer is the last one, whole.
      let restarts = meta.restarts;
      for await (const c of this.chunks) {
        if (meta.restarts !== restarts) {
          restarts = meta.restarts;
          out.length = 0;
        }
        out.push(c);
      }
      return { meta, chunks: out };
    }
    // The rest of a streamed answer, straight from the attempt (no generator per chunk).
    let completed = false;
    try {
      for (const c of a.head) out.push(c);
      while (!a.finished) {
        const r = await a.next();
        if (r.done) break;
        out.push(r.value);
      }
      a.close();
      completed = true;
      this.finish("ok");
      return { meta, chunks: out };
    } catch (e) {
      const cause = asLlmError(e, a);
      const err = opts.signal.aborted ? abortError(opts.signal) : interruptedError(a, cause, cause);
      this.finish(opts.signal.aborted ? "cancelled" : "failed", err);
      throw err;
    } finally {
      if (!completed) this.abandon(a);
    }
  }
}
