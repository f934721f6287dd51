import type { Role } from "../http/access.js";
import type { MessageKey } from "../i18n/translate.js";

/** A link of the public frame (header menu or footer), declared by the feature that owns the page. */
export type FrameLink = { key: string; href: string; label: MessageKey; position: number };

/** A section of the back office's menu, shown to the roles that may open it. */
export type AdminLink = { key: string; href: string; label: MessageKey; position: number; role: Role };

/** What one feature adds to the frames: platform/ knows none of these addresses itself. */
export type FeatureNavigation = {
  main?: FrameLink[];
  footer?: FrameLink[];
  admin?: AdminLink[];
  /** The page of crisis help, linked twice from every page. */
  crisisHelp?: string;
  /** The header's search form: a plain GET form. */
  search?: { action: string; landmark: MessageKey; label: MessageKey; submit: MessageKey };
  /** The site's own feeds, offered in every page's head. */
  feeds?: Array<{ href: string; type: string; title: MessageKey }>;
  /** The language switch: `${languageSwitch}/${locale}?retour=…`. */
  languageSwitch?: string;
  /** Short notices at the foot of every public page. */
  footerNotes?: MessageKey[];
  /** The back office's home and its sign-out form's action. */
  adminHome?: string;
  signOut?: string;
};

export type Navigation = {
  main: FrameLink[];
  footer: FrameLink[];
  admin: AdminLink[];
  crisisHelp: string;
  search: FeatureNavigation["search"] | null;
  feeds: NonNullable<FeatureNavigation["feeds"]>;
  footerNotes: MessageKey[];
  languageSwitch: string;
  adminHome: string;
  signOut: string;
};

const byPosition = <T extends { position: number }>(links: T[]) => [...links].sort((a, b) => a.position - b.position);

/** Joins the features' entries into the frames' navigation; an address every frame needs must be given once. */
export function composeNavigation(parts: FeatureNavigation[]): Navigation {
  const single = <K extends "crisisHelp" | "languageSwitch" | "adminHome" | "signOut">(key: K): string => {
    const given = parts.map((p) => p[key]).filter((v): v is string => v !== undefined);
    if (given.length !== 1) throw new Error(`Navigation: ${key} must be given by exactly one feature (${given.length} give it).`);
    return given[0] as string;
  };
  const searches = parts.flatMap((p) => (p.search ? [p.search] : []));
  return {
    main: byPosition(parts.flatMap((p) => p.main ?? [])),
    footer: byPosition(parts.flatMap((p) => p.footer ?? [])),
    admin: byPosition(parts.flatMap((p) => p.admin ?? [])),
    crisisHelp: single("crisisHelp"),
    search: searches[0] ?? null,
    feeds: parts.flatMap((p) => p.feeds ?? []),
    footerNotes: parts.flatMap((p) => p.footerNotes ?? []),
    languageSwitch: single("languageSwitch"),
    adminHome: single("adminHome"),
    signOut: single("signOut"),
  };
}
