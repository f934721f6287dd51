import { type Locale, formatNumber, pluralCategory } from "./locale.js";
import { type MessageKey, messages } from "./messages.js";
import { frenchTypography } from "./typography.js";

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

function interpolate(template: string, locale: Locale, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(locale, value) : value;
  });
}

const translators = new Map<Locale, Translate>();

/**
 * A translator for one locale. French text goes through French typography. A text without
 * parameters is worked out once; one with parameters once per set of values (a bounded memory).
 */
export function translator(locale: Locale): Translate {
  const cached = translators.get(locale);
  if (cached) return cached;
  const translate = (key: MessageKey, params: Params | undefined) => {
    const entry = messages[key][locale];
    const template =
      typeof entry === "string" ? entry : entry[pluralCategory(locale, Number(params?.count ?? 0))];
    const text = interpolate(template, locale, params);
    return locale === "fr" ? frenchTypography(text) : text;
  };
  const texts = new Map<string, string>();
  const t: Translate = (key, params) => {
    const memoKey = params ? `${key}\u0000${JSON.stringify(params)}` : key;
    let text = texts.get(memoKey);
    if (text === undefined) {
      text = translate(key, params);
      if (texts.size >= 20_000) texts.clear();
      texts.set(memoKey, text);
    }
    return text;
  };
  translators.set(locale, t);
  return t;
}

/** Whether a text is a catalogue key: form errors carry keys, translated where they are shown. */
export function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(messages, text);
}
