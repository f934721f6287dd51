import { Form } from "../../platform/html/forms.js";
import type { BulkOutcome } from "../../stories/story-bulk.service.js";

/** One story's line on the confirmation and result pages. */
export type BulkRowView = { id: number; title: string; result: BulkOutcome["result"]; note: string };

const RESULT_LABELS: Record<BulkOutcome["result"], string> = { change: "Changé", unchanged: "Inchangé", refused: "Refusé" };
const PLANNED_LABELS: Record<BulkOutcome["result"], string> = { change: "Sera changé", unchanged: "Inchangé", refused: "Refusé" };

/**
 * The result in one sentence: "3 témoignages publiés, 1 refusé, 2 inchangés". `done` is what
 * happened, in the singular and the plural ("publié", "publiés").
 */
export function bulkSummary(rows: BulkRowView[], done: [string, string]): string {
  const n = (result: BulkOutcome["result"]) => rows.filter((r) => r.result === result).length;
  const changed = n("change");
  const parts = [`${changed} témoignage${changed > 1 ? "s" : ""} ${changed > 1 ? done[1] : done[0]}`];
  if (n("refused")) parts.push(`${n("refused")} refusé${n("refused") > 1 ? "s" : ""}`);
  if (n("unchanged")) parts.push(`${n("unchanged")} inchangé${n("unchanged") > 1 ? "s" : ""}`);
  return parts.join(", ");
}

function OutcomeTable({ rows, caption, labels }: { rows: BulkRowView[]; caption: string; labels: Record<BulkOutcome["result"], string> }) {
  return (
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Témoignage</th>
          <th scope="col">Résultat</th>
          <th scope="col">Détail</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.title}</td>
            <td data-label="Résultat">
              <strong>{labels[r.result]}</strong>
            </td>
            <td data-label="Détail">{r.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the action will do to each chosen story, with a button that applies it to exactly these. */
export function BulkConfirmPage(props: { action: string; rows: BulkRowView[]; fields: Array<[string, string]>; csrf: string; back: string }) {
  const changes = props.rows.filter((r) => r.result === "change").length;
  return (
    <>
      <h1>Confirmer : {props.action}</h1>
      <p>
        {props.rows.length} témoignage{props.rows.length > 1 ? "s" : ""} choisi{props.rows.length > 1 ? "s" : ""}. Rien n'a encore changé : voici ce que l'action fera à
        chacun. Chaque témoignage passe par les mêmes vérifications que sur sa propre page ; un refus ne bloque pas les autres.
      </p>
      <OutcomeTable rows={props.rows} caption="Ce qui arrivera à chaque témoignage" labels={PLANNED_LABELS} />
      {changes > 0 ? (
        <Form action="/admin/temoignages/lot/appliquer" csrf={props.csrf}>
          {props.fields.map(([name, value]) => (
            <input key={`${name}-${value}`} type="hidden" name={name} value={value} />
          ))}
          <div class="actions">
            <button type="submit">
              Confirmer : {props.action} ({changes} témoignage{changes > 1 ? "s" : ""})
            </button>
            <a href={props.back}>Annuler et revenir à la liste</a>
          </div>
        </Form>
      ) : (
        <p>
          Aucun de ces témoignages ne serait changé. <a href={props.back}>Revenir à la liste</a>
        </p>
      )}
    </>
  );
}

/** What happened to each story, refusals first with their reason. */
export function BulkResultPage(props: { action: string; summary: string; rows: BulkRowView[]; back: string }) {
  const refused = props.rows.filter((r) => r.result === "refused");
  return (
    <>
      <h1>Résultat : {props.action}</h1>
      <p class="flash" role="status">
        {props.summary}
        {refused.length > 0 ? " :" : "."}
      </p>
      {refused.length > 0 && (
        <ul>
          {refused.map((r) => (
            <li key={r.id}>
              {r.title} : {r.note}
            </li>
          ))}
        </ul>
      )}
      <OutcomeTable rows={props.rows} caption="Ce qui est arrivé à chaque témoignage" labels={RESULT_LABELS} />
      <p>
        <a href={props.back}>Revenir à la liste des témoignages</a>
      </p>
    </>
  );
}

/** A bulk form that cannot be read or lacks a choice: the reason, and the way back to the list. */
export function BulkProblemPage(props: { message: string; back: string }) {
  return (
    <>
      <h1>Actions groupées</h1>
      <div class="error-summary" role="alert">
        <h2>Action impossible</h2>
        <p>{props.message}</p>
      </div>
      <p>
        Rien n'a changé. <a href={props.back}>Revenir à la liste des témoignages</a> pour choisir de nouveau.
      </p>
    </>
  );
}
