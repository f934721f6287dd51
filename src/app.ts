// The whole interface text, installed before any feature is loaded.
import "./messages.js";
import { navigation } from "./navigation.js";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { accountRoutes, SESSION_COOKIE, sessionViewer } from "./accounts/account.routes.js";
import { purgeExpiredSessions } from "./accounts/account.service.js";
import { sharedLoginThrottle } from "./accounts/login-throttle.js";
import type { Config } from "./config.js";
import type { Deps } from "./deps.js";
import { storyAdminRoutes } from "./editorial/story-admin.routes.js";
import { storyListRoutes } from "./editorial/story-lists.routes.js";
import { storyBulkRoutes } from "./editorial/story-bulk.routes.js";
import { taxonomyAdminRoutes } from "./editorial/taxonomy-admin.routes.js";
import { IMAGE_AVIF_JOB, imageAvifJob } from "./media/image-avif.service.js";
import { libraryRoutes } from "./media/library.routes.js";
import { imageVisibility } from "./media/image-visibility.js";
import { mediaRoutes } from "./media/media.routes.js";
import { pageImageUse } from "./pages/page.service.js";
import { pageRoutes } from "./pages/page.routes.js";
import { createPageCache } from "./platform/cache/page-cache.js";
import { createVersionedMemo } from "./platform/cache/versioned-memo.js";
import { ensureSetting } from "./platform/db/settings.js";
import { registerAccessControl } from "./platform/http/access.js";
import { loadAssets, registerAssets } from "./platform/http/assets.js";
import { cookieJar, createSigning, registerCookies } from "./platform/http/cookies.js";
import { closeConnectionsAsTheyGoIdle } from "./platform/http/graceful-close.js";
import { registerCsrf } from "./platform/http/csrf.js";
import { registerErrorPages, registerInputGuard, sendErrorPage, trackBodyPhase } from "./platform/http/errors.js";
import { localeOfHeaders, registerLocale } from "./platform/http/locale.js";
import { registerSecurityHeaders } from "./platform/http/security-headers.js";
import { registerMultipart, sweepStaleUploads } from "./platform/http/uploads.js";
import { type JobHandler, purgeDoneJobs, runDueJobs } from "./platform/jobs/job-queue.js";
import { advisoryLockLeadership, singleProcessLeadership } from "./platform/jobs/leadership.js";
import { type PeriodicTask, startScheduler } from "./platform/jobs/scheduler.js";
import { dailyKey, purgeExpiredCounters } from "./platform/db/shared-counters.js";
import { sharedRateLimitStore } from "./platform/http/shared-rate-limit.js";
import { helpRoutes } from "./safety/help.routes.js";
import { feedRoutes } from "./site/feed.routes.js";
import { siteRoutes } from "./site/site.routes.js";
import { releasedStoryImageUse, storyImageUsages } from "./stories/image-usage.service.js";
import { describeInlineImagesPart, inlineImagesVersionPart } from "./stories/story-images.service.js";
import { publishDueStories } from "./stories/story-status.service.js";
import { storyRoutes } from "./stories/story.routes.js";
import { eraseExpiredContributions } from "./submissions/follow-up/withdrawal.service.js";
import { approvalImagePreview, approvalRoutes } from "./submissions/follow-up/approval.routes.js";
import { adoptLegacyPublications } from "./stories/story-release.service.js";
import { submissionRoutes } from "./submissions/submission.routes.js";
import { followUpRoutes } from "./submissions/follow-up/follow-up.routes.js";
import { receiptRoutes } from "./submissions/receipt.routes.js";
import { RecentReceipts } from "./submissions/receipt-flash.js";
import { contributionDraftRoutes } from "./submissions/follow-up/contribution-draft.routes.js";
import { triageRoutes, urgentContributionsPanel } from "./submissions/triage/triage.routes.js";
import { contributionAudioRoutes } from "./submissions/audio/contribution-audio.routes.js";
import { AUDIO_JOB, contributionAudioJob, dropStaleDraftSources, sweepOrphanAudio } from "./submissions/audio/contribution-audio.service.js";
import { callRoutes } from "./submissions/calls/call.routes.js";
import { callBoundaryWatcher } from "./submissions/calls/call.service.js";
import { approvalGuard, publicationMail } from "./submissions/follow-up/approval.service.js";
import { contactRoutes } from "./contact/contact.routes.js";
import { eraseOldContactMessages } from "./contact/contact.service.js";
import { MAIL_JOB, mailJob } from "./platform/mail/outbox.js";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { episodeVersionPart, podcastGuard, sweepUnusedEpisodeAudio } from "./podcasts/episode.service.js";
import { createListenCounter } from "./podcasts/listen-counter.js";
import { flushListens } from "./podcasts/podcast.service.js";
import { describeVersionPart, episodeSectionFor, episodeSectionOfVersion, podcastRoutes } from "./podcasts/podcast.routes.js";
import { podcastAdminRoutes } from "./podcasts/podcast-admin.routes.js";
import { EPISODE_AUDIO_JOB, episodeAudioJob } from "./podcasts/episode-audio.service.js";
import { QUERY_FORMS } from "./import/legacy-address.js";
import { importedStoryPublished, legacyAddressFallback, legacyQueryAnswer } from "./import/legacy-address.service.js";
import { WORDPRESS_IMPORT_JOB, wordpressImportJob } from "./import/import-run.service.js";
import { importRoutes } from "./import/wordpress-import.routes.js";
import { searchRoutes } from "./search/search.routes.js";
import { readershipRoutes, registerReadCounting } from "./readership/readership.routes.js";
import { flushReads, type ReadCounter } from "./readership/readership.service.js";
import { indexUnindexedStories, searchIndexListener } from "./search/search.service.js";
import { indexUnindexedWorkingCopies } from "./stories/working-copy-search.service.js";
import { subscriptionRoutes } from "./newsletter/subscription.routes.js";
import { erasePendingSubscribers } from "./newsletter/subscription.service.js";
import { issueAdminRoutes } from "./newsletter/issue-admin.routes.js";
import { NEWSLETTER_SEND_JOB, newsletterSendJob, sendDueIssues } from "./newsletter/issue.service.js";
import { sendDigestIfDue } from "./newsletter/digest.service.js";
import { openSiteIdentityCache } from "./settings/site-identity-cache.js";
import { siteImageUse } from "./settings/site-identity.js";
import { settingsRoutes } from "./settings/settings.routes.js";

