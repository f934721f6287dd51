import { z } from "zod";
import { accentContrastProblems, frenchRatio, HEX_COLOUR } from "./colour-contrast.js";

export const MAX_SOCIAL_LINKS = 8;

const PAIR_WORDS = {
  "on-page": "en texte sur le fond des pages",
  "white-on-accent": "en fond sous un texte blanc",
} as const;

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
    ctx.addIssue({ code: "custom", message: `${MAX_SOCIAL_LINKS} adresses au plus (${lines.length} données).` });
    return z.NEVER;
  }
  const links: string[] = [];
  for (const line of lines) {
    const url = httpsAddress(line);
    if (!url) {
      ctx.addIssue({ code: "custom", message: `« ${line.slice(0, 60)} » n'est pas une adresse https:// valable (par exemple https://mastodon.social/@nous).` });
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
      const detail = problems.map((p) => `${PAIR_WORDS[p.pair]} : ${frenchRatio(p.ratio)}`).join(" ; ");
      ctx.addIssue({ code: "custom", message: `Contraste insuffisant (4,5:1 au moins, niveau AA) ${detail}. Choisissez une couleur plus foncée.` });
      return z.NEVER;
    }
    return value.toLowerCase();
  });

/** The settings form (/admin/reglages). Messages are French: the back office is. */
export const settingsForm = z.object({
  name: z.string().trim().min(1, "admin.settings.error.nameMissing").max(80, "admin.settings.error.nameTooLong"),
  tagline: z.string().trim().max(200, "admin.settings.error.taglineTooLong").default(""),
  contactEmail: z
    .string()
    .trim()
    .max(254, "admin.settings.error.addressTooLong")
    .default("")
    .refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "admin.settings.error.addressInvalid"),
  legalEntity: z.string().trim().max(500, "500 caractères au plus.").default(""),
  legalHost: z.string().trim().max(500, "500 caractères au plus.").default(""),
  socialLinks: socialLinks.default([]),
  accentColour,
});

export type SettingsInput = z.infer<typeof settingsForm>;
