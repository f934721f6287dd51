import type { ComponentChildren } from "preact";
import { imageUrl, Picture } from "../../media/views/picture.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import { withoutPartNumber } from "../story.js";
import { type StoryView, storyJsonLd } from "../story.present.js";
import { CardList, KindIcon } from "./story-card.js";

function SeriesNav({ ctx, view }: { ctx: PageContext; view: StoryView }) {
  if (!view.series || view.parts.length < 2) return null;
  const { t } = ctx;
  return (
    <nav class="series-nav" aria-label={t("story.seriesNav")}>
      <p>
        <a href={view.series.href}>{view.seriesLine ?? view.series.title}</a>
      </p>
      <ol>
        {view.parts.map((p) => (
          <li key={p.href}>
            {/* The list numbers the parts: their titles' own "1/2" would say it twice. */}
            {p.href === view.href ? <span aria-current="page">{withoutPartNumber(p.title, p.series?.short ?? "")}</span> : <a href={p.href}>{withoutPartNumber(p.title, p.series?.short ?? "")}</a>}
          </li>
        ))}
      </ol>
      <p class="series-steps">
        {view.previous && (
          <a href={view.previous.href} rel="prev">
            ← {t("story.previousPart", { title: view.previous.title })}
          </a>
        )}
        {view.next && (
          <a href={view.next.href} rel="next">
            {t("story.nextPart", { title: view.next.title })} →
          </a>
        )}
      </p>
    </nav>
  );
}

/**
 * The episode of a podcast story, rendered by the podcasts feature: its section (player, chapters,
 * downloads) before the show notes, its transcript after them.
 */
export type EpisodeExtra = { node: ComponentChildren; transcript: ComponentChildren; hasAudio: boolean } | null;

export function StoryPageView({ ctx, view, episode = null }: { ctx: PageContext; view: StoryView; episode?: EpisodeExtra }) {
  const { t } = ctx;
  const cover = view.cover ? `${ctx.baseUrl}${imageUrl(view.cover, 1440)}` : undefined;
  return (
    <Layout
      ctx={ctx}
      title={view.title}
      description={view.standfirst}
      ogType="article"
      ogImage={cover}
      jsonLd={storyJsonLd(view, ctx, cover ?? null)}
      current="stories"
      feeds={[
        { title: t("podcast.showFeed"), href: "/podcast.xml" },
        ...(view.kind === "podcast" && view.series ? [{ title: t("podcast.seriesFeed", { series: view.series.title }), href: `${view.series.href}/podcast.xml` }] : []),
      ]}
      scripts={episode?.hasAudio ? ["podcast-player.js"] : []}
    >
      <StoryArticle ctx={ctx} view={view} episode={episode} />
      {view.related.length > 0 && (
        <section class="wrap related" aria-labelledby="suivants-titre">
          <h2 id="suivants-titre">{t("story.next")}</h2>
          <CardList cards={view.related} lang="fr" />
        </section>
      )}
    </Layout>
  );
}

/**
 * The story itself, as readers see it. A preview (the author's approval page, an editor's
 * preview) shows the same article one heading level down, without navigation or sharing.
 */
export function StoryArticle({ ctx, view, episode = null, preview = false }: { ctx: PageContext; view: StoryView; episode?: EpisodeExtra; preview?: boolean }) {
  const { t } = ctx;
  const shareSubject = encodeURIComponent(view.title);
  const shareBody = encodeURIComponent(`${view.title}\n${view.canonical}`);
  const Title = preview ? "h2" : "h1";
  const Section = preview ? "h3" : "h2";
  const Sub = preview ? "h4" : "h3";
  return (
    <article class="story wrap narrow" lang="fr">
      {!preview && (
        <nav aria-label={t("nav.breadcrumb")} class="breadcrumb">
          <ol>
            <li>
              <a href="/">{t("nav.home")}</a>
            </li>
            <li>
              <a href="/temoignages">{t("nav.stories")}</a>
            </li>
            {view.series && (
              <li>
                <a href={view.series.href}>{view.series.title}</a>
              </li>
            )}
          </ol>
        </nav>
      )}
      <header class="story-header">
        <p class="card-kind">
          <KindIcon kind={view.kind} />
          <span>{view.kindLabel}</span>
          {view.isCollective && <span> · {t("kind.collective")}</span>}
        </p>
        <Title>{view.title}</Title>
        <p class="lead">{view.standfirst}</p>
        <p class="story-meta" lang={ctx.locale}>
          {t("story.by", { credit: view.credit })}
          {view.dateIso && (
            <>
              {" "}
              · <time dateTime={view.dateIso}>{t("story.publishedOn", { date: view.date })}</time>
            </>
          )}{" "}
          · {view.readingTime}
          {view.languageNote && (
            <>
              {" "}
              · <span lang={view.languageNote.lang}>{view.languageNote.text}</span>
            </>
          )}
        </p>
        {view.themes.length > 0 && (
          <p class="story-themes">
            <span>{t("story.themes")} </span>
            {view.themes.map((th, i) => (
              <>
                {i > 0 && ", "}
                <a href={th.href}>{th.name}</a>
              </>
            ))}
          </p>
        )}
      </header>
      {view.contentNoteList.length > 0 && (
        <aside class="content-notes" aria-labelledby="avertissement-titre">
          <Section id="avertissement-titre">{t("story.contentNotes")}</Section>
          <ul>
            {view.contentNoteList.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <p>{t("story.contentNotesCare")}</p>
          <p class="actions">
            <a class="button" href="#recit">
              {t("story.contentNotesContinue")}
            </a>{" "}
            <a href="/temoignages">{t("story.contentNotesLeave")}</a> · <a href="/aide">{t("nav.help")}</a>
          </p>
        </aside>
      )}
      {!preview && <SeriesNav ctx={ctx} view={view} />}
      {preview && view.seriesLine && <p class="series-line">{view.seriesLine}</p>}
      {view.cover && <Picture image={view.cover} alt={view.coverAlt} sizes="(min-width: 48em) 46em, 100vw" eager class="story-cover" />}
      <div id="recit" class="story-body" tabindex={-1}>
        {view.kind === "podcast" && !episode?.hasAudio && <p class="callout">{t("story.audioSoon")}</p>}
        {episode?.node}
        <div class="prose" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
        {view.voices.length > 0 && (
          <section class="voices" aria-labelledby="voix-titre">
            <Section id="voix-titre">{t("story.voices")}</Section>
            {view.voices.map((v, i) => (
              <section class="voice" key={i} aria-labelledby={`voix-${i + 1}`}>
                <Sub id={`voix-${i + 1}`}>{v.credit}</Sub>
                <div class="prose" dangerouslySetInnerHTML={{ __html: v.bodyHtml }} />
              </section>
            ))}
          </section>
        )}
        {episode?.transcript}
      </div>
      {!preview && view.next && (
        <p class="series-steps">
          <a href={view.next.href}>
            {t("story.nextPart", { title: view.next.title })} →
          </a>
        </p>
      )}
      {!preview && (
        <section class="share" aria-labelledby="partager-titre" lang={ctx.locale}>
          <h2 id="partager-titre">{t("story.share")}</h2>
          <p>
            <a href={`mailto:?subject=${shareSubject}&body=${shareBody}`}>{t("story.shareEmail")}</a>
          </p>
          <p class="share-link">
            <label for="adresse-page">{t("story.shareLink")}</label>
            <input id="adresse-page" type="text" readonly value={view.canonical} data-copy={t("story.copyLink")} data-copied={t("story.linkCopied")} />
          </p>
        </section>
      )}
    </article>
  );
}
