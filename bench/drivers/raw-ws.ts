/**
 * A counting-only WebSocket client on a raw TCP socket (`Bun.connect`): RFC 6455
 * handshake, then it walks the server's (unmasked) frame headers in each read and
 * counts data frames without creating a message event or copying payloads. It
 * answers pings (masked pong) and close frames. Fan-out receivers use it so that
 * counting deliveries costs the driver as little as possible; the server sees an
 * ordinary WebSocket client.
 *
 * @example
 *   const c = await connectCounter("http://127.0.0.1:8080/v1/ws/visitor?token=…", ["kefu.v1.proto"], {
 *     frames: (n) => (count += n),
 *   });
 */
import type { Socket } from "bun";

/** Callbacks of a counting client. */
export interface CounterEvents {
  /** `n` more data frames (text or binary messages) arrived. */
  frames(n: number): void;
  closed?(code: number, reason: string): void;
}

/** An open counting client. */
export interface Counter {
  isOpen(): boolean;
  close(): void;
}

interface State {
  /** Binary messages to send once the upgrade succeeded. */
  init: Uint8Array[];
  handshaken: boolean;
  open: boolean;
  /** Bytes of an incomplete header (or of the handshake response) carried to the next read. */
  carry: Uint8Array | null;
  /** Payload bytes of the current frame still to skip. */
  skip: number;
  ev: CounterEvents;
  resolve(): void;
  reject(e: Error): void;
}

const enc = new TextEncoder();
const CRLF2 = enc.encode("\r\n\r\n");

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A masked client frame (mask key 0: the payload is sent as is); payloads up to 64 KiB. */
function clientFrame(opcode: number, payload: Uint8Array): Uint8Array {
  const ext = payload.length > 125 ? 2 : 0;
  const f = new Uint8Array(6 + ext + payload.length);
  f[0] = 0x80 | opcode;
  if (ext) {
    f[1] = 0x80 | 126;
    f[2] = payload.length >> 8;
    f[3] = payload.length & 0xff;
  } else f[1] = 0x80 | payload.length;
  f.set(payload, 6 + ext);
  return f;
}

function parse(sock: Socket<State>, s: State, data: Uint8Array): void {
  let buf = data;
  if (s.carry) {
    const joined = new Uint8Array(s.carry.length + data.length);
    joined.set(s.carry);
    joined.set(data, s.carry.length);
    buf = joined;
    s.carry = null;
  }
  let i = 0;
  if (!s.handshaken) {
    const end = indexOf(buf, CRLF2);
    if (end < 0) {
      s.carry = buf;
      return;
    }
    const head = new TextDecoder().decode(buf.subarray(0, end));
    if (!head.startsWith("HTTP/1.1 101")) {
      s.reject(new Error(`upgrade refused: ${head.split("\r\n")[0]}`));
      sock.end();
      return;
    }
    s.handshaken = true;
    s.open = true;
    for (const m of s.init) sock.write(clientFrame(0x2, m));
    s.resolve();
    i = end + 4;
  }
  let frames = 0;
  for (;;) {
    if (s.skip > 0) {
      const take = Math.min(s.skip, buf.length - i);
      s.skip -= take;
      i += take;
      if (s.skip > 0) break;
    }
    if (i >= buf.length) break;
    const avail = buf.length - i;
    if (avail < 2) {
      s.carry = buf.slice(i);
      break;
    }
    const b0 = buf[i] as number;
    let len = (buf[i + 1] as number) & 0x7f;
    let hdr = 2;
    if (len === 126) {
      if (avail < 4) {
        s.carry = buf.slice(i);
        break;
      }
      len = ((buf[i + 2] as number) << 8) | (buf[i + 3] as number);
      hdr = 4;
    } else if (len === 127) {
      if (avail < 10) {
        s.carry = buf.slice(i);
        break;
      }
      len = 0;
      for (let k = 2; k < 10; k++) len = len * 256 + (buf[i + k] as number);
      hdr = 10;
    }
    const opcode = b0 & 0x0f;
    if (opcode >= 0x8) {
      // Control frame: need its whole payload.
      if (avail < hdr + len) {
        s.carry = buf.slice(i);
        break;
      }
      const payload = buf.subarray(i + hdr, i + hdr + len);
      if (opcode === 0x9) sock.write(clientFrame(0xa, payload));
      else if (opcode === 0x8) {
        const code = len >= 2 ? ((payload[0] as number) << 8) | (payload[1] as number) : 1005;
        const reason = new TextDecoder().decode(payload.subarray(2));
        if (s.open) {
          s.open = false;
          sock.write(clientFrame(0x8, payload.subarray(0, Math.min(2, len))));
          s.ev.closed?.(code, reason);
        }
        sock.end();
        return;
      }
      i += hdr + len;
      continue;
    }
    if (opcode !== 0x0) frames++; // a continuation is part of the same message
    i += hdr;
    s.skip = len;
  }
  if (frames > 0) s.ev.frames(frames);
}

/** Opens a counting client to an `http://` URL with the given subprotocols; sends `init` (binary) once open. */
export async function connectCounter(
  url: string,
  protocols: string[],
  ev: CounterEvents,
  init: Uint8Array[] = [],
): Promise<Counter> {
  const u = new URL(url);
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const state: State = { init, handshaken: false, open: false, carry: null, skip: 0, ev, resolve, reject };
  const sock = await Bun.connect<State>({
    hostname: u.hostname,
    port: Number(u.port),
    data: state,
    socket: {
      open(s) {
        s.write(
          `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
            (protocols.length ? `Sec-WebSocket-Protocol: ${protocols.join(", ")}\r\n` : "") +
            "\r\n",
        );
      },
      data(s, data) {
        parse(s, s.data, data);
      },
      close(s) {
        if (!s.data.handshaken) s.data.reject(new Error("closed during the handshake"));
        if (s.data.open) {
          s.data.open = false;
          s.data.ev.closed?.(1006, "connection lost");
        }
      },
      error(s, e) {
        if (!s.data.handshaken) s.data.reject(e);
      },
    },
  });
  await ready;
  return {
    isOpen: () => state.open,
    close() {
      if (state.open) {
        state.open = false;
        sock.write(clientFrame(0x8, new Uint8Array([0x03, 0xe8])));
      }
      sock.end();
    },
  };
}
