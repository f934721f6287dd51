import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import * as foundation from "./migrations/2026-11-25-foundation.js";
import * as participation from "./migrations/2026-11-26-participation.js";
import * as safetyChecks from "./migrations/2026-11-27-safety-checks.js";
import * as audio from "./migrations/2026-12-02-audio.js";
import * as contributionAudio from "./migrations/2026-12-03-contribution-audio.js";
import * as followUp from "./migrations/2026-12-04-follow-up.js";
import * as followUpAndLockout from "./migrations/2026-12-04-follow-up-and-lockout.js";
import * as followUpBackfill from "./migrations/2026-12-04-follow-up-backfill.js";
import * as publishedVersions from "./migrations/2026-12-04-published-versions.js";
import * as wordpressImport from "./migrations/2026-12-05-wordpress-import.js";
import * as contentVersion from "./migrations/2026-12-06-content-version.js";
import * as publishedStoryBodies from "./migrations/2026-12-06-published-story-bodies.js";
import * as publishedStoryBodiesData from "./migrations/2026-12-06-published-story-bodies-data.js";
import * as publishedStoryNarrow from "./migrations/2026-12-06-published-story-narrow.js";
import * as search from "./migrations/2026-12-06-search.js";
import * as storyReads from "./migrations/2026-12-07-story-reads.js";
import * as newsletter from "./migrations/2026-12-08-newsletter.js";
import * as newsletterSchedule from "./migrations/2026-12-09-newsletter-schedule.js";
import * as mailJobs from "./migrations/2026-12-09-mail-jobs.js";
import * as sharedCounters from "./migrations/2026-12-10-shared-counters.js";
import * as siteSettings from "./migrations/2026-12-09-site-settings.js";
import * as mediaLibrary from "./migrations/2026-12-09-media-library.js";
import * as editorialSearch from "./migrations/2026-12-11-editorial-search.js";

// Listed explicitly, in order: no discovery from disk, so the build and the tests see the same set.
export const migrations: Record<string, Migration> = {
  "2026-11-25-foundation": foundation,
  "2026-11-26-participation": participation,
  "2026-11-27-safety-checks": safetyChecks,
  "2026-12-02-audio": audio,
  "2026-12-03-contribution-audio": contributionAudio,
  "2026-12-04-follow-up": followUp,
  "2026-12-04-follow-up-and-lockout": followUpAndLockout,
  "2026-12-04-follow-up-backfill": followUpBackfill,
  "2026-12-04-published-versions": publishedVersions,
  "2026-12-05-wordpress-import": wordpressImport,
  "2026-12-06-content-version": contentVersion,
  "2026-12-06-published-story-bodies": publishedStoryBodies,
  "2026-12-06-published-story-bodies-data": publishedStoryBodiesData,
  "2026-12-06-published-story-narrow": publishedStoryNarrow,
  "2026-12-06-search": search,
  "2026-12-07-story-reads": storyReads,
  "2026-12-08-newsletter": newsletter,
  "2026-12-09-newsletter-schedule": newsletterSchedule,
  "2026-12-09-mail-jobs": mailJobs,
  "2026-12-10-shared-counters": sharedCounters,
  "2026-12-09-site-settings": siteSettings,
  "2026-12-09-media-library": mediaLibrary,
  "2026-12-11-editorial-search": editorialSearch,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationError extends Error {}

/** Brings the schema to the latest version; returns the names of the migrations applied now. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new MigrationError(`La migration ${failed} a échoué : ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
