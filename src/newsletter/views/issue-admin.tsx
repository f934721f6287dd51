import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";

export type IssueRow = { id: number; subject: string; state: string; when: string; scheduledFor: string | null };
export type StoryChoice = { value: string; label: string };

const STATE_LABELS: Record<string, string> = { draft: "brouillon", sending: "envoi en cours", sent: "envoyée" };

export function IssueList(props: { issues: IssueRow[]; form: FormState; csrf: string; stories: StoryChoice[] }) {
  const labels = { subject: "Objet", intro: "Texte d'introduction", storyIds: "Témoignages" };
  return (
    <>
      <h1>Lettres</h1>
      {props.issues.length === 0 ? (
        <p>Aucune lettre pour l'instant.</p>
      ) : (
        <ul>
          {props.issues.map((i) => (
            <li key={i.id}>
              <a href={`/admin/lettres/${i.id}`}>{i.subject}</a> (
              {i.state === "draft" && i.scheduledFor ? `programmée pour le ${i.scheduledFor}, heure de Paris` : `${STATE_LABELS[i.state] ?? i.state}, ${i.when}`})
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/lettres/resume">Résumé de la semaine : envoi automatique</a>
      </p>
      <h2>Composer une lettre</h2>
      <p>Seuls les témoignages publiés apparaissent ici ; un témoignage tiré d'une contribution n'y figure que si son auteur ou son autrice a accepté la lettre.</p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action="/admin/lettres" csrf={props.csrf}>
        <TextField form={props.form} name="subject" label={labels.subject} required maxLength={200} />
        <TextArea form={props.form} name="intro" label={labels.intro} hint="Markdown ; le code HTML est affiché tel quel." rows={6} maxLength={10_000} />
        <ChoiceGroup form={props.form} name="storyIds" label={labels.storyIds} type="checkbox" options={props.stories} />
        <button type="submit">Enregistrer le brouillon</button>
      </Form>
    </>
  );
}

export function IssueDetail(props: {
  id: number;
  subject: string;
  state: string;
  /** "12 décembre 2026 à 09:00" in Paris time, when the draft is scheduled. */
  scheduledFor: string | null;
  stories: string[];
  deliveries: number;
  csrf: string;
  scheduleForm: FormState;
}) {
  const labels = { sendAt: "Date et heure d'envoi (heure de Paris)" };
  return (
    <>
      <h1>{props.subject}</h1>
      <p>
        État : {STATE_LABELS[props.state] ?? props.state}
        {props.state === "draft" && props.scheduledFor ? `, programmée pour le ${props.scheduledFor}, heure de Paris` : ""}. Destinataires enregistrés : {props.deliveries}.
      </p>
      <h2>Témoignages</h2>
      <p>Relus au moment de l'envoi : un témoignage retiré ou dépublié d'ici là n'y sera pas.</p>
      {props.stories.length === 0 ? <p>Aucun témoignage.</p> : <ol>{props.stories.map((s) => <li key={s}>{s}</li>)}</ol>}
      <p>
        <a href={`/admin/lettres/${props.id}/apercu`}>Voir l'aperçu de la lettre</a>
      </p>
      <Form action={`/admin/lettres/${props.id}/essai`} csrf={props.csrf}>
        <button type="submit">M'envoyer un essai</button>
      </Form>
      {props.state === "draft" && (
        <>
          <h2>Envoi</h2>
          {props.scheduledFor ? (
            <Form action={`/admin/lettres/${props.id}/deprogrammer`} csrf={props.csrf}>
              <button type="submit">Annuler la programmation</button>
            </Form>
          ) : (
            <>
              <ErrorSummary form={props.scheduleForm} labels={labels} />
              <Form action={`/admin/lettres/${props.id}/programmer`} csrf={props.csrf}>
                <TextField form={props.scheduleForm} name="sendAt" label={labels.sendAt} type="datetime-local" required />
                <button type="submit">Programmer l'envoi</button>
              </Form>
            </>
          )}
          <Form action={`/admin/lettres/${props.id}/envoyer`} csrf={props.csrf}>
            <button type="submit">Envoyer maintenant à tous les inscrits</button>
          </Form>
        </>
      )}
    </>
  );
}

export const WEEKDAY_CHOICES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"].map((label, i) => ({ value: String(i + 1), label }));
export const HOUR_CHOICES = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${h} h` }));

/** The weekly digest's settings: on or off, the day and the hour (Paris time). */
export function DigestSettingsForm(props: { form: FormState; csrf: string; lastPeriods: Array<{ period: string; issueId: number | null }> }) {
  const labels = { enabled: "Envoi automatique", weekday: "Jour d'envoi", hour: "Heure d'envoi (heure de Paris)" };
  return (
    <>
      <h1>Résumé de la semaine</h1>
      <p>
        Chaque semaine, au jour et à l'heure choisis, une lettre part avec les témoignages publiés les sept derniers jours dont l'auteur ou l'autrice a accepté la lettre. Sans
        nouveau témoignage, rien ne part. Un seul résumé par semaine, qu'il parte tout seul ou par la commande <code>entrepairs newsletter send-digest</code>.
      </p>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action="/admin/lettres/resume" csrf={props.csrf}>
        <ChoiceGroup form={props.form} name="enabled" label={labels.enabled} type="checkbox" options={[{ value: "1", label: "Envoyer le résumé chaque semaine" }]} />
        <SelectField form={props.form} name="weekday" label={labels.weekday} options={WEEKDAY_CHOICES} />
        <SelectField form={props.form} name="hour" label={labels.hour} options={HOUR_CHOICES} />
        <button type="submit">Enregistrer</button>
      </Form>
      <h2>Derniers résumés</h2>
      {props.lastPeriods.length === 0 ? (
        <p>Aucun résumé pour l'instant.</p>
      ) : (
        <ul>
          {props.lastPeriods.map((p) => (
            <li key={p.period}>
              Semaine {p.period} : {p.issueId === null ? "aucun nouveau témoignage, rien n'est parti" : <a href={`/admin/lettres/${p.issueId}`}>lettre envoyée</a>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
