import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Queryable } from "../database.js";
import { type Chapter, readStoredChapters } from "./chapters.js";
import type { EpisodeRow } from "./episode.tables.js";

export type TranscriptFormat = "vtt" | "text";

export type Episode = {
  storyId: number;
  guid: string;
  season: number | null;
  number: number | null;
  audioKey: string | null;
  audioBytes: number | null;
  durationMs: number | null;
  transcript: string;
  transcriptFormat: TranscriptFormat;
  chapters: Chapter[];
  updatedAt: string;
};

function toEpisode(row: EpisodeRow): Episode {
  return {
    storyId: row.story_id,
    guid: row.guid,
    season: row.season,
    number: row.number,
    audioKey: row.audio_key,
    audioBytes: row.audio_bytes,
    durationMs: row.duration_ms,
    transcript: row.transcript,
    transcriptFormat: row.transcript_format === "vtt" ? "vtt" : "text",
    chapters: readStoredChapters(row.chapters),
    updatedAt: row.updated_at,
  };
}

export async function findEpisode(db: Queryable, storyId: number): Promise<Episode | null> {
  const row = await db.selectFrom("episodes").selectAll().where("story_id", "=", storyId).executeTakeFirst();
  return row ? toEpisode(row) : null;
}

export async function findEpisodes(db: Queryable, storyIds: number[]): Promise<Episode[]> {
  if (storyIds.length === 0) return [];
  const rows = await db.selectFrom("episodes").selectAll().where("story_id", "in", storyIds).execute();
  return rows.map(toEpisode);
}

export async function findEpisodeByAudioKey(db: Queryable, audioKey: string): Promise<Episode | null> {
  const row = await db.selectFrom("episodes").selectAll().where("audio_key", "=", audioKey).executeTakeFirst();
  return row ? toEpisode(row) : null;
}

/** Every episode that has its audio: the feeds pick the published ones among them. */
export async function listEpisodesWithAudio(db: Queryable): Promise<Episode[]> {
  const rows = await db.selectFrom("episodes").selectAll().where("audio_key", "is not", null).execute();
  return rows.map(toEpisode);
}

export async function listAllEpisodes(db: Queryable): Promise<Episode[]> {
  return (await db.selectFrom("episodes").selectAll().orderBy("story_id", "desc").execute()).map(toEpisode);
}

/** The episode row of a story, made with a fresh guid the first time; a guid is never reused. */
export async function ensureEpisode(db: Queryable, storyId: number, now = new Date().toISOString()): Promise<Episode> {
  await db
    .insertInto("episodes")
    .values({ story_id: storyId, guid: randomUUID(), updated_at: now })
    .onConflict((oc) => oc.column("story_id").doNothing())
    .execute();
  return (await findEpisode(db, storyId)) as Episode;
}

export async function setEpisodeAudio(
  db: Queryable,
  storyId: number,
  audio: { audioKey: string; audioBytes: number; durationMs: number },
  now = new Date().toISOString(),
): Promise<Episode> {
  await ensureEpisode(db, storyId, now);
  await db
    .updateTable("episodes")
    .set({ audio_key: audio.audioKey, audio_bytes: audio.audioBytes, duration_ms: audio.durationMs, updated_at: now })
    .where("story_id", "=", storyId)
    .execute();
  return (await findEpisode(db, storyId)) as Episode;
}

export async function clearEpisodeAudio(db: Queryable, storyId: number, now: string): Promise<void> {
  await db.updateTable("episodes").set({ audio_key: null, audio_bytes: null, duration_ms: null, updated_at: now }).where("story_id", "=", storyId).execute();
}

export type EpisodeDetails = { season: number | null; number: number | null; chapters: Chapter[]; transcript: string; transcriptFormat: TranscriptFormat };

export async function saveEpisodeDetails(db: Queryable, storyId: number, details: EpisodeDetails, now: string): Promise<void> {
  await ensureEpisode(db, storyId, now);
  await db
    .updateTable("episodes")
    .set({
      season: details.season,
      number: details.number,
      chapters: JSON.stringify(details.chapters),
      transcript: details.transcript,
      transcript_format: details.transcriptFormat,
      updated_at: now,
    })
    .where("story_id", "=", storyId)
    .execute();
}

/** Adds counted listens; several instances may flush at once, the database adds them up. */
export async function addListens(db: Queryable, rows: Array<{ storyId: number; day: string; count: number }>): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("episode_listens")
    .values(rows.map((r) => ({ story_id: r.storyId, day: r.day, count: r.count })))
    .onConflict((oc) => oc.columns(["story_id", "day"]).doUpdateSet({ count: sql`episode_listens.count + excluded.count` }))
    .execute();
}

export type ListenTotals = { storyId: number; total: number; recent: number };

export async function listenTotals(db: Queryable, sinceDay: string): Promise<ListenTotals[]> {
  const rows = await db
    .selectFrom("episode_listens")
    .select((eb) => [
      "story_id",
      eb.fn.sum<number>("count").as("total"),
      eb.fn.sum<number>(eb.case().when("day", ">=", sinceDay).then(eb.ref("count")).else(0).end()).as("recent"),
    ])
    .groupBy("story_id")
    .execute();
  return rows.map((r) => ({ storyId: r.story_id, total: Number(r.total), recent: Number(r.recent) }));
}

