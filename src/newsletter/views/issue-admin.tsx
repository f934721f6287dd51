import { ChoiceGroup, ErrorSummary, Form, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";

export type IssueRow = { id: number; subject: string; state: string; when: string };
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
              <a href={`/admin/lettres/${i.id}`}>{i.subject}</a> ({STATE_LABELS[i.state] ?? i.state}, {i.when})
            </li>
          ))}
        </ul>
      )}
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

export function IssueDetail(props: { id: number; subject: string; state: string; stories: string[]; deliveries: number; csrf: string }) {
  return (
    <>
      <h1>{props.subject}</h1>
      <p>État : {STATE_LABELS[props.state] ?? props.state}. Destinataires enregistrés : {props.deliveries}.</p>
      <h2>Témoignages</h2>
      {props.stories.length === 0 ? <p>Aucun témoignage.</p> : <ol>{props.stories.map((s) => <li key={s}>{s}</li>)}</ol>}
      <p>
        <a href={`/admin/lettres/${props.id}/apercu`}>Voir l'aperçu de la lettre</a>
      </p>
      <Form action={`/admin/lettres/${props.id}/essai`} csrf={props.csrf}>
        <button type="submit">M'envoyer un essai</button>
      </Form>
      {props.state === "draft" && (
        <Form action={`/admin/lettres/${props.id}/envoyer`} csrf={props.csrf}>
          <button type="submit">Envoyer maintenant à tous les inscrits</button>
        </Form>
      )}
    </>
  );
}
