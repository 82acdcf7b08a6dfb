import { describe, expect, test } from "bun:test";
import { seededRandom } from "../../random.ts";
import { type SseEvent, SseOverflowError, SseReader, sseEvents } from "./sse.ts";

const enc = new TextEncoder();

async function* pieces(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === "string" ? enc.encode(p) : p;
}

async function parse(source: AsyncIterable<Uint8Array>, opts = {}): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const ev of sseEvents(source, opts)) out.push(ev);
  return out;
}

/** Splits bytes at the given offsets. */
function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  out.push(bytes.subarray(from));
  return out;
}

describe("sseEvents", () => {
  test("dispatches at blank lines, keeps the event name, strips one space after the colon", async () => {
    const evs = await parse(pieces("data: a\n\nevent: ping\ndata:b\n\ndata:  two spaces\n\n"));
    expect(evs).toEqual([
      { event: undefined, data: "a" },
      { event: "ping", data: "b" },
      { event: undefined, data: " two spaces" },
    ]);
  });

  test("joins multi-line data with LF", async () => {
    expect(await parse(pieces("data: line 1\ndata: line 2\ndata:\n\n"))).toEqual([
      { event: undefined, data: "line 1\nline 2\n" },
    ]);
  });

  test("comments are skipped and reported; id, retry and unknown fields never dispatch", async () => {
    const comments: string[] = [];
    const evs = await parse(pieces(": keep-alive\n\nid: 7\nretry: 1000\nfoo: bar\n\n:\ndata: x\n\n"), {
      onComment: (c: string) => comments.push(c),
    });
    expect(evs).toEqual([{ event: undefined, data: "x" }]);
    expect(comments).toEqual(["keep-alive", ""]);
  });

  test("an event without data is not dispatched; a bare `data` line is an empty data line", async () => {
    expect(await parse(pieces("event: ping\n\n"))).toEqual([]);
    expect(await parse(pieces("data\n\n"))).toEqual([{ event: undefined, data: "" }]);
  });

  test("LF, CRLF, CR and mixed line ends", async () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const evs = await parse(pieces(`event: e${eol}data: a${eol}data: b${eol}${eol}data: c${eol}${eol}`));
      expect(evs).toEqual([
        { event: "e", data: "a\nb" },
        { event: undefined, data: "c" },
      ]);
    }
    expect(await parse(pieces("data: a\r\ndata: b\rdata: c\n\r\n"))).toEqual([{ event: undefined, data: "a\nb\nc" }]);
  });

  test("a CRLF split between chunks is one line end, not a blank line", async () => {
    const evs = await parse(pieces("data: a\r", "\ndata: b\r", "\n\r", "\n"));
    expect(evs).toEqual([{ event: undefined, data: "a\nb" }]);
  });

  test("every two-way split of a stream gives the same events", async () => {
    const stream = enc.encode(
      ': hi\r\nevent: message_start\r\ndata: {"a":"你好"}\r\n\r\ndata: x\rdata: y\r\rid: 3\ndata: 😀 done\n\n',
    );
    const whole = await parse(pieces(stream));
    expect(whole).toEqual([
      { event: "message_start", data: '{"a":"你好"}' },
      { event: undefined, data: "x\ny" },
      { event: undefined, data: "😀 done" },
    ]);
    for (let i = 0; i <= stream.length; i++) {
      expect(await parse(pieces(...splitAt(stream, [i])))).toEqual(whole);
    }
  });

  test("random many-way splits (seeded) of a long mixed stream give the same events", async () => {
    const rand = seededRandom(2024);
    const texts = ["hello", "您好，世界", "emoji 🎉🎉", "ünïcödé", "", "a:b:c", " lead"];
    const eols = ["\n", "\r\n", "\r"];
    let src = "\uFEFF";
    const expected: SseEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const eol = eols[i % 3] as string;
      const lines = [texts[i % texts.length] as string, texts[(i * 3) % texts.length] as string];
      if (i % 4 === 0) src += `: comment ${i}${eol}`;
      if (i % 5 === 0) src += `event: e${i}${eol}`;
      for (const l of lines) src += `data: ${l}${eol}`;
      src += eol;
      expected.push({ event: i % 5 === 0 ? `e${i}` : undefined, data: lines.join("\n") });
    }
    const bytes = enc.encode(src);
    for (let round = 0; round < 30; round++) {
      const cuts = Array.from({ length: 1 + Math.floor(rand() * 80) }, () => Math.floor(rand() * bytes.length));
      expect(await parse(pieces(...splitAt(bytes, cuts)))).toEqual(expected);
    }
  });

  test("multi-byte characters split inside their bytes decode intact", async () => {
    const bytes = enc.encode("data: 中文🙂ok\n\n");
    for (let i = 1; i < bytes.length; i++) {
      for (let j = i; j < bytes.length; j++) {
        expect(await parse(pieces(...splitAt(bytes, [i, j])))).toEqual([{ event: undefined, data: "中文🙂ok" }]);
      }
    }
  });

  test("a leading BOM is dropped, even split across chunks; a later one is data", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    expect(await parse(pieces(bom, "data: a\n\n"))).toEqual([{ event: undefined, data: "a" }]);
    expect(await parse(pieces(bom.subarray(0, 1), bom.subarray(1, 2), bom.subarray(2), "data: a\n\n"))).toEqual([
      { event: undefined, data: "a" },
    ]);
    expect(await parse(pieces("data: a\n\n", bom, "data: b\n\n"))).toEqual([{ event: undefined, data: "a" }]);
  });

  test("an unterminated event at the end is dropped", async () => {
    expect(await parse(pieces("data: a\n\ndata: half"))).toEqual([{ event: undefined, data: "a" }]);
    expect(await parse(pieces("data: a\n\ndata: whole line but no blank\n"))).toEqual([
      { event: undefined, data: "a" },
    ]);
  });

  test("events are yielded as their chunk arrives, before the stream ends", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* slow() {
      yield enc.encode("data: first\n\n");
      await gate;
      yield enc.encode("data: second\n\n");
    }
    const it = sseEvents(slow());
    expect((await it.next()).value).toEqual({ event: undefined, data: "first" });
    release();
    expect((await it.next()).value).toEqual({ event: undefined, data: "second" });
    expect((await it.next()).done).toBe(true);
  });

  test("an event that keeps growing across chunks past maxBufferChars throws SseOverflowError", async () => {
    const line = `data: ${"x".repeat(5_000)}`; // no line end yet: the parser must buffer it
    const chunks = line.match(/.{1,100}/gs) ?? [];
    await expect(parse(pieces(...chunks), { maxBufferChars: 1_000 })).rejects.toBeInstanceOf(SseOverflowError);
    const lines = Array.from({ length: 20 }, () => `data: ${"y".repeat(100)}\n`); // no blank line
    await expect(parse(pieces(...lines), { maxBufferChars: 1_000 })).rejects.toBeInstanceOf(SseOverflowError);
    // Within the limit, or dispatched within one chunk, nothing is held back.
    expect(await parse(pieces(...chunks, "\n\n"), { maxBufferChars: 10_000 })).toHaveLength(1);
    expect(await parse(pieces(`${line}\n\n`), { maxBufferChars: 1_000 })).toHaveLength(1);
  });

  test("errors of the byte source propagate unchanged", async () => {
    const boom = new Error("socket closed");
    async function* failing() {
      yield enc.encode("data: a\n\n");
      throw boom;
    }
    const got: SseEvent[] = [];
    let thrown: unknown;
    try {
      for await (const ev of sseEvents(failing())) got.push(ev);
    } catch (e) {
      thrown = e;
    }
    expect(got).toEqual([{ event: undefined, data: "a" }]);
    expect(thrown).toBe(boom);
  });
});

describe("SseReader (the push parser under sseEvents)", () => {
  test("push returns exactly the events each chunk completed; end drops an unterminated one", () => {
    const r = new SseReader();
    expect(r.push(enc.encode("data: a\n"))).toEqual([]);
    expect(r.push(enc.encode("\ndata: b\n\nevent: e\ndata: c"))).toEqual([
      { event: undefined, data: "a" },
      { event: undefined, data: "b" },
    ]);
    expect(r.push(enc.encode("\n\ndata: cut"))).toEqual([{ event: "e", data: "c" }]);
    expect(r.end()).toEqual([]);
  });

  test("a multi-byte character split between pushes decodes intact; overflow throws", () => {
    const r = new SseReader();
    const bytes = enc.encode("data: 客服\n\n");
    expect(r.push(bytes.subarray(0, 7))).toEqual([]);
    expect(r.push(bytes.subarray(7))).toEqual([{ event: undefined, data: "客服" }]);
    const small = new SseReader({ maxBufferChars: 100 });
    expect(() => small.push(enc.encode(`data: ${"x".repeat(500)}`))).toThrow(SseOverflowError);
  });
});
