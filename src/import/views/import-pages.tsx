import { ChoiceGroup, ErrorSummary, Form, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import { isMessageKey, type MessageKey, type Translate } from "../../platform/i18n/translate.js";

export type RunRow = { id: number; state: string; percent: number; created: string; dryRun: boolean };

const STATES: Record<string, MessageKey> = {
  queued: "admin.import.state.queued",
  running: "admin.import.state.running",
  done: "admin.import.state.done",
  failed: "admin.import.state.failed",
};

const stateLabel = (t: Translate, state: string) => (Object.hasOwn(STATES, state) ? t(STATES[state] as MessageKey) : state);

const formLabels = (t: Translate) => ({
  wxr: t("admin.import.field.wxr"),
  zip: t("admin.import.field.zip"),
  options: t("admin.import.field.options"),
  credit: t("admin.import.field.credit"),
  permalinks: t("admin.import.field.permalinks"),
});

function FileField(props: { t: Translate; name: string; label: string; hint: string; error?: string; accept: string }) {
  const id = `champ-${props.name}`;
  return (
    <div class={props.error ? "field has-error" : "field"}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-aide`}>
        {props.hint}
      </p>
      {props.error && (
        <p class="field-error" id={`${id}-erreur`}>
          <span class="visually-hidden">{props.t("form.errorPrefix")}</span>
          {isMessageKey(props.error) ? props.t(props.error) : props.error}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        aria-describedby={props.error ? `${id}-aide ${id}-erreur` : `${id}-aide`}
        aria-invalid={props.error ? "true" : undefined}
      />
    </div>
  );
}

/** Upload form of an import and the latest runs. */
export function ImportPage(props: { t: Translate; form: FormState; csrf: string; runs: RunRow[] }) {
  const { t, form } = props;
  const labels = formLabels(t);
  // The menu path, the option and the folder are set apart inside the sentence, in either language.
  const marked: Record<string, preact.JSX.Element> = {
    export: <strong>{t("admin.import.howTo.export")}</strong>,
    all: <strong>{t("admin.import.howTo.all")}</strong>,
    uploads: <code>wp-content/uploads</code>,
  };
  const howTo = t("admin.import.howTo", { export: "\u0000export\u0000", all: "\u0000all\u0000", uploads: "\u0000uploads\u0000" })
    .split("\u0000")
    .map((part, i) => (i % 2 === 1 ? marked[part] : part));
  return (
    <>
      <h1>{t("admin.import.title")}</h1>
      <p>{howTo}</p>
      <ErrorSummary form={form} labels={labels} />
      <Form action="/admin/import" csrf={props.csrf} enctype="multipart/form-data">
        <FileField t={t} name="wxr" label={labels.wxr} hint={t("admin.import.hint.wxr")} error={form.errors.wxr} accept=".xml,text/xml,application/xml" />
        <FileField t={t} name="zip" label={labels.zip} hint={t("admin.import.hint.zip")} error={form.errors.zip} accept=".zip,application/zip" />
        <ChoiceGroup
          form={form}
          name="options"
          type="checkbox"
          label={labels.options}
          options={[
            { value: "dryRun", label: t("admin.import.option.dryRun") },
            { value: "tagsAsThemes", label: t("admin.import.option.tagsAsThemes") },
            { value: "inviteAuthors", label: t("admin.import.option.inviteAuthors") },
          ]}
        />
        <ChoiceGroup
          form={form}
          name="credit"
          type="radio"
          label={labels.credit}
          options={[
            { value: "pseudonym", label: t("admin.import.credit.pseudonym") },
            { value: "name", label: t("admin.import.credit.name") },
          ]}
        />
        <TextField
          form={form}
          name="permalinks"
          label={labels.permalinks}
          hint={t("admin.import.hint.permalinks")}
          maxLength={200}
        />
        <button type="submit">{t("admin.import.start")}</button>
      </Form>
      <h2>{t("admin.import.latest")}</h2>
      {props.runs.length === 0 ? (
        <p>{t("admin.import.none")}</p>
      ) : (
        <ul>
          {props.runs.map((r) => (
            <li key={r.id}>
              <a href={`/admin/import/${r.id}`}>
                {t(r.dryRun ? "admin.import.dryRun" : "admin.import.run", { date: r.created })}
              </a>
              {props.t("admin.import.runState", { state: stateLabel(t, r.state) })}
              {r.state === "running" ? ` (${r.percent} %)` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** One run: its progress while it works (reload to follow it), then its report. */
export function ImportRunPage(props: { t: Translate; id: number; state: string; percent: number; created: string; finished: string | null; dryRun: boolean; error: string | null; sentences: string[] }) {
  const { t } = props;
  const working = props.state === "queued" || props.state === "running";
  // Links and bold words set inside a translated sentence, in either language.
  const within = (text: string, name: string, part: preact.JSX.Element) =>
    text.split(`\u0000${name}\u0000`).flatMap((piece, i) => (i === 0 ? [piece] : [part, piece]));
  const state = t("admin.import.runPage.state", { state: "\u0000state\u0000" });
  return (
    <>
      <h1>{t(props.dryRun ? "admin.import.runPage.headingDryRun" : "admin.import.runPage.heading", { date: props.created })}</h1>
      <p role="status">
        {within(state, "state", <strong>{stateLabel(t, props.state)}</strong>)}
        {working && ` (${props.percent} %)`}
        {props.finished && t("admin.import.runPage.finished", { date: props.finished })}.
      </p>
      {working && (
        <>
          <progress max={100} value={props.percent} aria-label={t("admin.import.runPage.progress")}>
            {props.percent} %
          </progress>
          <p>{within(t("admin.import.runPage.goesOn", { refresh: "\u0000refresh\u0000" }), "refresh", <a href={`/admin/import/${props.id}`}>{t("admin.import.runPage.refresh")}</a>)}</p>
        </>
      )}
      {props.error && <p class="callout error">{props.error}</p>}
      {props.sentences.length > 0 && (
        <section aria-labelledby="rapport">
          <h2 id="rapport">{t("admin.import.runPage.report")}</h2>
          <pre class="report">{props.sentences.join("\n")}</pre>
          {!props.dryRun && <p>{within(t("admin.import.runPage.attention", { dashboard: "\u0000dashboard\u0000" }), "dashboard", <a href="/admin">{t("admin.import.runPage.dashboard")}</a>)}</p>}
        </section>
      )}
      <p>
        <a href="/admin/import">{t("admin.import.runPage.back")}</a>
      </p>
    </>
  );
}
