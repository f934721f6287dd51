import type { FeatureNavigation } from "../platform/html/navigation.js";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { type ImageDeps, storeImage } from "../media/image.service.js";
import { importPage } from "../pages/page.service.js";
import { CONTENT_NOTES, type ContentNote, parseCreditSpec, STORY_KINDS, type StoryKind } from "../stories/story.js";
import { hasAnyStory, type StoryEditDeps } from "../stories/story-editing.service.js";
import { type ImportedStory, importStories, releaseImportedStory } from "../stories/story-import.service.js";
import { listAllSeries, listThemes, saveSeries, saveTheme } from "../stories/taxonomy-editing.service.js";
import { saveCall } from "../submissions/calls/call.service.js";
import { generalConsentText } from "../submissions/submission.service.js";
import { COVER_STYLES, type CoverStyle, coverSvg } from "./covers.js";
import { seedDemoPodcasts } from "./demo-podcasts.js";
import { DEMO_SERIES, DEMO_THEMES } from "./demo-taxonomy.js";
import { listField, parseFrontMatter } from "./front-matter.js";
import { saveSiteSettings } from "../settings/site-settings.service.js";

/** The seed writes through the same rules as the app: publicationRules(config) from app.ts. */
export type SeedDeps = ImageDeps & StoryEditDeps;

// Works from src/ and from dist/: the Markdown stays in src/demo/content.
const CONTENT_DIR = fileURLToPath(new URL("../../src/demo/content/", import.meta.url));

export class DemoContentError extends Error {}

type DemoStoryFile = { file: string; fields: Record<string, string>; body: string };

function readContent(kind: "stories" | "pages"): DemoStoryFile[] {
  const dir = path.join(CONTENT_DIR, kind);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((file) => ({ file, ...parseFrontMatter(fs.readFileSync(path.join(dir, file), "utf8")) }));
}

async function makeCovers(deps: SeedDeps): Promise<Map<CoverStyle, number>> {
  const covers = new Map<CoverStyle, number>();
  for (const style of COVER_STYLES) {
    const png = await sharp(Buffer.from(coverSvg(style, style))).png().toBuffer();
    covers.set(style, (await storeImage(deps, png)).id);
  }
  return covers;
}

function toImported(
  f: DemoStoryFile,
  themeIds: Map<string, number>,
  seriesIds: Map<string, number>,
  covers: Map<CoverStyle, number>,
): ImportedStory {
  const where = `${f.file} :`;
  const kind = f.fields.kind as StoryKind;
  if (!STORY_KINDS.includes(kind)) throw new DemoContentError(`${where} kind inconnu`);
  const credit = parseCreditSpec(f.fields.credit ?? "");
  if (!credit) throw new DemoContentError(`${where} crédit illisible`);
  const themes = listField(f.fields.themes).map((slug) => {
    const id = themeIds.get(slug);
    if (id === undefined) throw new DemoContentError(`${where} thème inconnu ${slug}`);
    return id;
  });
  const notes = listField(f.fields.content_notes);
  if (notes.some((n) => !(CONTENT_NOTES as readonly string[]).includes(n))) throw new DemoContentError(`${where} avertissement inconnu`);
  const seriesId = f.fields.series ? seriesIds.get(f.fields.series) : undefined;
  if (f.fields.series && seriesId === undefined) throw new DemoContentError(`${where} série inconnue`);
  const published = f.fields.published ?? "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(published)) throw new DemoContentError(`${where} date de publication invalide`);
  const cover = COVER_STYLES.includes(f.fields.cover as CoverStyle) ? covers.get(f.fields.cover as CoverStyle) : undefined;
  return {
    title: f.fields.title ?? "",
    slug: f.file.replace(/\.md$/, ""),
    kind,
    format: f.fields.format === "collective" ? "collective" : "single",
    standfirst: f.fields.standfirst ?? "",
    body: f.body,
    themeIds: themes,
    seriesId: seriesId ?? null,
    seriesPosition: f.fields.series_position ? Number(f.fields.series_position) : null,
    credit,
    contentNotes: notes as ContentNote[],
    coverImageId: cover ?? null,
    coverAlt: f.fields.cover_alt ?? "",
    isFeatured: f.fields.featured === "yes",
    status: "published",
    // Morning publication, Paris time, as an editorial team would schedule it.
    publishedAt: `${published}T07:30:00.000Z`,
  };
}

/** The demo's stories are fiction, and every page's footer says so. */
export const demoNavigation: FeatureNavigation = { footerNotes: ["footer.fiction"] };

/** The demo's identity: data like its stories, which /admin/reglages changes. */
export const DEMO_SITE = {
  name: "Entre Pairs",
  tagline: "Le média du rétablissement en santé mentale, fait par et pour les personnes concernées",
  contactEmail: "",
  legalEntity: "Association Entre Pairs (exemple fictif), association loi de 1901",
  legalHost: "",
  socialLinks: [],
  accentColour: "#a2361c",
};

