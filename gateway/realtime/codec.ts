/**
 * The two wire formats of the realtime protocol: binary protobuf (`kefu.v1.proto`)
 * and the proto3 JSON mapping (`kefu.v1.json`) of the same `kefu.v1.Frame`.
 * Field names are lowerCamelCase, enums their proto names, 64-bit integers JSON
 * numbers (exact up to 2^53; strings are accepted on input).
 *
 * @example
 *   const bytes = encodeFrame({ ack: { sessionId: "s1", clientMsgId: "c1", seq: 7 } }, "pb");
 *   decodeFrame(bytes, "pb").ack?.seq; // 7
 */

import type { Frame } from "../../engine/conversations/fanout.ts";
import { kefu } from "../../proto/index.ts";

/** The negotiated wire format of a connection. */
export type WireFormat = "pb" | "json";

/** Subprotocol names, in order of preference. */
export const SUBPROTOCOLS: Record<string, WireFormat> = { "kefu.v1.proto": "pb", "kefu.v1.json": "json" };

const toObjectOptions = { enums: String, longs: Number, defaults: false, oneofs: false } as const;

/** Encodes a frame for one wire format. */
export function encodeFrame(frame: Frame, format: WireFormat): Uint8Array | string {
  if (format === "pb") return kefu.v1.Frame.encode(frame).finish();
  return JSON.stringify(kefu.v1.Frame.toObject(frame as kefu.v1.Frame, toObjectOptions));
}

/** Why a frame could not be decoded. */
export class FrameDecodeError extends Error {}

/** Decodes a client frame; throws FrameDecodeError with a reason on bad input. */
export function decodeFrame(data: string | Uint8Array, format: WireFormat): kefu.v1.Frame {
  if (format === "pb") {
    if (typeof data === "string") throw new FrameDecodeError("text frame on a kefu.v1.proto connection");
    try {
      return kefu.v1.Frame.decode(data);
    } catch (e) {
      throw new FrameDecodeError(`bad protobuf: ${(e as Error).message}`);
    }
  }
  let obj: unknown;
  try {
    // A binary frame that is not UTF-8 is a bad frame too (it threw past the handler and ended the process).
    const text = typeof data === "string" ? data : new TextDecoder("utf-8", { fatal: true }).decode(data);
    obj = JSON.parse(text);
  } catch (e) {
    throw new FrameDecodeError(`bad JSON: ${(e as Error).message}`);
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj))
    throw new FrameDecodeError("a frame is a JSON object");
  try {
    return kefu.v1.Frame.fromObject(obj as Record<string, unknown>);
  } catch (e) {
    throw new FrameDecodeError(`bad frame: ${(e as Error).message}`);
  }
}
