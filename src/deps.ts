import fs from "node:fs";
import type { Kysely } from "kysely";
import type { Config } from "./config.js";
import type { Database } from "./database.js";
import { type ContentVersion, openContentVersion } from "./platform/cache/content-version.js";
import { type Clock, systemClock } from "./platform/clock.js";
import { type DatabaseHandle, openDatabase } from "./platform/db/connection.js";
import { migrateToLatest } from "./platform/db/migrator.js";
import { createFileStore, type FileStore } from "./platform/files/file-store.js";
import { createLogger, type Logger } from "./platform/logger.js";
import { createMailer, type Mailer } from "./platform/mail/mailer.js";

/** The stateful things, created once and handed to the features through buildApp. */
export type Deps = {
  database: DatabaseHandle<Database>;
  /** Shorthand for database.db, so Deps can be handed where a feature asks for `db`. */
  db: Kysely<Database>;
  files: FileStore;
  /** Files nobody may download: contributors' recordings before and after processing. */
  privateFiles: FileStore;
  mailer: Mailer;
  clock: Clock;
  log: Logger;
  /** What cached pages are checked against; only `markContentChanged`, inside a transaction, changes it. */
  contentVersion: ContentVersion;
  close(): Promise<void>;
};

export type DepsOverrides = Partial<Pick<Deps, "clock" | "log" | "mailer">>;

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  // The data folder holds the database, contributors' recordings and uploads: the server's user only.
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(config.dataDir, 0o700);
  const database = openDatabase<Database>(config);
  await migrateToLatest(database.db as never);
  const files = createFileStore(`${config.dataDir}/media`);
  const privateFiles = createFileStore(`${config.dataDir}/private/files`);
  const mailer = overrides.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const contentVersion = openContentVersion(database as DatabaseHandle<unknown>, log);
  return {
    database,
    db: database.db,
    files,
    privateFiles,
    mailer,
    clock,
    log,
    contentVersion,
    async close() {
      mailer.close();
      await contentVersion.close();
      await database.close();
    },
  };
}
