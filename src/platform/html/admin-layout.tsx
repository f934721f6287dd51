import type { ComponentChildren } from "preact";
import { type Role, roleSatisfies } from "../http/access.js";
import type { Locale } from "../i18n/locale.js";
import type { Translate } from "../i18n/translate.js";
import { CsrfField, FormLanguage } from "./forms.js";
import type { AdminLink, Navigation } from "./navigation.js";

/** The back office's sections that a role may open, in the menu's order. */
export function adminNav(navigation: Navigation, role: Role): AdminLink[] {
  return navigation.admin.filter((link) => roleSatisfies(role, link.role));
}

export type AdminLayoutProps = {
  title: string;
  /** The site's name, from its settings. */
  siteName: string;
  assetVersion: string;
  /** The request's language, and its translator for the frame's words and the forms' furniture. */
  locale: Locale;
  t: Translate;
  /** Signed-in person, or null on the login pages. */
  viewer: { displayName: string; role: string } | null;
  nav: AdminLink[];
  /** The back office's home, its sign-out action, the crisis-help page and the switch to the other language (with its way back). */
  links: { home: string; signOut: string; crisisHelp: string; otherLanguage: string };
  current?: string;
  csrf?: string;
  flash?: string;
  children: ComponentChildren;
};

/** The back office's frame, in the request's language, never indexed, with the same skip and crisis links as the site. */
export function AdminLayout(props: AdminLayoutProps) {
  const { t } = props;
  const otherLocale = props.locale === "fr" ? "en" : "fr";
  // A plain link to the public switch: it sets the same cookie and comes back here, without JavaScript.
  const languageSwitch = (
    <a href={props.links.otherLanguage} lang={otherLocale} hreflang={otherLocale} class="lang-switch">
      {t("nav.otherLanguage")}
    </a>
  );
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{t("admin.frame.title", { title: props.title, name: props.siteName })}</title>
        <link rel="stylesheet" href={`/assets/site.css?v=${props.assetVersion}`} />
        <link rel="icon" href={`/assets/favicon.svg?v=${props.assetVersion}`} type="image/svg+xml" />
        <script type="module" src={`/assets/admin.js?v=${props.assetVersion}`} />
      </head>
      <body class="admin">
        <a class="skip-link" href="#contenu">
          {t("nav.skip")}
        </a>
        <a class="crisis-link" href={props.links.crisisHelp}>
          {t("nav.crisis")}
        </a>
        <header class="site-header admin-header">
          <div class="wrap header-inner">
            <a class="brand" href={props.viewer ? props.links.home : "/"}>
              <span class="brand-name">{props.siteName}</span>
              <span class="brand-tagline">{t("admin.frame.tagline")}</span>
            </a>
            {props.viewer ? (
              <nav aria-label={t("admin.frame.nav")} class="main-nav">
                <ul>
                  {props.nav.map((item) => (
                    <li key={item.key}>
                      <a href={item.href} aria-current={props.current === item.key ? "page" : undefined}>
                        {t(item.label)}
                      </a>
                    </li>
                  ))}
                  <li>
                    <a href="/">{t("admin.frame.viewSite")}</a>
                  </li>
                  <li>{languageSwitch}</li>
                </ul>
              </nav>
            ) : (
              <nav aria-label={t("nav.language")} class="main-nav">
                <ul>
                  <li>{languageSwitch}</li>
                </ul>
              </nav>
            )}
            {props.viewer && props.csrf && (
              <form method="post" action={props.links.signOut} class="logout">
                <CsrfField token={props.csrf} />
                <span class="viewer">{props.viewer.displayName}</span>{" "}
                <button type="submit" class="button-link">
                  {t("admin.frame.signOut")}
                </button>
              </form>
            )}
          </div>
        </header>
        <main id="contenu" tabindex={-1} class="wrap">
          {props.flash && (
            <p class="flash" role="status">
              {props.flash}
            </p>
          )}
          <FormLanguage.Provider value={t}>{props.children}</FormLanguage.Provider>
        </main>
      </body>
    </html>
  );
}
