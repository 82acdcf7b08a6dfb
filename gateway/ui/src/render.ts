/**
 * Rendering helpers shared by the widget and the console: citations read from a
 * bot message's `citations` attribute, and the typewriter that reveals a bot
 * answer a few characters per animation frame as its tokens stream in. Text is
 * always set with `textContent`.
 *
 * @example
 *   const tw = new Typewriter();
 *   tw.show(p, "Refunds take 3-5 days.", true); // grows frame by frame
 */

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
