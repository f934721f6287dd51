import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessRule, registeredRoutes, roleSatisfies, type Role } from "../src/platform/http/access.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

/**
 * The expected rule of every route. A route added without a line here fails the first test;
 * each rule is then checked with a real request for every role, anonymous included.
 */
const EXPECTED: Record<string, AccessRule> = {
  "GET /": "public",
  "GET /aide": "public",
  "GET /langue/:locale": "public",
  "GET /robots.txt": "public",
  "GET /sitemap.xml": "public",
  "GET /sitemaps/:name": "public",
  "GET /flux.xml": "public",
  "GET /assets/:name": "public",
  "GET /temoignages": "public",
  "GET /temoignages/:slug": "public",
  "GET /themes": "public",
  "GET /themes/:slug": "public",
  "GET /series": "public",
  "GET /series/:slug": "public",
  "GET /pages/:slug": "public",
  "GET /media/images/:key/:file": "public",
  "GET /media/audio/:name": "public",
  "GET /podcast/pochette/:file": "public",
  "GET /podcast.xml": "public",
  "GET /series/:slug/podcast.xml": "public",
  "GET /temoignages/:slug/transcription.vtt": "public",
  "GET /temoignages/:slug/transcription.txt": "public",
  "GET /temoignages/:slug/chapitres.json": "public",
  "GET /admin/temoignages/:id/episode": "editor",
  "POST /admin/temoignages/:id/episode": "editor",
  "POST /admin/temoignages/:id/episode/audio": "editor",
  "POST /admin/temoignages/:id/episode/audio/reessayer": "editor",
  "GET /admin/podcasts": "editor",
  "GET /admin/podcasts/:id": "editor",
  "GET /admin/connexion": "public",
  "POST /admin/connexion": "public",
  "GET /admin/mot-de-passe-oublie": "public",
  "POST /admin/mot-de-passe-oublie": "public",
  "GET /admin/reinitialiser/:token": "public",
  "POST /admin/reinitialiser/:token": "public",
  "GET /admin/installation/:token": "public",
  "POST /admin/installation/:token": "public",
  "POST /admin/deconnexion": "author",
  "POST /admin/deconnexion-partout": "author",
  "GET /admin/compte": "author",
  "GET /admin": "author",
  "GET /admin/temoignages": "author",
  "GET /admin/temoignages/nouveau": "author",
  "POST /admin/temoignages": "author",
  "GET /admin/temoignages/:id": "author",
  "POST /admin/temoignages/:id": "author",
  "POST /admin/temoignages/:id/statut": "author",
  "GET /admin/temoignages/:id/revisions": "author",
  "POST /admin/temoignages/:id/revisions/:rev/restaurer": "author",
  "POST /admin/apercu": "author",
  "POST /admin/temoignages/:id/verification": "editor",
  "GET /admin/pages": "editor",
  "GET /admin/pages/:id": "editor",
  "POST /admin/pages/:id": "editor",
  "GET /admin/themes": "editor",
  "POST /admin/themes": "editor",
  "GET /admin/themes/:id": "editor",
  "POST /admin/themes/:id": "editor",
  "POST /admin/themes/:id/supprimer": "editor",
  "GET /admin/series": "editor",
  "POST /admin/series": "editor",
  "GET /admin/series/:id": "editor",
  "POST /admin/series/:id": "editor",
  "POST /admin/series/:id/supprimer": "editor",
  "GET /temoigner": "public",
  "POST /temoigner": "public",
  "GET /temoigner/recu": "public",
  "POST /temoigner/recu": "public",
  "POST /temoigner/recu.txt": "public",
  "GET /suivi/modifier": "public",
  "POST /suivi/modifier": "public",
  "GET /suivi": "public",
  "POST /suivi": "public",
  "GET /suivi/contribution": "public",
  "POST /suivi/message": "public",
  "POST /suivi/envoyer": "public",
  "GET /suivi/accords.json": "public",
  "GET /suivi/retirer": "public",
  "POST /suivi/retirer": "public",
  "GET /suivi/effacer": "public",
  "POST /suivi/effacer": "public",
  "POST /suivi/fermer": "public",
  "GET /appels": "public",
  "GET /appels/:slug": "public",
  "GET /admin/appels": "editor",
  "POST /admin/appels": "editor",
  "GET /admin/appels/:id": "editor",
  "POST /admin/appels/:id": "editor",
  "GET /contact": "public",
  "POST /contact": "public",
  "GET /admin/messages": "editor",
  "GET /admin/contributions": "editor",
  "GET /admin/contributions/:id": "editor",
  "POST /admin/contributions/:id/message": "editor",
  "POST /admin/contributions/:id/note": "editor",
  "POST /admin/contributions/:id/lu": "editor",
  "POST /admin/contributions/:id/etat": "editor",
  "POST /admin/contributions/:id/attribuer": "editor",
  "POST /admin/contributions/:id/brouillon": "editor",
  "POST /admin/contributions/:id/accord": "editor",
  "GET /admin/contributions/:id/audio.mp3": "editor",
  "POST /admin/contributions/:id/audio/relancer": "editor",
  "GET /suivi/audio.mp3": "public",
  "GET /suivi/audio.json": "public",
  "POST /suivi/deguisement": "public",
  "POST /suivi/approuver": "public",
  "GET /suivi/anonymiser": "public",
  "POST /suivi/anonymiser": "public",
  "GET /admin/utilisateurs": "admin",
  "POST /admin/utilisateurs": "admin",
  "GET /admin/utilisateurs/:id": "admin",
  "POST /admin/utilisateurs/:id": "admin",
};

