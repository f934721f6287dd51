import type { ComponentChildren } from "preact";
import { type FormState, listOf, textOf } from "../http/form.js";
import { isMessageKey, type Translate, translator } from "../i18n/translate.js";
import { createRenderContext } from "./html-renderer.js";

/**
 * The language of form furniture (error summary, "required", error prefix) and of error messages
 * given as catalogue keys. The public layout provides the reader's; the back office keeps French.
 */
export const FormLanguage = createRenderContext<Translate>(translator("fr"));

function useFormText() {
  const t = FormLanguage.current();
  return { t, message: (text: string) => (isMessageKey(text) ? t(text) : text) };
}

/** GOV.UK-style error summary: focusable, listing each problem with a link to its field. */
export function ErrorSummary({ form, labels }: { form: FormState; labels: Record<string, string> }) {
  const { t, message: text } = useFormText();
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title" data-autofocus>
      <h2 id="error-summary-title">{t("form.problems", { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldId(field)}`}>{labels[field] ? t("form.errorLine", { label: labels[field], message: text(message) }) : text(message)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const fieldId = (name: string) => `champ-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

type FieldProps = {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
};

function Label({ name, label, required }: { name: string; label: string; required?: boolean }) {
  const { t } = useFormText();
  return (
    <label for={fieldId(name)}>
      {label}
      {required ? <span class="required">{t("form.required")}</span> : null}
    </label>
  );
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-aide` : "", error ? `${fieldId(name)}-erreur` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function HintAndError({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  const { t, message } = useFormText();
  return (
    <>
      {hint && (
        <p class="hint" id={`${fieldId(name)}-aide`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${fieldId(name)}-erreur`}>
          <span class="visually-hidden">{t("form.errorPrefix")}</span>
          {message(error)}
        </p>
      )}
    </>
  );
}

export function TextField(
  props: FieldProps & { type?: string; autocomplete?: string; inputmode?: string; maxLength?: number; value?: string },
) {
  const error = props.form.errors[props.name];
  return (
    <div class={error ? "field has-error" : "field"}>
      <Label name={props.name} label={props.label} required={props.required} />
      <HintAndError name={props.name} hint={props.hint} error={error} />
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? textOf(props.form.values, props.name)}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode as never}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const error = props.form.errors[props.name];
  return (
    <div class={error ? "field has-error" : "field"}>
      <Label name={props.name} label={props.label} required={props.required} />
      <HintAndError name={props.name} hint={props.hint} error={error} />
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 6}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {textOf(props.form.values, props.name)}
      </textarea>
    </div>
  );
}

export function SelectField(props: FieldProps & { options: Array<{ value: string; label: string }> }) {
  const error = props.form.errors[props.name];
  const current = textOf(props.form.values, props.name);
  return (
    <div class={error ? "field has-error" : "field"}>
      <Label name={props.name} label={props.label} required={props.required} />
      <HintAndError name={props.name} hint={props.hint} error={error} />
      <select
        id={fieldId(props.name)}
        name={props.name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes or radios in a fieldset, the legend naming the question. */
export function ChoiceGroup(
  props: FieldProps & { type: "checkbox" | "radio"; options: Array<{ value: string; label: string }> },
) {
  const { t } = useFormText();
  const error = props.form.errors[props.name];
  const chosen = new Set(listOf(props.form.values, props.name));
  return (
    <fieldset
      class={error ? "field choices has-error" : "field choices"}
      id={fieldId(props.name)}
      aria-describedby={describedBy(props.name, props.hint, error)}
    >
      <legend>
        {props.label}
        {props.required ? <span class="required">{t("form.required")}</span> : null}
      </legend>
      <HintAndError name={props.name} hint={props.hint} error={error} />
      {props.options.map((o) => {
        const id = `${fieldId(props.name)}-${o.value}`;
        return (
          <div class="choice" key={o.value}>
            <input type={props.type} id={id} name={props.name} value={o.value} checked={chosen.has(o.value)} />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * A form with a file carries its token in the action's query string too: the server checks it
 * there before reading the body (platform/http/csrf.ts), and this works without JavaScript.
 */
export function actionWithToken(action: string, token: string): string {
  return `${action}${action.includes("?") ? "&" : "?"}_csrf=${encodeURIComponent(token)}`;
}

export function Form(props: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  enctype?: string;
  class?: string;
  novalidate?: boolean;
  /** Lets buttons placed elsewhere on the page submit this form (their `form` attribute). */
  id?: string;
}) {
  const multipart = props.enctype === "multipart/form-data";
  return (
    <form id={props.id} method="post" action={multipart ? actionWithToken(props.action, props.csrf) : props.action} enctype={props.enctype} class={props.class} noValidate={props.novalidate ?? true}>
      <CsrfField token={props.csrf} />
      {props.children}
    </form>
  );
}
