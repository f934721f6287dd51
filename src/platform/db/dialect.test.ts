import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "./connection.js";
import { type AnyDb, foldedContains, foldText } from "./dialect.js";
import { migrateToLatest } from "./migrator.js";
import { migrations } from "../../schema/migrations.js";
import { ensureSetting, readSetting, writeSetting } from "./settings.js";

describe.each(DIALECTS)("database machinery on %s", (dialect) => {
  let handle: DatabaseHandle<Record<string, never>>;
  let db: AnyDb;

  beforeAll(async () => {
    handle = dialect === "postgres" ? openPostgres(await createPostgresDatabase()) : openSqlite(":memory:");
    db = handle.db as unknown as AnyDb;
    await migrateToLatest(handle.db as never, migrations);
  });
  afterAll(() => handle.close());

  it("applies the migrations once, and again finds nothing to do", async () => {
    expect(await migrateToLatest(handle.db as never, migrations)).toEqual([]);
    const tables = ["users", "sessions", "stories", "story_revisions", "themes", "series", "pages", "images", "settings"];
    for (const table of tables) await expect(db.selectFrom(table).selectAll().limit(1).execute()).resolves.toBeDefined();
  });

  it("matches titles without regard to case or French accents", async () => {
    const now = new Date().toISOString();
    for (const title of ["École et psychiatrie", "Cœur à l'ouvrage", "Une ÉTÉ différent", "Rien à voir"]) {
      await db.insertInto("stories").values({ slug: foldText(title).replace(/[^a-z]+/g, "-"), kind: "article", title, status: "draft", credit_kind: "anonymous", created_at: now, updated_at: now }).execute();
    }
    const find = async (needle: string) =>
      (await db.selectFrom("stories").select("title").where(foldedContains("stories.title", needle)).orderBy("title").execute()).map((r) => r.title);
    expect(await find("ecole")).toEqual(["École et psychiatrie"]);
    expect(await find("COEUR")).toEqual(["Cœur à l'ouvrage"]);
    expect(await find("été")).toEqual(["Une ÉTÉ différent"]);
    expect(await find("100%")).toEqual([]);
    expect(await find("_")).toEqual([]);
  });

  it("keeps the first value of a setting written concurrently, and overwrites on purpose", async () => {
    const values = await Promise.all(["a", "b", "c"].map((v) => ensureSetting(db, "shared_secret", v)));
    expect(new Set(values).size).toBe(1);
    await writeSetting(db, "shared_secret", "z");
    expect(await readSetting(db, "shared_secret")).toBe("z");
  });

  it("enforces foreign keys: a theme link to a missing story is refused", async () => {
    await expect(db.insertInto("story_themes").values({ story_id: 999_999, theme_id: 999_999 }).execute()).rejects.toThrow();
  });
});

describe("SQLite settings", () => {
  it("runs in WAL mode with full synchronous commits, foreign keys and secure delete", () => {
    const handle = openSqlite<Record<string, never>>(":memory:");
    const sqlite = handle.sqlite;
    expect(sqlite?.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite?.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite?.pragma("secure_delete", { simple: true })).toBe(1);
    void handle.close();
  });
});
