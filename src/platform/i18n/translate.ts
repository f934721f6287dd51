import { type Locale, formatNumber, pluralCategory } from "./locale.js";
import { type Entry, type PlatformMessages, platformMessages } from "./messages.js";
import { frenchTypography } from "./typography.js";

/**
 * Every text of the catalogue, by key. platform/ declares its own texts only; the application
 * (src/messages.ts) adds each feature's by declaration merging, so every key is checked at compile
 * time wherever it is used, while platform/ imports no feature.
 */
export interface Catalogue extends PlatformMessages {}
export type MessageKey = keyof Catalogue & string;

let entries: Readonly<Record<string, Entry>> = platformMessages;

type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;

/** Joins catalogue parts into one, refusing a key given twice (a later part would silently win). */
export function joinCatalogues<Parts extends Array<Record<string, Entry>>>(...parts: Parts): Intersection<Parts[number]> {
  const all: Record<string, Entry> = {};
  for (const part of parts)
    for (const [key, entry] of Object.entries(part)) {
      if (Object.hasOwn(all, key)) throw new Error(`Catalogue: the key ${key} is defined twice.`);
      all[key] = entry;
    }
  return all as Intersection<Parts[number]>;
}

/** Makes the application's whole catalogue the one every translator reads (once, at start-up). */
export function installCatalogue(catalogue: Catalogue): void {
  entries = catalogue as unknown as Record<string, Entry>;
  translators.clear();
}

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
    const found = entries[key];
    if (!found) throw new Error(`Catalogue: no text for ${key} (did src/messages.ts load it?).`);
    const entry = found[locale];
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
  return Object.hasOwn(entries, text);
}
