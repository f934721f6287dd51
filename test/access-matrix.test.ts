import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessRule, registeredRoutes, roleSatisfies, type Role } from "../src/platform/http/access.js";
import { showArtwork } from "../src/podcasts/artwork.js";
import { siteIdentity } from "../src/settings/site-identity.js";
import { makeAudioFixture } from "./support/audio-fixtures.js";
import { formFields } from "./support/forms.js";
import { contribute } from "./support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";
import { Visitor } from "./support/visitor.js";

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
  "GET /admin/temoignages/:id/episode/audio.mp3": "editor",
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
  "POST /admin/compte/langue": "author",
  "GET /admin": "author",
  "GET /admin/temoignages": "author",
  "GET /admin/temoignages/nouveau": "author",
  "POST /admin/temoignages": "author",
  "GET /admin/temoignages/:id": "author",
  "POST /admin/temoignages/:id": "author",
  "POST /admin/temoignages/:id/statut": "author",
  "POST /admin/temoignages/lot": "author",
  "POST /admin/temoignages/lot/appliquer": "author",
  "POST /admin/temoignages/:id/brouillon": "author",
  "GET /admin/temoignages/:id/revisions": "author",
  "GET /admin/temoignages/:id/apercu": "author",
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
  "GET /admin/medias": "editor",
  "POST /admin/medias": "editor",
  "GET /admin/medias/choix": "author",
  "GET /admin/medias/:id": "editor",
  "POST /admin/medias/:id": "editor",
  "POST /admin/medias/:id/supprimer": "editor",
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
  "GET /suivi/version": "public",
  "GET /suivi/version/audio.mp3": "public",
  "GET /suivi/anonymiser": "public",
  "POST /suivi/anonymiser": "public",
  "GET /admin/utilisateurs": "admin",
  "POST /admin/utilisateurs": "admin",
  "GET /admin/utilisateurs/:id": "admin",
  "POST /admin/utilisateurs/:id": "admin",
  "GET /mots-cles/:slug": "public",
  "GET /recherche": "public",
  "GET /admin/lectures": "editor",
  "GET /admin/lectures.csv": "editor",
  "GET /flux.atom": "public",
  "GET /flux.json": "public",
  "GET /themes/:slug/flux.xml": "public",
  "GET /themes/:slug/flux.atom": "public",
  "GET /themes/:slug/flux.json": "public",
  "GET /series/:slug/flux.xml": "public",
  "GET /series/:slug/flux.atom": "public",
  "GET /series/:slug/flux.json": "public",
  "GET /admin/import": "admin",
  "POST /admin/import": "admin",
  "GET /admin/import/:id": "admin",
  "GET /admin/reglages": "admin",
  "POST /admin/reglages": "admin",
  "POST /admin/reglages/image": "admin",
  "GET /reglages.css": "public",
  "GET /lettre": "public",
  "POST /lettre": "public",
  "POST /lettre/liens": "public",
  "GET /lettre/confirmer": "public",
  "POST /lettre/confirmer": "public",
  "GET /lettre/desinscription": "public",
  "POST /lettre/desinscription": "public",
  "GET /lettre/donnees": "public",
  "GET /admin/lettres": "editor",
  "POST /admin/lettres": "editor",
  "GET /admin/lettres/:id": "editor",
  "GET /admin/lettres/:id/apercu": "editor",
  "POST /admin/lettres/:id/essai": "editor",
  "POST /admin/lettres/:id/envoyer": "editor",
  "POST /admin/lettres/:id/programmer": "editor",
  "POST /admin/lettres/:id/deprogrammer": "editor",
  "GET /admin/lettres/resume": "editor",
  "POST /admin/lettres/resume": "editor",
};

type Who = Role | "anonymous";
const ROLES: Who[] = ["anonymous", "author", "editor", "admin"];

/**
 * The exact answer each role gets on each route it may use, with real ids (a status code; "login"
 * is the redirection to the sign-in page). A role a rule keeps out always gets "login" (anonymous)
 * or 403: those cells are derived from EXPECTED. A number applies to every allowed role; an object
 * gives it role by role. GET and POST requests carry no form fields beyond a valid CSRF token.
 */