/** Loads the hand-written demo: identity, themes, series, pages, covers and stories. */
export async function seedDemo(deps: SeedDeps): Promise<{ stories: number; podcastAudioMissing: string | null }> {
  await saveSiteSettings(deps, DEMO_SITE);
  for (const [i, t] of DEMO_THEMES.entries()) {
    const r = await saveTheme(deps, null, { ...t, position: i + 1 });
    if (!r.ok) throw new DemoContentError(`thème ${t.slug} : ${Object.values(r.errors).join(", ")}`);
  }
  for (const s of DEMO_SERIES) {
    const r = await saveSeries(deps, null, s);
    if (!r.ok) throw new DemoContentError(`série ${s.slug} : ${Object.values(r.errors).join(", ")}`);
  }
  for (const p of readContent("pages")) {
    await importPage(deps, { slug: p.file.replace(/\.md$/, ""), title: p.fields.title ?? "", summary: p.fields.summary ?? "", bodyMd: p.body });
  }
  const themeIds = new Map((await listThemes(deps)).map((t) => [t.slug, t.id]));
  const seriesIds = new Map((await listAllSeries(deps)).map((s) => [s.slug, s.id]));
  const covers = await makeCovers(deps);
  const stories = readContent("stories").map((f) => toImported(f, themeIds, seriesIds, covers));
  const { ids, notReleased } = await importStories(deps, stories);
  const podcasts = await seedDemoPodcasts(deps, new Map(stories.map((s, i) => [s.slug, ids[i] as number])));
  // Podcast stories wait for their episode: released now that it has its audio and transcript
  // (without espeak-ng or ffmpeg they stay unpublished, which the console says).
  for (const { id } of notReleased) await releaseImportedStory(deps, id);
  await seedDemoCall(deps);
  return { stories: stories.length, podcastAudioMissing: podcasts.missingTool };
}

/** One open call, dated around today so the demo always shows it open. */
async function seedDemoCall(deps: SeedDeps): Promise<void> {
  const now = deps.clock.now().getTime();
  const day = 86_400_000;
  const theme = (await listThemes(deps)).find((t) => t.slug === "parentalite");
  const result = await saveCall(deps, null, {
    slug: "etre-parent-avec-un-trouble-psychique",
    title: "Être parent avec un trouble psychique",
    themeId: theme?.id ?? null,
    introMd:
      "Vous êtes parent et vous vivez avec un trouble psychique ? Vous avez grandi auprès d'un parent concerné ? Nous ouvrons cet appel pour réunir des récits, anonymes si vous le souhaitez, sur la parentalité et ses questions. (Appel fictif de démonstration.)",
    questionsMd:
      "- Comment avez-vous parlé de votre trouble à vos enfants, ou choisi de ne pas le faire ?\n- Qu'est-ce qui vous a aidé, à la maison, à l'école, auprès des soignants ?\n- Qu'auriez-vous aimé savoir plus tôt ?",
    safetyNoticeMd:
      "Écrire sur sa famille peut remuer beaucoup de choses. Prenez votre temps, faites des pauses. Si vous traversez un moment difficile, le 3114 répond jour et nuit.",
    opensAt: new Date(now - 20 * day).toISOString(),
    closesAt: new Date(now + 60 * day).toISOString(),
    formats: ["text", "audio"],
    creditOptions: ["anonymous", "pseudonym", "first_name_age"],
    consentText: generalConsentText(DEMO_SITE.name),
  });
  if (!result.ok) throw new DemoContentError(`appel : ${Object.values(result.errors).join(", ")}`);
}

/** Seeds the demo when the database has no story yet (first start). */
export async function seedDemoIfEmpty(deps: SeedDeps): Promise<{ podcastAudioMissing: string | null } | null> {
  if (await hasAnyStory(deps)) return null;
  return seedDemo(deps);
}

const BATCH = 500;
// One commit per few hundred stories: a bulk load of 100,000 is not 100,000 fsyncs.
const STORIES_PER_TRANSACTION = 250;

/**
 * Adds `count` generated stories for benchmarks, built from sentences of the demo texts so that
 * pages have realistic sizes. They are clearly numbered, dated in the past, and released through
 * the same door and guards as any import. Articles only: a podcast story needs its episode's
 * audio before it may go public, and every generated story is meant to be public.
 */
export async function seedGeneratedStories(deps: SeedDeps, count: number, onProgress?: (done: number) => void): Promise<void> {
  let themes = await listThemes(deps);
  if (themes.length === 0) {
    await seedDemo(deps);
    themes = await listThemes(deps);
  }
  const sentences = readContent("stories")
    .flatMap((f) => f.body.split(/(?<=[.!?])\s+/))
    .filter((s) => s.length > 40 && !s.startsWith("@") && !s.startsWith("#"));
  const start = Date.parse("2015-01-01T07:30:00Z");
  for (let done = 0; done < count; done += BATCH) {
    const batch: ImportedStory[] = [];
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      const paragraphs = Array.from({ length: 8 }, (_, p) =>
        Array.from({ length: 5 }, (_, k) => sentences[(i * 41 + p * 7 + k * 13) % sentences.length]).join(" "),
      );
      batch.push({
        title: `Témoignage généré numéro ${i + 1}`,
        slug: `genere-${i + 1}`,
        kind: "article",
        format: "single",
        standfirst: sentences[(i * 17) % sentences.length] ?? "",
        body: paragraphs.join("\n\n"),
        themeIds: [themes[i % themes.length]?.id as number, themes[(i * 3 + 1) % themes.length]?.id as number],
        seriesId: null,
        seriesPosition: null,
        credit: { kind: "pseudonym", name: `Contributeur ${i + 1}`, age: null },
        contentNotes: [],
        coverImageId: null,
        coverAlt: "",
        isFeatured: false,
        status: "published",
        publishedAt: new Date(start + i * 3_600_000).toISOString(),
      });
    }
    const { notReleased } = await importStories(deps, batch, { perTransaction: STORIES_PER_TRANSACTION });
    if (notReleased.length > 0) throw new DemoContentError(`témoignage généré refusé : ${JSON.stringify(notReleased[0]?.reasons)}`);
    onProgress?.(Math.min(count, done + BATCH));
  }
}
