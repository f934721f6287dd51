import type { ImportNote } from "./import-report.js";

/**
 * WordPress shortcodes ("[caption]…[/caption]", "[gallery ids=…]", "[embed]…") turned into the
 * plain HTML they stand for, before the HTML becomes Markdown. Players and forms that only
 * WordPress could run are dropped with a warning; page-builder wrappers keep their content. Text
 * in brackets that is no shortcode ("[sic]", "[1]") stays as it is.
 */

export type ShortcodeContext = {
  /** The image of an attachment, by its WordPress id (for [gallery ids="…"]). */
  attachmentImage(id: number): { src: string; alt: string } | null;
  /** Images attached to the post itself (for a [gallery] without ids). */
  childImages(): Array<{ src: string; alt: string }>;
  /** Whether this address is the post's podcast enclosure (its player is ours now). */
  isEnclosure(url: string): boolean;
  warn(note: ImportNote): void;
};

const DROPPED_WITH_WARNING = new Set(["contact-form-7", "contact-form", "gravityform", "wpforms", "ninja_form", "mc4wp_form", "newsletter", "fluentform"]);
const PLAYERS = new Set(["powerpress", "podcast", "smart_track_player", "spp-player", "ss_player"]);
const KNOWN = new Set(["caption", "wp_caption", "embed", "audio", "video", "gallery", "playlist", "youtube", "vimeo", "soundcloud", ...DROPPED_WITH_WARNING, ...PLAYERS]);
// Page builders wrap ordinary content in their own shortcodes: the content stays, the wrappers go.
const BUILDER = /^(et_pb_|vc_|fusion_|av_|cs_|x_|themify_|su_)/;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Attributes of a shortcode: name="value", name='value', name=value, or bare values. */
export function shortcodeAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"\]]+)|"([^"]*)"|(\S+)/g;
  let bare = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[1]) attrs[m[1].toLowerCase()] = m[2] ?? "";
    else if (m[3]) attrs[m[3].toLowerCase()] = m[4] ?? "";
    else if (m[5]) attrs[m[5].toLowerCase()] = m[6] ?? "";
    else attrs[String(bare++)] = m[7] ?? m[8] ?? "";
  }
  return attrs;
}

function link(url: string, text = url): string {
  return /^https?:\/\//i.test(url) ? `<p><a href="${escapeHtml(url)}">${escapeHtml(text)}</a></p>` : "";
}

function figure(imageHtml: string, caption: string): string {
  return `<figure>${imageHtml}${caption.trim() ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
}

function expandOne(name: string, attrs: Record<string, string>, inner: string | null, ctx: ShortcodeContext): string {
  switch (name) {
    case "caption":
    case "wp_caption": {
      // The image (maybe inside its link) comes first; what follows is the caption.
      const content = inner ?? "";
      const image = /^\s*(<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>)/i.exec(content);
      if (!image) return content;
      return figure(image[1] as string, attrs.caption ? escapeHtml(attrs.caption) : content.slice(image[0].length));
    }
    case "embed":
    case "youtube":
    case "vimeo":
    case "soundcloud": {
      const url = (inner ?? attrs.url ?? attrs["0"] ?? "").trim();
      return link(url);
    }
    case "audio":
    case "video": {
      const src = attrs.src ?? attrs.mp3 ?? attrs.m4a ?? attrs.ogg ?? attrs.wav ?? attrs.mp4 ?? attrs.webm ?? "";
      if (name === "audio" && ctx.isEnclosure(src)) return "";
      return link(src, name === "audio" ? "Écouter l'enregistrement" : "Voir la vidéo");
    }
    case "gallery": {
      const ids = (attrs.ids ?? "")
        .split(",")
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0);
      const images = ids.length > 0 ? ids.map((id) => ctx.attachmentImage(id)).filter((x) => x !== null) : ctx.childImages();
      if (images.length === 0) ctx.warn({ code: "empty_gallery" });
      return images.map((img) => `<p><img src="${escapeHtml(img.src)}" alt="${escapeHtml(img.alt)}"></p>`).join("");
    }
    case "playlist":
      ctx.warn({ code: "playlist_removed" });
      return "";
    default:
      if (PLAYERS.has(name)) return "";
      if (DROPPED_WITH_WARNING.has(name)) {
        ctx.warn({ code: "form_removed", values: { name } });
        return "";
      }
      return inner ?? "";
  }
}

// [[name]] is WordPress's escape for a literal shortcode; [name …]…[/name] or [name …] otherwise.
const SHORTCODE = /\[\[([^\]]*)\]\]|\[([a-zA-Z][\w-]*)((?:\s+[^\]]*?)?)\s*(\/)?\]/g;

/** Replaces the shortcodes of a post's HTML by plain HTML (nested ones included, to a bounded depth). */
export function expandShortcodes(html: string, ctx: ShortcodeContext, depth = 0): string {
  if (depth > 8 || !html.includes("[")) return html;
  let out = "";
  let last = 0;
  const unknown = new Set<string>();
  SHORTCODE.lastIndex = 0;
  for (let m = SHORTCODE.exec(html); m; m = SHORTCODE.exec(html)) {
    if (m[1] !== undefined) {
      out += html.slice(last, m.index) + escapeHtml(`[${m[1]}]`);
      last = m.index + m[0].length;
      continue;
    }
    const name = (m[2] as string).toLowerCase();
    const attrText = m[3] ?? "";
    const selfClosing = m[4] === "/";
    const closing = `[/${m[2]}]`;
    const closeAt = selfClosing ? -1 : indexOfClosing(html, m[2] as string, m.index + m[0].length);
    const isShortcode = KNOWN.has(name) || BUILDER.test(name) || closeAt >= 0 || /=/.test(attrText);
    if (!isShortcode) continue;
    if (!KNOWN.has(name) && !BUILDER.test(name)) unknown.add(name);
    const inner = closeAt >= 0 ? html.slice(m.index + m[0].length, closeAt) : null;
    const expanded = expandOne(name, shortcodeAttributes(attrText), inner === null ? null : expandShortcodes(inner, ctx, depth + 1), ctx);
    out += html.slice(last, m.index) + expanded;
    last = closeAt >= 0 ? closeAt + closing.length : m.index + m[0].length;
    SHORTCODE.lastIndex = last;
  }
  for (const name of unknown) ctx.warn({ code: "unknown_shortcode", values: { name } });
  return out + html.slice(last);
}

function indexOfClosing(html: string, name: string, from: number): number {
  const lower = html.toLowerCase();
  return lower.indexOf(`[/${name.toLowerCase()}]`, from);
}
