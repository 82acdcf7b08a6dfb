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
 * Parses an SSE byte stream into events, in order. Errors of the byte source
 * propagate unchanged; an oversized event throws {@link SseOverflowError}.
 *
 * @example
 *   const events = sseEvents(chunksOf("data: a\n\ndata: b\n\n")); // yields {data:"a"}, {data:"b"}
 */
export async function* sseEvents(bytes: AsyncIterable<Uint8Array>, opts: SseOptions = {}): AsyncGenerator<SseEvent> {
  const limit = opts.maxBufferChars ?? 1 << 20;
  const queue: SseEvent[] = [];
  let overflow = false;
  const parser = createParser({
    onEvent: (m: EventSourceMessage) => {
      queue.push({ event: m.event, data: m.data });
    },
    onComment: opts.onComment,
    onError: (e) => {
      // Unknown fields are ignored, as the spec says; only overflow is fatal.
      if (e.type === "max-buffer-size-exceeded") overflow = true;
    },
    maxBufferSize: limit,
  });
  const decoder = new TextDecoder("utf-8");
  const feed = (text: string) => {
    if (text) parser.feed(text);
    if (overflow) throw new SseOverflowError(limit);
  };
  for await (const chunk of bytes) {
    feed(decoder.decode(chunk, { stream: true }));
    // Drain what this chunk completed; index loop, then clear (no O(n²) shift).
    for (let i = 0; i < queue.length; i++) yield queue[i] as SseEvent;
    queue.length = 0;
  }
  feed(decoder.decode());
  for (let i = 0; i < queue.length; i++) yield queue[i] as SseEvent;
}
