import type { Queryable } from "../database.js";
import type { ImageUsage } from "../media/image.js";

const textPattern = (key: string) => `%/media/${key}%`;

/** Released versions whose cover is this image. */
const releasedCoversOf = (db: Queryable, imageId: number) =>
  db.selectFrom("published_stories").select(["story_id as id", "title"]).where("cover_image_id", "=", imageId);

/** Released versions whose text (intro or voices, in the version's JSON) shows this image. */
const releasedTextsOf = (db: Queryable, key: string) =>
  db
    .selectFrom("published_story_bodies")
    .innerJoin("published_stories", "published_stories.story_id", "published_story_bodies.story_id")
    .select(["published_stories.story_id as id", "published_stories.title"])
    .where("published_story_bodies.version", "like", textPattern(key));

/**
 * Every story that shows this image, as a cover or inside its text (the intro or a voice), in its
 * working copy, its scheduled version or its released version. Texts refer to an image by its
 * storage key, a 24-digit hexadecimal name, so a plain substring match finds them.
 */
export async function findImageUsages(db: Queryable, image: { id: number; key: string }): Promise<ImageUsage[]> {
  const inText = textPattern(image.key);
  const [covers, texts, voices, scheduled, releasedCovers, releasedTexts] = await Promise.all([
    db.selectFrom("stories").select(["id", "title"]).where("cover_image_id", "=", image.id).execute(),
    db.selectFrom("stories").select(["id", "title"]).where("body_md", "like", inText).execute(),
    db
      .selectFrom("story_voices")
      .innerJoin("stories", "stories.id", "story_voices.story_id")
      .select(["stories.id", "stories.title"])
      .where("story_voices.body_md", "like", inText)
      .execute(),
    db
      .selectFrom("stories")
      .select(["id", "title", "scheduled_version"])
      .where((eb) => eb.or([eb("scheduled_version", "like", inText), eb("scheduled_version", "like", `%"coverImageId":${image.id},%`)]))
      .execute(),
    releasedCoversOf(db, image.id).execute(),
    releasedTextsOf(db, image.key).execute(),
  ]);
  const usages: ImageUsage[] = [
    ...covers.map((s) => ({ storyId: s.id, title: s.title, as: "cover" as const, in: "working" as const })),
    ...[...texts, ...voices].map((s) => ({ storyId: s.id, title: s.title, as: "inline" as const, in: "working" as const })),
    ...scheduled.map((s) => ({
      storyId: s.id,
      title: s.title,
      as: (s.scheduled_version ?? "").includes(`"coverImageId":${image.id},`) ? ("cover" as const) : ("inline" as const),
      in: "scheduled" as const,
    })),
    ...releasedCovers.map((s) => ({ storyId: s.id, title: s.title, as: "cover" as const, in: "released" as const })),
    ...releasedTexts.map((s) => ({ storyId: s.id, title: s.title, as: "inline" as const, in: "released" as const })),
  ];
  const seen = new Set<string>();
  return usages.filter((u) => {
    const id = `${u.storyId}:${u.as}:${u.in}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Whether a released version shows the image (by storage key) as its cover or in its text: the
 * stories' share of "is this image public?". An unknown key costs one indexed query; only an
 * image of the library is looked for in texts.
 */
export async function isShownByReleasedStory(db: Queryable, key: string): Promise<boolean> {
  const image = await db.selectFrom("images").select("id").where("storage_key", "=", key).executeTakeFirst();
  if (!image) return false;
  if (await releasedCoversOf(db, image.id).limit(1).executeTakeFirst()) return true;
  return (await releasedTextsOf(db, key).limit(1).executeTakeFirst()) !== undefined;
}
