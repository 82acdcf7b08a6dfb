/**
 * The generated protobuf code, configured for kefu: 64-bit integers (seq,
 * timestamps) decode to JavaScript numbers, not Long objects (exact up to 2^53).
 * Import `kefu` from here, never from `./gen/kefu.js` directly.
 *
 * @example
 *   import { kefu } from "../proto/index.ts";
 *   kefu.v1.Frame.decode(bytes).ack?.seq; // number
 */
import $protobuf from "protobufjs/minimal.js";

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();

export { kefu } from "./gen/kefu.js";
