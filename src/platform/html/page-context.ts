import type { Locale } from "../i18n/locale.js";
import type { Translate } from "../i18n/translate.js";
import type { Navigation } from "./navigation.js";

/** The site's identity as the page frame shows it (stored in the database, edited by administrators). */
export type SiteFrame = {
  name: string;
  tagline: string;
  /** https addresses, shown as plain links in the footer. */
  socialLinks: string[];
  /** Paths on this site, or null when none was given. */
  logoUrl: string | null;
  shareImageUrl: string | null;
  /** Who publishes and who hosts the site, for the legal notice; empty when not given. */
  legal: { entity: string; host: string; contact: string };
  /** Changes with every save: names rendered frames and the generated stylesheet's version. */
  revision: string;
  /** The stylesheet generated from the settings (the accent colour), for this revision. */
  stylesheet: string;
};

/** What every public page needs to know about the request it answers, and nothing more. */
export type PageContext = {
  locale: Locale;
  t: Translate;
  /** Absolute site address without trailing slash, for canonical and social links. */
  baseUrl: string;
  /** Path of the current page, without query string. */
  path: string;
  /** Query string of the current page, used by the language switch to come back here. */
  search: string;
  assetVersion: string;
  site: SiteFrame;
  /** The frames' links, each declared by the feature that owns the page. */
  navigation: Navigation;
};
