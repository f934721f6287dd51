import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { Viewer } from "../platform/http/access.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, type FormState, formValues, parseForm, translatedForm } from "../platform/http/form.js";
import { AUDIO_ACCEPT, EPISODE_AUDIO_LIMITS } from "../media/audio.js";
import { sendFile } from "../platform/http/file-range.js";
import { diskUploadConfig, uploadedFile } from "../platform/http/uploads.js";
import type { MessageKey, Translate } from "../platform/i18n/translate.js";
import { chaptersToLines, formatClock } from "./chapters.js";
import { acceptEpisodeUpload, type EpisodeAudioDeps, episodeAudioProcessing, retryEpisodeAudio } from "./episode-audio.service.js";
import { EpisodeAudioSection } from "./views/episode-audio-section.js";
import { episodeForEditing, saveEpisode } from "./episode.service.js";
import { episodeForm } from "./episode.schemas.js";
import { dailyFigures, listeningFigures } from "./podcast.service.js";
import { formatSize, presentAudioProcessing, uploadRefusal } from "./podcast.present.js";
import { EpisodeAdminPage, EpisodeListensPage, ListeningFiguresPage } from "./views/episode-admin-pages.js";

type IdParams = { Params: { id: string } };
const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);
const viewerOf = (req: FastifyRequest) => req.viewer as Viewer;
const EDITOR = { access: "editor" } as const;
const FLASH: Record<string, MessageKey> = {
  enregistre: "admin.podcast.saved",
  relance: "admin.podcast.retried",
};

/** The episode upload's limits in words of the page's language. */
function uploadLimits(t: Translate): { size: string; duration: string } {
  const mb = Math.round(EPISODE_AUDIO_LIMITS.maxBytes / (1024 * 1024));
  const minutes = Math.round(EPISODE_AUDIO_LIMITS.maxDurationMs / 60_000);
  const duration = minutes >= 120 ? t("admin.podcast.limit.hours", { hours: Math.round(minutes / 60) }) : t("admin.podcast.limit.minutes", { minutes });
  return { size: t("admin.podcast.limit.size", { mb }), duration };
}

export type PodcastAdminOptions = { deps: EpisodeAudioDeps };

/** What this feature adds to the frames' menus. */
export const podcastNavigation: FeatureNavigation = {
  admin: [{ key: "podcasts", href: "/admin/podcasts", label: "admin.podcasts.nav", position: 100, role: "editor" }],
};

