import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { CardView } from "../../stories/story.present.js";
import { CardList, StoryCardView } from "../../stories/views/story-card.js";
import { TaxonomyList, type TaxonomyItem } from "../../stories/views/taxonomy-pages.js";
import type { CallCard } from "../../submissions/calls/call.present.js";
import { CallList } from "../../submissions/calls/views/call-pages.js";

export type HomeView = { featured: CardView | null; latest: CardView[]; total: number; themes: TaxonomyItem[]; series: TaxonomyItem[]; calls: CallCard[] };

export function HomePage({ ctx, view }: { ctx: PageContext; view: HomeView }) {
  const { t } = ctx;
  const contentLang = ctx.locale === "fr" ? undefined : "fr";
  return (
    <Layout ctx={ctx} title={t("home.title")} description={ctx.site.tagline || undefined} current="home" feeds={[{ title: t("podcast.showFeed"), href: "/podcast.xml" }]}>
      <div class="wrap">
        <h1 class="visually-hidden">{ctx.site.name}</h1>
        {view.featured && (
          <section class="featured" aria-labelledby="une-titre">
            <h2 id="une-titre">{t("home.featured")}</h2>
            <StoryCardView card={view.featured} lang={contentLang} />
          </section>
        )}
        <section aria-labelledby="derniers-titre">
          <h2 id="derniers-titre">{t("home.latest")}</h2>
          <CardList cards={view.latest} lang={contentLang} />
          <p class="more">
            <a href="/temoignages">{t("home.allStories", { count: view.total })}</a>
          </p>
        </section>
        <section aria-labelledby="appels-titre" class="calls">
          <h2 id="appels-titre">{t("home.calls")}</h2>
          {view.calls.length > 0 ? <CallList calls={view.calls} /> : <p>{t("home.callsEmpty")}</p>}
          <p>
            <a href="/appels">{t("home.allCalls")}</a>
          </p>
          <p>{t("home.contribute")}</p>
          <p>
            <a class="button" href="/temoigner">
              {t("home.contributeLink")}
            </a>
          </p>
        </section>
        <section aria-labelledby="themes-titre">
          <h2 id="themes-titre">{t("home.themes")}</h2>
          <TaxonomyList items={view.themes} />
        </section>
        <section aria-labelledby="series-titre">
          <h2 id="series-titre">{t("home.series")}</h2>
          <TaxonomyList items={view.series} />
        </section>
        <aside class="callout crisis-box" aria-labelledby="aide-titre">
          <h2 id="aide-titre">{t("help.title")}</h2>
          <p>{t("footer.crisis")}</p>
          <p>
            <a href="/aide">{t("nav.help")}</a>
          </p>
        </aside>
      </div>
    </Layout>
  );
}
