import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { snapshotTables } from "../../test/support/tables.js";
import { startTestApp, type TestApp } from "../../test/support/test-app.js";
import { FIXTURE, importFixture, makeUploads } from "../../test/support/wordpress.js";
import { publicationRules } from "../app.js";
import { claimJob, completeJob } from "../platform/jobs/job-queue.js";
import { EPISODE_AUDIO_JOB, episodeAudioJob } from "../podcasts/episode-audio.service.js";
import { openUploadsDir, openUploadsZip } from "./uploads-source.js";
import { DEFAULT_OPTIONS, fixedAddresses, importWordPress } from "./wordpress-import.service.js";
import { makeZip } from "../../test/support/zip.js";
import { type ImportReport, lineText } from "./import-report.js";
import { translator } from "../platform/i18n/translate.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-wp-"));
let uploads = "";
beforeAll(async () => {
  uploads = await makeUploads(path.join(work, "uploads"));
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Every file under the media folder, with its size: a dry run must leave it as it was. */
function mediaFiles(t: TestApp): string[] {
  const root = path.join(t.dataDir, "media");
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).sort();
}

/** The version JSON a public story was released with (kept beside its narrow listing row). */
const releasedVersion = (t: TestApp, slug: string) =>
  t.deps.db
    .selectFrom("published_stories")
    .innerJoin("published_story_bodies", "published_story_bodies.story_id", "published_stories.story_id")
    .select("published_story_bodies.version")
    .where("published_stories.slug", "=", slug)
    .executeTakeFirstOrThrow();

const publicSlugs = async (t: TestApp) => (await t.deps.db.selectFrom("published_stories").select("slug").orderBy("slug").execute()).map((r) => r.slug);

describe.each(DIALECTS)("importing a WordPress site on %s", (dialect) => {
  let t: TestApp;
  let dry: ImportReport;
  let first: ImportReport;
  let before: Record<string, string[]>;
  let mediaBefore: string[];

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    before = await snapshotTables(t);
    mediaBefore = mediaFiles(t);
    dry = await importFixture(t, uploads, { dryRun: true });
    first = await importFixture(t, uploads);
  }, 180_000);
  afterAll(() => t.close());

  it("writes nothing in a dry run, in any table or file, and forecasts exactly what the import then does", async () => {
    // The dry run ran on the empty database captured just before it: compared with a fresh app's tables.
    const fresh = await startTestApp({ dialect });
    try {
      const snapshot = await snapshotTables(fresh);
      expect(Object.keys(snapshot)).toEqual(Object.keys(before));
      for (const [table, rows] of Object.entries(before)) if (table !== "settings") expect(rows.length, table).toBe(snapshot[table]?.length);
      const report = await importFixture(fresh, uploads, { dryRun: true });
      expect(await snapshotTables(fresh)).toEqual(snapshot);
      expect(mediaFiles(fresh)).toEqual(mediaBefore);
      expect(report).toEqual(dry);
    } finally {
      await fresh.close();
    }
    expect(dry).toEqual(first);
  });

  it("reports what the site then shows: stories by status, pages, themes, tags, authors, media, episodes, addresses, comments", async () => {
    expect({ ...first, skipped: first.skipped.map((s) => s.wordpressId), warnings: undefined }).toEqual({
      stories: { published: 6, draft: 1, review: 1, scheduled: 1 },
      pages: 1,
      themes: 2,
      tags: 1,
      authors: 2,
      media: 2,
      episodes: 3,
      redirects: 75,
      comments: 2,
      skipped: [115, 201, 400],
      warnings: undefined,
    });
    const db = t.deps.db;
    expect(await publicSlugs(t)).toEqual(["apres-la-crise", "le-groupe-du-lundi", "le-local-associatif", "reprendre-le-travail-1", "reprendre-le-travail-2", "un-jardin-partage"]);
    const statuses = await db.selectFrom("stories").select(["slug", "status"]).orderBy("slug").execute();
    expect(Object.fromEntries(statuses.map((s) => [s.slug, s.status]))).toMatchObject({
      "brouillon-sur-les-nuits": "draft",
      "le-jour-ou-j-ai-dit-non": "review",
      "la-fete-des-voisins": "scheduled",
      "note-privee": "unpublished",
      "reserve-aux-membres": "unpublished",
      "la-marche-du-jeudi": "unpublished",
      "episode-heberge-ailleurs": "unpublished",
    });
    expect(Number((await db.selectFrom("pages").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(1);
    expect(Number((await db.selectFrom("images").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(2);
    expect(Number((await db.selectFrom("legacy_addresses").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(75);
    expect(Number((await db.selectFrom("episodes").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(3);
    const listing = await (await fetch(`${t.url}/temoignages`)).text();
    expect(listing).toContain("6 témoignages");
  });

  it("keeps dates, excerpts as standfirsts, credits, themes, keywords, series in order, covers with their alt text", async () => {
    const db = t.deps.db;
    const jardin = await db
      .selectFrom("published_stories")
      .innerJoin("published_story_bodies", "published_story_bodies.story_id", "published_stories.story_id")
      .selectAll("published_stories")
      .select("published_story_bodies.version")
      .where("slug", "=", "un-jardin-partage")
      .executeTakeFirstOrThrow();
    expect(jardin).toMatchObject({ title: "Un jardin partagé au pied de l’immeuble", standfirst: "Sortie de l'hôpital, elle a trouvé au jardin un rendez-vous fixe.", published_at: "2026-03-15T09:00:00.000Z", credit_kind: "pseudonym", credit_name: "Mistral", cover_alt: "Des bacs de tomates au pied d'un immeuble" });
    const cover = await db.selectFrom("images").selectAll().where("id", "=", jardin.cover_image_id as number).executeTakeFirstOrThrow();
    expect(cover.alt).toBe("Des bacs de tomates au pied d'un immeuble");
    // Re-encoded from pixels: the camera's data never reaches a rendition.
    for (const file of fs.readdirSync(path.join(t.dataDir, "media", cover.storage_key))) {
      expect(fs.readFileSync(path.join(t.dataDir, "media", cover.storage_key, file)).includes("CANARI-EXIF")).toBe(false);
    }
    const version = JSON.parse(jardin.version) as { body: string };
    expect(version.body).toContain("**à qui parler**");
    // The text's image is the library's, so its page shows it as a responsive picture, not as its alt text.
    expect(version.body).toContain(`![Des bacs de tomates au pied d'un immeuble](/media/${cover.storage_key})`);
    const page = await (await fetch(`${t.url}/temoignages/un-jardin-partage`)).text();
    expect(page).toMatch(new RegExp(`<picture class="inline-image"><source type="image/avif" srcset="/media/${cover.storage_key}/\\d+\\.avif`));
    expect(version.body).toContain("[local associatif](/2026/02/01/le-local-associatif/)");
    expect(version.body).toContain("## Ce qui m'a aidée");
    expect(version.body).not.toMatch(/alert|steal|onclick|onerror|<script/);
    const keyword = await db.selectFrom("story_keywords").innerJoin("keywords", "keywords.id", "story_keywords.keyword_id").select("keywords.slug").where("story_id", "=", jardin.story_id).execute();
    expect(keyword.map((k) => k.slug)).toEqual(["entraide"]);
    const themes = await db.selectFrom("published_story_themes").innerJoin("themes", "themes.id", "published_story_themes.theme_id").select("themes.slug").where("story_id", "=", jardin.story_id).execute();
    expect(themes.map((x) => x.slug)).toEqual(["vie-quotidienne"]);
    // "1/2" and "2/2" in titles make a series, in that order even though part 2 was published first.
    const parts = await db.selectFrom("published_stories").innerJoin("series", "series.id", "published_stories.series_id").select(["published_stories.slug", "published_stories.series_position", "series.title"]).where("published_stories.slug", "like", "reprendre-le-travail%").orderBy("series_position").execute();
    expect(parts).toEqual([
      { slug: "reprendre-le-travail-1", series_position: 1, title: "Reprendre le travail" },
      { slug: "reprendre-le-travail-2", series_position: 2, title: "Reprendre le travail" },
    ]);
    // The block editor's list nests; "Non classé" is no theme; a javascript: link keeps only its text.
    const local = JSON.parse((await releasedVersion(t, "le-local-associatif")).version) as { body: string; themeIds: number[] };
    expect(local.body).toContain("1. Un café\n2. Des gens qui écoutent\n   - des pairs\n   - des bénévoles");
    expect(local.body).toContain("[https://video.example/v/123](https://video.example/v/123)");
    expect(local.body).toContain("ou ce lien piégé.");
    expect(local.themeIds).toHaveLength(1);
  });

  it("releases stories with content notes through the guards, their checklist signed by the import and listed as to reread", async () => {
    const db = t.deps.db;
    const crise = await db.selectFrom("published_stories").select(["story_id", "content_notes", "fingerprint"]).where("slug", "=", "apres-la-crise").executeTakeFirstOrThrow();
    expect(crise.content_notes).toBe("suicide");
    const check = await db.selectFrom("story_safety_checks").select(["items", "signed_by"]).where("story_id", "=", crise.story_id).where("fingerprint", "=", crise.fingerprint).executeTakeFirstOrThrow();
    expect(check).toEqual({ items: "import", signed_by: null });
  });

  it("makes an episode of an enclosure whose sound is in the uploads, processed by the audio job, with the transcript written under its heading", async () => {
    const db = t.deps.db;
    const episode = await db
      .selectFrom("published_episodes")
      .innerJoin("published_stories", "published_stories.story_id", "published_episodes.story_id")
      .innerJoin("published_story_bodies", "published_story_bodies.story_id", "published_episodes.story_id")
      .select(["published_episodes.audio_key", "published_episodes.transcript", "published_story_bodies.version"])
      .where("published_stories.slug", "=", "le-groupe-du-lundi")
      .executeTakeFirstOrThrow();
    expect(episode.audio_key).toMatch(/^audio\/[a-f0-9]{24}\.mp3$/);
    expect(fs.existsSync(path.join(t.dataDir, "media", episode.audio_key as string))).toBe(true);
    expect(episode.transcript).toContain("ce soir on parle de ce qui nous fait tenir");
    expect((JSON.parse(episode.version) as { body: string }).body).not.toContain("Transcription");
    // Without a transcript, or without its sound, an episode waits: listed for the editors, never public.
    const waiting = await db.selectFrom("wordpress_items").select(["title", "awaiting"]).where("awaiting", "is not", null).orderBy("wp_id").execute();
    expect(waiting).toEqual([
      { title: "Reprendre pied : la marche du jeudi", awaiting: "transcript" },
      { title: "Un épisode hébergé ailleurs", awaiting: "transcript" },
    ]);
  });

  it("counts approved comments without importing any, and says why", () => {
    expect(first.comments).toBe(2);
    const fr = translator("fr");
    const skipped400 = first.skipped.find((s) => s.wordpressId === 400);
    expect(skipped400 && lineText(fr, skipped400)).toContain("product");
    expect(first.warnings.map((w) => lineText(fr, w).replace(/[\u00a0\u202f]/g, " "))).toEqual(
      expect.arrayContaining([expect.stringContaining("Image absente des fichiers envoyés : 2026/04/perdue.jpg"), expect.stringContaining("[contact-form-7]"), expect.stringContaining("mot de passe")]),
    );
  });

  it("runs again without duplicating anything, and gives the same report", async () => {
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of ["stories", "story_revisions", "images", "pages", "themes", "series", "keywords", "legacy_addresses", "episodes", "jobs", "wordpress_items"] as const) {
        out[table] = Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
      }
      return out;
    };
    // The episodes' audio jobs of the first run may still be working (the app's own scheduler runs
    // them): let them finish, so the files compared are the first run's whole result.
    for (let round = 0; ; round++) {
      const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "not in", ["done", "failed"]).execute();
      if (busy.length === 0) break;
      if (round > 600) throw new Error("les tâches de fond ne se terminent pas");
      await t.app.runScheduledTasks();
      await new Promise((r) => setTimeout(r, 100));
    }
    const beforeAgain = await counts();
    const media = mediaFiles(t);
    expect(await importFixture(t, uploads)).toEqual(first);
    expect(await counts()).toEqual(beforeAgain);
    expect(mediaFiles(t)).toEqual(media);
  });

  it("updates what changed on WordPress, and keeps what an editor changed here since", async () => {
    const changed = path.join(work, `changed-${dialect}.xml`);
    fs.writeFileSync(
      changed,
      fs
        .readFileSync(FIXTURE, "utf8")
        .replace("Le local ouvre <strong>trois après-midi</strong>", "Le local ouvre <strong>quatre après-midi</strong>")
        .replace("Il y a deux ans, j'ai pensé", "Il y a trois ans, j'ai pensé"),
    );
    const db = t.deps.db;
    const crise = await db.selectFrom("stories").select("id").where("slug", "=", "apres-la-crise").executeTakeFirstOrThrow();
    await db.updateTable("stories").set({ standfirst: "Chapô réécrit par l'équipe." }).where("id", "=", crise.id).execute();
    const storiesBefore = (await db.selectFrom("stories").select("id").execute()).length;
    const report = await importFixture(t, uploads, {}, changed);
    expect((await db.selectFrom("stories").select("id").execute()).length).toBe(storiesBefore);
    const local = await releasedVersion(t, "le-local-associatif");
    expect(local.version).toContain("quatre après-midi");
    const kept = await db.selectFrom("stories").select(["standfirst", "body_md"]).where("id", "=", crise.id).executeTakeFirstOrThrow();
    expect(kept).toEqual({ standfirst: "Chapô réécrit par l'équipe.", body_md: expect.stringContaining("deux ans") });
    expect(report.warnings).toContainEqual(expect.objectContaining({ wordpressId: 102, code: "kept_local_edit" }));
  });

  it("refuses an uploads zip with a path leaving its folder, or compressed like a bomb, before reading it", async () => {
    const slip = path.join(work, "slip.zip");
    fs.writeFileSync(slip, makeZip([{ name: "uploads/2026/03/jardin.jpg", data: Buffer.from("x") }, { name: "../../etc/cron.d/x", data: Buffer.from("x") }]));
    await expect(openUploadsZip(slip)).rejects.toMatchObject({ key: "admin.import.uploads.pathOutside" });
    const bomb = path.join(work, "bomb.zip");
    fs.writeFileSync(bomb, makeZip([{ name: "2026/03/jardin.jpg", data: Buffer.alloc(30 * 1024 * 1024), deflate: true }]));
    await expect(openUploadsZip(bomb)).rejects.toMatchObject({ key: "admin.import.uploads.bomb", values: { name: "2026/03/jardin.jpg", ratio: 100 } });
    const good = path.join(work, "good.zip");
    fs.writeFileSync(good, makeZip([{ name: "wp-content/uploads/2026/03/jardin.jpg", data: fs.readFileSync(path.join(uploads, "2026/03/jardin.jpg")) }]));
    const zip = await openUploadsZip(good);
    expect(Buffer.isBuffer(await zip.read("2026/03/jardin.jpg", 15 * 1024 * 1024))).toBe(true);
    expect(await zip.read("../../etc/passwd", 1024)).toBeNull();
    expect(await zip.read("2026/03/jardin.jpg", 10)).toBe("too-large");
    await zip.close();
  });
});

describe.each(DIALECTS)("an import whose episode audio another runner takes first, on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect });
  }, 60_000);
  afterAll(() => t.close());

  it("waits for that runner to finish, then publishes the episode as WordPress had it", async () => {
    const deps = { ...t.deps, ...publicationRules({ baseUrl: t.url }), baseUrl: t.url };
    const others: Promise<void>[] = [];
    // Just before the import runs the audio jobs itself, the server's runner (here, this test) claims
    // them and finishes them a moment later, as on a busy server or with several instances.
    const onProgress = async (fraction: number) => {
      if (fraction !== 0.96) return;
      for (let job = await claimJob(t.deps.db, [EPISODE_AUDIO_JOB], new Date()); job; job = await claimJob(t.deps.db, [EPISODE_AUDIO_JOB], new Date())) {
        const claimed = job;
        others.push(
          new Promise((resolve) => setTimeout(resolve, 400))
            .then(() => episodeAudioJob(deps)(claimed, { progress: async () => {} }))
            .then(() => completeJob(t.deps.db, claimed.id, new Date())),
        );
      }
      expect(others.length).toBeGreaterThan(0);
    };
    const report = await importWordPress(deps, () => fs.createReadStream(FIXTURE), openUploadsDir(uploads), DEFAULT_OPTIONS, onProgress);
    await Promise.all(others);
    expect(report.warnings.filter((w) => w.wordpressId === 105)).toEqual([]);
    expect(await publicSlugs(t)).toContain("le-groupe-du-lundi");
  });
});

describe("an import whose uploads zip holds a damaged episode sound", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite" });
  }, 60_000);
  afterAll(() => t.close());

  it("skips that episode with the file's name, said in the reader's language, and imports the rest", async () => {
    const name = "2025/10/groupe-du-lundi.mp3";
    const bytes = makeZip([{ name, data: fs.readFileSync(path.join(uploads, name)), deflate: true }]);
    bytes.fill(0xff, 30 + name.length, 30 + name.length + 64);
    const damaged = path.join(work, "damaged-sound.zip");
    fs.writeFileSync(damaged, bytes);
    const zip = await openUploadsZip(damaged);
    try {
      const report = await importWordPress({ ...t.deps, ...publicationRules({ baseUrl: t.url }), baseUrl: t.url }, () => fs.createReadStream(FIXTURE), zip, DEFAULT_OPTIONS);
      const skipped = report.skipped.find((s) => s.code === "file_unreadable");
      expect(skipped).toMatchObject({ values: { name } });
      expect(lineText(translator("en"), skipped as ImportReport["skipped"][number])).toBe(`The file “${name}” in the archive cannot be read: nothing was written for this item.`);
      expect(report.stories.published).toBeGreaterThan(0);
    } finally {
      await zip.close();
    }
  });
});

describe("the fixed old addresses of a blog in a folder", () => {
  it("lead the blog's home (https://site.example/blog/) to this site's home", () => {
    const fixed = new Map(fixedAddresses("/blog", []));
    expect(fixed.get("/blog/")).toEqual({ kind: "fixed", id: null, path: "/" });
    expect(new Map(fixedAddresses("", [])).has("/")).toBe(false);
  });
});
