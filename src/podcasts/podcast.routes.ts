import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { PageContext } from "../platform/html/page-context.js";
import { sendFile } from "../platform/http/file-range.js";
import { showArtwork } from "./artwork.js";
import { chaptersJson } from "./chapters.js";
import { EPISODE_PART, episodeOfStory, readEpisodePart } from "./episode.service.js";
import type { StoryVersion } from "../stories/story-version.js";
import { frenchOf, type Translate } from "../platform/i18n/translate.js";
import type { ListenCounter } from "./listen-counter.js";
import { type FeedEntry, type PodcastDeps, publishedAudio, publishedEpisodeBySlug, seriesEpisodes, showEpisodes } from "./podcast.service.js";
import { describeEpisode, feedChannel, feedEpisode, presentEpisodeSection } from "./podcast.present.js";
import { parseMailbox, podcastFeedXml } from "./podcast-feed.js";
import { EpisodeSection, EpisodeTranscript } from "./views/episode-section.js";
import { parseVtt, serializeVtt, vttToPlainText } from "./webvtt.js";

const PUBLIC = { access: "public", pageCache: true } as const;
const AUDIO_NAME = /^[a-f0-9]{24}\.mp3$/;

export type PodcastRouteOptions = {
  deps: PodcastDeps;
  listens: ListenCounter;
  now: () => Date;
  /** MAIL_FROM: the feeds' owner, and the address podcast:locked names. */
  mailFrom: string;
};

/** Public side: the audio (with byte ranges), the feeds, their artwork and the transcript downloads. */
export async function podcastRoutes(app: FastifyInstance, opts: PodcastRouteOptions): Promise<void> {
  const { deps } = opts;

  // HEAD is answered here rather than by Fastify's generated route, which would read the whole file to discard it.
  app.route<{ Params: { name: string } }>({ method: ["GET", "HEAD"], url: "/media/audio/:name", exposeHeadRoute: false, config: { access: "public" }, handler: async (req, reply) => {
    const name = req.params.name;
    if (!AUDIO_NAME.test(name)) return reply.callNotFound();
    const audio = await publishedAudio(deps, name);
    if (!audio) return reply.callNotFound();
    return sendFile(req, reply, deps.files, audio.key, {
      type: "audio/mpeg",
      cacheControl: "public, max-age=31536000, immutable",
      etag: `"${name.slice(0, 24)}"`,
      // A listen is a playback started from the beginning; seeking later in the file is not one more.
      onPlaybackStart: () => opts.listens.record(req.ip, audio.storyId, opts.now()),
    });
  } });

  app.get<{ Params: { file: string } }>("/podcast/pochette/:file", { config: { access: "public" } }, async (req, reply) => {
    const artwork = await showArtwork(req.pageContext().site.name);
    if (req.params.file !== artwork.file) return reply.callNotFound();
    return reply.header("cache-control", "public, max-age=31536000, immutable").type("image/jpeg").send(artwork.jpeg);
  });

  async function sendFeed(req: FastifyRequest, reply: FastifyReply, entries: FeedEntry[], channel: { path: string; title: string; description: string; type: "episodic" | "serial"; link: string }) {
    const { baseUrl: base, site } = req.pageContext();
    const artwork = await showArtwork(site.name);
    // MAIL_FROM without a display name: the site's name is the owner's.
    const owner = parseMailbox(opts.mailFrom, site.name);
    const xml = podcastFeedXml(
      feedChannel({ baseUrl: base, ...channel, link: `${base}${channel.link}`, imageFile: artwork.file, owner, author: site.name, entries }),
      entries.map((e) => feedEpisode(base, e, site.name)),
    );
    return reply.type("application/rss+xml; charset=utf-8").send(xml);
  }

  app.get("/podcast.xml", { config: PUBLIC }, async (req, reply) => {
    const { site } = req.pageContext();
    return sendFeed(req, reply, await showEpisodes(deps), {
      path: "/podcast.xml",
      title: `${site.name} – le podcast`,
      description: `${site.tagline ? `${site.tagline}. ` : ""}Des personnes concernées racontent, avec leurs mots, leur chemin de rétablissement. Chaque épisode a sa transcription.`,
      type: "episodic",
      link: "/temoignages?format=podcast",
    });
  });

  app.get<{ Params: { slug: string } }>("/series/:slug/podcast.xml", { config: PUBLIC }, async (req, reply) => {
    const feed = await seriesEpisodes(deps, req.params.slug);
    if (!feed) return reply.callNotFound();
    const { site } = req.pageContext();
    return sendFeed(req, reply, feed.entries, {
      path: `/series/${feed.series.slug}/podcast.xml`,
      title: `${feed.series.title} – ${site.name}`,
      description: feed.series.description || `Une série de podcast ${frenchOf(site.name)}.${site.tagline ? ` ${site.tagline}.` : ""}`,
      type: "serial",
      link: `/series/${feed.series.slug}`,
    });
  });

  app.get<{ Params: { slug: string } }>("/temoignages/:slug/transcription.vtt", { config: PUBLIC }, async (req, reply) => {
    const found = await publishedEpisodeBySlug(deps, req.params.slug);
    if (found?.episode.transcriptFormat !== "vtt" || !found.episode.transcript.trim()) return reply.callNotFound();
    // Re-written from the parsed cues: the file served is always well-formed.
    return reply.type("text/vtt; charset=utf-8").send(serializeVtt(parseVtt(found.episode.transcript)));
  });

  app.get<{ Params: { slug: string } }>("/temoignages/:slug/transcription.txt", { config: PUBLIC }, async (req, reply) => {
    const found = await publishedEpisodeBySlug(deps, req.params.slug);
    const transcript = found?.episode.transcript.trim() ?? "";
    if (!found || !transcript) return reply.callNotFound();
    const text = found.episode.transcriptFormat === "vtt" ? vttToPlainText(parseVtt(transcript)) : `${transcript}\n`;
    return reply.type("text/plain; charset=utf-8").send(`${found.story.title}\n\n${text}`);
  });

  app.get<{ Params: { slug: string } }>("/temoignages/:slug/chapitres.json", { config: PUBLIC }, async (req, reply) => {
    const found = await publishedEpisodeBySlug(deps, req.params.slug);
    if (!found) return reply.callNotFound();
    return reply
      .type("application/json; charset=utf-8")
      .send(chaptersJson(found.episode.chapters, { title: found.story.title, podcastName: `${req.pageContext().site.name} – le podcast` }));
  });
}

