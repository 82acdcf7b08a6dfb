/**
 * widget.js: the one script a site adds to embed kefu. It puts a floating button
 * on the page (in a shadow root, styled through the CSSOM so the host page's CSS
 * and CSP leave it alone) and, on first open, an iframe with the chat from the
 * gateway's own origin. The chat's language follows `data-lang`, then the page's
 * `<html lang>`, then the browser. On narrow screens (≤ 480 px) the chat fills the
 * viewport.
 *
 * @example
 *   <script src="https://kefu.example/widget.js" data-tenant="acme" async></script>
 */
import { pickLang, translator } from "./i18n.ts";

/** A speech bubble (open) and a cross (close). */
const BUBBLE = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z";
const CROSS = "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z";

type Style = Partial<Record<string, string>>;
const css = (el: HTMLElement, s: Style) => {
  for (const [k, v] of Object.entries(s)) if (v !== undefined) el.style.setProperty(k, v);
};

function mount(script: HTMLScriptElement): void {
  const src = new URL(script.src, location.href);
  const origin = src.origin;
  const base = new URL(".", src);
  const tenant = script.dataset.tenant || "default";
  const lang = pickLang(script.dataset.lang || document.documentElement.lang, navigator.languages);
  const t = translator(lang);

  const host = document.createElement("div");
  host.id = "kefu-widget";
  const root = host.attachShadow({ mode: "open" });
  css(host, { position: "fixed", "z-index": "2147483000", right: "0", bottom: "0", width: "0", height: "0" });

  const button = document.createElement("button");
  button.type = "button";
  button.className = "kefu-launcher";
  button.setAttribute("aria-label", t("openChat"));
  button.setAttribute("aria-expanded", "false");
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "28");
  svg.setAttribute("height", "28");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", BUBBLE);
  svg.appendChild(path);
  button.appendChild(svg);
  css(button, {
    position: "fixed",
    right: "20px",
    bottom: "20px",
    width: "56px",
    height: "56px",
    "border-radius": "50%",
    border: "none",
    background: "#2457d6",
    color: "#fff",
    display: "flex",
    "align-items": "center",
    "justify-content": "center",
    cursor: "pointer",
    "box-shadow": "0 4px 14px rgba(0,0,0,.25)",
  });
  const badge = document.createElement("span");
  badge.className = "kefu-badge";
  css(badge, {
    position: "absolute",
    top: "-2px",
    right: "-2px",
    "min-width": "18px",
    padding: "0 4px",
    "border-radius": "9px",
    background: "#d62424",
    color: "#fff",
    "font-size": "12px",
    "line-height": "18px",
    display: "none",
  });
  button.appendChild(badge);
  root.appendChild(button);

  let frame: HTMLIFrameElement | undefined;
  let open = false;
  const narrow = matchMedia("(max-width: 480px)");

  const layout = () => {
    if (!frame) return;
    const base: Style = {
      position: "fixed",
      border: "none",
      background: "#fff",
      display: open ? "block" : "none",
      "box-shadow": "0 8px 30px rgba(0,0,0,.25)",
    };
    css(
      frame,
      narrow.matches
        ? { ...base, inset: "0", width: "100vw", height: "100dvh", "border-radius": "0" }
        : {
            ...base,
            inset: "auto",
            right: "20px",
            bottom: "88px",
            width: "380px",
            height: "min(600px, calc(100vh - 110px))",
            "border-radius": "12px",
          },
    );
    css(button, { display: open && narrow.matches ? "none" : "flex" });
  };
  narrow.addEventListener("change", layout);

  const setOpen = (next: boolean) => {
    open = next;
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute("aria-label", open ? t("closeChat") : t("openChat"));
    path.setAttribute("d", open ? CROSS : BUBBLE);
    if (open && !frame) {
      frame = document.createElement("iframe");
      frame.className = "kefu-frame";
      frame.title = t("chatTitle");
      const u = new URL("ui/widget.html", base);
      u.searchParams.set("tenant", tenant);
      u.searchParams.set("lang", lang);
      frame.src = u.toString();
      frame.addEventListener("load", () => open && frame?.contentWindow?.postMessage({ type: "kefu:open" }, origin));
      root.appendChild(frame);
    }
    layout();
    if (open) {
      badge.style.setProperty("display", "none");
      frame?.contentWindow?.postMessage({ type: "kefu:open" }, origin);
      frame?.focus();
    } else {
      frame?.contentWindow?.postMessage({ type: "kefu:hidden" }, origin);
      button.focus();
    }
  };
  button.addEventListener("click", () => setOpen(!open));

  addEventListener("message", (ev) => {
    if (!frame || ev.source !== frame.contentWindow || ev.origin !== origin) return;
    const d = ev.data as { type?: unknown; n?: unknown };
    if (d?.type === "kefu:close") setOpen(false);
    else if (d?.type === "kefu:unread" && typeof d.n === "number") {
      badge.textContent = d.n > 99 ? "99+" : String(d.n);
      badge.style.setProperty("display", d.n > 0 && !open ? "block" : "none");
    }
  });
  document.body.appendChild(host);
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) {
  if (document.body) mount(current);
  else addEventListener("DOMContentLoaded", () => mount(current), { once: true });
}
