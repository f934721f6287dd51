import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import type { Translate } from "../../platform/i18n/translate.js";
import type { CrisisPassageView } from "../../safety/crisis-signal.present.js";
import type { AudioView } from "../contribution-audio.present.js";
import { AudioTriage } from "./audio-follow-up.js";

export const STATE_LABELS: Record<string, string> = {
  received: "Reçue",
  reading: "En lecture",
  editing: "En édition",
  awaiting_approval: "Attend l'accord",
  scheduled: "Programmée",
  published: "Publiée",
  declined: "Non retenue",
  withdrawn: "Retirée",
};

export type TriageRow = { id: number; title: string; state: string; received: string; crisis: boolean; audio: boolean; credit: string; assignee: string };

export function TriagePage(props: { rows: TriageRow[]; counts: Record<string, number>; state: string }) {
  const total = Object.values(props.counts).reduce((a, b) => a + b, 0);
  const crisis = props.rows.filter((r) => r.crisis).length;
  return (
    <>
      <h1>Contributions</h1>
      {crisis > 0 && (
        <p class="callout crisis-box" role="status">
          <strong>
            {crisis} contribution{crisis > 1 ? "s" : ""} avec un signal de crise
          </strong>{" "}
          : à lire en priorité. Elles sont en tête de liste.
        </p>
      )}
      <p class="hint">Le repérage automatique des signaux de crise en manque : une contribution sans signal n'est jamais « sans risque ». Chacune est lue.</p>
      <nav aria-label="États" class="status-tabs">
        <ul>
          <li>
            <a href="/admin/contributions" aria-current={props.state === "" ? "page" : undefined}>
              Toutes ({total})
            </a>
          </li>
          {Object.entries(STATE_LABELS).map(([state, label]) => (
            <li key={state}>
              <a href={`/admin/contributions?etat=${state}`} aria-current={props.state === state ? "page" : undefined}>
                {label} ({props.counts[state] ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.rows.length === 0 ? (
        <p>Aucune contribution ici.</p>
      ) : (
        <table class="data">
          <caption>Contributions, signaux de crise d'abord, puis les plus anciennes</caption>
          <thead>
            <tr>
              <th scope="col">Titre</th>
              <th scope="col">État</th>
              <th scope="col">Reçue le</th>
              <th scope="col">Crédit</th>
              <th scope="col">Suivie par</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.id} class={r.crisis ? "crisis-row" : undefined}>
                <td>
                  {r.crisis && <strong class="badge crisis-badge">Signal de crise</strong>} <a href={`/admin/contributions/${r.id}`}>{r.title || `Contribution n° ${r.id}`}</a>
                  {r.audio && <span class="badge">Audio</span>}
                </td>
                <td>{STATE_LABELS[r.state] ?? r.state}</td>
                <td>{r.received}</td>
                <td>{r.credit}</td>
                <td>{r.assignee}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export type ContributionView = {
  id: number;
  title: string;
  state: string;
  received: string;
  credit: string;
  email: string | null;
  crisis: boolean;
  crisisPassages: CrisisPassageView[];
  contentNotes: string;
  bodyHtml: string;
  assignedToViewer: boolean;
  assignee: string;
  messages: Array<{ from: string; when: string; body: string; internal: boolean; crisis: boolean }>;
  consents: Array<{ when: string; what: string }>;
  canChangeState: boolean;
  storyHref: string | null;
};

/** The passages that weighed in the detector's answer, the words that pushed them up marked. */
function CrisisPassages({ passages }: { passages: CrisisPassageView[] }) {
  if (passages.length === 0) return null;
  return (
    <>
      <p>Ce qui a pesé dans le repérage (les mots surlignés ont compté le plus) :</p>
      <ul class="crisis-passages">
        {passages.map((p, i) => (
          <li key={`${p.source}-${i}`}>
            <span class="hint">
              {p.source}, score {p.score} :
            </span>{" "}
            <q lang="fr">{p.parts.map((part, k) => (part.cue ? <mark key={k}>{part.text}</mark> : part.text))}</q>
          </li>
        ))}
      </ul>
      <p class="hint">Le repérage est une aide : il se trompe dans les deux sens. Lisez toujours le texte entier.</p>
    </>
  );
}

export function ContributionAdminPage(props: { view: ContributionView; form: FormState; csrf: string; audio?: AudioView | null; t?: Translate }) {
  const { view } = props;
  return (
    <>
      <p>
        <a href="/admin/contributions">Toutes les contributions</a>
      </p>
      <h1>{view.title || `Contribution n° ${view.id}`}</h1>
      {view.crisis ? (
        <div class="callout crisis-box" role="note">
          <h2>Signal de crise</h2>
          <p>
            Le texte ou un message contient des signes de détresse aiguë. La personne a vu les numéros d'urgence à l'envoi. Si elle a laissé une adresse, répondez-lui
            vite et avec douceur ; suivez la procédure d'escalade de l'équipe.
          </p>
          <CrisisPassages passages={view.crisisPassages} />
        </div>
      ) : (
        <p class="callout">
          Le repérage automatique n'a relevé aucun signal de crise. Cela ne veut jamais dire que la personne est hors de danger : il en manque, lisez tout le texte.
        </p>
      )}
      <dl class="facts">
        <dt>État</dt>
        <dd>{STATE_LABELS[view.state] ?? view.state}</dd>
        <dt>Reçue le</dt>
        <dd>{view.received}</dd>
        <dt>Crédit choisi</dt>
        <dd>{view.credit}</dd>
        <dt>Adresse pour le prévenir</dt>
        <dd>{view.email ?? "Aucune : il ou elle suit avec son reçu"}</dd>
        <dt>Avertissements déclarés</dt>
        <dd>{view.contentNotes || "Aucun"}</dd>
        <dt>Suivie par</dt>
        <dd>{view.assignee}</dd>
      </dl>
      {view.canChangeState && (
        <div class="actions">
          {view.storyHref ? (
            <>
              <a class="button secondary" href={view.storyHref}>
                Ouvrir le témoignage lié
              </a>
              <Form action={`/admin/contributions/${view.id}/accord`} csrf={props.csrf}>
                <button type="submit">Envoyer la version actuelle pour accord</button>
              </Form>
            </>
          ) : (
            <Form action={`/admin/contributions/${view.id}/brouillon`} csrf={props.csrf}>
              <button type="submit">Créer le brouillon de témoignage</button>
            </Form>
          )}
          {!view.assignedToViewer && (
            <Form action={`/admin/contributions/${view.id}/attribuer`} csrf={props.csrf}>
              <button type="submit" class="secondary">
                Je la prends
              </button>
            </Form>
          )}
          <Form action={`/admin/contributions/${view.id}/etat`} csrf={props.csrf} class="inline-form">
            <SelectField
              form={{ values: { state: view.state }, errors: {} }}
              name="state"
              label="Changer l'état"
              options={[
                { value: "received", label: "Reçue" },
                { value: "reading", label: "En lecture" },
                { value: "editing", label: "En édition" },
                { value: "declined", label: "Non retenue" },
              ]}
            />
            <button type="submit">Enregistrer l'état</button>
          </Form>
        </div>
      )}
      {props.audio && props.t && <AudioTriage t={props.t} csrf={props.csrf} id={view.id} audio={props.audio} />}
      <section aria-labelledby="texte-titre">
        <h2 id="texte-titre">Texte reçu</h2>
        <div class="prose" lang="fr" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
      </section>
      <section aria-labelledby="echanges-titre">
        <h2 id="echanges-titre">Échanges et notes</h2>
        <ol class="messages">
          {view.messages.map((m) => (
            <li key={`${m.when}-${m.from}-${m.body.length}`} class={m.internal ? "internal" : undefined}>
              <p class="hint">
                {m.from}, {m.when}
                {m.internal ? " · note interne, jamais montrée" : ""}
                {m.crisis ? " · signal de crise" : ""}
              </p>
              <p class="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
        <ErrorSummary form={props.form} labels={{ body: "Message" }} />
        <Form action={`/admin/contributions/${view.id}/message`} csrf={props.csrf}>
          <TextArea form={props.form} name="body" label="Message à la personne, ou note interne" rows={5} maxLength={10_000} required />
          <ChoiceGroup form={props.form} name="isInternal" label="Visibilité" type="checkbox" options={[{ value: "1", label: "Note interne : jamais montrée à la personne" }]} />
          <button type="submit">Enregistrer</button>
        </Form>
      </section>
      <section aria-labelledby="accords-titre">
        <h2 id="accords-titre">Registre des accords</h2>
        <ul>
          {view.consents.map((c) => (
            <li key={`${c.when}-${c.what}`}>
              {c.when} : {c.what}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
