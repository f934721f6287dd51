import type { Locale } from "../i18n/locale.js";
import type { Translate } from "../i18n/translate.js";

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
};
