import type { ComponentChildren } from "preact";
import { type Role, roleSatisfies } from "../http/access.js";
import { CsrfField } from "./forms.js";
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
  /** Signed-in person, or null on the login pages. */
  viewer: { displayName: string; role: string } | null;
  nav: AdminLink[];
  /** The back office's home, its sign-out action and the crisis-help page. */
  links: { home: string; signOut: string; crisisHelp: string };
  current?: string;
  csrf?: string;
  flash?: string;
  children: ComponentChildren;
};

/** The back office's frame: French, never indexed, with the same skip and crisis links as the site. */
export function AdminLayout(props: AdminLayoutProps) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} – ${props.siteName}, espace éditorial`}</title>
        <link rel="stylesheet" href={`/assets/site.css?v=${props.assetVersion}`} />
        <link rel="icon" href={`/assets/favicon.svg?v=${props.assetVersion}`} type="image/svg+xml" />
        <script type="module" src={`/assets/admin.js?v=${props.assetVersion}`} />
      </head>
      <body class="admin">
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <a class="crisis-link" href={props.links.crisisHelp}>
          Besoin d'aide maintenant ? Appelez le 3114
        </a>
        <header class="site-header admin-header">
          <div class="wrap header-inner">
            <a class="brand" href={props.viewer ? props.links.home : "/"}>
              <span class="brand-name">{props.siteName}</span>
              <span class="brand-tagline">Espace éditorial</span>
            </a>
            {props.viewer && (
              <nav aria-label="Espace éditorial" class="main-nav">
                <ul>
                  {props.nav.map((item) => (
                    <li key={item.key}>
                      <a href={item.href} aria-current={props.current === item.key ? "page" : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                  <li>
                    <a href="/">Voir le site</a>
                  </li>
                </ul>
              </nav>
            )}
            {props.viewer && props.csrf && (
              <form method="post" action={props.links.signOut} class="logout">
                <CsrfField token={props.csrf} />
                <span class="viewer">{props.viewer.displayName}</span>{" "}
                <button type="submit" class="button-link">
                  Se déconnecter
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
          {props.children}
        </main>
      </body>
    </html>
  );
}