const ANSWERS: Record<string, number | Partial<Record<Who, number>>> = {
  "GET /": 200,
  "GET /aide": 200,
  "GET /langue/:locale": 303,
  "GET /robots.txt": 200,
  "GET /sitemap.xml": 200,
  "GET /sitemaps/:name": 200,
  "GET /flux.xml": 200,
  "GET /assets/:name": 200,
  "GET /temoignages": 200,
  "GET /recherche": 200,
  "GET /admin/lectures": 200,
  "GET /admin/lectures.csv": 200,
  "GET /flux.atom": 200,
  "GET /flux.json": 200,
  "GET /themes/:slug/flux.xml": 200,
  "GET /themes/:slug/flux.atom": 200,
  "GET /themes/:slug/flux.json": 200,
  "GET /series/:slug/flux.xml": 200,
  "GET /series/:slug/flux.atom": 200,
  "GET /series/:slug/flux.json": 200,
  "GET /temoignages/:slug": 200,
  "GET /themes": 200,
  "GET /themes/:slug": 200,
  "GET /series": 200,
  "GET /series/:slug": 200,
  "GET /pages/:slug": 200,
  "GET /media/images/:key/:file": 200,
  "GET /media/audio/:name": 200,
  "GET /podcast/pochette/:file": 200,
  "GET /podcast.xml": 200,
  "GET /series/:slug/podcast.xml": 200,
  "GET /temoignages/:slug/transcription.vtt": 200,
  "GET /temoignages/:slug/transcription.txt": 200,
  "GET /temoignages/:slug/chapitres.json": 200,
  "GET /admin/temoignages/:id/episode": 200,
  "GET /admin/temoignages/:id/episode/audio.mp3": 200,
  "POST /admin/temoignages/:id/episode": 422,
  "POST /admin/temoignages/:id/episode/audio": 422,
  // The story has no audio processing to retry: said, with a 404.
  "POST /admin/temoignages/:id/episode/audio/reessayer": 404,
  "GET /admin/podcasts": 200,
  "GET /admin/podcasts/:id": 200,
  "GET /admin/connexion": { anonymous: 200, author: 303, editor: 303, admin: 303 },
  "POST /admin/connexion": 422,
  "GET /admin/mot-de-passe-oublie": 200,
  "POST /admin/mot-de-passe-oublie": 422,
  "GET /admin/reinitialiser/:token": 410,
  "POST /admin/reinitialiser/:token": 422,
  "GET /admin/installation/:token": 410,
  "POST /admin/installation/:token": 422,
  "POST /admin/deconnexion": 303,
  "POST /admin/deconnexion-partout": 303,
  "GET /admin/compte": 200,
  "POST /admin/compte/langue": 422,
  "GET /admin": 200,
  "GET /admin/temoignages": 200,
  "GET /admin/temoignages/nouveau": 200,
  "POST /admin/temoignages": 422,
  "GET /admin/temoignages/:id": 200,
  "POST /admin/temoignages/:id": 422,
  "POST /admin/temoignages/:id/statut": 422,
  // No story checked: the bulk pages say so, and nothing is done.
  "POST /admin/temoignages/lot": 422,
  "POST /admin/temoignages/lot/appliquer": 422,
  "POST /admin/temoignages/:id/brouillon": 422,
  "GET /admin/temoignages/:id/revisions": 200,
  "GET /admin/temoignages/:id/apercu": 200,
  "POST /admin/temoignages/:id/revisions/:rev/restaurer": 303,
  "POST /admin/apercu": 200,
  "POST /admin/temoignages/:id/verification": 422,
  "GET /admin/pages": 200,
  "GET /admin/pages/:id": 200,
  "POST /admin/pages/:id": 422,
  "GET /admin/themes": 200,
  "POST /admin/themes": 422,
  "GET /admin/themes/:id": 200,
  "POST /admin/themes/:id": 422,
  "POST /admin/themes/:id/supprimer": 303,
  "GET /admin/medias": 200,
  "POST /admin/medias": 422,
  "GET /admin/medias/choix": 200,
  "GET /admin/medias/:id": 200,
  "POST /admin/medias/:id": 422,
  // The image is a demo story's cover: never deleted, whoever asks.
  "POST /admin/medias/:id/supprimer": 409,
  "GET /admin/series": 200,
  "POST /admin/series": 422,
  "GET /admin/series/:id": 200,
  "POST /admin/series/:id": 422,
  "POST /admin/series/:id/supprimer": 303,
  "GET /temoigner": 200,
  "POST /temoigner": 422,
  "GET /suivi": 200,
  "POST /suivi": 422,
  "GET /suivi/contribution": 303,
  "POST /suivi/message": 303,
  "POST /suivi/envoyer": 303,
  "GET /suivi/accords.json": 303,
  "GET /suivi/retirer": 303,
  "POST /suivi/retirer": 303,
  "GET /suivi/effacer": 303,
  "POST /suivi/effacer": 303,
  "POST /suivi/fermer": 303,
  "GET /appels": 200,
  "GET /appels/:slug": 200,
  "GET /admin/appels": 200,
  "POST /admin/appels": 422,
  "GET /admin/appels/:id": 200,
  "POST /admin/appels/:id": 422,
  "GET /contact": 200,
  "POST /contact": 422,
  "GET /admin/messages": 200,
  "GET /admin/contributions": 200,
  "GET /admin/contributions/:id": 200,
  "POST /admin/contributions/:id/message": 422,
  "POST /admin/contributions/:id/etat": 422,
  "POST /admin/contributions/:id/attribuer": 303,
  "POST /admin/contributions/:id/brouillon": 303,
  "POST /admin/contributions/:id/accord": 303,
  "GET /admin/contributions/:id/audio.mp3": 200,
  // The contribution's processing has not failed: nothing restarts, said with a 409.
  "POST /admin/contributions/:id/audio/relancer": 409,
  "GET /suivi/audio.mp3": 303,
  "GET /suivi/audio.json": 401,
  "POST /suivi/deguisement": 303,
  "POST /suivi/approuver": 303,
  "GET /temoigner/recu": 200,
  "POST /temoigner/recu": 400,
  "POST /temoigner/recu.txt": 400,
  "GET /suivi/modifier": 303,
  "POST /suivi/modifier": 303,
  "POST /admin/contributions/:id/note": 422,
  "POST /admin/contributions/:id/lu": 303,
  "GET /suivi/version": 303,
  "GET /suivi/version/audio.mp3": 303,
  "GET /suivi/anonymiser": 303,
  "POST /suivi/anonymiser": 303,
  "GET /admin/utilisateurs": 200,
  "POST /admin/utilisateurs": 422,
  "GET /admin/utilisateurs/:id": 200,
  "POST /admin/utilisateurs/:id": 422,
  "GET /mots-cles/:slug": 200,
  "GET /admin/import": 200,
  // No file chosen: the form comes back with its error summary.
  "POST /admin/import": 422,
  "GET /admin/import/:id": 200,
  "GET /admin/reglages": 200,
  // Nothing typed: the form comes back with its error summary.
  "POST /admin/reglages": 422,
  // No file chosen: the page comes back with the image form's error.
  "POST /admin/reglages/image": 422,
  "GET /reglages.css": 200,
  // No address typed: the form comes back with its error summary.
  "POST /lettre": 422,
  "POST /lettre/liens": 422,
  "GET /lettre": 200,
  // Links carry a real subscriber's token (see concretePath): a waiting address, one leaving, one reading its data.
  "GET /lettre/confirmer": 200,
  "POST /lettre/confirmer": 200,
  "GET /lettre/desinscription": 200,
  "POST /lettre/desinscription": 200,
  "GET /lettre/donnees": 200,
  "GET /admin/lettres": 200,
  // No subject: the form comes back with its error summary.
  "POST /admin/lettres": 422,
  "GET /admin/lettres/:id": 200,
  "GET /admin/lettres/:id/apercu": 200,
  "POST /admin/lettres/:id/essai": 303,
  "POST /admin/lettres/:id/envoyer": 303,
  // No date typed: the issue's page comes back with its error summary.
  "POST /admin/lettres/:id/programmer": 422,
  "POST /admin/lettres/:id/deprogrammer": 303,
  "GET /admin/lettres/resume": 200,
  // No day nor hour: the digest's form comes back with its error summary.
  "POST /admin/lettres/resume": 422,
};

