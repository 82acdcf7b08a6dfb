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
    labels: { route: string; provider: string; model: string },
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
      if (end.outcome === "ok") b.record(permit, ttftMs !== undefined ? { ok: true, ttftMs } : { ok: true });
      else if (e?.countsForBreaker) b.record(permit, ttftMs !== undefined ? { ok: false, ttftMs } : { ok: false });
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

  function stream(req: ChatRequest, opts: StreamOptions): RoutedStream {
    const g = gen; // this request's config generation, whatever reloads happen
    const startedAt = clock.now();
    budget.request();
    const meta: RouteMeta = {
      target: "",
      route: "",
      attempts: 0,
      profile: "",
      strategy: "",
      reason: undefined,
      // Computed when read (headers, logs), not on every attempt event.
      get path() {
        pathCache ??= computePath();
        return pathCache;
      },
      get pathText() {
        pathCache ??= computePath();
        return pathCache.join(" > ");
      },
      hedged: false,
      forced: false,
      restarts: 0,
      ttftMs: undefined,
      tried: [],
      configVersion: g.version,
      outcome: "pending",
      error: undefined,
    };
    // `done` becomes a promise only when someone asks for it: most callers never do.
    const done = new Outcome<RouteMeta>();
    const finish = (outcome: RouteMeta["outcome"], error?: unknown) => {
      if (done.settled) return;
      meta.outcome = outcome;
      meta.error = error;
      opts.signal.removeEventListener("abort", onCallerAbort);
      done.resolve(meta);
    };
    const prefix: string[] = [];
    let route: RouteConfig | undefined;
    let candidates: string[] = [];
    let forcedSet = new Set<string>();
    let strategyStep = "";
    let whole = false;

    const plan = () => {
      const { config } = g;
      const sched = g.profileAt?.(clock.now());
      const profile = sched?.profile ?? "default";
      prefix.push(sched ? `schedule:${profile}` : `profile:${profile}`);
      const map = config.profiles[profile] ?? {};
      // Own keys only: a caller's model "constructor" or "__proto__" must not reach Object.prototype.
      const own = (k: string | undefined) => (k !== undefined && Object.hasOwn(map, k) ? map[k] : undefined);
      const routeName = own(req.model) ?? own("default");
      if (routeName === undefined) {
        throw new LlmError(
          "no_target",
          `profile ${profile} maps neither model ${JSON.stringify(req.model)} nor "default" to a route`,
          {
            status: 404,
            retryable: false,
            countsForBreaker: false,
          },
        );
      }
      const resolved = resolveRoute(config.routes, routeName, req);
      if (!resolved)
        throw new LlmError("no_target", `route ${routeName} does not resolve`, {
          status: 500,
          retryable: false,
          countsForBreaker: false,
        });
      prefix.push(...resolved.path);
      route = resolved.route;
      whole = opts.whole === true && (route.wholeAnswers ?? route.hedge === false);
      meta.profile = profile;
      meta.route = resolved.name;
      meta.strategy = route.strategy;
      const avail = selectAvailable(route.targets, (id) => breakers.get(id));
      meta.forced = avail.forced;
      if (avail.forced) forcedSet = new Set(avail.ids);
      strategyStep = route.strategy;
      if (route.strategy === "weighted")
        candidates = orderWeighted(avail.ids, (id) => config.targets[id]?.weight ?? 0, random);
      else if (route.strategy === "latency") {
        const o = orderByLatency(avail.ids, latency, random, route.explore);
        candidates = o.ids;
        if (o.explored !== undefined) strategyStep = `latency(explore ${o.explored})`;
      } else candidates = orderFallback(avail.ids);
      updatePath();
    };

    let pathCache: string[] | undefined;
    const updatePath = () => {
      pathCache = undefined;
    };
    const computePath = (): string[] => {
      const steps = [...prefix];
      if (strategyStep) steps.push(strategyStep);
      if (meta.target) {
        const notes: string[] = [];
        const winner = meta.tried.find((t) => t.target === meta.target && t.reason === meta.reason);
        if (meta.reason === "hedge" && route?.hedge) notes.push(`hedged after ${route.hedge.afterMs}ms`);
        else if (meta.hedged) notes.push("hedge lost");
        if (meta.reason === "failover") {
          const failed = meta.tried.filter(
            (t) =>
              t !== winner &&
              t.outcome &&
              t.outcome !== "lost_hedge" &&
              t.outcome !== "ok" &&
              t.outcome !== "cancelled",
          );
          if (failed.length) notes.push(`failover after ${failed.map((t) => `${t.target}: ${t.outcome}`).join(", ")}`);
        }
        if (meta.forced) notes.push("all targets ejected, tried anyway");
        if (meta.restarts > 0) notes.push(`restart ${meta.restarts}`);
        steps.push(notes.length ? `${meta.target} (${notes.join("; ")})` : meta.target);
      }
      return steps;
    };

    const launch = (target: string, reason: AttemptReason, extra: boolean): LaunchResult => {
      const b = breakers.get(target);
      const forced = forcedSet.has(target);
      if (!forced && !b.available()) return "skip";
      if (extra && !budget.tryExtra()) return "budget";
      const permit = b.acquire(forced);
      const t = g.config.targets[target] as TargetConfig;
      const provider = providerOf(g, target);
      const a = new Attempt({
        target,
        provider,
        model: t.model ?? req.model ?? "",
        req,
        reason: forced && reason === "primary" ? "forced" : reason,
        clock,
        timers,
        firstByteMs: t.timeouts.firstByteMs,
        idleMs: t.timeouts.idleMs,
        ...(whole ? { whole: { wholeMs: t.timeouts.wholeMs ?? DEFAULT_WHOLE_MS } } : {}),
      });
      meta.attempts++;
      const tried: TriedAttempt = { target, reason: a.reason, startMs: a.startedAt - startedAt };
      meta.tried.push(tried);
      const labels = { route: meta.route, provider: provider.kind, model: t.model ?? "(request)" };
      a.whenEnded((end) => {
        report(labels, a, end, tried, permit);
        updatePath();
      });
      return a;
    };

    const race = (exclude: ReadonlySet<string>, restart: boolean) =>
      raceToFirstToken({
        candidates: candidates.filter((c) => !exclude.has(c)),
        hedge: (route as RouteConfig).hedge,
        timers,
        signal: opts.signal,
        onAbort: (fn) => {
          raceAbort = fn;
          return () => {
            if (raceAbort === fn) raceAbort = undefined;
          };
        },
        launch,
        ...(restart ? { firstReason: "restart" as const, firstIsExtra: true } : {}),
        onHedge: (from, to) => {
          meta.hedged = true;
          metrics?.onHedge?.(meta.route, from, to);
        },
        onFailover: (from, to, error) => metrics?.onFailover?.(meta.route, from, to, error),
      });

    // One listener per request: the caller going away ends a race in progress (which
    // aborts its attempts) and aborts the answering attempt.
    let current: Attempt | undefined;
    let raceAbort: (() => void) | undefined;
    const onCallerAbort = () => {
      raceAbort?.();
      current?.abort("cancelled");
    };
    opts.signal.addEventListener("abort", onCallerAbort); // removed in finish(); an abort fires once

    const won = (a: Attempt) => {
      current = a;
      meta.target = a.target;
      meta.reason = a.reason;
      meta.ttftMs = clock.now() - startedAt;
      meta.outcome = "streaming";
      updatePath();
    };

    // The first attempt to produce a token. Settled synchronously by the race; a promise only
    // for whoever asks (`first`, `chunks`): most whole-answer callers read it through `answer`.
    const firstAttempt = new Outcome<Attempt>();
    const routingFailed = (e: unknown) => {
      updatePath();
      finish(opts.signal.aborted ? "cancelled" : "failed", e);
      firstAttempt.reject(e);
    };
    try {
      plan();
      race(new Set(), false).listen((a) => {
        won(a);
        firstAttempt.resolve(a);
      }, routingFailed);
    } catch (e) {
      routingFailed(e);
    }
    let first: Promise<RouteMeta> | undefined;

    const asLlmError = (e: unknown, a: Attempt) =>
      e instanceof LlmError ? e : new LlmError("upstream_protocol", String(e), { target: a.target });
    /** What a failure after the first token becomes: the stream ends with an error, never a truncated answer. */
    const interruptedError = (a: Attempt, err: LlmError, cause: unknown) =>
      new LlmError("stream_interrupted", `${a.target} failed after the first token (${err.code}): ${err.message}`, {
        status: 502,
        retryable: false,
        countsForBreaker: false,
        target: a.target,
        cause,
      });
    /** A consumer that stops before the end (or fails) cancels the answering attempt. */
    const abandon = (a: Attempt) => {
      a.abort("cancelled");
      finish("cancelled");
    };
    const restartable = () => (route as RouteConfig).continueAfterFirstToken === true && opts.onRestart !== undefined;

    async function* chunks(): AsyncGenerator<ChatChunk> {
      let a = await firstAttempt.promise();
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
            finish("ok");
            return;
          } catch (e) {
            if (opts.signal.aborted) throw abortError(opts.signal);
            const err = asLlmError(e, a);
            const interrupted = (cause: unknown) => interruptedError(a, err, cause);
            if (!restartable()) throw interrupted(err);
            let next: Attempt;
            try {
              next = await race(new Set(meta.tried.map((t) => t.target)), true).promise();
            } catch (e2) {
              if (opts.signal.aborted) throw abortError(opts.signal);
              throw interrupted(e2);
            }
            const onRestart = opts.onRestart as (info: RestartInfo) => void;
            meta.restarts++;
            metrics?.onRestart?.(meta.route, a.target, next.target);
            const info: RestartInfo = { from: a.target, to: next.target, reason: err.code };
            won(next);
            a = next;
            current = next;
            onRestart(info);
          }
        }
      } catch (e) {
        finish(opts.signal.aborted ? "cancelled" : "failed", e);
        throw e;
      } finally {
        if (!completed) abandon(a);
      }
    }

    let iterable: AsyncGenerator<ChatChunk> | undefined;
    const chunksOnce = () => {
      iterable ??= chunks();
      return iterable;
    };
    const collect = async (a: Attempt): Promise<RoutedAnswer> => {
      const out: ChatChunk[] = [];
      if (restartable()) {
        // A restart on another target is the generator's to run; the answer is the last one, whole.
        let restarts = meta.restarts;
        for await (const c of chunksOnce()) {
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
        finish("ok");
        return { meta, chunks: out };
      } catch (e) {
        const cause = asLlmError(e, a);
        const err = opts.signal.aborted ? abortError(opts.signal) : interruptedError(a, cause, cause);
        finish(opts.signal.aborted ? "cancelled" : "failed", err);
        throw err;
      } finally {
        if (!completed) abandon(a);
      }
    };
    // One promise, settled from the race's callback: a whole answer reaches the caller in one step.
    const answer = (): Promise<RoutedAnswer> =>
      new Promise<RoutedAnswer>((resolve, reject) => {
        firstAttempt.listen((a) => {
          // A whole-answer call (or a stream that finished with its first token) is complete already.
          if (a.finished && iterable === undefined) {
            a.close();
            finish("ok");
            resolve({ meta, chunks: a.head });
          } else collect(a).then(resolve, reject);
        }, reject);
      });

    return {
      get first() {
        first ??= firstAttempt.promise().then(() => meta);
        return first;
      },
      get chunks() {
        return chunksOnce();
      },
      answer,
      meta,
      get done() {
        return done.promise();
      },
    };
  }

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
