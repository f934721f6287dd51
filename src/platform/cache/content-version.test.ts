import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../db/connection.js";
import { migrateToLatest } from "../db/migrator.js";
import { migrations } from "../../schema/migrations.js";
import { type ContentVersion, LISTENER_APPLICATION_NAME, markContentChanged, openContentVersion } from "./content-version.js";

describe.each(DIALECTS)("the content version on %s", (dialect) => {
  let dir: string;
  let open: () => DatabaseHandle<unknown>;
  /** This process (or instance), which serves pages and writes content. */
  let here: DatabaseHandle<unknown>;
  let version: ContentVersion;
  /** Another process (SQLite: the command line) or instance (PostgreSQL) on the same database. */
  let there: DatabaseHandle<unknown>;
  let thereVersion: ContentVersion;

  const change = (handle: DatabaseHandle<unknown>, after?: () => void) =>
    handle.db.transaction().execute(async (tx) => {
      await markContentChanged(tx, new Date().toISOString());
      after?.();
    });
  const rowToken = async () => (await sql<{ token: string }>`select token from content_version where id = 1`.execute(here.db)).rows[0]?.token;
  const listening = () => vi.waitFor(() => expect(version.known()).not.toBeNull());

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-content-version-"));
    const url = dialect === "postgres" ? await createPostgresDatabase() : "";
    open = () => (dialect === "postgres" ? openPostgres<unknown>(url) : openSqlite<unknown>(path.join(dir, "test.sqlite")));
    here = open();
    await migrateToLatest(here.db as never, migrations);
    there = open();
    version = openContentVersion(here);
    thereVersion = openContentVersion(there);
    await listening();
    await vi.waitFor(() => expect(thereVersion.known()).not.toBeNull());
  });
  afterAll(async () => {
    await version.close();
    await thereVersion.close();
    await there.close();
    await here.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is known without waiting, and is what the row says", async () => {
    const known = version.known();
    expect(known).not.toBeInstanceOf(Promise);
    expect(known?.token).toBe(await rowToken());
  });

  it("changes for the process that committed the change as soon as its commit returns", async () => {
    const before = version.known()?.token;
    await change(here);
    expect(version.known()?.token).not.toBe(before);
    expect(version.known()?.token).toBe(await rowToken());
  });

  it("does not change when the transaction rolls back, here or anywhere else", async () => {
    const before = version.known()?.token;
    // The other instance first hears the last commit (PostgreSQL: its notification may still be on its way).
    await vi.waitFor(() => expect(thereVersion.known()?.token).toBe(before));
    await expect(
      change(here, () => {
        throw new Error("la transaction échoue après avoir marqué le changement");
      }),
    ).rejects.toThrow("échoue");
    expect(version.known()?.token).toBe(before);
    expect(await rowToken()).toBe(before);
    // Long enough for a notification sent at a commit to arrive, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await thereVersion.read()).token).toBe(before);
  });

  it("learns of a change committed by another process or instance, then knows it without a query", async () => {
    const before = version.known()?.token;
    await change(there);
    // SQLite: at once (data_version moved); PostgreSQL: when the notification arrives, an instant after the commit.
    await vi.waitFor(() => expect(version.known()?.token).not.toBe(before));
    expect(version.known()?.token).toBe(await rowToken());
  });

  it("is marked once however many changes one transaction makes", async () => {
    await here.db.transaction().execute(async (tx) => {
      await markContentChanged(tx, "2030-01-01T00:00:00.000Z");
      await markContentChanged(tx, "2030-01-02T00:00:00.000Z");
    });
    expect(version.known()?.changedAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("takes a transaction, never the database itself", async () => {
    // @ts-expect-error: the database is not a transaction, so a change could commit without its mark.
    await expect(markContentChanged(here.db, new Date().toISOString())).rejects.toThrow("transaction");
  });
});

describe("the content version on postgres, when its listening connection is cut", () => {
  let here: DatabaseHandle<unknown>;
  let there: DatabaseHandle<unknown>;
  let version: ContentVersion;
  const change = (handle: DatabaseHandle<unknown>) => handle.db.transaction().execute((tx) => markContentChanged(tx, new Date().toISOString()));
  const listening = () => vi.waitFor(() => expect(version.known()).not.toBeNull());

  beforeAll(async () => {
    const url = await createPostgresDatabase();
    here = openPostgres<unknown>(url);
    await migrateToLatest(here.db as never, migrations);
    there = openPostgres<unknown>(url);
    version = openContentVersion(here);
    await listening();
  });
  afterAll(async () => {
    await version.close();
    await there.close();
    await here.close();
  });

  it("reads the version again when its listening connection comes back, so a notification lost meanwhile costs nothing", async () => {
    // A change whose notification never comes (written without NOTIFY), then the listening connection cut.
    await here.db.transaction().execute((tx) => sql`update content_version set token = 'sans-notification' where id = 1`.execute(tx));
    expect(version.known()?.token).not.toBe("sans-notification");
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()`.execute(there.db);
    // While it cannot hear, it says it does not know, and a reader reads the row.
    await vi.waitFor(() => expect(version.known()).toBeNull());
    expect((await version.read()).token).toBe("sans-notification");
    await listening();
    expect(version.known()?.token).toBe("sans-notification");
    // Listening again: the next change is heard.
    await change(there);
    await vi.waitFor(() => expect(version.known()?.token).not.toBe("sans-notification"));
  });
});
