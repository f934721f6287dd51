import { Form } from "../../platform/html/forms.js";
import { Pagination } from "../../platform/html/pagination.js";
import { translator } from "../../platform/i18n/translate.js";
import { STATUS_LABELS } from "./story-editor-page.js";

export type AdminStoryRow = { id: number; title: string; status: string; kind: string; updated: string; credit: string };

export function StoryTable({ rows, caption, selectable = false }: { rows: AdminStoryRow[]; caption: string; selectable?: boolean }) {
  if (rows.length === 0) return <p>Aucun témoignage.</p>;
  return (
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {/* With JavaScript, a "select all on this page" checkbox takes the header's place (assets/story-bulk.js). */}
          {selectable && (
            <th scope="col" data-select-all="Tout sélectionner sur cette page">
              Choisir
            </th>
          )}
          <th scope="col">Titre</th>
          <th scope="col">Statut</th>
          <th scope="col">Format</th>
          <th scope="col">Crédit</th>
          <th scope="col">Modifié</th>
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
            <td data-label="Statut">{STATUS_LABELS[r.status] ?? r.status}</td>
            <td data-label="Format">{r.kind === "podcast" ? "Podcast" : "Article"}</td>
            <td data-label="Crédit">{r.credit}</td>
            <td data-label="Modifié">{r.updated}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The bulk form's controls: what to do, with which theme or series, to the checked stories or the whole page. */
function BulkControls({ view, canPublish }: { view: AdminListView; canPublish: boolean }) {
  return (
    <fieldset class="bulk-actions">
      <legend>Actions groupées</legend>
      <p class="hint">Cochez des témoignages, choisissez une action : une page de confirmation dit ce qui arrivera à chacun avant que rien ne change.</p>
      <div class="filter">
        <label for="lot-action">Action</label>
        <select id="lot-action" name="action">
          <option value="">Choisir…</option>
          <optgroup label="Statut">
            <option value="submit">Proposer à la relecture</option>
            <option value="draft">Repasser en brouillon</option>
            {canPublish && <option value="publish">Publier maintenant</option>}
            {canPublish && <option value="schedule">Programmer la publication</option>}
            {canPublish && <option value="unpublish">Dépublier</option>}
          </optgroup>
          <optgroup label="Thèmes">
            <option value="add-theme">Ajouter un thème</option>
            <option value="remove-theme">Retirer un thème</option>
          </optgroup>
          <optgroup label="Série">
            <option value="series">Placer dans une série</option>
            <option value="no-series">Sortir de sa série</option>
          </optgroup>
        </select>
      </div>
      <ListSelect id="lot-theme" name="themeId" label="Thème à ajouter ou retirer" empty="Aucun" options={view.themes} />
      <ListSelect id="lot-serie" name="seriesId" label="Série où les placer" empty="Aucune" options={view.series} />
      {canPublish && (
        <div class="filter">
          <label for="lot-date">Date et heure de publication (heure de Paris)</label>
          <input id="lot-date" name="publishAt" type="datetime-local" />
        </div>
      )}
      <div class="actions">
        <button type="submit" name="scope" value="checked">
          Appliquer aux témoignages cochés
        </button>
        <button type="submit" name="scope" value="page" class="secondary">
          Appliquer à toute la page
        </button>
      </div>
      {/* How many are checked, read out as it changes; written by assets/story-bulk.js. */}
      <p class="hint" role="status" data-bulk-count data-one="{count} sélectionné" data-other="{count} sélectionnés" />
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
const KIND_OPTIONS: Choice[] = [
  { value: "article", label: "Article" },
  { value: "podcast", label: "Podcast" },
];

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

export function AdminStoryListPage({ view }: { view: AdminListView }) {
  const all = Object.values(view.counts).reduce((a, b) => a + b, 0);
  return (
    <>
      <h1>Témoignages</h1>
      <p>
        <a class="button" href="/admin/temoignages/nouveau">
          Nouveau témoignage
        </a>
      </p>
      <nav aria-label="Statuts" class="status-tabs">
        <ul>
          <li>
            <a href={listHref(view.filters, 1, "")} aria-current={view.filters.statut === "" ? "page" : undefined}>
              Tous ({all})
            </a>
          </li>
          {Object.entries(STATUS_LABELS).map(([status, label]) => (
            <li key={status}>
              <a href={listHref(view.filters, 1, status)} aria-current={view.filters.statut === status ? "page" : undefined}>
                {label} ({view.counts[status] ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/admin/temoignages" class="filters" role="search">
        {view.filters.statut && <input type="hidden" name="statut" value={view.filters.statut} />}
        <div class="filter">
          <label for="recherche">Rechercher (titre, chapô, texte, signature)</label>
          <input id="recherche" name="q" type="search" value={view.filters.q} />
        </div>
        <ListSelect id="filtre-format" name="format" label="Format" empty="Tous" options={KIND_OPTIONS} selected={view.filters.format} />
        <ListSelect id="filtre-theme" name="theme" label="Thème" empty="Tous" options={view.themes} selected={view.filters.theme} />
        <ListSelect id="filtre-serie" name="serie" label="Série" empty="Toutes" options={view.series} selected={view.filters.serie} />
        <button type="submit">Rechercher</button>
      </form>
      <p aria-live="polite">
        <strong>
          {view.total} résultat{view.total > 1 ? "s" : ""}
        </strong>
      </p>
      {view.bulk && view.rows.length > 0 ? (
        <Form action="/admin/temoignages/lot" csrf={view.bulk.csrf} id="lot">
          <BulkControls view={view} canPublish={view.bulk.canPublish} />
          {/* What « Appliquer à toute la page » applies to, without JavaScript. */}
          <input type="hidden" name="pageIds" value={view.rows.map((r) => r.id).join(",")} />
          <StoryTable rows={view.rows} caption="Témoignages correspondant à la recherche" selectable />
        </Form>
      ) : (
        <StoryTable rows={view.rows} caption="Témoignages correspondant à la recherche" />
      )}
      <Pagination t={translator("fr")} page={view.page} pages={view.pages} href={(p) => listHref(view.filters, p)} />
    </>
  );
}
