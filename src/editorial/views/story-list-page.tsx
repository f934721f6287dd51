import { Form } from "../../platform/html/forms.js";
import { Pagination } from "../../platform/html/pagination.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { STORY_STATUSES } from "../../stories/story.js";
import { storyStatusLabel as statusLabel } from "../../stories/story-status.present.js";

export type AdminStoryRow = { id: number; title: string; status: string; kind: string; updated: string; credit: string };


// `t` defaults to French for the dashboard's table until its page passes its own.
export function StoryTable({ rows, caption, selectable = false, t }: { rows: AdminStoryRow[]; caption: string; selectable?: boolean; t: Translate }) {
  if (rows.length === 0) return <p>{t("admin.storyList.empty")}</p>;
  return (
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {/* With JavaScript, a "select all on this page" checkbox takes the header's place (assets/story-bulk.js). */}
          {selectable && (
            <th scope="col" data-select-all={t("admin.storyList.selectAll")}>
              {t("admin.storyList.choose")}
            </th>
          )}
          <th scope="col">{t("admin.storyList.colTitle")}</th>
          <th scope="col">{t("admin.storyList.colStatus")}</th>
          <th scope="col">{t("admin.storyList.format")}</th>
          <th scope="col">{t("admin.storyList.colCredit")}</th>
          <th scope="col">{t("admin.storyList.colUpdated")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            {selectable && (
              <td>
                {/* Named by the title beside it. */}
                <input type="checkbox" name="ids" value={String(r.id)} aria-labelledby={`titre-${r.id}`} />
              </td>
            )}
            <td>
              <a href={`/admin/temoignages/${r.id}`} id={selectable ? `titre-${r.id}` : undefined}>
                {r.title}
              </a>
            </td>
            <td data-label={t("admin.storyList.colStatus")}>{statusLabel(t, r.status)}</td>
            <td data-label={t("admin.storyList.format")}>{r.kind === "podcast" ? t("kind.podcast") : t("kind.article")}</td>
            <td data-label={t("admin.storyList.colCredit")}>{r.credit}</td>
            <td data-label={t("admin.storyList.colUpdated")}>{r.updated}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The bulk form's controls: what to do, with which theme or series, to the checked stories or the whole page. */
function BulkControls({ view, canPublish, t }: { view: AdminListView; canPublish: boolean; t: Translate }) {
  return (
    <fieldset class="bulk-actions">
      <legend>{t("admin.bulk.legend")}</legend>
      <p class="hint">{t("admin.bulk.hint")}</p>
      <div class="filter">
        <label for="lot-action">{t("admin.bulk.action")}</label>
        <select id="lot-action" name="action">
          <option value="">{t("admin.bulk.choose")}</option>
          <optgroup label={t("admin.bulk.groupStatus")}>
            <option value="submit">{t("admin.bulk.option.submit")}</option>
            <option value="draft">{t("admin.bulk.option.draft")}</option>
            {canPublish && <option value="publish">{t("admin.bulk.option.publish")}</option>}
            {canPublish && <option value="schedule">{t("admin.bulk.option.schedule")}</option>}
            {canPublish && <option value="unpublish">{t("admin.bulk.option.unpublish")}</option>}
          </optgroup>
          <optgroup label={t("admin.bulk.groupThemes")}>
            <option value="add-theme">{t("admin.bulk.option.addTheme")}</option>
            <option value="remove-theme">{t("admin.bulk.option.removeTheme")}</option>
          </optgroup>
          <optgroup label={t("admin.bulk.groupSeries")}>
            <option value="series">{t("admin.bulk.option.series")}</option>
            <option value="no-series">{t("admin.bulk.option.noSeries")}</option>
          </optgroup>
        </select>
      </div>
      <ListSelect id="lot-theme" name="themeId" label={t("admin.bulk.themeField")} empty={t("admin.bulk.none")} options={view.themes} />
      <ListSelect id="lot-serie" name="seriesId" label={t("admin.bulk.seriesField")} empty={t("admin.bulk.noneFeminine")} options={view.series} />
      {canPublish && (
        <div class="filter">
          <label for="lot-date">{t("admin.bulk.dateField")}</label>
          <input id="lot-date" name="publishAt" type="datetime-local" />
        </div>
      )}
      <div class="actions">
        <button type="submit" name="scope" value="checked">
          {t("admin.bulk.applyChecked")}
        </button>
        <button type="submit" name="scope" value="page" class="secondary">
          {t("admin.bulk.applyPage")}
        </button>
      </div>
      {/* How many are checked, read out as it changes; written by assets/story-bulk.js. */}
      <p class="hint" role="status" data-bulk-count data-one={t("admin.storyList.selected", { count: 1 }).replace("1", "{count}")} data-other={t("admin.storyList.selected", { count: 2 }).replace("2", "{count}")} />
    </fieldset>
  );
}

export type AdminListView = {
  rows: AdminStoryRow[];
  total: number;
  counts: Record<string, number>;
  filters: { q: string; statut: string; format: string; theme: string; serie: string };
  themes: Array<{ value: string; label: string }>;
  series: Array<{ value: string; label: string }>;
  page: number;
  pages: number;
  /** The bulk form (a CSRF token, and whether publishing is offered), or null for no bulk actions. */
  bulk?: { csrf: string; canPublish: boolean } | null;
};

function listHref(filters: AdminListView["filters"], page: number, statut = filters.statut): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (statut) params.set("statut", statut);
  if (filters.format) params.set("format", filters.format);
  if (filters.theme) params.set("theme", filters.theme);
  if (filters.serie) params.set("serie", filters.serie);
  if (page > 1) params.set("page", String(page));
  const q = params.toString();
  return q ? `/admin/temoignages?${q}` : "/admin/temoignages";
}

type Choice = { value: string; label: string };

/** A labelled select of the list's filters and bulk actions: an empty first choice, then the options. */
function ListSelect(props: { id: string; name: string; label: string; empty: string; options: Choice[]; selected?: string }) {
  return (
    <div class="filter">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">{props.empty}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={props.selected === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AdminStoryListPage({ view, t }: { view: AdminListView; t: Translate }) {
  const all = Object.values(view.counts).reduce((a, b) => a + b, 0);
  const kinds: Choice[] = [
    { value: "article", label: t("kind.article") },
    { value: "podcast", label: t("kind.podcast") },
  ];
  return (
    <>
      <h1>{t("admin.storyList.title")}</h1>
      <p>
        <a class="button" href="/admin/temoignages/nouveau">
          {t("admin.storyList.new")}
        </a>
      </p>
      <nav aria-label={t("admin.storyList.statusTabs")} class="status-tabs">
        <ul>
          <li>
            <a href={listHref(view.filters, 1, "")} aria-current={view.filters.statut === "" ? "page" : undefined}>
              {t("admin.storyList.all", { count: all })}
            </a>
          </li>
          {STORY_STATUSES.map((status) => (
            <li key={status}>
              <a href={listHref(view.filters, 1, status)} aria-current={view.filters.statut === status ? "page" : undefined}>
                {t("admin.storyList.tab", { label: statusLabel(t, status), count: view.counts[status] ?? 0 })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/admin/temoignages" class="filters" role="search">
        {view.filters.statut && <input type="hidden" name="statut" value={view.filters.statut} />}
        <div class="filter">
          <label for="recherche">{t("admin.storyList.search")}</label>
          <input id="recherche" name="q" type="search" value={view.filters.q} />
        </div>
        <ListSelect id="filtre-format" name="format" label={t("admin.storyList.format")} empty={t("admin.storyList.any")} options={kinds} selected={view.filters.format} />
        <ListSelect id="filtre-theme" name="theme" label={t("admin.storyList.theme")} empty={t("admin.storyList.any")} options={view.themes} selected={view.filters.theme} />
        <ListSelect id="filtre-serie" name="serie" label={t("admin.storyList.series")} empty={t("admin.storyList.anyFeminine")} options={view.series} selected={view.filters.serie} />
        <button type="submit">{t("admin.storyList.searchButton")}</button>
      </form>
      <p aria-live="polite">
        <strong>{t("admin.storyList.results", { count: view.total })}</strong>
      </p>
      {view.bulk && view.rows.length > 0 ? (
        <Form action="/admin/temoignages/lot" csrf={view.bulk.csrf} id="lot">
          <BulkControls view={view} canPublish={view.bulk.canPublish} t={t} />
          {/* What « Appliquer à toute la page » applies to, without JavaScript. */}
          <input type="hidden" name="pageIds" value={view.rows.map((r) => r.id).join(",")} />
          <StoryTable rows={view.rows} caption={t("admin.storyList.caption")} selectable t={t} />
        </Form>
      ) : (
        <StoryTable rows={view.rows} caption={t("admin.storyList.caption")} t={t} />
      )}
      <Pagination t={t} page={view.page} pages={view.pages} href={(p) => listHref(view.filters, p)} />
    </>
  );
}
