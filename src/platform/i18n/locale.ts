export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

export function isLocale(value: unknown): value is Locale {
  return value === "fr" || value === "en";
}

/** Picks the reader's language from an explicit choice, then Accept-Language, else French. */
export function negotiateLocale(choice: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(choice)) return choice;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { lang: tag.toLowerCase().split("-")[0] ?? "", weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((x) => x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { lang } of ranked) {
    if (isLocale(lang)) return lang;
  }
  return DEFAULT_LOCALE;
}

const dateFormats = {
  fr: new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }),
};
const dateTimeFormats = {
  fr: new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" }),
};

// Listings show the same publication dates again and again; formatting one costs more than looking it up.
const formattedDates = new Map<string, string>();

/** "12 juin 2025" — the 1st of the month reads "1er" in French. */
export function formatDate(locale: Locale, iso: string): string {
  const key = `${locale}${iso}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = dateFormats[locale].format(new Date(iso));
    if (locale === "fr") text = text.replace(/^1 /, "1er ");
    if (formattedDates.size >= 20_000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

export function formatDateTime(locale: Locale, iso: string): string {
  return dateTimeFormats[locale].format(new Date(iso));
}

const pluralRules = { fr: new Intl.PluralRules("fr-FR"), en: new Intl.PluralRules("en-GB") };

export function pluralCategory(locale: Locale, count: number): "one" | "other" {
  return pluralRules[locale].select(count) === "one" ? "one" : "other";
}

const numberFormats = { fr: new Intl.NumberFormat("fr-FR"), en: new Intl.NumberFormat("en-GB") };

export function formatNumber(locale: Locale, n: number): string {
  return numberFormats[locale].format(n);
}

// Editors type times in Paris time (datetime-local); the database stores UTC.
const parisParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function parisOffsetMs(utcMs: number): number {
  const parts = Object.fromEntries(parisParts.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** "2026-12-01T09:30" in Paris time → ISO UTC, or null when the text is not such a time. */
export function parisLocalToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(naive);
  if (y < 1000 || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  let utc = naive - parisOffsetMs(naive);
  utc = naive - parisOffsetMs(utc);
  return new Date(utc).toISOString();
}

/** ISO UTC → "2026-12-01T09:30" in Paris time, for a datetime-local field. */
export function isoToParisLocal(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return "";
  const parts = Object.fromEntries(parisParts.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
