/**
 * A local mock of the WeChat API endpoints the channel calls (the real ones are a
 * paid cloud API), speaking their documented JSON: `GET /cgi-bin/token` →
 * `{access_token, expires_in}` or `{errcode, errmsg}`; `POST /cgi-bin/message/custom/send?access_token=`
 * → `{errcode: 0, errmsg: "ok"}`, 40001 for an unknown or revoked token, or a scripted code.
 *
 * @example
 *   const wx = startWechatMock({ appId: "wx1", appSecret: "s" });
 *   wx.script.push(45015); // the next send answers 45015
 *   wx.stop();
 */

/** A running mock. */
export interface WechatMock {
  url: string;
  /** Messages accepted, in order. */
  sent: { touser: string; content: string; token: string }[];
  /** Error codes the next sends answer with, first first (0 = accept). */
  script: number[];
  tokensIssued: number;
  /** Makes every issued token invalid (the next send with one answers 40001). */
  revokeTokens(): void;
  stop(): void;
}

const ERRMSG: Record<number, string> = {
  40001: "invalid credential, access_token is invalid or not latest",
  40013: "invalid appid",
  42001: "access_token expired",
  45015: "response out of time limit or subscription is canceled",
  45047: "out of response count limit",
  [-1]: "system error",
};

/**
 * Starts the mock on a free port.
 *
 * @example
 *   const wx = startWechatMock({ appId: "wx1", appSecret: "secret" });
 */
export function startWechatMock(opts: { appId: string; appSecret: string }): WechatMock {
  const valid = new Set<string>();
  const mock: WechatMock = {
    url: "",
    sent: [],
    script: [],
    tokensIssued: 0,
    revokeTokens: () => valid.clear(),
    stop: () => server.stop(true),
  };
  const err = (code: number) => Response.json({ errcode: code, errmsg: ERRMSG[code] ?? "error" });
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const url = new URL(req.url);
      if (url.pathname === "/cgi-bin/token") {
        const q = url.searchParams;
        if (q.get("grant_type") !== "client_credential" || q.get("appid") !== opts.appId) return err(40013);
        if (q.get("secret") !== opts.appSecret) return err(40001);
        const token = `tok-${++mock.tokensIssued}`;
        valid.add(token);
        return Response.json({ access_token: token, expires_in: 7200 });
      }
      if (url.pathname === "/cgi-bin/message/custom/send" && req.method === "POST") {
        const token = url.searchParams.get("access_token") ?? "";
        if (!valid.has(token)) return err(40001);
        const code = mock.script.shift() ?? 0;
        if (code !== 0) return err(code);
        const body = (await req.json()) as { touser: string; msgtype: string; text: { content: string } };
        if (body.msgtype !== "text") return err(40008);
        // 45002: content over the text limit (2048 bytes).
        if (new TextEncoder().encode(body.text.content).length > 2048) return err(45002);
        mock.sent.push({ touser: body.touser, content: body.text.content, token });
        return Response.json({ errcode: 0, errmsg: "ok" });
      }
      return new Response("not found", { status: 404 });
    },
  });
  mock.url = `http://127.0.0.1:${server.port}`;
  return mock;
}
