/**
 * The one error type of kefu. Every failure that can reach a client carries a
 * stable `code`, the HTTP `status` it maps to, and whether a retry may succeed.
 * Fallback and retry logic decides on `retryable`, never on a message or header.
 *
 * @example
 *   throw new KefuError("payload_too_large", "body exceeds 1048576 bytes", { status: 413 });
 */
export class KefuError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryable: boolean;
  /** Response headers an HTTP answer carries with it (e.g. `retry-after` and the RateLimit fields of a 429). */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    code: string,
    message: string,
    opts: { status?: number; retryable?: boolean; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "KefuError";
    this.code = code;
    this.status = opts.status ?? 500;
    this.retryable = opts.retryable ?? false;
    this.headers = opts.headers;
  }

  /** The JSON body every HTTP error uses: `{ error: { code, message } }`. */
  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Wire shape of an error, on HTTP bodies and WebSocket error frames. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/**
 * Builds the wire body for any error code.
 *
 * @example
 *   errorBody("not_found", "no route GET /nope") // { error: { code: "not_found", message: "no route GET /nope" } }
 */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