/** The episode section a story page shows for a podcast story (null when it has no episode yet). */
export function episodeSectionFor(deps: PodcastDeps) {
  return async (ctx: PageContext, story: { id: number; slug: string; kind: string }) => {
    if (story.kind !== "podcast") return null;
    const view = presentEpisodeSection(ctx, story.slug, await episodeOfStory(deps, story.id));
    if (!view) return null;
    return { node: h(EpisodeSection, { ctx, view }), transcript: h(EpisodeTranscript, { ctx, view }), hasAudio: view.audioUrl !== null };
  };
}

/**
 * The episode section of a version not yet released (the author's approval page), from the
 * version's own episode part, its audio served from `audioUrl` to that author only.
 */
export function episodeSectionOfVersion(ctx: PageContext, version: StoryVersion, audioUrl: string) {
  if (version.kind !== "podcast") return null;
  const part = readEpisodePart(version.parts[EPISODE_PART]);
  if (!part) return null;
  const view = presentEpisodeSection(ctx, version.slug, { ...part, storyId: 0, updatedAt: "" }, { audioUrl });
  if (!view) return null;
  return { node: h(EpisodeSection, { ctx, view }), transcript: h(EpisodeTranscript, { ctx, view }), hasAudio: view.audioUrl !== null };
}

/** Readable lines of an episode part, for the comparison of two versions. */
export function describeVersionPart(t: Translate, name: string, value: unknown) {
  const part = name === EPISODE_PART ? readEpisodePart(value) : null;
  return part ? describeEpisode(t, part) : [];
}