export type App = FastifyInstance & { runScheduledTasks(): Promise<void> };

/** Readable lines of every feature's part of a version, for comparisons and approvals. */
const describeParts = (t: Parameters<typeof describeVersionPart>[0], name: string, value: unknown) => [...describeVersionPart(t, name, value), ...describeInlineImagesPart(name, value)];

/**
 * What every path that writes stories must know, the app and the command line alike (the demo
 * seed, imports): the guards a version passes to go public, the listeners told of status changes
 * in the same transaction, and the parts other features add to a version.
 */
export function publicationRules(config: Pick<Config, "baseUrl">) {
  return {
    publicationGuards: [approvalGuard(), podcastGuard()],
    statusListeners: [publicationMail({ baseUrl: config.baseUrl }), importedStoryPublished()],
    versionParts: [episodeVersionPart(), inlineImagesVersionPart()],
    // The search index follows what is public, in the release door's transaction.
    releaseListeners: [searchIndexListener()],
  };
}

/** Builds the whole application: platform machinery first, then every feature, in order. */
export async function buildApp(config: Config, deps: Deps): Promise<App> {
  const { db } = deps.database;
  // Secrets shared by every instance, made once on first start.
  const signingSecret = await ensureSetting(db, "signing_secret", randomBytes(32).toString("base64url"));
  const signing = createSigning(signingSecret);
  const cookies = cookieJar({ secure: config.secureCookies, signing });
  // A cached page is public and the same for everyone: a hit is answered before Fastify sees the request.
  const pageCache = createPageCache({
    enabled: config.pageCache,
    version: deps.contentVersion,
    localeOf: localeOfHeaders(cookies),
    trustProxy: config.trustProxy,
    // The request log's line, as the hook below writes it for every other request (no request id: Fastify makes those).
    logHit: deps.log.isLevelEnabled("info") ? (line) => deps.log.info(line, "requête") : undefined,
  });
  const app: FastifyInstance = Fastify({
    serverFactory: pageCache.serverFactory,
    loggerInstance: deps.log as FastifyBaseLogger,
    // Request logs come from our own hook, which records no IP address or user agent.
    logController: new LogController({ disableRequestLogging: true }),
    // One trusted hop: the address the reverse proxy itself appended, never one a client wrote.
    trustProxy: config.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
  });
  closeConnectionsAsTheyGoIdle(app);
  // The receipt on its way to the page that shows it once is encrypted under a key derived from it (receipt-flash.ts).
  const sealingSecret = signingSecret;
  const receiptSalt = Buffer.from(await ensureSetting(db, "receipt_salt", randomBytes(16).toString("base64url")), "base64url");
  const assets = loadAssets();
  const uploadsDir = path.join(config.dataDir, "private", "uploads");

  // --- platform ---
  // Cookies are parsed when first read (the locale, the access rule and CSRF read them).
  await registerCookies(app, signing);
  registerSecurityHeaders(app, { https: config.secureCookies });
  // The site's name and the rest of its identity, kept in memory and checked against the content version.
  const site = await openSiteIdentityCache(db, deps.contentVersion);
  app.addHook("onRequest", (_req, _reply, done) => {
    const reading = site.refresh();
    if (reading) reading.then(() => done(), done);
    else done();
  });
  registerLocale(app, { baseUrl: config.baseUrl, assetVersion: assets.version, cookies, site: site.current, navigation });
  // An imported site's old addresses are looked up only when no route knows the address.
  registerErrorPages(app, { notFoundFallback: legacyAddressFallback({ db }) });
  // Control characters in the address are refused before the page cache can answer from memory.
  registerInputGuard(app);
  // Other spellings of a cached page's address, hits of requests the front door let through, and keeping pages.
  pageCache.register(app);
  registerAccessControl(app, {
    resolveViewer: sessionViewer({ db, clock: deps.clock }, cookies),
    loginPath: "/admin/connexion",
    renderForbidden: (req, reply) => sendErrorPage(req, reply, 403, "forbidden"),
  });
  if (deps.log.isLevelEnabled("info")) {
    app.addHook("onResponse", (req, reply, done) => {
      req.log.info({ method: req.method, path: req.url.split("?")[0] ?? req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, "requête");
      done();
    });
  }
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  // Large files (audio) stream to a private folder beside the media, so they can be renamed into place.
  await registerMultipart(app, {
    tempDir: uploadsDir,
    refuse: (req, reply, status) => sendErrorPage(req, reply, status, status === 413 ? "tooLarge" : "badRequest"),
  });
  trackBodyPhase(app);
  // On PostgreSQL (several instances) the counters are shared through the database, keyed by an
  // HMAC of the address under a daily key; on SQLite (one process) they stay in memory. Either
  // way no address is written anywhere.
  const limitsSecret = deps.database.postgresUrl ? (config.limitsSecret ?? (await ensureSetting(db, "limits_secret", randomBytes(32).toString("base64url")))) : null;
  const limitsStore = limitsSecret ? sharedRateLimitStore({ db, secret: limitsSecret, now: () => deps.clock.now() }) : undefined;
  await app.register(rateLimit, { global: false, store: limitsStore, errorResponseBuilder: () => ({ statusCode: 429, message: "too many requests" }) });
  registerCsrf(app, {
    signing,
    cookies,
    sessionCookie: SESSION_COOKIE,
    rejectForm: (req, reply) => sendErrorPage(req, reply, 403, "forbidden"),
  });
  registerAssets(app, assets);

  // --- features ---
  const memo = createVersionedMemo(deps.contentVersion);
  const readDeps = { db, memo };
  // Readers see released versions only. A version made from a contribution needs its author's
  // approval of that exact version; an episode (a part of its story's version) needs its audio and
  // transcript. Its author hears when it is scheduled or published, in the same transaction.
  const writeDeps = { db, clock: deps.clock, files: deps.files, ...publicationRules(config) };
  // Stories public before versions existed keep their page (copied once, on the first start after the upgrade).
  const adopted = await adoptLegacyPublications(writeDeps, deps.clock.now().toISOString());
  if (adopted > 0) deps.log.info({ stories: adopted }, "témoignages déjà publiés repris comme versions publiées");
  // Listens are counted in memory (no address kept) and written every minute and at close. On
  // PostgreSQL the day's key is shared, and a listener counted by another instance is not counted again.
  const sightingKey = (use: string) => (limitsSecret ? { keyOfDay: (day: string) => dailyKey(limitsSecret, use, day) } : {});
  const listens = createListenCounter(sightingKey("listen"));
  // Reads of story pages, the same way, keyed by the page's address (resolved to the story when written).
  const reads: ReadCounter = createListenCounter<string>(sightingKey("read"));
  registerReadCounting(app, pageCache, reads, () => deps.clock.now());
  const podcastDeps = { ...readDeps, files: deps.files };
  await app.register(siteRoutes, { deps: { ...readDeps, clock: deps.clock }, cookies, legacyQuery: { names: QUERY_FORMS, answer: legacyQueryAnswer({ db }) } });
  await app.register(helpRoutes);
  await app.register(searchRoutes, { deps: readDeps });
  await app.register(feedRoutes, { deps: readDeps });
  await app.register(readershipRoutes, { deps: readDeps, now: () => deps.clock.now() });
  await app.register(storyRoutes, { deps: readDeps, episodeSection: episodeSectionFor(podcastDeps) });
  await app.register(podcastRoutes, { deps: podcastDeps, listens, now: () => deps.clock.now(), mailFrom: config.mailFrom });
  await app.register(pageRoutes, { deps: writeDeps });
  await app.register(libraryRoutes, { deps: { db, clock: deps.clock, files: deps.files, findImageUsages: storyImageUsages } });
  await app.register(accountRoutes, {
    deps: { db, clock: deps.clock, baseUrl: config.baseUrl },
    cookies,
    // Wrong passwords count over every instance on PostgreSQL, under the limits' shared secret.
    throttle: limitsSecret ? sharedLoginThrottle({ db, secret: limitsSecret }) : undefined,
  });
  // Editors see urgent contributions first on the back-office home.
  await app.register(storyListRoutes, { deps: writeDeps, dashboardSections: [urgentContributionsPanel({ db })] });
  await app.register(storyAdminRoutes, { deps: writeDeps, memo, episodePreview: episodeSectionOfVersion, describePart: describeParts });
  await app.register(storyBulkRoutes, { deps: writeDeps });
  await app.register(taxonomyAdminRoutes, { deps: writeDeps });
  const episodeAudioDeps = { ...writeDeps, privateFiles: deps.privateFiles, workDir: deps.workDir };
  await app.register(podcastAdminRoutes, { deps: episodeAudioDeps });
  const submissionDeps = { ...writeDeps, baseUrl: config.baseUrl, receiptSalt, sealingSecret, privateFiles: deps.privateFiles, workDir: deps.workDir };
  // An image is public only while something public shows it; the team sees every image (authors
  // too, through the library picker), and a contributor those of the version awaiting their approval.
  const contributorSeesImage = approvalImagePreview(submissionDeps, cookies);
  await app.register(mediaRoutes, {
    files: deps.files,
    visibility: imageVisibility({ db, memo: createVersionedMemo(deps.contentVersion, 10_000), publicUses: [releasedStoryImageUse, siteImageUse, pageImageUse] }),
    mayPreview: async (req, key) => req.viewer !== null || (await contributorSeesImage(req, key)),
  });
  // Receipts made moments ago, in memory, so a form sent twice can still show the first one's (receipt-flash.ts).
  const recentReceipts = new RecentReceipts(deps.clock);
  await app.register(submissionRoutes, { deps: submissionDeps, cookies, recentReceipts });
  await app.register(followUpRoutes, { deps: submissionDeps, cookies, backupRetentionDays: config.backupRetentionDays });
  await app.register(receiptRoutes, { deps: submissionDeps, cookies, recentReceipts });
  await app.register(contributionDraftRoutes, { deps: submissionDeps, cookies });
  await app.register(approvalRoutes, { deps: { ...submissionDeps, memo }, cookies, episodePreview: episodeSectionOfVersion, describePart: describeParts });
  await app.register(callRoutes, { deps: { ...submissionDeps, memo } });
  await app.register(triageRoutes, { deps: submissionDeps });
  await app.register(contributionAudioRoutes, { deps: submissionDeps, cookies });
  await app.register(contactRoutes, { deps: { db, clock: deps.clock, baseUrl: config.baseUrl, signing } });
  const subscriptionDeps = { db, clock: deps.clock, baseUrl: config.baseUrl };
  await app.register(subscriptionRoutes, { deps: subscriptionDeps });
  const issueDeps = { ...subscriptionDeps, memo, log: deps.log };
  await app.register(issueAdminRoutes, { deps: issueDeps });
  const importDeps = { ...episodeAudioDeps, baseUrl: config.baseUrl, log: deps.log };
  await app.register(importRoutes, { deps: importDeps });
  await app.register(settingsRoutes, { deps: { db, clock: deps.clock, files: deps.files }, site });

  // Slow work (audio processing, imported images' AVIF renditions) runs as durable jobs; each feature brings its handlers.
  const audioDeps = { db, clock: deps.clock, privateFiles: deps.privateFiles, workDir: deps.workDir };
  const jobHandlers: Record<string, JobHandler> = {
    [AUDIO_JOB]: contributionAudioJob(audioDeps),
    [EPISODE_AUDIO_JOB]: episodeAudioJob(episodeAudioDeps),
    [WORDPRESS_IMPORT_JOB]: wordpressImportJob(importDeps),
    [NEWSLETTER_SEND_JOB]: newsletterSendJob(issueDeps),
    [IMAGE_AVIF_JOB]: imageAvifJob({ db, files: deps.files }),
  };
  const jobRunner = { db, log: deps.log, now: () => deps.clock.now(), leaseMs: config.jobLeaseMs };
  // Mail is a job too, run by its own lane of the same runner, so a password reset never waits
  // behind ten minutes of audio; the lane sends everything due, at the SMTP server's pace.
  const mailHandlers: Record<string, JobHandler> = { [MAIL_JOB]: mailJob({ mailer: deps.mailer, log: deps.log }) };
  const tasks: PeriodicTask[] = [
    // One job at a time, leaving the other cores to readers; a backlog of short jobs (an import's
    // thousand AVIF renditions) drains in one run rather than ten jobs per tick.
    { name: "run-jobs", everyMs: 2_000, notAtStart: true, everyInstance: true, run: () => runDueJobs(jobRunner, jobHandlers, 200) },
    { name: "deliver-mail", everyMs: 10_000, everyInstance: true, run: () => runDueJobs(jobRunner, mailHandlers, 10_000) },
    { name: "purge-done-jobs", everyMs: 3_600_000, run: () => purgeDoneJobs(db, deps.clock.now()) },
    { name: "publish-due-stories", everyMs: 15_000, run: () => publishDueStories(writeDeps) },
    { name: "purge-expired-counters", everyMs: 600_000, run: () => purgeExpiredCounters(db, deps.clock.now()) },
    { name: "purge-expired-sessions", everyMs: 3_600_000, run: () => purgeExpiredSessions({ db, clock: deps.clock }) },
    { name: "call-boundaries", everyMs: 60_000, run: callBoundaryWatcher({ db, clock: deps.clock }) },
    // Both safe with several instances on their own: a conditional UPDATE claims each scheduled
    // issue, and a week's row (its primary key) claims each digest.
    { name: "send-scheduled-newsletters", everyMs: 60_000, run: () => sendDueIssues(issueDeps) },
    { name: "send-weekly-digest", everyMs: 60_000, run: () => sendDigestIfDue(issueDeps) },
    { name: "erase-unconfirmed-subscribers", everyMs: 3_600_000, run: () => erasePendingSubscribers(subscriptionDeps) },
    { name: "erase-old-contact-messages", everyMs: 3_600_000, run: () => eraseOldContactMessages({ db, clock: deps.clock }) },
    { name: "erase-expired-contributions", everyMs: 3_600_000, run: () => eraseExpiredContributions(submissionDeps) },
    { name: "sweep-unused-episode-audio", everyMs: 3_600_000, run: () => sweepUnusedEpisodeAudio({ db, files: deps.files, clock: deps.clock }) },
    { name: "sweep-orphan-audio", everyMs: 3_600_000, run: () => sweepOrphanAudio(audioDeps) },
    // An upload untouched for an hour belongs to a request that will never finish.
    { name: "sweep-stale-uploads", everyMs: 3_600_000, run: () => sweepStaleUploads(uploadsDir, deps.clock.now(), 3_600_000) },
    { name: "drop-stale-draft-sources", everyMs: 3_600_000, run: () => dropStaleDraftSources(audioDeps) },
    { name: "flush-episode-listens", everyMs: 60_000, everyInstance: true, run: () => flushListens({ db }, listens) },
    { name: "flush-story-reads", everyMs: 60_000, everyInstance: true, run: () => flushReads({ db }, reads) },
  ];
  // On PostgreSQL, one instance at a time runs the other tasks: the one holding the advisory lock.
  const leadership = deps.database.postgresUrl ? advisoryLockLeadership(deps.database.postgresUrl, deps.log) : singleProcessLeadership();
  const scheduler = startScheduler(tasks, deps.log, leadership);
  app.addHook("onClose", async () => {
    scheduler.stop();
    await leadership.close();
    await flushListens({ db }, listens).catch((err) => deps.log.error({ err }, "écoutes non enregistrées à l'arrêt"));
    await flushReads({ db }, reads).catch((err) => deps.log.error({ err }, "lectures non enregistrées à l'arrêt"));
  });
  await scheduler.runAll({ atStart: true });
  // Stories made before a search index existed are indexed after the upgrade, in the background: on
  // 100,000 stories that takes minutes, during which the site answers (searches find them as they
  // come). Every instance does it (writing an entry twice is harmless); a restart takes up where it stopped.
  const catchUp = new AbortController();
  const caughtUp = (async () => {
    const indexed = await indexUnindexedStories(db, () => deps.clock.now(), catchUp.signal);
    if (indexed > 0) deps.log.info({ stories: indexed }, "témoignages publiés ajoutés à l'index de recherche");
    const indexedForEditors = await indexUnindexedWorkingCopies(db, catchUp.signal);
    if (indexedForEditors > 0) deps.log.info({ stories: indexedForEditors }, "témoignages ajoutés à l'index de recherche de l'équipe");
  })().catch((err) => deps.log.error({ err }, "index de recherche non complété ; repris au prochain démarrage"));
  app.addHook("onClose", async () => {
    catchUp.abort();
    await caughtUp;
  });
  return Object.assign(app, { runScheduledTasks: () => scheduler.runAll() }) as App;
}
