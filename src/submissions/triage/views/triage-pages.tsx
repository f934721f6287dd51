import { ErrorSummary, Form, SelectField, TextArea } from "../../../platform/html/forms.js";
import type { FormState } from "../../../platform/http/form.js";
import type { Translate } from "../../../platform/i18n/translate.js";
import type { CrisisPassageView } from "../../../safety/crisis-signal.present.js";
import type { AudioView } from "../../audio/contribution-audio.present.js";
import { EDITOR_STATES, STATE_LABELS, SUBMISSION_STATES } from "../../submission.js";
import type { ContributionView, TriageRow } from "../triage.present.js";
import { AudioTriage } from "../../audio/views/audio-follow-up.js";

export function TriagePage(props: { rows: TriageRow[]; counts: Record<string, number>; state: string }) {
  const total = Object.values(props.counts).reduce((a, b) => a + b, 0);
  const crisis = props.rows.filter((r) => r.crisis).length;
  const unread = props.rows.filter((r) => r.hasNewMessage).length;
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
      {unread > 0 && (
        <p class="callout">
          {unread} contribution{unread > 1 ? "s ont" : " a"} un nouveau message de la personne qui témoigne, juste après les signaux de crise.
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
          {SUBMISSION_STATES.filter((state) => state !== "draft").map((state) => (
            <li key={state}>
              <a href={`/admin/contributions?etat=${state}`} aria-current={props.state === state ? "page" : undefined}>
                {STATE_LABELS[state]} ({props.counts[state] ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.rows.length === 0 ? <p>Aucune contribution ici.</p> : <ContributionTable rows={props.rows} caption="Contributions : signaux de crise, puis nouveaux messages, puis les plus anciennes" />}
    </>
  );
}

/** Contributions in a table: what each is, where it stands, what answers it, who follows it. */
export function ContributionTable({ rows, caption }: { rows: TriageRow[]; caption: string }) {
  return (
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Titre</th>
          <th scope="col">État</th>
          <th scope="col">Appel</th>
          <th scope="col">Reçue le</th>
          <th scope="col">Crédit</th>
          <th scope="col">Suivie par</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} class={r.crisis ? "crisis-row" : undefined}>
            <td>
              {r.crisis && <strong class="badge crisis-badge">Signal de crise</strong>} <a href={`/admin/contributions/${r.id}`}>{r.title}</a>
              {r.hasNewMessage && <strong class="badge new-badge">Nouveau message</strong>}
              {r.audio && <span class="badge">Audio</span>}
            </td>
            <td>{r.state}</td>
            <td>{r.call}</td>
            <td>{r.received}</td>
            <td>{r.credit}</td>
            <td>{r.assignee}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** On the back-office home, before anything else: what needs a person now. */
export function UrgentContributions({ rows }: { rows: TriageRow[] }) {
  return (
    <section aria-labelledby="urgent-titre">
      <h2 id="urgent-titre">À traiter en priorité</h2>
      {rows.length === 0 ? (
        <p>Aucun signal de crise en attente ni nouveau message de la personne qui témoigne.</p>
      ) : (
        <ContributionTable rows={rows} caption="Signaux de crise que personne n'a encore pris, puis nouveaux messages des personnes qui témoignent" />
      )}
      <p>
        <a href="/admin/contributions">Toutes les contributions</a>
      </p>
    </section>
  );
}

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

export function ContributionAdminPage(props: {
  view: ContributionView;
  messageForm: FormState;
  noteForm: FormState;
  stateForm: FormState;
  csrf: string;
  audio?: AudioView | null;
  t: Translate;
}) {
  const { view } = props;
  const recipient = view.email
    ? "La personne qui témoigne le lira sur sa page de suivi, et reçoit un courriel qui l'annonce (sans le texte)."
    : "La personne qui témoigne le lira sur sa page de suivi, à sa prochaine visite avec son reçu : elle n'a pas laissé d'adresse.";
  return (
    <>
      <p>
        <a href="/admin/contributions">Toutes les contributions</a>
      </p>
      <h1>{view.title}</h1>
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
      {view.anonymityRequested && (
        <div class="callout" role="note">
          <h2>Anonymisation demandée</h2>
          <p>
            La personne a demandé l'anonymat : son témoignage est hors ligne. Retirez les détails qui pourraient la faire reconnaître, gardez le crédit «
            Anonyme », puis envoyez-lui la nouvelle version : elle ne sera publiée qu'avec son accord.
          </p>
        </div>
      )}
      <dl class="facts">
        <dt>État</dt>
        <dd>{view.stateLabel}</dd>
        <dt>Reçue le</dt>
        <dd>{view.received}</dd>
        <dt>Appel</dt>
        <dd>{view.call}</dd>
        <dt>Crédit choisi</dt>
        <dd>{view.credit}</dd>
        <dt>Adresse pour la prévenir</dt>
        <dd>{view.email ?? "Aucune : elle suit avec son reçu"}</dd>
        <dt>Avertissements déclarés</dt>
        <dd>{view.contentNotes || "Aucun"}</dd>
        <dt>Suivie par</dt>
        <dd>{view.assignee}</dd>
      </dl>
      <ErrorSummary form={props.stateForm} labels={{ state: "État" }} />
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
              form={{ values: { state: view.state }, errors: props.stateForm.errors }}
              name="state"
              label="Changer l'état"
              options={EDITOR_STATES.map((state) => ({ value: state, label: STATE_LABELS[state] }))}
            />
            <button type="submit">Enregistrer l'état</button>
          </Form>
        </div>
      )}
      {props.audio && <AudioTriage t={props.t} csrf={props.csrf} id={view.id} audio={props.audio} />}
      <section aria-labelledby="texte-titre">
        <h2 id="texte-titre">Texte reçu</h2>
        <div class="prose" lang="fr" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
      </section>
      <section aria-labelledby="echanges-titre">
        <h2 id="echanges-titre">Échanges et notes</h2>
        {view.messages.length === 0 ? (
          <p>Aucun message pour l'instant.</p>
        ) : (
          <ol class="messages">
            {view.messages.map((m) => (
              <li key={`${m.when}-${m.from}-${m.body.length}`} class={m.internal ? "internal" : undefined}>
                <p class="hint">
                  {m.isNew && (
                    <>
                      <strong class="badge new-badge">Nouveau</strong>{" "}
                    </>
                  )}
                  {m.from}, {m.when}
                  {m.internal ? " · note interne, jamais montrée" : ""}
                  {m.crisis ? " · signal de crise" : ""}
                </p>
                <p class="message-body">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        {view.hasNewMessage && (
          <Form action={`/admin/contributions/${view.id}/lu`} csrf={props.csrf}>
            <input type="hidden" name="seenUpTo" value={String(view.seenUpTo)} />
            <button type="submit" class="secondary">
              Marquer comme lus, sans répondre
            </button>
          </Form>
        )}
        <div class="message-forms">
          <section aria-labelledby="ecrire-titre" class="panel">
            <h3 id="ecrire-titre">Envoyer à la personne</h3>
            <ErrorSummary form={props.messageForm} labels={{ message: "Message à la personne" }} />
            <Form action={`/admin/contributions/${view.id}/message`} csrf={props.csrf}>
              <input type="hidden" name="seenUpTo" value={String(view.seenUpTo)} />
              <TextArea form={props.messageForm} name="message" label="Message à la personne qui témoigne" hint={recipient} rows={5} maxLength={10_000} required />
              <button type="submit">Envoyer à la personne</button>
            </Form>
          </section>
          <section aria-labelledby="note-titre" class="panel internal-note">
            <h3 id="note-titre">Note interne</h3>
            <ErrorSummary form={props.noteForm} labels={{ note: "Note interne" }} />
            <Form action={`/admin/contributions/${view.id}/note`} csrf={props.csrf}>
              <input type="hidden" name="seenUpTo" value={String(view.seenUpTo)} />
              <TextArea form={props.noteForm} name="note" label="Note interne pour l'équipe" hint="Seule l'équipe la lit : jamais montrée ni annoncée à la personne." rows={4} maxLength={10_000} required />
              <button type="submit" class="secondary">
                Enregistrer la note interne
              </button>
            </Form>
          </section>
        </div>
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
