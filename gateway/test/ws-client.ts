/**
 * A realtime test client over a real WebSocket, speaking either wire format.
 *
 * @example
 *   const c = await connect(`${gw.url}/v1/ws/visitor`, token, "pb");
 *   c.send({ send: { message: { clientMsgId: "c1", text: "hi" } } });
 *   const ack = await c.next((f) => f.ack);
 */
import { kefu } from "../../proto/index.ts";
import { decodeFrame, encodeFrame, type WireFormat } from "../realtime/codec.ts";

/** A connected test client. */
export interface TestClient {
  frames: kefu.v1.Frame[];
  send(frame: kefu.v1.IFrame): void;
  /** Sends raw bytes or text, bypassing the codec. */
  raw(data: string | Uint8Array): void;
  /** Resolves with the first frame (already received or future) for which `pick` returns a value; consumes it. */
  next<T>(pick: (f: kefu.v1.Frame) => T | null | undefined, timeoutMs?: number): Promise<NonNullable<T>>;
  /** Waits until no frame has arrived for `quietMs`, then returns the unconsumed frames. */
  drain(quietMs?: number): Promise<kefu.v1.Frame[]>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
  ws: WebSocket;
}

const PROTOCOL: Record<WireFormat, string> = { pb: "kefu.v1.proto", json: "kefu.v1.json" };

/** Opens a WebSocket to `url` with `token`; rejects with the HTTP status when the upgrade is refused. */
export async function connect(
  url: string,
  token: string,
  format: WireFormat = "pb",
  headers?: Record<string, string>,
): Promise<TestClient> {
  const wsUrl = `${url.replace(/^http/, "ws")}${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(wsUrl, { protocols: [PROTOCOL[format]], headers } as unknown as string[]);
  ws.binaryType = "arraybuffer";
  const frames: kefu.v1.Frame[] = [];
  const waiters = new Set<() => void>();
  let lastAt = Date.now();
  ws.onmessage = (ev) => {
    const data = typeof ev.data === "string" ? ev.data : new Uint8Array(ev.data as ArrayBuffer);
    frames.push(decodeFrame(data, format));
    lastAt = Date.now();
    for (const w of [...waiters]) w();
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.onclose = (ev) => {
      resolve({ code: ev.code, reason: ev.reason });
      for (const w of [...waiters]) w();
    };
  });
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error(`WebSocket to ${url} failed`));
  });
  const client: TestClient = {
    frames,
    ws,
    closed,
    send: (frame) => ws.send(encodeFrame(frame, format)),
    raw: (data) => ws.send(data),
    close: () => ws.close(),
    next(pick, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (let i = 0; i < frames.length; i++) {
            const v = pick(frames[i] as kefu.v1.Frame);
            if (v !== null && v !== undefined) {
              frames.splice(i, 1);
              waiters.delete(check);
              clearTimeout(timer);
              resolve(v as NonNullable<typeof v>);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching frame within ${timeoutMs} ms; have: ${JSON.stringify(frames.map((f) => f.toJSON()))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async drain(quietMs = 100) {
      while (Date.now() - lastAt < quietMs) await Bun.sleep(quietMs / 4);
      return frames.splice(0);
    },
  };
  return client;
}

/** Makes a WebSocket upgrade request and returns the HTTP status and JSON error code when refused. */
export async function refusedUpgrade(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; code?: string }> {
  const res = await fetch(url, {
    headers: {
      Connection: "Upgrade",
      Upgrade: "websocket",
      "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
      ...headers,
    },
  });
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: res.status, ...(body.error?.code ? { code: body.error.code } : {}) };
}

export { kefu };
