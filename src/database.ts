import type { Kysely, Transaction } from "kysely";
import type { AccountTables } from "./accounts/account.tables.js";
import type { ContactTables } from "./contact/contact.tables.js";
import type { ImageTables } from "./media/image.tables.js";
import type { ImportTables } from "./import/wordpress.tables.js";
import type { NewsletterTables } from "./newsletter/subscriber.tables.js";
import type { PageTables } from "./pages/page.tables.js";
import type { ContentVersionTables } from "./platform/cache/content-version.js";
import type { SettingsTables } from "./platform/db/settings.js";
import type { SharedCounterTables } from "./platform/db/shared-counters.js";
import type { JobTables } from "./platform/jobs/job.tables.js";
import type { EpisodeTables } from "./podcasts/episode.tables.js";
import type { ReadershipTables } from "./readership/readership.tables.js";
import type { SearchTables } from "./search/search.tables.js";
import type { WorkingCopySearchTables } from "./stories/working-copy-search.tables.js";
import type { SiteSettingsTables } from "./settings/site-settings.tables.js";
import type { StoryTables } from "./stories/story.tables.js";
import type { SubmissionTables } from "./submissions/submission.tables.js";

/** The whole schema: each feature owns its tables and declares them beside its store. */
export interface Database extends SharedCounterTables, AccountTables, StoryTables, ImageTables, PageTables, SettingsTables, ContentVersionTables, SubmissionTables, ContactTables, JobTables, EpisodeTables, ImportTables, SearchTables, WorkingCopySearchTables, ReadershipTables, NewsletterTables, SiteSettingsTables {}

/** What every store function takes first: the database or a transaction. */
export type Queryable = Kysely<Database> | Transaction<Database>;
export type Db = Kysely<Database>;
