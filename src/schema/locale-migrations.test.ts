import { type Migration, Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../platform/db/connection.js";
import type { AnyDb } from "../platform/db/dialect.js";
import { migrations } from "./migrations.js";

const FIRST_LOCALE_MIGRATION = "2026-12-12-account-locale";
// The schema as it stood before the mails' languages were kept, built by the migrations themselves
// (those named before the first of them: migrations run in name order, and later ones follow).
const BEFORE: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < FIRST_LOCALE_MIGRATION));
const FROM_LOCALE_ON = Object.keys(migrations).filter((name) => name >= FIRST_LOCALE_MIGRATION).length;

describe.each(DIALECTS)("the mails' language columns on %s", (dialect) => {
  let handle: DatabaseHandle<Record<string, never>>;
  let db: AnyDb;
  const now = "2026-12-12T09:00:00.000Z";

  beforeAll(async () => {
    handle = dialect === "postgres" ? openPostgres(await createPostgresDatabase()) : openSqlite(":memory:");
    db = handle.db as unknown as AnyDb;
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => BEFORE } }).migrateToLatest();
    if (error) throw error;
  });
  afterAll(() => handle.close());

  it("gives French to accounts, contributions and subscribers made before, as their mails were, and can be undone", async () => {
    await db.insertInto("users").values({ email: "e@exemple.fr", display_name: "E", password_hash: "x", role: "editor", created_at: now }).execute();
    const consent = (await db.insertInto("consent_texts").values({ body_md: "C", created_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    await db.insertInto("submissions").values({ receipt_hash: "h", state: "received", format: "text", credit_kind: "anonymous", consent_text_id: consent, created_at: now, updated_at: now }).execute();
    await db.insertInto("newsletter_subscribers").values({ email: "l@exemple.fr", token: "t", confirmed_at: now, requested_at: now }).execute();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    for (const table of ["users", "submissions", "newsletter_subscribers"]) {
      expect((await db.selectFrom(table).select("locale").execute()).map((r) => r.locale)).toEqual(["fr"]);
    }
    for (let i = 0; i < FROM_LOCALE_ON; i++) expect((await migrator.migrateDown()).error).toBeUndefined();
    for (const table of ["users", "submissions", "newsletter_subscribers"]) {
      expect(Object.keys((await db.selectFrom(table).selectAll().executeTakeFirstOrThrow()) as object)).not.toContain("locale");
    }
  });
});
