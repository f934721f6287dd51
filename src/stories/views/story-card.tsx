import type { ComponentChildren } from "preact";
import { Picture } from "../../media/views/picture.js";
import { renderOnceFrom } from "../../platform/html/render.js";
import type { CardView } from "../story.present.js";

/** The pictogram says the kind; the same word is written next to it, so the icon stays decorative. */
export function KindIcon({ kind }: { kind: "article" | "podcast" }) {
  return kind === "podcast" ? (
    <svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
      <path d="M12 3a4 4 0 0 0-4 4v5a4 4 0 0 0 8 0V7a4 4 0 0 0-4-4Zm-7 9h2a5 5 0 0 0 10 0h2a7 7 0 0 1-6 6.9V21h3v2H8v-2h3v-2.1A7 7 0 0 1 5 12Z" />
    </svg>
  ) : (
    <svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
      <path d="M5 3h14v18H5V3Zm2 2v14h10V5H7Zm2 2h6v2H9V7Zm0 4h6v2H9v-2Zm0 4h4v2H9v-2Z" />
    </svg>
  );
}

/** `extra` goes under the standfirst (a search result's excerpt). */
export function StoryCardView({ card, headingLevel = 3, lang, extra }: { card: CardView; headingLevel?: 2 | 3; lang?: string; extra?: ComponentChildren }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article class={`card card-${card.kind}`} lang={lang ?? (card.languageNote ? "fr" : undefined)}>
      {card.cover && <Picture image={card.cover} alt={card.coverAlt} sizes="(min-width: 60em) 22em, 100vw" class="card-cover" />}
      <div class="card-body">
        <p class="card-kind">
          <KindIcon kind={card.kind} />
          <span>{card.kindLabel}</span>
          {card.series?.short && <span class="card-series"> · {card.series.short}</span>}
        </p>
        <Heading class="card-title">
          <a href={card.href}>{card.title}</a>
        </Heading>
        {card.contentNotes && <p class="card-notes">{card.contentNotes}</p>}
        <p class="card-standfirst">{card.standfirst}</p>
        {extra}
        <p class="card-meta">
          <span>{card.credit}</span> · <time dateTime={card.dateIso}>{card.date}</time> · <span>{card.readingTime}</span>
          {card.languageNote && (
            <>
              {" "}
              · <span lang={card.languageNote.lang}>{card.languageNote.text}</span>
            </>
          )}
        </p>
      </div>
    </article>
  );
}

/**
 * A card's markup, rendered once for what it shows: the same story is listed on many pages. Kept
 * per story and page language (a card carries it in its language note), so French and English
 * pages do not take each other's place.
 */
export function cardHtml(card: CardView, headingLevel?: 2 | 3, lang?: string): string {
  return renderOnceFrom(`card|${headingLevel ?? ""}|${lang ?? ""}|${card.languageNote?.lang ?? ""}|${card.href}`, card, (c) => <StoryCardView card={c} headingLevel={headingLevel} lang={lang} />);
}

export function CardList({ cards, headingLevel, lang }: { cards: CardView[]; headingLevel?: 2 | 3; lang?: string }) {
  return (
    <ul class="cards">
      {cards.map((c) => (
        <li key={c.href} dangerouslySetInnerHTML={{ __html: cardHtml(c, headingLevel, lang) }} />
      ))}
    </ul>
  );
}
