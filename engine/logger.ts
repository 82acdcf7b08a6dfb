/**
 * Structured logging: one JSON object per line on stderr, filtered by level.
 *
 * No secrets or raw personal data reach a line: values of fields whose name says
 * secret (authorization, token, secret, password, api key, cookie) are written as
 * "[redacted]", and phone and ID numbers inside any string (the message, fields,
 * error messages and stacks) are masked as the bot masks them for models
 * (engine/bot/entities.ts `maskPii`).
 *
 * @example
 *   const log = createLogger("info");
 *   log.info("listening", { port: 8080 });
 */
import { maskPii } from "./bot/entities.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** A levelled structured logger. `child` adds fields to every line. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A sink receives each formatted line; the default writes to stderr. */
export type LogSink = (line: string) => void;

const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/**
 * Creates a logger that drops lines below `level`.
 *
 * @example
 *   const lines: string[] = [];
 *   const log = createLogger("warn", (l) => lines.push(l));
 */
export function createLogger(level: LogLevel, sink: LogSink = stderrSink, base: Record<string, unknown> = {}): Logger {
  const min = rank[level];
  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (rank[lvl] < min) return;
    sink(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...base, ...fields }, safeReplacer));
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }),
  };
}

/** Field names whose values are never written. */
const SECRET_KEY = /authorization|token|secret|password|passwd|api[-_]?key|cookie/i;

function safeReplacer(key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value !== "string") return value;
  if (key !== "" && SECRET_KEY.test(key)) return "[redacted]";
  return maskPii(value);
}