/** Every story's listens per day since a day (for the readership figures). */
export async function listensSince(db: Queryable, sinceDay: string): Promise<Array<{ storyId: number; day: string; count: number }>> {
  const rows = await db.selectFrom("episode_listens").select(["story_id", "day", "count"]).where("day", ">=", sinceDay).execute();
  return rows.map((r) => ({ storyId: r.story_id, day: r.day, count: r.count }));
}

export async function dailyListens(db: Queryable, storyId: number, sinceDay: string): Promise<Array<{ day: string; count: number }>> {
  const rows = await db
    .selectFrom("episode_listens")
    .select(["day", "count"])
    .where("story_id", "=", storyId)
    .where("day", ">=", sinceDay)
    .orderBy("day", "desc")
    .execute();
  return rows.map((r) => ({ day: r.day, count: r.count }));
}

// --- released episodes: what listeners get -------------------------------------------------

/** An episode as released with its story's public version (no updatedAt: it is part of a version). */
export type EpisodePart = Omit<Episode, "storyId" | "updatedAt">;

type PublishedEpisodeRow = Omit<EpisodeRow, "updated_at">;

const toPublishedEpisode = (row: PublishedEpisodeRow): Episode => toEpisode({ ...row, updated_at: "" });

export async function findPublishedEpisode(db: Queryable, storyId: number): Promise<Episode | null> {
  const row = await db.selectFrom("published_episodes").selectAll().where("story_id", "=", storyId).executeTakeFirst();
  return row ? toPublishedEpisode(row) : null;
}

export async function findPublishedEpisodes(db: Queryable, storyIds: number[]): Promise<Episode[]> {
  if (storyIds.length === 0) return [];
  return (await db.selectFrom("published_episodes").selectAll().where("story_id", "in", storyIds).execute()).map(toPublishedEpisode);
}

export async function listPublishedEpisodesWithAudio(db: Queryable): Promise<Episode[]> {
  return (await db.selectFrom("published_episodes").selectAll().where("audio_key", "is not", null).execute()).map(toPublishedEpisode);
}

export async function findPublishedEpisodeByAudioKey(db: Queryable, audioKey: string): Promise<Episode | null> {
  const row = await db.selectFrom("published_episodes").selectAll().where("audio_key", "=", audioKey).executeTakeFirst();
  return row ? toPublishedEpisode(row) : null;
}

export async function writePublishedEpisode(tx: Queryable, storyId: number, part: EpisodePart): Promise<void> {
  await tx.deleteFrom("published_episodes").where("story_id", "=", storyId).execute();
  await tx
    .insertInto("published_episodes")
    .values({
      story_id: storyId,
      guid: part.guid,
      season: part.season,
      number: part.number,
      audio_key: part.audioKey,
      audio_bytes: part.audioBytes,
      duration_ms: part.durationMs,
      transcript: part.transcript,
      transcript_format: part.transcriptFormat,
      chapters: JSON.stringify(part.chapters),
    })
    .execute();
}

export async function deletePublishedEpisode(tx: Queryable, storyId: number): Promise<void> {
  await tx.deleteFrom("published_episodes").where("story_id", "=", storyId).execute();
}

/** Whether an audio file is still named by a working episode, a released one or a scheduled version. */
export async function isAudioKeyInUse(db: Queryable, audioKey: string): Promise<boolean> {
  const [working, released, scheduled] = await Promise.all([
    db.selectFrom("episodes").select("story_id").where("audio_key", "=", audioKey).executeTakeFirst(),
    db.selectFrom("published_episodes").select("story_id").where("audio_key", "=", audioKey).executeTakeFirst(),
    db.selectFrom("stories").select("id").where("scheduled_version", "like", `%${audioKey}%`).executeTakeFirst(),
  ]);
  return working !== undefined || released !== undefined || scheduled !== undefined;
}

/** Every audio key any episode, released episode or scheduled version names (for the sweep of unused files). */
export async function listAudioKeysInUse(db: Queryable): Promise<Set<string>> {
  const [working, released, scheduled] = await Promise.all([
    db.selectFrom("episodes").select("audio_key").where("audio_key", "is not", null).execute(),
    db.selectFrom("published_episodes").select("audio_key").where("audio_key", "is not", null).execute(),
    db.selectFrom("stories").select("scheduled_version").where("scheduled_version", "like", "%audio/%").execute(),
  ]);
  const keys = new Set<string>();
  for (const r of [...working, ...released]) if (r.audio_key) keys.add(r.audio_key);
  for (const r of scheduled) for (const m of (r.scheduled_version ?? "").matchAll(/audio\/[a-f0-9]{24}\.mp3/g)) keys.add(m[0]);
  return keys;
}

/** Forgets a story's episode entirely (its author erased everything); listening counts go with it. */
export async function deleteEpisode(db: Queryable, storyId: number): Promise<void> {
  await db.deleteFrom("published_episodes").where("story_id", "=", storyId).execute();
  await db.deleteFrom("episode_listens").where("story_id", "=", storyId).execute();
  await db.deleteFrom("episodes").where("story_id", "=", storyId).execute();
}
