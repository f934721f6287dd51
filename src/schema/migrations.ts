import type { Migration } from "kysely";
import * as accountLocale from "../accounts/migrations/2026-12-12-account-locale.js";
import * as importMigration from "../import/migrations/2026-12-05-wordpress-import.js";
import * as importFailureCodes from "../import/migrations/2026-12-14-import-failure-codes.js";
import * as mediaLibrary from "../media/migrations/2026-12-09-media-library.js";
import * as newsletter from "../newsletter/migrations/2026-12-08-newsletter.js";
import * as newsletterSchedule from "../newsletter/migrations/2026-12-09-newsletter-schedule.js";
import * as subscriberLocale from "../newsletter/migrations/2026-12-12-subscriber-locale.js";
import * as contentVersion from "../platform/db/migrations/2026-12-06-content-version.js";
import * as mailJobs from "../platform/db/migrations/2026-12-09-mail-jobs.js";
import * as sharedCounters from "../platform/db/migrations/2026-12-10-shared-counters.js";
import * as jobFailureCodes from "../platform/db/migrations/2026-12-13-job-failure-codes.js";
import * as storyReads from "../readership/migrations/2026-12-07-story-reads.js";
import * as search from "../search/migrations/2026-12-06-search.js";
import * as siteSettings from "../settings/migrations/2026-12-09-site-settings.js";
import * as safetyChecks from "../stories/migrations/2026-11-27-safety-checks.js";
import * as publishedVersions from "../stories/migrations/2026-12-04-published-versions.js";
import * as publishedStoryBodies from "../stories/migrations/2026-12-06-published-story-bodies.js";
import * as publishedStoryBodiesData from "../stories/migrations/2026-12-06-published-story-bodies-data.js";
import * as publishedStoryNarrow from "../stories/migrations/2026-12-06-published-story-narrow.js";
import * as editorialSearch from "../stories/migrations/2026-12-11-editorial-search.js";
import * as featuredStoryIndex from "../stories/migrations/2026-12-14-featured-story-index.js";
import * as themeListingIndex from "../stories/migrations/2026-12-15-theme-listing-index.js";
import * as contributionLocale from "../submissions/migrations/2026-12-12-contribution-locale.js";
import * as contributionAudio from "../submissions/migrations/2026-12-03-contribution-audio.js";
import * as followUp from "../submissions/migrations/2026-12-04-follow-up.js";
import * as followUpBackfill from "../submissions/migrations/2026-12-04-follow-up-backfill.js";
import * as foundation from "./2026-11-25-foundation.js";
import * as participation from "./2026-11-26-participation.js";
import * as audio from "./2026-12-02-audio.js";
import * as followUpAndLockout from "./2026-12-04-follow-up-and-lockout.js";

/**
 * Every migration of the application, in the order they run. Each feature owns its migrations
 * (`<feature>/migrations/`), and platform/ its own machinery's tables (jobs, content version, shared
 * counters). The four in this folder created or changed several features' tables at once; they are
 * applied in existing databases under these names, so they stay whole. Listed explicitly: no
 * discovery from disk, so the build and the tests see the same set.
 */
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
  "2026-12-05-wordpress-import": importMigration,
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
  "2026-12-12-account-locale": accountLocale,
  "2026-12-12-contribution-locale": contributionLocale,
  "2026-12-12-subscriber-locale": subscriberLocale,
  "2026-12-13-job-failure-codes": jobFailureCodes,
  "2026-12-14-import-failure-codes": importFailureCodes,
  "2026-12-14-featured-story-index": featuredStoryIndex,
  "2026-12-15-theme-listing-index": themeListingIndex,
};
