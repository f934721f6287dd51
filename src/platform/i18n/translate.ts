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

/** The site's name, which the catalogue's texts say as {site} (and {ofSite}: "d'Entre Pairs", "de Médias"). */
export type SiteWords = { name: string; revision: string };
// Back-office texts that never name the site.
const NO_SITE: SiteWords = { name: "", revision: "" };

/** French "de" before a name: elided before a vowel or a mute h. */
export function frenchOf(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûüœæ]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/** French "que" before a name: elided before a vowel or a mute h ("qu'Entre Pairs", "que Voix Croisées"). */
export function frenchThat(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûüœæ]/i.test(name) ? `qu'${name}` : `que ${name}`;
}

const translators = new Map<string, Translate>();

/**
 * A translator for one locale and one version of the site's name. French text goes through French
 * typography. A text without parameters is worked out once; one with parameters once per set of
 * values (a bounded memory).
 */
export function translator(locale: Locale, site: SiteWords = NO_SITE): Translate {
  const translatorKey = `${locale}|${site.revision}|${site.name}`;
  const cached = translators.get(translatorKey);
  if (cached) return cached;
  const siteParams: Params = { site: site.name, ofSite: locale === "fr" ? frenchOf(site.name) : site.name };
  const translate = (key: MessageKey, params: Params | undefined) => {
    const entry = messages[key][locale];
    const template =
      typeof entry === "string" ? entry : entry[pluralCategory(locale, Number(params?.count ?? 0))];
    const text = interpolate(template, locale, { ...siteParams, ...params });
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
  // Old names are dropped after a few renames.
  if (translators.size >= 16) translators.clear();
  translators.set(translatorKey, t);
  return t;
}

/** Whether a text is a catalogue key: form errors carry keys, translated where they are shown. */
export function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(messages, text);
}
