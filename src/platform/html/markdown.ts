import MarkdownIt from "markdown-it";
import { frenchTypography } from "../i18n/typography.js";

// Raw HTML is off: a story can never inject markup, scripts or third-party embeds.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// Links leave the site without telling the other site where the reader came from.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]?.attrGet("href") ?? "");
  if (/^(https?:)?\/\//i.test(href)) tokens[idx]?.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Markdown images would load from anywhere; stories carry their images through the cover field.
md.disable(["image"]);

// French spacing applies to text only, never to code or link targets.
md.core.ruler.push("french_typography", (state) => {
  if ((state.env as { locale?: string })?.locale === "en") return;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    for (const token of block.children) {
      if (token.type === "text") token.content = frenchTypography(token.content);
    }
  }
});

/** Markdown to safe HTML, with French typography unless the text is English. */
export function renderMarkdown(source: string, locale: "fr" | "en" = "fr"): string {
  return md.render(source, { locale });
}

/** Plain text of a Markdown source, for descriptions and word counts. */
export function markdownToText(source: string): string {
  return source
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^[#>\-*+\s]+/gm, "")
    .replace(/[*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
