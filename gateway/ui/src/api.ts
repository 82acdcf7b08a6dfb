/**
 * The HTTP side of the console: JSON calls to the gateway's own origin with a
 * bearer credential (admin key, API key or token). Errors of the typed form
 * `{error:{code,message}}` become an `ApiError` carrying both.
 *
 * @example
 *   const { rules } = await api<{ rules: unknown[] }>("GET", "/v1/admin/rate_limits", adminKey);
 */

/** A refused or failed call: HTTP status and the error's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls `path` (relative to the gateway root) with `credential`; resolves to the JSON body.
 *
 * @example
 *   await api("DELETE", `/v1/admin/rate_limits/${encodeURIComponent(id)}`, key);
 */
export async function api<T = unknown>(method: string, path: string, credential: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${credential}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(new URL(path.replace(/^\//, ""), new URL("/", location.href)), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new ApiError(0, "network_error", String(e));
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? text.slice(0, 300));
  }
  return json as T;
}

/**
 * A path segment, escaped.
 *
 * @example
 *   seg("a b"); // "a%20b"
 */
export const seg = (s: string): string => encodeURIComponent(s);
