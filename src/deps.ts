import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Config } from "./config.js";
import type { Database } from "./database.js";
import { type ContentVersion, openContentVersion } from "./platform/cache/content-version.js";
import { type Clock, systemClock } from "./platform/clock.js";
import { type DatabaseHandle, openDatabase } from "./platform/db/connection.js";
import { migrateToLatest } from "./platform/db/migrator.js";
import { migrations } from "./schema/migrations.js";
import type { FileStore } from "./platform/files/file-store.js";
import { openFileStores } from "./platform/files/open-file-stores.js";
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
  /** A private local folder for the copies tools need on disk (ffmpeg, zip); emptied at start. */
  workDir: string;
  mailer: Mailer;
  clock: Clock;
  log: Logger;
  /** What cached pages are checked against; only `markContentChanged`, inside a transaction, changes it. */
  contentVersion: ContentVersion;
  close(): Promise<void>;
};

/** `contentVersionRetryMs`: see `ContentVersionOptions.retryFirstMs` (a test holds an instance deaf for longer with it). */
export type DepsOverrides = Partial<Pick<Deps, "clock" | "log" | "mailer">> & { contentVersionRetryMs?: number };

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  // The data folder holds the database, contributors' recordings and uploads: the server's user only.
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(config.dataDir, 0o700);
  const database = openDatabase<Database>(config);
  await migrateToLatest(database.db as never, migrations);
  const stores = openFileStores(config.files, config.dataDir);
  // Copies left by a crash are of no use to anyone: a job that needs one fetches it again.
  const workDir = path.join(config.dataDir, "private", "work");
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true, mode: 0o700 });
  const mailer = overrides.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const contentVersion = openContentVersion(database as DatabaseHandle<unknown>, { log, retryFirstMs: overrides.contentVersionRetryMs });
  return {
    database,
    db: database.db,
    files: stores.files,
    privateFiles: stores.privateFiles,
    workDir,
    mailer,
    clock,
    log,
    contentVersion,
    async close() {
      mailer.close();
      stores.close();
      await contentVersion.close();
      await database.close();
    },
  };
}
