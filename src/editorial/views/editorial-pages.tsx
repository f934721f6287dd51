import type { ComponentChildren } from "preact";
import type { FieldChange } from "../../stories/version-diff.js";
import { Form, } from "../../platform/html/forms.js";
import { STATUS_LABELS } from "./story-editor-page.js";
import { type AdminStoryRow, StoryTable } from "./story-list-page.js";

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
