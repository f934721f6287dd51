import type { ComponentChildren } from "preact";

/**
 * Puts elements (links) into a translated sentence at its {name} placeholders, so that each
 * language keeps its own word order around them.
 */
export function withLinks(text: string, parts: Record<string, ComponentChildren>): ComponentChildren[] {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? `{${piece}}`) : piece));
}

/** What editors write is French: inside a page in another language it keeps lang="fr". */
export function contentLang(locale: string): "fr" | undefined {
  return locale === "fr" ? undefined : "fr";
}
