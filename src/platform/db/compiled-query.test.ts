import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../../test/support/databases.js";
import { migrations } from "../../schema/migrations.js";
import { compiledQuery } from "./compiled-query.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "./connection.js";
import type { AnyDb } from "./dialect.js";
import { migrateToLatest } from "./migrator.js";

const settingValue = compiledQuery<Record<string, { key: string; value: string }>, [key: string], { value: string }>((db, slot) =>
  db.selectFrom("settings").select("value").where("key", "=", slot<string>(0)),
);

describe.each(DIALECTS)("compiled queries on %s", (dialect) => {
  let handle: DatabaseHandle<Record<string, never>>;
  let db: AnyDb;
  const read = async (key: string) => (await settingValue(handle.db as never, key)).map((r) => r.value);

  beforeAll(async () => {
    handle = dialect === "postgres" ? openPostgres(await createPostgresDatabase()) : openSqlite(":memory:");
    db = handle.db as unknown as AnyDb;
    await migrateToLatest(handle.db as never, migrations);
    await db.insertInto("settings").values([{ key: "a", value: "first" }, { key: "b", value: "second" }]).execute();
  });
  afterAll(() => handle.close());

  it("runs the query compiled once with each call's values", async () => {
    expect(await read("a")).toEqual(["first"]);
    expect(await read("b")).toEqual(["second"]);
    expect(await read("missing")).toEqual([]);
  });

  it("never reads what a transaction still open has written, nor what it rolled back", async () => {
    let readDuring: Promise<string[]> | null = null;
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.updateTable("settings").set({ value: "uncommitted" }).where("key", "=", "a").execute();
        // A reader outside the transaction, while it is open (and between two of its statements).
        readDuring = read("a");
        await new Promise((resolve) => setTimeout(resolve, 20));
        await tx.selectFrom("settings").select("value").execute();
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await readDuring).toEqual(["first"]);
    expect(await read("a")).toEqual(["first"]);
  });

  it("sends a write through the driver, in its turn, even when it returns rows", async () => {
    const setting = compiledQuery<Record<string, { key: string; value: string }>, [key: string, value: string], { key: string }>((kdb, slot) =>
      kdb.insertInto("settings").values({ key: slot<string>(0), value: slot<string>(1) }).returning("key"),
    );
    const kdb = handle.db as unknown as { executeQuery: (...args: unknown[]) => unknown };
    const executeQuery = kdb.executeQuery;
    let throughDriver = 0;
    kdb.executeQuery = (...args) => {
      throughDriver++;
      return executeQuery.apply(kdb, args);
    };
    try {
      expect((await setting(handle.db as never, "c", "third")).map((r) => r.key)).toEqual(["c"]);
      expect(throughDriver).toBe(1);
      expect(await read("c")).toEqual(["third"]);
      // A read outside any transaction skips the driver on SQLite only.
      expect(throughDriver).toBe(dialect === "sqlite" ? 1 : 2);
    } finally {
      kdb.executeQuery = executeQuery;
    }
  });

  it("reads what a transaction committed", async () => {
    await db.transaction().execute((tx) => tx.updateTable("settings").set({ value: "changed" }).where("key", "=", "b").execute());
    expect(await read("b")).toEqual(["changed"]);
  });
});
