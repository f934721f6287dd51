import type { Queryable } from "../database.js";

/** The safe-messaging checklist signatures (the checklist itself: safety/safe-messaging-checklist.ts). */

/** What a trusted import (the demo seed) records instead of ticked items: shown as such, never hidden. */
export const IMPORT_SIGNATURE = "import";

export async function insertSafetyCheck(db: Queryable, c: { storyId: number; fingerprint: string; items: string[]; signedBy: number | null; now: string }): Promise<void> {
  await db
    .insertInto("story_safety_checks")
    .values({ story_id: c.storyId, fingerprint: c.fingerprint, items: c.items.join(","), signed_by: c.signedBy, signed_at: c.now })
    .execute();
}

export async function findLatestSafetyCheck(db: Queryable, storyId: number): Promise<{ fingerprint: string; signedAt: string; signedBy: string | null } | null> {
  const row = await db
    .selectFrom("story_safety_checks")
    .leftJoin("users", "users.id", "story_safety_checks.signed_by")
    .select(["story_safety_checks.fingerprint", "story_safety_checks.signed_at", "users.display_name"])
    .where("story_safety_checks.story_id", "=", storyId)
    .orderBy("story_safety_checks.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { fingerprint: row.fingerprint, signedAt: row.signed_at, signedBy: row.display_name } : null;
}

/** A signature for exactly this version, if any: a signature stays valid for the words it was given for. */
export async function findSafetyCheckFor(db: Queryable, storyId: number, fingerprint: string): Promise<{ signedAt: string; signedBy: string | null; byImport: boolean } | null> {
  const row = await db
    .selectFrom("story_safety_checks")
    .leftJoin("users", "users.id", "story_safety_checks.signed_by")
    .select(["story_safety_checks.signed_at", "story_safety_checks.items", "users.display_name"])
    .where("story_safety_checks.story_id", "=", storyId)
    .where("story_safety_checks.fingerprint", "=", fingerprint)
    .orderBy("story_safety_checks.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { signedAt: row.signed_at, signedBy: row.display_name, byImport: row.items === IMPORT_SIGNATURE } : null;
}

/** Public stories whose released version carries an import's signature and no editor's. */
export async function listPublishedSignedByImportOnly(db: Queryable): Promise<Array<{ id: number; title: string }>> {
  const rows = await db
    .selectFrom("published_stories")
    .innerJoin("story_safety_checks as byImport", (j) =>
      j.onRef("byImport.story_id", "=", "published_stories.story_id").onRef("byImport.fingerprint", "=", "published_stories.fingerprint").on("byImport.items", "=", IMPORT_SIGNATURE),
    )
    .select(["published_stories.story_id", "published_stories.title"])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("story_safety_checks as byEditor")
            .select("byEditor.id")
            .whereRef("byEditor.story_id", "=", "published_stories.story_id")
            .whereRef("byEditor.fingerprint", "=", "published_stories.fingerprint")
            .where("byEditor.items", "!=", IMPORT_SIGNATURE),
        ),
      ),
    )
    .groupBy(["published_stories.story_id", "published_stories.title"])
    .orderBy("published_stories.story_id")
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.story_id, title: r.title }));
}