/** The token in the links of the newsletter's pages, one subscriber per page (a waiting one for confirmer). */
const NEWSLETTER_TOKENS = { confirmer: "c".repeat(43), desinscription: "d".repeat(43), donnees: "r".repeat(43) };

const CALL = {
  title: "Appel de la matrice",
  slug: "",
  themeId: "",
  introMd: "Un appel pour vérifier les accès.",
  questionsMd: "",
  safetyNoticeMd: "",
  opensAt: "2026-01-01T09:00",
  closesAt: "2036-01-01T09:00",
  formats: ["text", "audio"],
  creditOptions: ["anonymous"],
  consentText: "Consentement de l'appel de la matrice.",
};

describe("access matrix: every route × every role", () => {
  let t: TestApp;
  const accounts = new Map<Role, string>();
  const params: Record<string, string> = {};
  const fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-matrix-"));

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", demo: true });
    for (const role of ["author", "editor", "admin"] as const) accounts.set(role, await createAccount(t, role));
    const db = t.deps.db;
    const admin = new Browser(t.url);
    await admin.signInDirectly(t, accounts.get("admin") as string);
    // The author's own story, so that the author's cells are about a story they may edit.
    const author = new Browser(t.url);
    await author.signInDirectly(t, accounts.get("author") as string);
    const blank = formFields((await author.getText("/admin/temoignages/nouveau")).html);
    const saved = await author.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...blank, title: "Récit de la matrice", body: "Un texte.", creditKind: "anonymous", action: "save" });
    if (saved.status !== 303) throw new Error(`récit refusé (${saved.status})`);
    const story = await db.selectFrom("stories").select(["id", "slug"]).where("title", "=", "Récit de la matrice").executeTakeFirstOrThrow();
    const rev = await db.selectFrom("story_revisions").select("id").where("story_id", "=", story.id).executeTakeFirstOrThrow();
    const published = await db.selectFrom("stories").select("slug").where("status", "=", "published").where("kind", "=", "article").orderBy("id").executeTakeFirstOrThrow();
    const podcast = await db
      .selectFrom("stories")
      .innerJoin("episodes", "episodes.story_id", "stories.id")
      .innerJoin("series", "series.id", "stories.series_id")
      .select(["stories.id", "stories.slug", "episodes.audio_key", "series.slug as seriesSlug"])
      .where("stories.status", "=", "published")
      .where("episodes.transcript_format", "=", "vtt")
      .where("episodes.audio_key", "is not", null)
      .orderBy("stories.id")
      .executeTakeFirstOrThrow();
    const theme = await db.selectFrom("themes").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const series = await db.selectFrom("series").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const page = await db.selectFrom("pages").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const user = await db.selectFrom("users").select("id").where("email", "=", accounts.get("author") as string).executeTakeFirstOrThrow();
    const image = await db.selectFrom("images").select(["id", "storage_key", "widths"]).where("id", "in", db.selectFrom("published_stories").select("cover_image_id")).executeTakeFirstOrThrow();
    if ((await admin.submit("/admin/appels", "/admin/appels", CALL)).status !== 303) throw new Error("appel refusé");
    const call = await db.selectFrom("calls").select(["id", "slug"]).where("title", "=", CALL.title).executeTakeFirstOrThrow();
    // A written contribution, and a recorded one processed into the MP3 editors hear.
    await contribute(new Browser(t.url), { title: "Contribution de la matrice", body: "Un texte." });
    const voice = await makeAudioFixture(fixtureDir, "voix.wav", ["-c:a", "pcm_s16le"], { seconds: 2 });
    await new Visitor(t.url).contribute(
      { title: "Voix de la matrice", body: "", format: "audio", disguise: "none", creditKind: "anonymous", channels: ["site"], consent: "1", action: "send" },
      { bytes: fs.readFileSync(voice), name: "voix.wav", type: "audio/wav" },
    );
    for (const deadline = Date.now() + 120_000; ; ) {
      await t.app.runScheduledTasks();
      const row = await db.selectFrom("submissions").select("audio_key").where("title", "=", "Voix de la matrice").executeTakeFirstOrThrow();
      if (row.audio_key) break;
      if (Date.now() > deadline) throw new Error("la voix n'a pas été traitée");
      await new Promise((r) => setTimeout(r, 200));
    }
    const contribution = await db.selectFrom("submissions").select("id").where("title", "=", "Contribution de la matrice").executeTakeFirstOrThrow();
    const recorded = await db.selectFrom("submissions").select("id").where("title", "=", "Voix de la matrice").executeTakeFirstOrThrow();
    // Each role that may delete a theme or a series deletes one of its own.
    const deletable: Record<string, string> = {};
    for (const role of ROLES) {
      const theme = await db.insertInto("themes").values({ slug: `a-supprimer-${role}`, name: `À supprimer ${role}`, description: "", position: 99 }).returning("id").executeTakeFirstOrThrow();
      const series = await db.insertInto("series").values({ slug: `a-supprimer-${role}`, title: `À supprimer ${role}`, description: "", is_collection: 0, created_at: new Date().toISOString() }).returning("id").executeTakeFirstOrThrow();
      deletable[`theme-${role}`] = String(theme.id);
      deletable[`series-${role}`] = String(series.id);
    }
    const keyword = await db.insertInto("keywords").values({ slug: "mot-cle-de-la-matrice", name: "Mot-clé de la matrice" }).returning("slug").executeTakeFirstOrThrow();
    const adminUser = await db.selectFrom("users").select("id").where("email", "=", accounts.get("admin") as string).executeTakeFirstOrThrow();
    const importRun = await db
      .insertInto("wordpress_imports")
      .values({ state: "done", options: JSON.stringify({ dryRun: true }), files_key: "imports/aaaaaaaaaaaaaaaaaaaaaaaa", report: null, requested_by: adminUser.id, created_at: new Date().toISOString(), finished_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Newsletter subscribers whose links the matrix follows: each with its own token.
    for (const [page, token] of Object.entries(NEWSLETTER_TOKENS)) {
      await db
        .insertInto("newsletter_subscribers")
        .values({ email: `matrice-${page}@exemple.fr`, token, confirmed_at: page === "confirmer" ? null : new Date().toISOString(), requested_at: new Date().toISOString() })
        .execute();
    }
    const issue = await db
      .insertInto("newsletter_issues")
      .values({ subject: "Lettre de la matrice", intro: "", story_ids: "", state: "draft", created_at: new Date().toISOString(), sent_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const asset = /\/assets\/([^"?]+\.css)/.exec(await (await fetch(`${t.url}/`)).text())?.[1] as string;
    Object.assign(params, {
      story: String(story.id),
      rev: String(rev.id),
      storySlug: published.slug,
      podcast: String(podcast.id),
      podcastSlug: podcast.slug,
      podcastSeriesSlug: podcast.seriesSlug,
      audioName: String(podcast.audio_key).replace("audio/", ""),
      artwork: (await showArtwork((await siteIdentity(t.deps.db)).name)).file,
      theme: String(theme.id),
      themeSlug: theme.slug,
      series: String(series.id),
      seriesSlug: series.slug,
      page: String(page.id),
      pageSlug: page.slug,
      user: String(user.id),
      call: String(call.id),
      callSlug: call.slug,
      contribution: String(contribution.id),
      recorded: String(recorded.id),
      imageKey: image.storage_key.replace("images/", ""),
      image: String(image.id),
      keywordSlug: keyword.slug,
      importRun: String(importRun.id),
      issue: String(issue.id),
      imageFile: `${image.widths.split(",")[0]}.jpeg`,
      asset,
      ...deletable,
    });
  }, 240_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(fixtureDir, { recursive: true, force: true });
  });

  /** The route with real values: ids and slugs of things that exist, for the kind of thing each route takes. */
  function concretePath(url: string, role: Who): string {
    const deletion = /^\/admin\/(themes|series)\/:id\/supprimer$/.exec(url);
    const id = deletion
      ? params[`${deletion[1] === "themes" ? "theme" : "series"}-${role}`]
      : url.startsWith("/admin/lettres")
      ? params.issue
      : url.startsWith("/admin/medias")
      ? params.image
      : /^\/admin\/temoignages\/:id\/episode/.test(url)
      ? params.podcast
      : url.startsWith("/admin/temoignages")
        ? params.story
        : url.startsWith("/admin/themes")
          ? params.theme
          : url.startsWith("/admin/series")
            ? params.series
            : url.startsWith("/admin/pages")
              ? params.page
              : url.startsWith("/admin/appels")
                ? params.call
                : url.startsWith("/admin/podcasts")
                  ? params.podcast
                  : url.startsWith("/admin/contributions/:id/audio")
                    ? params.recorded
                    : url.startsWith("/admin/contributions")
                      ? params.contribution
                      : url.startsWith("/admin/utilisateurs")
                        ? params.user
                        : url.startsWith("/admin/import")
                          ? params.importRun
                          : undefined;
    const slug = url.startsWith("/mots-cles")
      ? params.keywordSlug
      : url.startsWith("/themes")
      ? params.themeSlug
      : url.startsWith("/series/:slug/podcast.xml")
        ? params.podcastSeriesSlug
        : url.startsWith("/series")
          ? params.seriesSlug
          : url.startsWith("/pages")
            ? params.pageSlug
            : url.startsWith("/appels")
              ? params.callSlug
              : /^\/temoignages\/:slug\/(transcription|chapitres)/.test(url)
                ? params.podcastSlug
                : params.storySlug;
    const name = url.startsWith("/assets") ? params.asset : url.startsWith("/sitemaps") ? "pages.xml" : params.audioName;
    const file = url.startsWith("/podcast/pochette") ? params.artwork : params.imageFile;
    const newsletterLink = /^\/lettre\/(confirmer|desinscription|donnees)$/.exec(url);
    if (newsletterLink) return `${url}?jeton=${NEWSLETTER_TOKENS[newsletterLink[1] as keyof typeof NEWSLETTER_TOKENS]}`;
    if (url.includes(":id") && id === undefined) throw new Error(`aucun identifiant réel pour ${url}`);
    return url
      .replace(":id", id as string)
      .replace(":rev", params.rev as string)
      .replace(":slug", slug as string)
      .replace(":token", "jeton-inconnu-jeton-inconnu-jeton-inconnu-00")
      .replace(":locale", "en")
      .replace(":name", name as string)
      .replace(":key", params.imageKey as string)
      .replace(":file", file as string);
  }

  it("gives every registered route exactly the expected rule, and no expected route is missing", () => {
    const actual = Object.fromEntries(registeredRoutes(t.app).map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(Object.keys(actual).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(actual).toEqual(EXPECTED);
    expect(Object.keys(ANSWERS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  // Every route × four roles, each with a fresh session: a few hundred requests.
  it("gives each role exactly the expected answer on every route, with real ids", async () => {
    const actual: Record<string, Partial<Record<Who, number | "login">>> = {};
    const expected: Record<string, Partial<Record<Who, number | "login">>> = {};
    for (const route of registeredRoutes(t.app)) {
      const key = `${route.method} ${route.url}`;
      actual[key] = {};
      expected[key] = {};
      for (const role of ROLES) {
        const path = concretePath(route.url, role);
        const browser = new Browser(t.url);
        if (role !== "anonymous") await browser.signInDirectly(t, accounts.get(role) as string);
        let res: Response;
        if (route.method === "GET") {
          res = await browser.get(path);
        } else {
          // A real CSRF token, so that only the access rule and the route decide.
          const { html } = await browser.getText(role === "anonymous" ? "/admin/connexion" : "/admin/compte");
          const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
          res = await browser.post(path, { _csrf: token });
        }
        const location = res.headers.get("location") ?? "";
        (actual[key] as Record<string, unknown>)[role] = res.status === 303 && location.startsWith("/admin/connexion?retour=") ? "login" : res.status;
        const allowed = role === "anonymous" ? route.access === "public" : roleSatisfies(role, route.access);
        const answer = ANSWERS[key];
        (expected[key] as Record<string, unknown>)[role] = !allowed ? (role === "anonymous" ? "login" : 403) : typeof answer === "number" ? answer : answer?.[role];
        await res.body?.cancel();
      }
    }
    expect(actual).toEqual(expected);
  }, 400_000);

  it("keeps an author out of another person's story", async () => {
    const author = new Browser(t.url);
    await author.signInDirectly(t, accounts.get("author") as string);
    // Demo stories have no author account: for an author they are someone else's.
    const other = await t.deps.db.selectFrom("stories").select("id").where("author_id", "is", null).orderBy("id").executeTakeFirstOrThrow();
    expect((await author.get(`/admin/temoignages/${other.id}`)).status).toBe(404);
    const list = await author.getText("/admin/temoignages");
    expect(list.html).toContain("1 résultat");
  });
});
