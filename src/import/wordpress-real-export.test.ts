import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { startTestApp, type TestApp } from "../../test/support/test-app.js";
import { countRows as count, type ExportItem, exportItems, importFixture, mediaFiles, waitForJobs } from "../../test/support/wordpress.js";
import type { ImportReport } from "./import-report.js";

/**
 * The import of an export written by WordPress itself (Debian's WordPress 6.1, its own exporter:
 * see test/fixtures/wordpress/real/README.md), with its uploads folder. The report's counts are
 * checked against what the site then shows, and every public address of the old site against what
 * this one answers over HTTP. The expected addresses are read from the XML here, not by the importer.
 */

const REAL = path.resolve("test/fixtures/wordpress/real/export.xml");
const UPLOADS = path.resolve("test/fixtures/wordpress/real/uploads");
const OLD_SITE = "https://remonter-la-pente.example";

describe.each(DIALECTS)("importing an export written by WordPress 6.1 itself, on %s", (dialect) => {
  let t: TestApp;
  let dry: ImportReport;
  let first: ImportReport;
  const items = exportItems(REAL);
  const posts = items.filter((i) => i.type === "post");

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    dry = await importFixture(t, UPLOADS, { dryRun: true }, REAL);
    first = await importFixture(t, UPLOADS, {}, REAL);
  }, 180_000);
  afterAll(() => t.close());

  it("reports what the site then shows: stories by status, pages, themes, tags, media, episodes, addresses", async () => {
    expect(dry).toEqual(first);
    expect({ ...first, skipped: first.skipped.map((s) => [s.title, s.code]), warnings: first.warnings.map((w) => [w.title, w.code]) }).toEqual({
      stories: { published: 8, draft: 1, review: 1, scheduled: 1 },
      pages: 2,
      themes: 4,
      tags: 6,
      authors: 2,
      media: 4,
      episodes: 2,
      redirects: 94,
      comments: 2,
      skipped: [["Nous écrire", "page_unpublished"]],
      warnings: [
        ["Compte rendu de l’assemblée des adhérents", "password_protected"],
        ["Hôpital de jour : mon carnet d’humeur", "active_link_removed"],
        ["Hôpital de jour : mon carnet d’humeur", "embed_replaced"],
        ["Épisode 2 : dormir à nouveau", "episode_without_transcript"],
      ],
    });
    // The export's own numbers: every post is a story, published ones public but for the episode without transcript.
    expect(posts).toHaveLength(14);
    expect(posts.filter((p) => p.status === "publish" && !p.password)).toHaveLength(9);
    const db = t.deps.db;
    const statuses = await db.selectFrom("stories").select(["slug", "status"]).orderBy("slug").execute();
    const byStatus = (s: string) => statuses.filter((x) => x.status === s).map((x) => x.slug);
    expect(statuses).toHaveLength(14);
    expect(byStatus("draft")).toEqual(["les-nuits-sans-sommeil"]);
    expect(byStatus("review")).toEqual(["ce-que-je-n-osais-pas-dire-au-psychiatre"]);
    expect(byStatus("scheduled")).toEqual(["le-forum-des-pairs-aidants-de-juin"]);
    expect(byStatus("unpublished")).toEqual(["compte-rendu-de-lassemblee-des-adherents", "episode-2-dormir-a-nouveau", "note-interne-planning-des-relectures"]);
    const published = (await db.selectFrom("published_stories").select("slug").execute()).map((r) => r.slug);
    expect(published).toHaveLength(first.stories.published);
    expect((await (await fetch(`${t.url}/temoignages`)).text()).replace(/[\u00a0\u202f]/g, " ")).toContain(`${first.stories.published} témoignages`);
    expect(await count(t, "pages")).toBe(first.pages);
    for (const page of ["a-propos", "charte-de-relecture"]) expect((await fetch(`${t.url}/pages/${page}`)).status, page).toBe(200);
    const themes = (await db.selectFrom("themes").select("slug").orderBy("slug").execute()).map((r) => r.slug);
    expect(themes).toEqual(["hospitalisation", "podcast", "temoignages", "vie-quotidienne"]);
    expect(themes).toHaveLength(first.themes);
    const keywords = (await db.selectFrom("keywords").select("slug").orderBy("slug").execute()).map((r) => r.slug);
    expect(keywords).toEqual(["carnet", "deuil", "entraide", "groupe-de-parole", "renouveau", "travail"]);
    expect(keywords).toHaveLength(first.tags);
    expect(await count(t, "images")).toBe(first.media);
    expect(await count(t, "episodes")).toBe(first.episodes);
    expect(await count(t, "legacy_addresses")).toBe(first.redirects);
  });

  it("answers every public address of the old site with a 301 to a page that answers 200", async () => {
    const publicPosts = items.filter((i) => (i.type === "post" || i.type === "page") && i.status === "publish" && !i.password);
    const waiting = publicPosts.filter((p) => p.slug === "episode-2-dormir-a-nouveau");
    const old = new Set<string>(["/feed/", "/?author=1", "/?author=2", "/author/redaction/", "/author/camille/"]);
    for (const p of publicPosts) {
      if (waiting.includes(p)) continue;
      old.add(p.link.replace(OLD_SITE, ""));
      old.add(`/?p=${p.id}`);
      for (const term of p.terms) old.add(`/${term.domain === "category" ? "category" : "tag"}/${term.nicename}/`);
    }
    for (const image of items.filter((i) => i.type === "attachment" && /\.(jpe?g|png)$/.test(i.file))) {
      old.add(`/wp-content/uploads/${image.file}`);
      old.add(`/wp-content/uploads/${image.file.replace(/(\.\w+)$/, "-150x150$1")}`);
    }
    old.add("/wp-content/uploads/2026/03/episode-01.mp3");
    // "Non classé" says nothing: it is no theme, and no published post is filed under it.
    old.delete("/category/non-classe/");
    expect(old.size).toBe(45);
    const answers: Record<string, string> = {};
    for (const address of old) {
      const res = await fetch(t.url + address, { redirect: "manual" });
      await res.body?.cancel();
      const location = res.headers.get("location") ?? "";
      answers[address] = `${res.status}`;
      if (res.status !== 301) continue;
      const target = await fetch(t.url + location);
      await target.body?.cancel();
      answers[address] = `301 → ${target.status}`;
    }
    expect(answers).toEqual(Object.fromEntries([...old].map((a) => [a, "301 → 200"])));
    // The percent-encoded slugs WordPress writes for "Ψ" and "🌱" (sent upper-case by browsers) lead to their story and keyword.
    const psy = [...old].find((a) => a.includes("%ce%a8")) as string;
    expect((await fetch(t.url + psy.replace(/%[0-9a-f]{2}/g, (e) => e.toUpperCase()), { redirect: "manual" })).headers.get("location")).toBe("/temoignages/comme-psy-ce-que-la-pair-aidance-ma-appris");
    expect((await fetch(`${t.url}/tag/%F0%9F%8C%B1-renouveau/`, { redirect: "manual" })).headers.get("location")).toBe("/mots-cles/renouveau");
    // The episode waiting for its transcript says it comes back soon, never a 404.
    for (const address of [(waiting[0] as ExportItem).link.replace(OLD_SITE, ""), "/wp-content/uploads/2026/04/episode-02.mp3"]) {
      const soon = await fetch(t.url + address, { redirect: "manual" });
      await soon.body?.cancel();
      expect(soon.status, address).toBe(503);
    }
  });

  it("puts the images in the media library with their alt text and none of the camera's data, as covers and in the text", async () => {
    const db = t.deps.db;
    const images = await db.selectFrom("images").select(["id", "storage_key", "alt"]).orderBy("id").execute();
    const alts = items.filter((i) => i.type === "attachment" && i.alt).map((i) => i.alt);
    expect(images.map((i) => i.alt).sort()).toEqual(alts.sort());
    for (const image of images) {
      const dir = path.join(t.dataDir, "media", image.storage_key);
      const files = fs.readdirSync(dir);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const bytes = fs.readFileSync(path.join(dir, file));
        expect(bytes.includes("CANARI-REEL"), file).toBe(false);
        expect(bytes.includes("gd-jpeg"), file).toBe(false);
      }
    }
    const covers = await db.selectFrom("published_stories").select(["slug", "cover_alt"]).where("cover_image_id", "is not", null).orderBy("slug").execute();
    expect(covers).toEqual([
      { slug: "ce-que-le-groupe-de-parole-ma-rendu", cover_alt: "Des chaises en cercle dans une salle claire, avant le groupe de parole" },
      { slug: "reprendre-le-travail-1-2", cover_alt: "Un bureau rangé avec une tasse et un carnet ouvert" },
      { slug: "sortir-de-lisolement-le-premier-pas", cover_alt: "Un sentier qui monte entre les arbres" },
    ]);
    const body = async (slug: string) => (await db.selectFrom("stories").select("body_md").where("slug", "=", slug).executeTakeFirstOrThrow()).body_md;
    // [caption], a resized copy ("-300x188") in the text, [gallery ids=…] and the block editor's image.
    expect(await body("ce-que-le-groupe-de-parole-ma-rendu")).toMatch(/!\[Des chaises en cercle[^\]]*\]\(\/media\/images\/[a-f0-9]{24}\)\n\n\*La salle, une demi-heure avant le début\.\*/);
    expect(await body("sortir-de-lisolement-le-premier-pas")).toMatch(/!\[Un sentier qui monte entre les arbres\]\(\/media\/images\//);
    expect((await body("sortir-de-lisolement-tenir-dans-la-duree")).match(/!\[/g)).toHaveLength(2);
    expect(await body("reprendre-le-travail-1-2")).toMatch(/!\[Un bureau rangé[^\]]*\]\(\/media\/images\/[a-f0-9]{24}\)\n\n\*Le premier matin\.\*/);
  });

  it("keeps the text as WordPress showed it: lists, quotes, series in order, no script, the CDATA split rejoined", async () => {
    const db = t.deps.db;
    const body = async (slug: string) => (await db.selectFrom("stories").select("body_md").where("slug", "=", slug).executeTakeFirstOrThrow()).body_md;
    expect(await body("ce-que-le-groupe-de-parole-ma-rendu")).toContain("## Ce que j’y ai trouvé\n\n- des personnes qui ne jugent pas ;\n- un horaire fixe, qui tient la semaine ;\n- le droit de ne rien dire.\n\nSi vous hésitez, le [collectif](/a-propos/)");
    expect(await body("reprendre-le-travail-1-2")).toContain("- Revenir un mardi plutôt qu’un lundi\n- Prévenir une seule personne de confiance\n  - ma responsable");
    expect(await body("reprendre-le-travail-2-2")).toContain("> Je ne suis pas « guéri ». Je sais mieux quand ralentir.");
    // Without an excerpt, the first words as WordPress takes them: the image's caption left out.
    const standfirst = (await db.selectFrom("stories").select("standfirst").where("slug", "=", "reprendre-le-travail-1-2").executeTakeFirstOrThrow()).standfirst;
    expect(standfirst).toMatch(/^Après quatre mois d’arrêt, Malik raconte .* ma responsable$/);
    expect(await body("comme-psy-ce-que-la-pair-aidance-ma-appris")).toContain("### Trois choses apprises\n\n1. Écouter avant de répondre\n2. Ne pas comparer les parcours\n3. Dire quand on a besoin de souffler");
    // WordPress wrote "]]>" as "]]]]><![CDATA[>"; "[[bas]]" is its own escape for a literal "[bas]".
    const carnet = await body("hopital-de-jour-mon-carnet-dhumeur");
    expect(carnet).toContain("comme un code : \\[bas\\]\\> puis \\[moyen\\]\\> puis, un jour, \\[mieux\\]\\>.");
    expect(carnet).not.toMatch(/script|compteur|onclick|alert|javascript|steal/);
    expect(carnet).toContain("Cliquez ici pour dire merci à l’équipe soignante.");
    const series = await db
      .selectFrom("published_stories")
      .innerJoin("series", "series.id", "published_stories.series_id")
      .select(["series.title", "published_stories.slug", "published_stories.series_position"])
      .orderBy("series.title")
      .orderBy("published_stories.series_position")
      .execute();
    expect(series).toEqual([
      { title: "Reprendre le travail", slug: "reprendre-le-travail-1-2", series_position: 1 },
      { title: "Reprendre le travail", slug: "reprendre-le-travail-2-2", series_position: 2 },
      { title: "Sortir de l’isolement", slug: "sortir-de-lisolement-le-premier-pas", series_position: 1 },
      { title: "Sortir de l’isolement", slug: "sortir-de-lisolement-tenir-dans-la-duree", series_position: 2 },
    ]);
    const dates = await db.selectFrom("published_stories").select(["slug", "published_at"]).where("slug", "in", ["hopital-de-jour-mon-carnet-dhumeur", "ce-que-le-groupe-de-parole-ma-rendu"]).orderBy("slug").execute();
    // Paris time in the export, UTC here.
    expect(dates.map((d) => d.published_at)).toEqual(["2026-03-03T17:30:00.000Z", "2026-02-13T23:30:00.000Z"]);
  });

  it("makes episodes of the enclosures: the one with its transcript public with its processed audio, the other waiting", async () => {
    const db = t.deps.db;
    const episodes = await db
      .selectFrom("episodes")
      .innerJoin("stories", "stories.id", "episodes.story_id")
      .select(["stories.slug", "stories.body_md", "episodes.audio_key", "episodes.transcript"])
      .orderBy("stories.slug")
      .execute();
    expect(episodes.map((e) => e.slug)).toEqual(["episode-1-remonter-la-pente-a-plusieurs", "episode-2-dormir-a-nouveau"]);
    const [one, two] = episodes;
    expect(one?.audio_key).toMatch(/^audio\/[a-f0-9]{24}\.mp3$/);
    expect(fs.existsSync(path.join(t.dataDir, "media", one?.audio_key as string))).toBe(true);
    expect(one?.transcript).toContain("Inès : Bonjour à toutes et à tous, bienvenue dans Remonter la pente.");
    // The block editor's player of its own sound is not a link to the old site's file.
    expect(one?.body_md).not.toMatch(/Transcription|\.mp3|remonter-la-pente\.example/);
    const pub = await db.selectFrom("published_episodes").innerJoin("published_stories", "published_stories.story_id", "published_episodes.story_id").select("published_stories.slug").execute();
    expect(pub.map((p) => p.slug)).toEqual(["episode-1-remonter-la-pente-a-plusieurs"]);
    expect(two?.body_md).not.toMatch(/\.mp3/);
    const waiting = await db.selectFrom("wordpress_items").select(["title", "awaiting"]).where("awaiting", "is not", null).execute();
    expect(waiting).toEqual([{ title: "Épisode 2 : dormir à nouveau", awaiting: "transcript" }]);
  });

  it("runs again without changing or duplicating anything, and gives the same report", async () => {
    await waitForJobs(t);
    const tables = ["stories", "story_revisions", "images", "pages", "themes", "series", "keywords", "legacy_addresses", "episodes", "jobs", "wordpress_items"] as const;
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(t, table)])));
    const before = await counts();
    const media = mediaFiles(t);
    expect(await importFixture(t, UPLOADS, {}, REAL)).toEqual(first);
    expect(await counts()).toEqual(before);
    expect(mediaFiles(t)).toEqual(media);
  });
});
