import type { StoredImage } from "../media/image.js";
import { formatDate } from "../platform/i18n/locale.js";
import { frenchTypography } from "../platform/i18n/typography.js";
import type { PageContext } from "../platform/html/page-context.js";
import { type Credit, creditLabel } from "./story.js";
import type { StoryCard, StoryPage } from "./story.service.js";

/**
 * Domain → what a reader may see. The credit is reduced to its public label here: no view ever
 * receives a contributor's account, e-mail or anything the credit choice does not show.
 */
export type CardView = {
  href: string;
  title: string;
  standfirst: string;
  kind: "article" | "podcast";
  kindLabel: string;
  isCollective: boolean;
  date: string;
  dateIso: string;
  credit: string;
  /** "5 minutes de lecture", or an episode's listening time ("Écoute : 23 min"). */
  readingTime: string;
  contentNotes: string | null;
  /** On pages in another language, says the story is in French (in the page's language). */
  languageNote: { text: string; lang: string } | null;
  themes: Array<{ name: string; href: string }>;
  series: { title: string; href: string; short: string; isCollection: boolean } | null;
  cover: StoredImage | null;
  coverAlt: string;
};

export function presentCredit(ctx: PageContext, credit: Credit): string {
  return creditLabel(credit, {
    anonymous: ctx.t("story.anonymous"),
    age: (name, age) => ctx.t("story.age", { name, age }),
  });
}

/** How many stories a series holds, in the words of its kind: a portrait collection counts portraits. */
export function presentSeriesCount(ctx: PageContext, series: { isCollection: boolean }, count: number): string {
  return ctx.t(series.isCollection ? "series.portraits" : "series.parts", { count });
}

export function presentContentNotes(ctx: PageContext, notes: string[]): string[] {
  return notes.map((n) => ctx.t(`note.${n}` as Parameters<PageContext["t"]>[0]));
}

export function presentCard(ctx: PageContext, card: StoryCard): CardView {
  const notes = presentContentNotes(ctx, card.contentNotes);
  return {
    href: `/temoignages/${card.slug}`,
    // Stories are written in French whatever the interface language.
    title: frenchTypography(card.title),
    standfirst: frenchTypography(card.standfirst),
    kind: card.kind,
    kindLabel: ctx.t(card.kind === "podcast" ? "kind.podcast" : "kind.article"),
    isCollective: card.format === "collective",
    date: card.publishedAt ? formatDate(ctx.locale, card.publishedAt) : "",
    dateIso: card.publishedAt ?? "",
    credit: presentCredit(ctx, card.credit),
    readingTime:
      card.listeningMs !== null
        ? ctx.t("story.listeningTime", { minutes: Math.max(1, Math.round(card.listeningMs / 60_000)) })
        : ctx.t("story.readingTime", { count: card.readingMinutes }),
    contentNotes: notes.length ? ctx.t("story.contentNotesShort", { notes: notes.join(", ") }) : null,
    languageNote: ctx.locale === "fr" ? null : { text: ctx.t("story.inFrench"), lang: ctx.locale },
    themes: card.themes.map((t) => ({ name: t.name, href: `/themes/${t.slug}` })),
    series: card.series
      ? {
          title: card.series.title,
          href: `/series/${card.series.slug}`,
          short: card.series.position ? ctx.t("story.seriesShort", { position: card.series.position, total: card.series.total }) : "",
          isCollection: card.series.isCollection,
        }
      : null,
    cover: card.cover,
    coverAlt: card.coverAlt,
  };
}

export type StoryView = CardView & {
  bodyHtml: string;
  contentNoteList: string[];
  voices: Array<{ credit: string; bodyHtml: string }>;
  seriesLine: string | null;
  previous: CardView | null;
  next: CardView | null;
  parts: CardView[];
  related: CardView[];
  canonical: string;
};

export function presentStoryPage(ctx: PageContext, page: StoryPage): StoryView {
  const card = presentCard(ctx, page.story);
  const s = page.story;
  return {
    ...card,
    bodyHtml: page.bodyHtml,
    contentNoteList: presentContentNotes(ctx, s.contentNotes),
    voices: page.voices.map((v) => ({ credit: presentCredit(ctx, v.credit), bodyHtml: v.html })),
    seriesLine: s.series?.position
        ? ctx.t("story.seriesPart", { position: s.series.position, total: s.series.total, series: s.series.title })
        : null,
    previous: page.previous ? presentCard(ctx, page.previous) : null,
    next: page.next ? presentCard(ctx, page.next) : null,
    parts: page.parts.map((p) => presentCard(ctx, p)),
    related: page.related.map((p) => presentCard(ctx, p)),
    canonical: `${ctx.baseUrl}/temoignages/${s.slug}`,
  };
}

/** schema.org Article for search engines; the credit is the public label only. */
export function storyJsonLd(view: StoryView, ctx: PageContext, imageUrl: string | null): object {
  return {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: view.title,
    description: view.standfirst,
    datePublished: view.dateIso,
    inLanguage: "fr",
    author: { "@type": "Person", name: view.credit },
    publisher: { "@type": "Organization", name: ctx.site.name },
    mainEntityOfPage: view.canonical,
    ...(imageUrl ? { image: imageUrl } : {}),
    ...(view.themes.length ? { keywords: view.themes.map((t) => t.name).join(", ") } : {}),
  };
}

/** A theme's or a series' feeds, for `<link rel="alternate">` (served by site/feed.routes.ts). */
export function feedLinks(ctx: PageContext, basePath: string, name: string): Array<{ title: string; href: string; type: string }> {
  const title = ctx.t("feeds.of", { name });
  return [
    { title: `${title} (RSS)`, href: `${basePath}/flux.xml`, type: "application/rss+xml" },
    { title: `${title} (Atom)`, href: `${basePath}/flux.atom`, type: "application/atom+xml" },
    { title: `${title} (JSON Feed)`, href: `${basePath}/flux.json`, type: "application/feed+json" },
  ];
}
