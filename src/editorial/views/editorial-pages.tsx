import type { ComponentChildren } from "preact";
import type { FieldChange } from "../../stories/version-diff.js";
import { ErrorSummary, Form, ChoiceGroup, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import { Pagination } from "../../platform/html/pagination.js";
import { translator } from "../../platform/i18n/translate.js";
import { STATUS_LABELS } from "./story-editor-page.js";

export type AdminStoryRow = { id: number; title: string; status: string; kind: string; updated: string; credit: string };

export type Attention = { awaiting: Array<{ id: number; title: string; why: string }>; reread: Array<{ id: number; title: string }> };

export function DashboardPage(props: { name: string; counts: Record<string, number>; recent: AdminStoryRow[]; canSeeAll: boolean; attention?: Attention | null; first?: ComponentChildren[] }) {
  const attention = props.attention;
  return (
    <>
      <h1>Bonjour {props.name}</h1>
      {props.first}
      {attention && (attention.awaiting.length > 0 || attention.reread.length > 0) && (
        <section aria-labelledby="attention-titre" class="callout">
          <h2 id="attention-titre">À traiter après l'import</h2>
          {attention.awaiting.length > 0 && (
            <>
              <h3>Publiés sur l'ancien site, pas encore ici ({attention.awaiting.length})</h3>
              <p>Leur ancienne adresse dit qu'ils reviennent bientôt, jusqu'à leur publication.</p>
              <ul>
                {attention.awaiting.map((a) => (
                  <li key={a.id}>
                    <a href={`/admin/temoignages/${a.id}`}>{a.title}</a> : {a.why}
                  </li>
                ))}
              </ul>
            </>
          )}
          {attention.reread.length > 0 && (
            <>
              <h3>À relire : avertissements de contenu jamais vérifiés ({attention.reread.length})</h3>
              <p>Leur liste de vérification a été signée « à l'import » : relisez-les et signez-la vous-même.</p>
              <ul>
                {attention.reread.map((a) => (
                  <li key={a.id}>
                    <a href={`/admin/temoignages/${a.id}`}>{a.title}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <p>
        <a class="button" href="/admin/temoignages/nouveau">
          Écrire un nouveau témoignage
        </a>
      </p>
      <h2>{props.canSeeAll ? "Tous les témoignages" : "Vos témoignages"}</h2>
      <ul class="status-counts">
        {Object.entries(STATUS_LABELS).map(([status, label]) => (
          <li key={status}>
            <a href={`/admin/temoignages?statut=${status}`}>
              {label} : <strong>{props.counts[status] ?? 0}</strong>
            </a>
          </li>
        ))}
      </ul>
      <h2>Modifiés récemment</h2>
      <StoryTable rows={props.recent} caption="Les derniers témoignages modifiés" />
    </>
  );
}

function StoryTable({ rows, caption, selectable = false }: { rows: AdminStoryRow[]; caption: string; selectable?: boolean }) {
  if (rows.length === 0) return <p>Aucun témoignage.</p>;
  return (
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {selectable && <th scope="col">Choisir</th>}
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
      <div class="actions">
        <button type="submit" name="scope" value="checked">
          Appliquer aux témoignages cochés
        </button>
        <button type="submit" name="scope" value="page" class="secondary">
          Appliquer à toute la page
        </button>
      </div>
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

export type RevisionRowView = { id: number; when: string; who: string; status: string; title: string };

export function RevisionsPage(props: {
  storyId: number;
  title: string;
  revisions: RevisionRowView[];
  compare: { from: number; to: number; diffs: FieldChange[] } | null;
  csrf: string;
  canRestore: boolean;
}) {
  return (
    <>
      <h1>Historique de « {props.title} »</h1>
      <p>
        <a href={`/admin/temoignages/${props.storyId}`}>Revenir au témoignage</a>
      </p>
      {props.compare && (
        <section aria-labelledby="diff-titre" class="panel">
          <h2 id="diff-titre">
            Différences entre la version {props.compare.from} et la version {props.compare.to}
          </h2>
          {props.compare.diffs.length === 0 ? (
            <p>Ces deux versions sont identiques.</p>
          ) : (
            props.compare.diffs.map((d) => (
              <div key={d.key} class="diff">
                <h3>{d.label}</h3>
                {d.blocks.map((parts, b) => (
                  <p key={b} class="diff-text">
                    {parts.map((p, i) =>
                      p.added ? (
                        <ins key={i}>{p.value}</ins>
                      ) : p.removed ? (
                        <del key={i}>{p.value}</del>
                      ) : (
                        <span key={i}>{p.value}</span>
                      ),
                    )}
                  </p>
                ))}
              </div>
            ))
          )}
          <p class="hint">Le texte ajouté est souligné, le texte retiré est barré.</p>
        </section>
      )}
      <form method="get" action={`/admin/temoignages/${props.storyId}/revisions`}>
        <table class="data">
          <caption>{props.revisions.length} versions, de la plus récente à la plus ancienne</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Date</th>
              <th scope="col">Par</th>
              <th scope="col">Statut</th>
              <th scope="col">Comparer de</th>
              <th scope="col">à</th>
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((r, i) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{r.when}</td>
                <td>{r.who}</td>
                <td>{STATUS_LABELS[r.status] ?? r.status}</td>
                <td>
                  <input type="radio" name="de" value={r.id} aria-label={`Comparer depuis la version ${r.id}`} checked={props.compare ? props.compare.from === r.id : i === 1} />
                </td>
                <td>
                  <input type="radio" name="a" value={r.id} aria-label={`Comparer jusqu'à la version ${r.id}`} checked={props.compare ? props.compare.to === r.id : i === 0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit">Comparer les versions choisies</button>
      </form>
      {props.canRestore && props.revisions.length > 1 && (
        <section aria-labelledby="restaurer-titre">
          <h2 id="restaurer-titre">Restaurer une version</h2>
          <p>
            La version choisie redevient la version de travail ; rien n'est perdu, le statut ne change pas, et les lecteurs ne la voient qu'une fois publiée (avec
            l'accord de l'auteur s'il s'agit d'une contribution).
          </p>
          <ul class="restore-list">
            {props.revisions.slice(1).map((r) => (
              <li key={r.id}>
                <Form action={`/admin/temoignages/${props.storyId}/revisions/${r.id}/restaurer`} csrf={props.csrf}>
                  <button type="submit" class="secondary">
                    Restaurer la version {r.id} ({r.when})
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export type TaxonomyAdminItem = { id: number; name: string; slug: string; extra: string };

export function TaxonomyAdminPage(props: {
  kind: "theme" | "series";
  items: TaxonomyAdminItem[];
  form: FormState;
  csrf: string;
  editing: TaxonomyAdminItem | null;
}) {
  const isTheme = props.kind === "theme";
  const base = isTheme ? "/admin/themes" : "/admin/series";
  const labels: Record<string, string> = isTheme
    ? { name: "Nom", slug: "Adresse", description: "Description", position: "Ordre d'affichage" }
    : { title: "Titre", slug: "Adresse", description: "Description", isCollection: "Collection" };
  return (
    <>
      <h1>{isTheme ? "Thèmes" : "Séries et collections"}</h1>
      <table class="data">
        <caption>{props.items.length} éléments</caption>
        <thead>
          <tr>
            <th scope="col">{isTheme ? "Nom" : "Titre"}</th>
            <th scope="col">Adresse</th>
            <th scope="col">{isTheme ? "Ordre" : "Type"}</th>
            <th scope="col">Supprimer</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={i.id}>
              <td>
                <a href={`${base}/${i.id}`}>{i.name}</a>
              </td>
              <td>{i.slug}</td>
              <td>{i.extra}</td>
              <td>
                <Form action={`${base}/${i.id}/supprimer`} csrf={props.csrf}>
                  <button type="submit" class="danger small" aria-label={`Supprimer ${i.name}`}>
                    Supprimer
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{props.editing ? `Modifier « ${props.editing.name} »` : isTheme ? "Ajouter un thème" : "Ajouter une série"}</h2>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={props.editing ? `${base}/${props.editing.id}` : base} csrf={props.csrf}>
        {isTheme ? (
          <TextField form={props.form} name="name" label={labels.name as string} required maxLength={80} />
        ) : (
          <TextField form={props.form} name="title" label={labels.title as string} required maxLength={160} />
        )}
        <TextField form={props.form} name="slug" label={labels.slug as string} hint="Laissez vide pour la tirer du nom." maxLength={80} />
        <TextArea form={props.form} name="description" label={labels.description as string} rows={3} maxLength={600} />
        {isTheme ? (
          <TextField form={props.form} name="position" label={labels.position as string} inputmode="numeric" />
        ) : (
          <ChoiceGroup form={props.form} name="isCollection" label={labels.isCollection as string} type="checkbox" options={[{ value: "1", label: "Collection de portraits (plutôt qu'un récit en plusieurs parties)" }]} />
        )}
        <button type="submit">Enregistrer</button>
      </Form>
    </>
  );
}
