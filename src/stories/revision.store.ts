import type { Queryable } from "../database.js";
import type { RevisionOrigin } from "./story.js";


export type RevisionEntry = { id: number; storyId: number; userId: number | null; authorName: string | null; origin: RevisionOrigin; createdAt: string; snapshot: string };

export async function insertRevision(db: Queryable, r: { storyId: number; userId: number | null; origin: RevisionOrigin; createdAt: string; snapshot: string }): Promise<number> {
  const row = await db
    .insertInto("story_revisions")
    .values({ story_id: r.storyId, user_id: r.userId, origin: r.origin, created_at: r.createdAt, snapshot: r.snapshot })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revisions of one story with the name of who saved each. */
function revisionsOf(db: Queryable, storyId: number) {
  return db
    .selectFrom("story_revisions")
    .leftJoin("users", "users.id", "story_revisions.user_id")
    .select(["story_revisions.id", "story_revisions.story_id", "story_revisions.user_id", "story_revisions.origin", "story_revisions.created_at", "story_revisions.snapshot", "users.display_name"])
    .where("story_revisions.story_id", "=", storyId);
}

type Row = { id: number; story_id: number; user_id: number | null; origin: string; created_at: string; snapshot: string; display_name: string | null };

const ORIGINS: readonly string[] = ["editor", "contributor", "import", "system", "scheduler"];

const toEntry = (r: Row): RevisionEntry => ({
  id: r.id,
  storyId: r.story_id,
  userId: r.user_id,
  authorName: r.display_name,
  origin: (ORIGINS.includes(r.origin) ? r.origin : "editor") as RevisionOrigin,
  createdAt: r.created_at,
  snapshot: r.snapshot,
});

export async function listRevisions(db: Queryable, storyId: number): Promise<RevisionEntry[]> {
  return (await revisionsOf(db, storyId).orderBy("story_revisions.id", "desc").execute()).map(toEntry);
}

export async function findRevision(db: Queryable, storyId: number, id: number): Promise<RevisionEntry | null> {
  const row = await revisionsOf(db, storyId).where("story_revisions.id", "=", id).executeTakeFirst();
  return row ? toEntry(row) : null;
}

/** The newest revision of a story: the version an edit must be based on. */
export async function latestRevision(db: Queryable, storyId: number): Promise<RevisionEntry | null> {
  const row = await revisionsOf(db, storyId).orderBy("story_revisions.id", "desc").limit(1).executeTakeFirst();
  return row ? toEntry(row) : null;
}
