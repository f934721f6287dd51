import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import { Pagination } from "../../platform/html/pagination.js";
import type { CardView } from "../story.present.js";
import { CardList } from "./story-card.js";
import { StoryFilterFields } from "./story-filters.js";

export type ListingView = {
  heading: string;
  intro?: string;
  cards: CardView[];
  total: number;
  page: number;
  pages: number;
  filters: { kind: string; theme: string; series: string };
  themeOptions: Array<{ value: string; label: string }>;
  seriesOptions: Array<{ value: string; label: string }>;
  /** Base path of the listing (e.g. /temoignages or /themes/travail). */
  basePath: string;
  showThemeFilter: boolean;
  current: "stories" | "themes";
  /** The listing's own feeds (a theme's), advertised in the head. */
  feeds?: Array<{ title: string; href: string; type: string }>;
};

function queryOf(filters: ListingView["filters"], page: number, basePath: string): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set("format", filters.kind);
  if (filters.theme && basePath === "/temoignages") params.set("theme", filters.theme);
  if (filters.series) params.set("serie", filters.series);
  if (page > 1) params.set("page", String(page));
  const q = params.toString();
  return q ? `${basePath}?${q}` : basePath;
}

export function StoryListPage({ ctx, view }: { ctx: PageContext; view: ListingView }) {
  const { t } = ctx;
  const title = view.page > 1 ? `${view.heading} – ${t("pagination.status", { page: view.page, pages: view.pages })}` : view.heading;
  const hasFilter = Boolean(view.filters.kind || view.filters.series || (view.showThemeFilter && view.filters.theme));
  return (
    <Layout ctx={ctx} title={title} description={view.intro} current={view.current} canonicalPath={queryOf(view.filters, view.page, view.basePath)} feeds={view.feeds}>
      <div class="wrap">
        <h1>{view.heading}</h1>
        {view.intro && <p class="lead">{view.intro}</p>}
        <form method="get" action={view.basePath} class="filters" role="search" aria-labelledby="filtres-titre" data-drop-empty>
          <h2 id="filtres-titre" class="visually-hidden">
            {t("stories.filters")}
          </h2>
          <StoryFilterFields t={t} idPrefix="filtre" filters={view.filters} themeOptions={view.showThemeFilter ? view.themeOptions : null} seriesOptions={view.seriesOptions} />
          <button type="submit">{t("stories.filterApply")}</button>
          {hasFilter && <a href={view.basePath}>{t("stories.filterReset")}</a>}
        </form>
        <h2 class="count" aria-live="polite">
          {t("stories.count", { count: view.total })}
        </h2>
        {view.cards.length === 0 ? <p>{t("stories.empty")}</p> : <CardList cards={view.cards} lang={ctx.locale === "fr" ? undefined : "fr"} />}
        <Pagination t={t} page={view.page} pages={view.pages} href={(p) => queryOf(view.filters, p, view.basePath)} />
      </div>
    </Layout>
  );
}
