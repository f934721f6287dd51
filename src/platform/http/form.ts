import type { z } from "zod";
import { isMessageKey, type Params, type Translate } from "../i18n/translate.js";
import { normaliseTextInput } from "./text-input.js";

/** What a form view needs to re-display a rejected submission: the typed values and a message per field. */
export type FormValues = Record<string, string | string[] | undefined>;
export type FormErrors = Record<string, string>;
/** A message's values, by field, when its catalogue key needs them ("{max} addresses at most ({count} given)"). */
export type FormErrorValues = Record<string, Params>;
export type FormState = { values: FormValues; errors: FormErrors; errorValues?: FormErrorValues };

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

/**
 * Keeps only text fields from a parsed body (strings, or arrays of strings for repeated fields),
 * each normalised by `normaliseTextInput`. Every route reads form text through here, so no stored
 * text (contributions, messages, contact, editors' forms, calls) carries an invisible control.
 */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== "object") return values;
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key === "_csrf" || key === "__proto__") continue;
    if (typeof raw === "string") values[key] = normaliseTextInput(raw);
    else if (Array.isArray(raw)) values[key] = raw.filter((x): x is string => typeof x === "string").map(normaliseTextInput);
  }
  return values;
}

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; form: FormState };

/**
 * Validates a form body with a zod schema. Messages are French text (back office) or catalogue
 * keys (public pages, which pass the key "form.invalid" as `fallback`), which the form components
 * translate into the page's language. On failure
 * the values are kept as typed, with the first message for each field.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, fallback = "Ce champ est manquant ou mal rempli."): ParsedForm<z.infer<S>> {
  const values = formValues(body);
  // Messages written in the schemas win; this covers a field that is missing or sent twice.
  const result = schema.safeParse(values, { error: () => fallback });
  if (result.success) return { ok: true, data: result.data };
  const errors: FormErrors = {};
  const errorValues: FormErrorValues = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (errors[field]) continue;
    errors[field] = issue.message;
    // A schema's own check gives its message's values as the issue's params.
    if (issue.code === "custom" && issue.params) errorValues[field] = issue.params as Params;
  }
  return { ok: false, form: Object.keys(errorValues).length ? { values, errors, errorValues } : { values, errors } };
}

/** A single text value from a form field, whatever was sent. */
export function textOf(values: FormValues, name: string): string {
  const v = values[name];
  return typeof v === "string" ? v : Array.isArray(v) ? (v[0] ?? "") : "";
}

export function listOf(values: FormValues, name: string): string[] {
  const v = values[name];
  return typeof v === "string" ? [v] : Array.isArray(v) ? v : [];
}

/**
 * A form's errors in the page's language: schemas and services give catalogue keys, with their
 * values when the sentence needs some (`errorValues`), translated here by the route that shows them.
 */
export function translatedForm(t: Translate, form: FormState): FormState {
  const errors: FormErrors = {};
  for (const [field, text] of Object.entries(form.errors)) errors[field] = isMessageKey(text) ? t(text, form.errorValues?.[field]) : text;
  return { values: form.values, errors };
}
