/**
 * The realtime frame types of the widget and the console: those of the client SDK
 * (gateway/sdk/frames.ts, the one place they are declared and checked against the
 * proto).
 *
 * @example
 *   const f: Frame = { id: "f1", send: { message: { clientMsgId: "c-1", text: "hi" } } };
 */
export * from "../../sdk/frames.ts";
