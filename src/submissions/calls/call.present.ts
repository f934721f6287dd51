import type { PageContext } from "../../platform/html/page-context.js";
import { formatDate } from "../../platform/i18n/locale.js";
import type { Call } from "./call.store.js";

/** A call in a list (calls index, home page), in the reader's language; its title stays as written. */
export type CallCard = { href: string; title: string; titleLang?: "fr"; badge: string; dates: string; inReading: string; published?: string };

export function callDates(ctx: Pick<PageContext, "t" | "locale">, call: Call): string {
  return ctx.t("calls.dates", { from: formatDate(ctx.locale, call.opensAt), to: formatDate(ctx.locale, call.closesAt) });
}

export function inReadingLabel(ctx: PageContext, n: number): string {
  return n === 0 ? ctx.t("calls.inReadingNone") : ctx.t("calls.inReading", { count: n });
}

export function publishedLabel(ctx: PageContext, n: number): string {
  return n === 0 ? ctx.t("calls.publishedNone") : ctx.t("calls.published", { count: n });
}

export function presentCallCard(ctx: PageContext, c: { call: Call; isOpen: boolean; inReading: number; published?: number }): CallCard {
  return {
    href: `/appels/${c.call.slug}`,
    title: c.call.title,
    titleLang: ctx.locale === "fr" ? undefined : "fr",
    badge: ctx.t(c.isOpen ? "calls.open" : "calls.closed"),
    dates: callDates(ctx, c.call),
    inReading: inReadingLabel(ctx, c.inReading),
    published: c.published === undefined ? undefined : publishedLabel(ctx, c.published),
  };
}

const FORMATS = ["text", "audio"] as const;
const CREDITS = ["name", "pseudonym", "first_name_age", "anonymous"] as const;
const known = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** "text, audio" and "under a pseudonym, anonymously", in the reader's language. */
export function callOffers(ctx: PageContext, call: Call): { formats: string; credits: string } {
  return {
    formats: call.formats.map((f) => (known(FORMATS, f) ? ctx.t(`calls.format.${f}`) : f)).join(", "),
    credits: call.creditOptions.map((c) => (known(CREDITS, c) ? ctx.t(`calls.credit.${c}`) : c)).join(", "),
  };
}