const ROLES: Array<Role | "anonymous"> = ["anonymous", "author", "editor", "admin"];

describe("access matrix: every route × every role", () => {
  let t: TestApp;
  const accounts = new Map<Role, string>();
  const params: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", demo: true });
    for (const role of ["author", "editor", "admin"] as const) accounts.set(role, await createAccount(t, role));
    const db = t.deps.db;
    const story = await db.selectFrom("stories").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const rev = await db.selectFrom("story_revisions").select("id").where("story_id", "=", story.id).executeTakeFirstOrThrow();
    const theme = await db.selectFrom("themes").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const series = await db.selectFrom("series").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const page = await db.selectFrom("pages").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const user = await db.selectFrom("users").select("id").orderBy("id").executeTakeFirstOrThrow();
    const image = await db.selectFrom("images").select(["storage_key", "widths"]).executeTakeFirstOrThrow();
    Object.assign(params, {
      story: String(story.id),
      storySlug: story.slug,
      rev: String(rev.id),
      theme: String(theme.id),
      themeSlug: theme.slug,
      series: String(series.id),
      seriesSlug: series.slug,
      page: String(page.id),
      pageSlug: page.slug,
      user: String(user.id),
      imageKey: image.storage_key.replace("images/", ""),
      imageFile: `${image.widths.split(",")[0]}.jpeg`,
    });
  });
  afterAll(() => t.close());

  function concretePath(url: string): string {
    const id = url.startsWith("/admin/temoignages")
      ? params.story
      : url.startsWith("/admin/themes")
        ? params.theme
        : url.startsWith("/admin/series")
          ? params.series
          : url.startsWith("/admin/pages")
            ? params.page
            : params.user;
    const slug = url.startsWith("/themes") ? params.themeSlug : url.startsWith("/series") ? params.seriesSlug : url.startsWith("/pages") ? params.pageSlug : params.storySlug;
    return url
      .replace(":id", id as string)
      .replace(":rev", params.rev as string)
      .replace(":slug", slug as string)
      .replace(":token", "jeton-inconnu-jeton-inconnu-jeton-inconnu-00")
      .replace(":locale", "en")
      .replace(":name", "site.css")
      .replace(":key", params.imageKey as string)
      .replace(":file", params.imageFile as string);
  }

  it("gives every registered route exactly the expected rule, and no expected route is missing", () => {
    const actual = Object.fromEntries(registeredRoutes(t.app).map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(Object.keys(actual).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(actual).toEqual(EXPECTED);
  });

  // Every route × four roles, each with a fresh session: a few hundred requests.
  it("lets each role through exactly the routes its rule allows, and turns the others away", async () => {
    const outcomes: string[] = [];
    for (const route of registeredRoutes(t.app)) {
      const path = concretePath(route.url);
      for (const role of ROLES) {
        const browser = new Browser(t.url);
        if (role !== "anonymous") await browser.signInDirectly(t, accounts.get(role) as string);
        let res: Response;
        if (route.method === "GET") {
          res = await browser.get(path);
        } else {
          // A real CSRF token, so that only the access rule can turn the request away.
          const { html } = await browser.getText(role === "anonymous" ? "/admin/connexion" : "/admin/compte");
          const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
          res = await browser.post(path, { _csrf: token });
        }
        const allowed = role === "anonymous" ? route.access === "public" : roleSatisfies(role, route.access);
        const location = res.headers.get("location") ?? "";
        const turnedAway = role === "anonymous" ? res.status === 303 && location.startsWith("/admin/connexion?retour=") : res.status === 403;
        if (allowed === turnedAway) outcomes.push(`${route.method} ${route.url} as ${role}: ${res.status} ${location} (expected ${allowed ? "allowed" : "denied"})`);
        if (res.status >= 500) outcomes.push(`${route.method} ${route.url} as ${role}: ${res.status}`);
        await res.body?.cancel();
      }
    }
    expect(outcomes).toEqual([]);
  }, 240_000);

  it("keeps an author out of another person's story", async () => {
    const author = new Browser(t.url);
    await author.signInDirectly(t, accounts.get("author") as string);
    // Demo stories have no author account: for an author they are someone else's.
    const res = await author.get(`/admin/temoignages/${params.story}`);
    expect(res.status).toBe(404);
    const list = await author.getText("/admin/temoignages");
    expect(list.html).toContain("0 résultat");
  });
});
