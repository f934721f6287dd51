import { z } from "zod";
import type { MessageKey } from "../platform/i18n/translate.js";
import { type AccentCheck, accentContrastProblems, HEX_COLOUR } from "./colour-contrast.js";

export const MAX_SOCIAL_LINKS = 8;

/** The contrast message for the pairs that fail (one, the other, or both), each with its ratio as {onPage} and {underWhite}. */
const CONTRAST_MESSAGE = {
  "on-page": "admin.settings.error.contrastOnPage",
  "white-on-accent": "admin.settings.error.contrastUnderWhite",
  both: "admin.settings.error.contrastBoth",
} as const satisfies Record<string, MessageKey>;

// Rounded down to a tenth, so a ratio shown as 4.5 is really 4.5 or more.
const shownRatio = (ratio: number) => Math.floor(ratio * 10) / 10;

function contrastIssue(problems: AccentCheck[]) {
  const ratio = (pair: AccentCheck["pair"]) => problems.find((p) => p.pair === pair)?.ratio;
  const onPage = ratio("on-page");
  const underWhite = ratio("white-on-accent");
  const message = CONTRAST_MESSAGE[onPage !== undefined && underWhite !== undefined ? "both" : onPage !== undefined ? "on-page" : "white-on-accent"];
  const params: Record<string, number> = {};
  if (onPage !== undefined) params.onPage = shownRatio(onPage);
  if (underWhite !== undefined) params.underWhite = shownRatio(underWhite);
  return { code: "custom" as const, message, params };
}

/** An https address without credentials, or null. */
function httpsAddress(text: string): URL | null {
  if (text.length > 300 || !URL.canParse(text)) return null;
  const url = new URL(text);
  return url.protocol === "https:" && !url.username && !url.password ? url : null;
}

/** One https address per line; blank lines ignored. A bad line is named in the message. */
const socialLinks = z.string().max(4_000, "admin.settings.error.linksTooLong").transform((text, ctx) => {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_SOCIAL_LINKS) {
    ctx.addIssue({ code: "custom", message: "admin.settings.error.tooManyLinks", params: { max: MAX_SOCIAL_LINKS, count: lines.length } });
    return z.NEVER;
  }
  const links: string[] = [];
  for (const line of lines) {
    const url = httpsAddress(line);
    if (!url) {
      ctx.addIssue({ code: "custom", message: "admin.settings.error.linkInvalid", params: { line: line.slice(0, 60) } });
      return z.NEVER;
    }
    links.push(url.href);
  }
  return [...new Set(links)];
});

const accentColour = z
  .string()
  .trim()
  .regex(HEX_COLOUR, "admin.settings.error.colourFormat")
  .transform((value, ctx) => {
    const problems = accentContrastProblems(value);
    if (problems.length > 0) {
      ctx.addIssue(contrastIssue(problems));
      return z.NEVER;
    }
    return value.toLowerCase();
  });

/** The settings form (/admin/reglages). Messages are catalogue keys, with their values as the issue's params (translatedForm). */
export const settingsForm = z.object({
  name: z.string().trim().min(1, "admin.settings.error.nameMissing").max(80, "admin.settings.error.nameTooLong"),
  tagline: z.string().trim().max(200, "admin.settings.error.taglineTooLong").default(""),
  contactEmail: z
    .string()
    .trim()
    .max(254, "admin.settings.error.addressTooLong")
    .default("")
    .refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "admin.settings.error.addressInvalid"),
  legalEntity: z.string().trim().max(500, "admin.settings.error.legalTooLong").default(""),
  legalHost: z.string().trim().max(500, "admin.settings.error.legalTooLong").default(""),
  socialLinks: socialLinks.default([]),
  accentColour,
});

export type SettingsInput = z.infer<typeof settingsForm>;
