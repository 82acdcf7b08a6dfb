/**
 * Server-sent events from a byte stream, for every streaming provider.
 *
 * Framing is done by `eventsource-parser` (WHATWG-conformant: `field: value`
 * lines, multi-line `data`, `:` comments, CRLF / LF / CR line ends, a leading BOM,
 * `id` and `retry` ignored here); this module adds UTF-8 decoding across chunk
 * boundaries and a bound on how much an unterminated event may buffer, so a
 * broken upstream cannot grow memory without limit.
 *
 * Per the spec an event is dispatched only at its blank line: bytes after the last
 * blank line at end of stream are dropped (a cut stream never yields half an event).
 *
 * @example
 *   for await (const ev of sseEvents(response.body!)) {
 *     if (ev.data === "[DONE]") break;
 *     handle(ev.event, JSON.parse(ev.data));
 *   }
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";

/** One dispatched event: `event` is the `event:` field (undefined when absent). */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Options for {@link sseEvents}. */
export interface SseOptions {
  /** Most characters an unfinished line or event may hold (default 1 MiB). */
  maxBufferChars?: number;
  /** Called for each comment line (keep-alives such as `: ping`). */
  onComment?: (comment: string) => void;
}

/** Thrown when an event outgrows `maxBufferChars`. */
export class SseOverflowError extends RangeError {
  constructor(limit: number) {
    super(`an SSE event exceeds ${limit} characters`);
    this.name = "SseOverflowError";
  }
}

/**
 * A push parser: feed it bytes as they arrive, take the events they completed.
 * Synchronous, so a caller reading a body needs no generator per layer.
 *
 * @example
 *   const r = new SseReader();
 *   for (const ev of r.push(bytes)) handle(ev);
 *   for (const ev of r.end()) handle(ev);
 */
export class SseReader {
  private queue: SseEvent[] = [];
  private overflow = false;
  private readonly parser;
  private readonly decoder = new TextDecoder("utf-8");
  private readonly limit: number;

  constructor(opts: SseOptions = {}) {
    this.limit = opts.maxBufferChars ?? 1 << 20;
    this.parser = createParser({
      onEvent: (m: EventSourceMessage) => {
        this.queue.push({ event: m.event, data: m.data });
      },
      onComment: opts.onComment,
      onError: (e) => {
        // Unknown fields are ignored, as the spec says; only overflow is fatal.
        if (e.type === "max-buffer-size-exceeded") this.overflow = true;
      },
      maxBufferSize: this.limit,
    });
  }

  /** The events `bytes` completed, in order (empty when none); throws {@link SseOverflowError}. */
  push(bytes: Uint8Array): SseEvent[] {
    return this.feed(this.decoder.decode(bytes, { stream: true }));
  }

  /** The same for text already decoded (a whole body). */
  pushText(text: string): SseEvent[] {
    return this.feed(text);
  }

  /** The end of the stream: flushes the decoder; a trailing unterminated event is dropped. */
  end(): SseEvent[] {
    return this.feed(this.decoder.decode());
  }

  private feed(text: string): SseEvent[] {
    if (text) this.parser.feed(text);
    if (this.overflow) throw new SseOverflowError(this.limit);
    if (this.queue.length === 0) return NONE;
    const done = this.queue;
    this.queue = [];
    return done;
  }
}

const NONE: SseEvent[] = [];

/**
 * Parses an SSE byte stream into events, in order. Errors of the byte source
 * propagate unchanged; an oversized event throws {@link SseOverflowError}.
 *
 * @example
 *   const events = sseEvents(chunksOf("data: a\n\ndata: b\n\n")); // yields {data:"a"}, {data:"b"}
 */
export async function* sseEvents(bytes: AsyncIterable<Uint8Array>, opts: SseOptions = {}): AsyncGenerator<SseEvent> {
  const reader = new SseReader(opts);
  for await (const chunk of bytes) yield* reader.push(chunk);
  yield* reader.end();
}
