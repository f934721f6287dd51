import type { ComponentChildren } from "preact";
import { CsrfField } from "./forms.js";

export type AdminNavItem = { href: string; label: string; key: string };

/** The back office's sections, as shown to a given role. */
export function adminNav(role: string): AdminNavItem[] {
  const items: AdminNavItem[] = [
    { key: "dashboard", href: "/admin", label: "Tableau de bord" },
    { key: "stories", href: "/admin/temoignages", label: "Témoignages" },
  ];
  if (role === "editor" || role === "admin") {
    items.push(
      { key: "contributions", href: "/admin/contributions", label: "Contributions" },
      { key: "calls", href: "/admin/appels", label: "Appels" },
      { key: "messages", href: "/admin/messages", label: "Messages" },
      { key: "newsletter", href: "/admin/lettres", label: "Lettres" },
      { key: "themes", href: "/admin/themes", label: "Thèmes" },
      { key: "series", href: "/admin/series", label: "Séries" },
      { key: "medias", href: "/admin/medias", label: "Médias" },
      { key: "podcasts", href: "/admin/podcasts", label: "Écoutes" },
      { key: "readership", href: "/admin/lectures", label: "Lectures" },
      { key: "pages", href: "/admin/pages", label: "Pages" },
    );
  }
  if (role === "admin") items.push({ key: "users", href: "/admin/utilisateurs", label: "Comptes" }, { key: "import", href: "/admin/import", label: "Import" }, { key: "settings", href: "/admin/reglages", label: "Réglages" });
  items.push({ key: "account", href: "/admin/compte", label: "Mon compte" });
  return items;
}

export type AdminLayoutProps = {
  title: string;
  /** The site's name, from its settings. */
  siteName: string;
  assetVersion: string;
  /** Signed-in person, or null on the login pages. */
  viewer: { displayName: string; role: string } | null;
  nav: AdminNavItem[];
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
        <a class="crisis-link" href="/aide">
          Besoin d'aide maintenant ? Appelez le 3114
        </a>
        <header class="site-header admin-header">
          <div class="wrap header-inner">
            <a class="brand" href={props.viewer ? "/admin" : "/"}>
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
              <form method="post" action="/admin/deconnexion" class="logout">
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
