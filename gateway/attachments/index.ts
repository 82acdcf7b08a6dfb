/**
 * Image attachments of visitor messages:
 * - `POST /v1/visitor/attachments?name=…` (visitor token; the body is the file's bytes):
 *   bounded by `realtime.attachmentMaxBytes` (413 `attachment_too_large`) and
 *   `realtime.attachmentsPerSession` (429 `too_many_attachments`); the type is sniffed
 *   from the magic bytes — PNG, JPEG, GIF or WebP — whatever the name or Content-Type
 *   say (415 `unsupported_media_type`). Answers 201 `{ id, mime, bytes, name }`: the
 *   reference a message carries in its `attachments` attribute (see gateway/sdk/frames.ts).
 * - `GET /v1/attachments/:id` (Authorization: Bearer, a visitor token of the same
 *   session, or a tenant credential with `transcripts:read`): the bytes, with the sniffed
 *   Content-Type, `X-Content-Type-Options: nosniff` and a sandboxing CSP. Anything else,
 *   no credential included, is 404 `not_found` (another session's file is
 *   indistinguishable from none).
 *
 * Records and bytes live in an {@link AttachmentStore} (gateway/attachments/store.ts):
 * files under `<dataDir>/attachments/` on one node, PostgreSQL when the event store is.
 *
 * @example
 *   app.use(attachments({ config, authenticate }));
 *   // curl -XPOST "$GW/v1/visitor/attachments?name=a.png" -H "authorization: Bearer $VISITOR" --data-binary @a.png
 */
import { randomBytes } from "node:crypto";
import { Elysia, t } from "elysia";
import { can } from "../../engine/auth/permissions.ts";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";
import { principalOf } from "../auth/access.ts";
import type { Authenticate } from "../auth/principal.ts";
import { type AttachmentRecord, type AttachmentStore, createFileAttachmentStore, type ImageMime } from "./store.ts";

export type { AttachmentRecord, AttachmentStore, ImageMime };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/**
 * The image type of `bytes` from its magic number, or undefined when it is none of
 * PNG, JPEG, GIF and WebP (an HTML file named `x.png` is undefined).
 *
 * @example
 *   sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // "image/png"
 */
export function sniffImage(bytes: Uint8Array): ImageMime | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61)
    return "image/gif";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return undefined;
}

/** Dependencies of the plugin. */
export interface AttachmentsDeps {
  config: Config;
  authenticate: Authenticate;
  /** Where records and bytes live (default: files under `config.dataDir`). */
  store?: AttachmentStore;
  /** Clock for the records' times (default Date.now). */
  now?: () => number;
}

/** A file name safe to show and store: no path, no control characters, at most 128 characters. */
function cleanName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return base.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 128);
}

/** Reads at most `max` bytes of a body; throws 413 `attachment_too_large` past it (without reading the rest). */
async function readBounded(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  const tooLarge = (n: number) =>
    new KefuError("attachment_too_large", `the image is ${n} bytes or more; the limit is ${max} bytes`, {
      status: 413,
    });
  if (declared > max) throw tooLarge(declared);
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(n);
    }
    parts.push(value);
  }
  return Buffer.concat(parts, n);
}

const notFound = () => new KefuError("not_found", "no such attachment", { status: 404 });

/**
 * The plugin: the upload and download routes, storing in `deps.store` (default: files under `config.dataDir`).
 *
 * @example
 *   new Elysia().use(attachments({ config, authenticate }));
 */
export function attachments(deps: AttachmentsDeps) {
  const rt = deps.config.realtime;
  const now = deps.now ?? Date.now;
  const store = deps.store ?? createFileAttachmentStore(deps.config.dataDir);

  return new Elysia({ name: "kefu/attachments" })
    .post(
      "/v1/visitor/attachments",
      async ({ request, query, set }) => {
        const p = principalOf(request);
        if (p?.role !== "visitor" || !p.sessionId || !p.tenantId)
          throw new KefuError("forbidden", "only a visitor token uploads attachments (to its session)", {
            status: 403,
          });
        if (rt.attachmentsPerSession === 0)
          throw new KefuError("attachments_disabled", "uploads are turned off (realtime.attachmentsPerSession = 0)", {
            status: 403,
          });
        if ((await store.count(p.sessionId)) >= rt.attachmentsPerSession)
          throw new KefuError(
            "too_many_attachments",
            `a session may upload at most ${rt.attachmentsPerSession} attachments`,
            { status: 429 },
          );
        const bytes = await readBounded(request, rt.attachmentMaxBytes);
        if (bytes.byteLength === 0)
          throw new KefuError("invalid_request", "the body is empty: send the image's bytes", { status: 400 });
        const mime = sniffImage(bytes);
        if (!mime)
          throw new KefuError(
            "unsupported_media_type",
            "the file is not a PNG, JPEG, GIF or WebP image (checked from its bytes, not its name)",
            { status: 415 },
          );
        const id = randomBytes(16).toString("base64url");
        const name = cleanName(query.name);
        await store.put(
          { id, tenantId: p.tenantId, sessionId: p.sessionId, mime, bytes: bytes.byteLength, name, atUnixMs: now() },
          bytes,
        );
        set.status = 201;
        return { id, mime, bytes: bytes.byteLength, name };
      },
      {
        parse: "none",
        query: t.Object({ name: t.Optional(t.String({ maxLength: 256 })) }),
        detail: { summary: "Upload an image for a visitor message (body: the image bytes; visitor token)" },
      },
    )
    .get(
      "/v1/attachments/:id",
      async ({ request, params }) => {
        const p = await deps.authenticate(request);
        // Without a credential nothing is visible: the same 404 as a missing or foreign file.
        if (!p) throw notFound();
        const a = await store.find(params.id);
        if (!a) throw notFound();
        const allowed =
          p.role === "visitor"
            ? p.sessionId === a.sessionId
            : (p.tenantId === undefined || p.tenantId === a.tenantId) && can(p.role, "transcripts:read");
        if (!allowed) throw notFound();
        const data = await store.read(a.id);
        if (!data) throw notFound();
        return new Response(data, {
          headers: {
            "content-type": a.mime,
            "content-length": String(a.bytes),
            "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'none'; sandbox",
            "cache-control": "private, max-age=3600",
            "cross-origin-resource-policy": "same-origin",
          },
        });
      },
      {
        params: t.Object({ id: t.String({ pattern: "^[A-Za-z0-9_-]{1,64}$" }) }),
        detail: { summary: "Download an attachment (a visitor of its session, or the tenant's agents)" },
      },
    );
}
