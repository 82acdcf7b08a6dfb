/**
 * Rendering helpers shared by the widget and the console: citations read from a
 * bot message's `citations` attribute, and the typewriter that reveals a bot
 * answer a few characters per animation frame as its tokens stream in. Text is
 * always set with `textContent`; message images (`attachmentImages`) load as `blob:` URLs.
 *
 * @example
 *   const tw = new Typewriter();
 *   tw.show(p, "Refunds take 3-5 days.", true); // grows frame by frame
 */
import { attachmentsOf, type ChatMessage } from "./frames.ts";

/** One cited source. */
export interface Citation {
  n: number;
  kbId?: string;
  docId?: string;
  chunkId?: string;
  heading?: string;
}

/**
 * Parses the `citations` attribute (engine/bot/rag.ts `citationsAttribute`);
 * anything malformed gives [] (at most 20 entries).
 *
 * @example
 *   parseCitations('[{"n":1,"kbId":"demo","docId":"refunds"}]')[0]?.docId; // "refunds"
 */
export function parseCitations(raw: string | undefined): Citation[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    if (!Array.isArray(v)) return [];
    return v
      .filter((c): c is Citation => typeof c === "object" && c !== null && typeof (c as Citation).n === "number")
      .slice(0, 20);
  } catch {
    return [];
  }
}

/**
 * The label of a citation: "[1] Heading (doc)".
 *
 * @example
 *   citationLabel({ n: 2, docId: "returns", heading: "Returns" }); // "[2] Returns · returns"
 */
export function citationLabel(c: Citation): string {
  const title = c.heading && c.heading !== c.docId ? `${c.heading} · ${c.docId ?? ""}` : (c.docId ?? c.kbId ?? "");
  return `[${c.n}] ${title}`.trim();
}

interface Reveal {
  chars: string[];
  shown: number;
}

/** Reveals text progressively, a few characters per animation frame. */
export class Typewriter {
  private readonly active = new Map<HTMLElement, Reveal>();
  private frame = 0;

  /** Sets `el`'s text to `full`: at once, or (`animate`) growing from what it already shows. */
  show(el: HTMLElement, full: string, animate: boolean): void {
    const chars = Array.from(full);
    const cur = this.active.get(el);
    if (!animate || document.hidden) {
      this.active.delete(el);
      el.textContent = full;
      return;
    }
    const shownText = el.textContent ?? "";
    const shown = cur
      ? Math.min(cur.shown, chars.length)
      : full.startsWith(shownText)
        ? Array.from(shownText).length
        : 0;
    this.active.set(el, { chars, shown });
    if (!this.frame) this.frame = requestAnimationFrame(() => this.step());
  }

  /** Is `el` still being revealed? */
  busy(el: HTMLElement): boolean {
    return this.active.has(el);
  }

  private step(): void {
    this.frame = 0;
    for (const [el, r] of this.active) {
      const left = r.chars.length - r.shown;
      r.shown += Math.min(left, Math.max(2, Math.ceil(left / 16)));
      el.textContent = r.chars.slice(0, r.shown).join("");
      if (r.shown >= r.chars.length) this.active.delete(el);
    }
    if (this.active.size > 0) this.frame = requestAnimationFrame(() => this.step());
  }
}

/**
 * The images of a message's `attachments` attribute (gateway/sdk/frames.ts
 * `attachmentsOf`), or null when it has none. `GET /v1/attachments/:id` needs an
 * Authorization header, so each image is fetched with `token` and shown from a
 * `blob:` URL (the pages' CSP allows `img-src blob:`); `alt` names it for screen readers.
 *
 * @example
 *   const imgs = attachmentImages(ev.message, "../v1/attachments/", token, (name) => t("imageAlt", { name }));
 *   if (imgs) li.append(imgs);
 */
export function attachmentImages(
  m: ChatMessage | undefined,
  base: string,
  token: string,
  alt: (name: string) => string,
): HTMLElement | null {
  const list = attachmentsOf(m);
  if (list.length === 0) return null;
  const box = document.createElement("div");
  box.className = "images";
  for (const a of list) {
    const img = document.createElement("img");
    img.alt = alt(a.name || a.id);
    img.dataset.attachment = a.id;
    box.append(img);
    void fetch(`${base}${encodeURIComponent(a.id)}`, { headers: { authorization: `Bearer ${token}` } })
      .then((res) => (res.ok ? res.blob() : Promise.reject(new Error(String(res.status)))))
      .then((blob) => {
        // Only images the server typed as one (it sniffed the bytes on upload).
        if (blob.type.startsWith("image/")) img.src = URL.createObjectURL(blob);
      })
      .catch(() => img.classList.add("broken"));
  }
  return box;
}
