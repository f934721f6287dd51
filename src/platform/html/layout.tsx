import type { ComponentChildren } from "preact";
import { FormLanguage } from "./forms.js";
import { safeJson } from "./json-data.js";
import type { PageContext } from "./page-context.js";
import { renderOnce } from "./render.js";

export type LayoutProps = {
  ctx: PageContext;
  title: string;
  description?: string;
  /** Canonical path when it differs from ctx.path (e.g. without filters). */
  canonicalPath?: string;
  ogType?: "website" | "article";
  ogImage?: string;
  jsonLd?: object;
  /** Key of the menu entry this page belongs to ("home" for the home page). */
  current?: string;
  noindex?: boolean;
  /** Further feeds offered for this page (a theme's, a series', the podcast feeds), besides the site's own; RSS unless a type is given. */
  feeds?: Array<{ title: string; href: string; type?: string }>;
  /** Extra enhancement scripts from assets/, loaded only on the pages that need them. */
  scripts?: string[];
  children: ComponentChildren;
};

// Stands for the page's own address in the language switch, which the header rendered once does not know.
const RETURN_PLACEHOLDER = "RETOUR0PAGE0COURANTE";

function SiteHeader({ ctx, current }: { ctx: PageContext; current: LayoutProps["current"] }) {
  const { t } = ctx;
  const otherLocale = ctx.locale === "fr" ? "en" : "fr";
  const search = ctx.navigation.search;
  return (
    <div class="wrap header-inner">
      <a class="brand" href="/" aria-current={current === "home" ? "page" : undefined}>
        {ctx.site.logoUrl && <img class="brand-logo" src={ctx.site.logoUrl} alt="" />}
        <span class="brand-name">{ctx.site.name}</span>
        {/* The tagline is written in the site's language, French, like its stories. */}
        <span class="brand-tagline" lang={ctx.locale === "fr" ? undefined : "fr"}>
          {ctx.site.tagline}
        </span>
      </a>
      <nav aria-label={t("nav.main")} class="main-nav">
        <ul>
          {ctx.navigation.main.map((item) => (
            <li key={item.key}>
              <a href={item.href} aria-current={current === item.key ? "page" : undefined}>
                {t(item.label)}
              </a>
            </li>
          ))}
          <li>
            <a href={`${ctx.navigation.languageSwitch}/${otherLocale}?retour=${RETURN_PLACEHOLDER}`} lang={otherLocale} hreflang={otherLocale} class="lang-switch">
              {t("nav.otherLanguage")}
            </a>
          </li>
        </ul>
      </nav>
      {search && (
        // A plain GET form: searching needs no script. English pages search the same (French) content.
        <form method="get" action={search.action} role="search" class="header-search" aria-label={t(search.landmark)}>
          <label for="recherche-entete" class="visually-hidden">
            {t(search.label)}
          </label>
          <input type="search" id="recherche-entete" name="q" maxLength={200} />
          <button type="submit">{t(search.submit)}</button>
        </form>
      )}
    </div>
  );
}

function SiteFooter({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <div class="wrap">
      <h2 class="visually-hidden">{t("footer.label")}</h2>
      <p class="footer-crisis">
        <a href={ctx.navigation.crisisHelp}>{t("footer.crisis")}</a>
      </p>
      <ul class="footer-links">
        {ctx.navigation.footer.map((link) => (
          <li key={link.key}>
            <a href={link.href}>{t(link.label)}</a>
          </li>
        ))}
      </ul>
      {ctx.site.socialLinks.length > 0 && (
        // Plain links: no widget, nothing loaded from the networks.
        <ul class="footer-links footer-social" aria-label={t("footer.social")}>
          {ctx.site.socialLinks.map((href) => (
            <li key={href}>
              <a href={href} rel="me noopener">
                {new URL(href).hostname.replace(/^www\./, "")}
              </a>
            </li>
          ))}
        </ul>
      )}
      {ctx.navigation.footerNotes.map((note) => (
        <p key={note} class="footer-fiction">
          {t(note)}
        </p>
      ))}
    </div>
  );
}

export function Layout(props: LayoutProps) {
  const { ctx } = props;
  const { t } = ctx;
  const canonical = `${ctx.baseUrl}${props.canonicalPath ?? ctx.path}`;
  const { site } = ctx;
  const homeTitle = site.tagline ? `${site.name} – ${site.tagline}` : site.name;
  const fullTitle = props.current === "home" ? homeTitle : `${props.title} – ${site.name}`;
  // The page's own image, else the site's default share image (absolute, as social networks need).
  const shareImage = props.ogImage ?? (site.shareImageUrl ? `${ctx.baseUrl}${site.shareImageUrl}` : undefined);
  // The header and footer are the same on every page of a language (but for the current section and
  // the way back from the language switch): rendered once. encodeURIComponent leaves nothing to escape.
  const header = renderOnce(`header|${ctx.locale}|${site.revision}|${props.current ?? ""}`, () => <SiteHeader ctx={ctx} current={props.current} />)
    .split(RETURN_PLACEHOLDER)
    .join(encodeURIComponent(`${ctx.path}${ctx.search}`));
  const footer = renderOnce(`footer|${ctx.locale}|${site.revision}`, () => <SiteFooter ctx={ctx} />);
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {props.description && <meta name="description" content={props.description} />}
        {props.noindex && <meta name="robots" content="noindex" />}
        <link rel="canonical" href={canonical} />
        <link rel="stylesheet" href={`/assets/site.css?v=${ctx.assetVersion}`} />
        {/* The accent colour chosen in the settings, as a custom property (no inline style under the CSP). */}
        <link rel="stylesheet" href={site.stylesheet} />
        <link rel="icon" href={`/assets/favicon.svg?v=${ctx.assetVersion}`} type="image/svg+xml" />
        {ctx.navigation.feeds.map((f) => (
          <link key={f.href} rel="alternate" type={f.type} title={t(f.title)} href={f.href} />
        ))}
        {props.feeds?.map((f) => (
          <link key={f.href} rel="alternate" type={f.type ?? "application/rss+xml"} title={f.title} href={f.href} />
        ))}
        <meta property="og:site_name" content={site.name} />
        <meta property="og:title" content={props.current === "home" ? homeTitle : props.title} />
        <meta property="og:type" content={props.ogType ?? "website"} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content={ctx.locale === "fr" ? "fr_FR" : "en_GB"} />
        {props.description && <meta property="og:description" content={props.description} />}
        {shareImage && <meta property="og:image" content={shareImage} />}
        <meta name="twitter:card" content={shareImage ? "summary_large_image" : "summary"} />
        {props.jsonLd && (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: safeJson(props.jsonLd) }} />
        )}
        <script type="module" src={`/assets/site.js?v=${ctx.assetVersion}`} />
        {props.scripts?.map((name) => (
          <script key={name} type="module" src={`/assets/${name}?v=${ctx.assetVersion}`} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {t("nav.skip")}
        </a>
        <a class="crisis-link" href={ctx.navigation.crisisHelp}>
          {t("nav.crisis")}
        </a>
        <header class="site-header" dangerouslySetInnerHTML={{ __html: header }} />
        <main id="contenu" tabindex={-1}>
          <FormLanguage.Provider value={t}>{props.children}</FormLanguage.Provider>
        </main>
        <footer class="site-footer" dangerouslySetInnerHTML={{ __html: footer }} />
      </body>
    </html>
  );
}
