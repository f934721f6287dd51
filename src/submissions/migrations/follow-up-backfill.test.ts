import { type Migration, Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../../platform/db/connection.js";
import type { AnyDb } from "../../platform/db/dialect.js";
import * as foundation from "../../schema/2026-11-25-foundation.js";
import * as participation from "../../schema/2026-11-26-participation.js";
import * as safetyChecks from "../../stories/migrations/2026-11-27-safety-checks.js";
import * as audio from "../../schema/2026-12-02-audio.js";
import * as contributionAudio from "./2026-12-03-contribution-audio.js";
import * as followUp from "./2026-12-04-follow-up.js";
import * as backfill from "./2026-12-04-follow-up-backfill.js";

// The schema as it stood before the backfill, built by the migrations themselves.
const BEFORE: Record<string, Migration> = {
  "2026-11-25-foundation": foundation,
  "2026-11-26-participation": participation,
  "2026-11-27-safety-checks": safetyChecks,
  "2026-12-02-audio": audio,
  "2026-12-03-contribution-audio": contributionAudio,
  "2026-12-04-follow-up": followUp,
};

describe.each(DIALECTS)("the follow-up backfill on %s", (dialect) => {
  let handle: DatabaseHandle<Record<string, never>>;
  let db: AnyDb;

  beforeAll(async () => {
    handle = dialect === "postgres" ? openPostgres(await createPostgresDatabase()) : openSqlite(":memory:");
    db = handle.db as unknown as AnyDb;
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => BEFORE } }).migrateToLatest();
    if (error) throw error;
  });
  afterAll(() => handle.close());

  it("names an imported first revision and a later accountless one as the contributor's, and keeps new only the messages nobody answered", async () => {
    const now = "2026-12-04T09:00:00.000Z";
    const user = (await db.insertInto("users").values({ email: "e@exemple.fr", display_name: "E", password_hash: "x", role: "editor", created_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    const story = (await db.insertInto("stories").values({ slug: "s", kind: "article", title: "S", status: "draft", credit_kind: "anonymous", created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    const revision = async (userId: number | null) => (await db.insertInto("story_revisions").values({ story_id: story, user_id: userId, created_at: now, snapshot: "{}" }).returning("id").executeTakeFirstOrThrow()).id;
    const [imported, edited, anonymised] = [await revision(null), await revision(user), await revision(null)];
    const consent = (await db.insertInto("consent_texts").values({ body_md: "C", created_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    const submission = async () =>
      (await db.insertInto("submissions").values({ receipt_hash: `h${Math.random()}`, state: "received", format: "text", credit_kind: "anonymous", consent_text_id: consent, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    const message = async (submissionId: number, author: string) =>
      (await db.insertInto("submission_messages").values({ submission_id: submissionId, author, body: "m", created_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    const answered = await submission();
    await message(answered, "contributor");
    const reply = await message(answered, "editor");
    const waiting = await submission();
    await message(waiting, "editor");
    await message(waiting, "contributor");
    const silent = await submission();

    await backfill.up(db);

    const origins = await db.selectFrom("story_revisions").select(["id", "origin"]).orderBy("id").execute();
    expect(origins).toEqual([
      { id: imported, origin: "import" },
      { id: edited, origin: "editor" },
      { id: anonymised, origin: "contributor" },
    ]);
    const read = await db.selectFrom("submissions").select(["id", "messages_read_up_to"]).orderBy("id").execute();
    expect(read.map((r) => [r.id, Number(r.messages_read_up_to)])).toEqual([
      [answered, reply],
      [waiting, 0],
      [silent, 0],
    ]);
  });
});
