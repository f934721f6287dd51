import type { Translate } from "../../platform/i18n/translate.js";

export type StoryFilters = { kind: string; theme: string; series: string };
type Option = { value: string; label: string };

/**
 * The kind, theme and series selects of a story listing or of the search page, as plain GET
 * fields (no script needed). `themeOptions` null leaves the theme out (a theme's own listing).
 */
export function StoryFilterFields(props: { t: Translate; idPrefix: string; filters: StoryFilters; themeOptions: Option[] | null; seriesOptions: Option[] }) {
  const { t, idPrefix, filters } = props;
  return (
    <>
      <div class="filter">
        <label for={`${idPrefix}-format`}>{t("stories.filterKind")}</label>
        <select id={`${idPrefix}-format`} name="format">
          <option value="">{t("stories.filterAll")}</option>
          <option value="article" selected={filters.kind === "article"}>
            {t("kind.article")}
          </option>
          <option value="podcast" selected={filters.kind === "podcast"}>
            {t("kind.podcast")}
          </option>
        </select>
      </div>
      {props.themeOptions && (
        <div class="filter">
          <label for={`${idPrefix}-theme`}>{t("stories.filterTheme")}</label>
          <select id={`${idPrefix}-theme`} name="theme">
            <option value="">{t("stories.filterAll")}</option>
            {props.themeOptions.map((o) => (
              <option key={o.value} value={o.value} selected={filters.theme === o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="filter">
        <label for={`${idPrefix}-serie`}>{t("stories.filterSeries")}</label>
        <select id={`${idPrefix}-serie`} name="serie">
          <option value="">{t("stories.filterAllFeminine")}</option>
          {props.seriesOptions.map((o) => (
            <option key={o.value} value={o.value} selected={filters.series === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