/** Back office: an episode's number, chapters and transcript; listening figures. */
export async function podcastAdminRoutes(app: FastifyInstance, opts: PodcastAdminOptions): Promise<void> {
  const { deps } = opts;

  async function episodePage(req: FastifyRequest, reply: FastifyReply, storyId: number, form: FormState | null, status = 200, flash?: string, audioError?: string) {
    const found = await episodeForEditing(deps, viewerOf(req), storyId);
    if (!found) return reply.callNotFound();
    const { story, episode } = found;
    const { t, locale } = req.pageContext();
    const values = form ?? emptyForm({
      season: episode?.season ? String(episode.season) : "",
      number: episode?.number ? String(episode.number) : "",
      chapters: episode ? chaptersToLines(episode.chapters) : "",
      transcript: episode?.transcript ?? "",
    });
    const audio =
      episode?.audioKey && episode.durationMs !== null && episode.audioBytes !== null
        ? { duration: formatClock(episode.durationMs), size: formatSize(locale, episode.audioBytes), url: `/admin/temoignages/${storyId}/episode/audio.mp3` }
        : null;
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.podcast.pageTitle", { title: story.title }), current: "stories", status, flash },
      h(EpisodeAdminPage, {
        t,
        story: { id: story.id, title: story.title, status: story.status, publicUrl: story.status === "published" ? `/temoignages/${story.slug}` : null },
        form: translatedForm(t, values),
        csrf: req.csrfToken(reply),
        audio,
        guid: episode?.guid ?? null,
        audioSection: h(EpisodeAudioSection, {
          t,
          storyId,
          csrf: req.csrfToken(reply),
          processing: presentAudioProcessing(t, await episodeAudioProcessing(deps, storyId)),
          error: audioError,
          limits: uploadLimits(t),
          accept: AUDIO_ACCEPT,
        }),
      }),
    );
  }

  app.get<IdParams>("/admin/temoignages/:id/episode", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const flash = FLASH[String((req.query as Record<string, unknown>).ok ?? "")];
    return episodePage(req, reply, id, null, 200, flash && req.pageContext().t(flash));
  });

  app.post<IdParams>("/admin/temoignages/:id/episode", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id || !(await episodeForEditing(deps, viewerOf(req), id))) return reply.callNotFound();
    const parsed = parseForm(episodeForm, req.body);
    if (!parsed.ok) return episodePage(req, reply, id, parsed.form, 422);
    const result = await saveEpisode(deps, viewerOf(req), id, parsed.data);
    if (!result.ok) {
      if ("denied" in result) return reply.callNotFound();
      return episodePage(req, reply, id, { values: formValues(req.body), errors: result.errors, errorValues: result.errorValues }, 422);
    }
    return reply.redirect(`/admin/temoignages/${id}/episode?ok=enregistre`, 303);
  });

  app.post<IdParams>("/admin/temoignages/:id/episode/audio", { config: { ...EDITOR, ...diskUploadConfig("audio", EPISODE_AUDIO_LIMITS.maxBytes) } }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const result = await acceptEpisodeUpload(deps, viewerOf(req), id, uploadedFile(req.body, "audio"));
    if (!result.ok) {
      if ("denied" in result) return reply.callNotFound();
      return episodePage(req, reply, id, null, 422, undefined, uploadRefusal(req.pageContext().t, result.error));
    }
    // No "received" flash in the address: the page says so from the job's state, and stops once it is processed.
    return reply.redirect(`/admin/temoignages/${id}/episode`, 303);
  });

  // The processed file as it stands on the working episode, for editors to check before release.
  app.get<IdParams>("/admin/temoignages/:id/episode/audio.mp3", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    const found = id ? await episodeForEditing(deps, viewerOf(req), id) : null;
    const key = found?.episode?.audioKey;
    if (!key) return reply.callNotFound();
    return sendFile(req, reply, deps.files, key, { type: "audio/mpeg", cacheControl: "private, no-store" });
  });

  app.post<IdParams>("/admin/temoignages/:id/episode/audio/reessayer", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id || !(await episodeForEditing(deps, viewerOf(req), id))) return reply.callNotFound();
    const result = await retryEpisodeAudio(deps, viewerOf(req), id);
    if (result.ok) return reply.redirect(`/admin/temoignages/${id}/episode?ok=relance`, 303);
    const { t } = req.pageContext();
    return result.reason === "not_found"
      ? episodePage(req, reply, id, null, 404, t("admin.podcast.retry.notFound"))
      : episodePage(req, reply, id, null, 409, t("admin.podcast.retry.notFailed"));
  });

  app.get("/admin/podcasts", { config: EDITOR }, async (req, reply) => {
    const rows = await listeningFigures(deps, viewerOf(req), deps.clock.now());
    const { t } = req.pageContext();
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.podcast.listens.title"), current: "podcasts" },
      h(ListeningFiguresPage, {
        t,
        rows: rows.map((r) => ({ storyId: r.storyId, title: r.title, status: r.status, duration: r.durationMs === null ? "—" : formatClock(r.durationMs), recent: r.recent, total: r.total })),
      }),
    );
  });

  app.get<IdParams>("/admin/podcasts/:id", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    const figures = id ? await dailyFigures(deps, viewerOf(req), id, deps.clock.now()) : null;
    if (!id || !figures) return reply.callNotFound();
    const { t } = req.pageContext();
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.podcast.listens.pageTitle", { title: figures.title }), current: "podcasts" },
      h(EpisodeListensPage, { t, storyId: id, title: figures.title, days: figures.days }),
    );
  });
}
