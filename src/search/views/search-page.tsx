import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import { Pagination } from "../../platform/html/pagination.js";
import type { CardView } from "../../stories/story.present.js";
import { StoryCardView } from "../../stories/views/story-card.js";
import { StoryFilterFields } from "../../stories/views/story-filters.js";
import type { ExcerptPart } from "../search-excerpt.js";

export type SearchView = {
  q: string;
  filters: { kind: string; theme: string; series: string };
  themeOptions: Array<{ value: string; label: string }>;
  seriesOptions: Array<{ value: string; label: string }>;
  /** Null before anything was searched. */
  total: number | null;
  /** More than `total` match (only that many are ranked). */
  capped: boolean;
  results: Array<{ card: CardView; excerpt: ExcerptPart[] }>;
  page: number;
  pages: number;
};

/** The address of a results page: what the page cache takes as canonical (empty filters left out). */
export function searchHref(view: Pick<SearchView, "q" | "filters">, page: number): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.filters.kind) params.set("format", view.filters.kind);
  if (view.filters.theme) params.set("theme", view.filters.theme);
  if (view.filters.series) params.set("serie", view.filters.series);
  if (page > 1) params.set("page", String(page));
  const q = params.toString();
  return q ? `/recherche?${q}` : "/recherche";
}

/** Every piece is text: the marked words are wrapped, nothing typed or stored is ever raw HTML. */
function Excerpt({ parts, label }: { parts: ExcerptPart[]; label: string }) {
  return (
    <p class="search-excerpt" lang="fr">
      <span class="visually-hidden">{label} </span>
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
    </p>
  );
}

export function SearchPage({ ctx, view }: { ctx: PageContext; view: SearchView }) {
  const { t } = ctx;
  const heading = view.q ? t("search.titleFor", { q: view.q }) : t("search.title");
  const title = view.page > 1 ? `${heading} – ${t("pagination.status", { page: view.page, pages: view.pages })}` : heading;
  const hasFilter = Boolean(view.filters.kind || view.filters.theme || view.filters.series);
  return (
    <Layout ctx={ctx} title={title} canonicalPath={searchHref(view, view.page)} noindex>
      <div class="wrap">
        <h1>{heading}</h1>
        <form method="get" action="/recherche" class="filters search-form" role="search" aria-label={t("search.refine")} data-drop-empty>
          <div class="filter search-field">
            <label for="recherche-q">{t("search.label")}</label>
            <input type="search" id="recherche-q" name="q" value={view.q} maxLength={200} aria-describedby="recherche-aide" />
            <p id="recherche-aide" class="hint">
              {t("search.help")}
            </p>
          </div>
          <StoryFilterFields t={t} idPrefix="recherche" filters={view.filters} themeOptions={view.themeOptions} seriesOptions={view.seriesOptions} />
          <button type="submit">{t("search.submit")}</button>
          {hasFilter && <a href={searchHref({ q: view.q, filters: { kind: "", theme: "", series: "" } }, 1)}>{t("stories.filterReset")}</a>}
        </form>
        {view.total === null ? (
          <p>{t("search.prompt")}</p>
        ) : (
          <>
            <h2 class="count" aria-live="polite">
              {view.capped ? t("search.countMore", { count: view.total }) : t("stories.count", { count: view.total })}
            </h2>
            {view.results.length === 0 ? (
              <p>{t("search.empty")}</p>
            ) : (
              <ul class="cards">
                {view.results.map((r) => (
                  <li key={r.card.href}>
                    <StoryCardView card={r.card} lang={ctx.locale === "fr" ? undefined : "fr"} extra={<Excerpt parts={r.excerpt} label={t("search.excerpt")} />} />
                  </li>
                ))}
              </ul>
            )}
            <Pagination t={t} page={view.page} pages={view.pages} href={(p) => searchHref(view, p)} />
          </>
        )}
      </div>
    </Layout>
  );
}
