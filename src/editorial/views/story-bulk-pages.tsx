import { Form } from "../../platform/html/forms.js";
import type { MessageKey, Translate } from "../../platform/i18n/translate.js";
import type { BulkOutcome } from "../../stories/story-bulk.service.js";

/** One story's line on the confirmation and result pages. */
export type BulkRowView = { id: number; title: string; result: BulkOutcome["result"]; note: string };

const RESULT_KEYS: Record<BulkOutcome["result"], MessageKey> = { change: "admin.bulk.result.change", unchanged: "admin.bulk.result.unchanged", refused: "admin.bulk.result.refused" };
const PLANNED_KEYS: Record<BulkOutcome["result"], MessageKey> = { change: "admin.bulk.result.willChange", unchanged: "admin.bulk.result.unchanged", refused: "admin.bulk.result.refused" };

/**
 * The result in one sentence: "3 témoignages publiés, 1 refusé, 2 inchangés". `done` is the
 * catalogue's word for what happened, given in the right number for a count.
 */
export function bulkSummary(t: Translate, rows: BulkRowView[], done: (count: number) => string): string {
  const n = (result: BulkOutcome["result"]) => rows.filter((r) => r.result === result).length;
  const changed = n("change");
  const parts = [t("admin.bulk.summaryChanged", { count: changed, done: done(changed) })];
  if (n("refused")) parts.push(t("admin.bulk.summaryRefused", { count: n("refused") }));
  if (n("unchanged")) parts.push(t("admin.bulk.summaryUnchanged", { count: n("unchanged") }));
  return parts.join(", ");
}

function OutcomeTable({ t, rows, caption, labels }: { t: Translate; rows: BulkRowView[]; caption: string; labels: Record<BulkOutcome["result"], MessageKey> }) {
  return (
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("admin.bulk.colStory")}</th>
          <th scope="col">{t("admin.bulk.colResult")}</th>
          <th scope="col">{t("admin.bulk.colDetail")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.title}</td>
            <td data-label={t("admin.bulk.colResult")}>
              <strong>{t(labels[r.result])}</strong>
            </td>
            <td data-label={t("admin.bulk.colDetail")}>{r.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the action will do to each chosen story, with a button that applies it to exactly these. */
export function BulkConfirmPage(props: { t: Translate; action: string; rows: BulkRowView[]; fields: Array<[string, string]>; csrf: string; back: string }) {
  const { t } = props;
  const changes = props.rows.filter((r) => r.result === "change").length;
  return (
    <>
      <h1>{t("admin.bulk.confirmHeading", { action: props.action })}</h1>
      <p>
        {t("admin.bulk.chosen", { count: props.rows.length })} {t("admin.bulk.nothingYet")}
      </p>
      <OutcomeTable t={t} rows={props.rows} caption={t("admin.bulk.plannedCaption")} labels={PLANNED_KEYS} />
      {changes > 0 ? (
        <Form action="/admin/temoignages/lot/appliquer" csrf={props.csrf}>
          {props.fields.map(([name, value]) => (
            <input key={`${name}-${value}`} type="hidden" name={name} value={value} />
          ))}
          <div class="actions">
            <button type="submit">{t("admin.bulk.confirmButton", { action: props.action, count: changes })}</button>
            <a href={props.back}>{t("admin.bulk.cancel")}</a>
          </div>
        </Form>
      ) : (
        <p>
          {t("admin.bulk.noChange")} <a href={props.back}>{t("admin.bulk.backShort")}</a>
        </p>
      )}
    </>
  );
}

/** What happened to each story, refusals first with their reason. */
export function BulkResultPage(props: { t: Translate; action: string; summary: string; rows: BulkRowView[]; back: string }) {
  const { t } = props;
  const refused = props.rows.filter((r) => r.result === "refused");
  return (
    <>
      <h1>{t("admin.bulk.resultHeading", { action: props.action })}</h1>
      <p class="flash" role="status">
        {props.summary}
        {t(refused.length > 0 ? "admin.bulk.summaryColon" : "admin.bulk.summaryStop")}
      </p>
      {refused.length > 0 && (
        <ul>
          {refused.map((r) => (
            <li key={r.id}>
              {t("admin.bulk.refusedLine", { title: r.title, note: r.note })}
            </li>
          ))}
        </ul>
      )}
      <OutcomeTable t={t} rows={props.rows} caption={t("admin.bulk.doneCaption")} labels={RESULT_KEYS} />
      <p>
        <a href={props.back}>{t("admin.bulk.backToList")}</a>
      </p>
    </>
  );
}

/** A bulk form that cannot be read or lacks a choice: the reason, and the way back to the list. */
export function BulkProblemPage(props: { t: Translate; message: string; back: string }) {
  const { t } = props;
  return (
    <>
      <h1>{t("admin.bulk.pageTitle")}</h1>
      <div class="error-summary" role="alert">
        <h2>{t("admin.bulk.impossible")}</h2>
        <p>{props.message}</p>
      </div>
      <p>
        {t("admin.bulk.nothingChanged")} <a href={props.back}>{t("admin.bulk.backToList")}</a> {t("admin.bulk.chooseAgain")}
      </p>
    </>
  );
}
