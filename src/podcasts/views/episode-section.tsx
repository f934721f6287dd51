import type { PageContext } from "../../platform/html/page-context.js";
import type { EpisodeSectionView } from "../podcast.present.js";

/**
 * The episode on its story page: the browser's own audio player, chapters and downloads,
 * complete without JavaScript; the show notes (the story's text) follow, then the transcript
 * (EpisodeTranscript), so the notes are not buried under the whole conversation. assets/podcast-player.js adds speed, ±15 s, chapter
 * jumps and the highlighted cue; its button labels come from the data attributes below.
 */
export function EpisodeSection({ ctx, view }: { ctx: PageContext; view: EpisodeSectionView }) {
  const { t } = ctx;
  return (
    <section class="episode" aria-labelledby="episode-titre" lang={ctx.locale} data-episode>
      <h2 id="episode-titre">{t("episode.listen")}</h2>
      {view.audioUrl && (
        <section
          class="podcast-player"
          aria-label={t("episode.player")}
          data-podcast-player
          data-label-speed={t("episode.speed")}
          data-label-back={t("episode.back15")}
          data-label-forward={t("episode.forward15")}
          data-label-follow={t("episode.follow")}
          data-label-go={t("episode.goTo", { time: "{time}" })}
        >
          {/* biome-ignore lint/a11y/useMediaCaption: the whole transcript follows on the page; a timed one is also attached as a track when there is one */}
          <audio controls preload="metadata" src={view.audioUrl}>
            {view.downloads.vtt && <track kind="captions" src={view.downloads.vtt} srclang="fr" label={t("episode.transcript")} />}
            <a href={view.audioUrl}>{t("episode.noAudioElement")}</a>
          </audio>
          {view.duration && <p class="episode-meta">{t("episode.duration", { duration: view.duration })}</p>}
          <p class="player-shortcuts hint" hidden data-player-shortcuts>
            {t("episode.shortcuts")}
          </p>
        </section>
      )}
      {view.chapters.length > 0 && (
        <section class="episode-chapters" aria-labelledby="chapitres-titre">
          <h3 id="chapitres-titre">{t("episode.chapters")}</h3>
          <ol class="chapters" data-chapters lang="fr">
            {view.chapters.map((c) => (
              <li key={c.start} data-start={c.start}>
                <span class="chapter-time">{c.clock}</span> <span class="chapter-title">{c.title}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section class="episode-downloads" aria-labelledby="telecharger-titre">
        <h3 id="telecharger-titre">{t("episode.downloads")}</h3>
        <ul>
          {view.downloads.audio && view.size && (
            <li>
              <a href={view.downloads.audio} download type="audio/mpeg">
                {t("episode.downloadAudio", { size: view.size })}
              </a>
            </li>
          )}
          {view.downloads.vtt && (
            <li>
              <a href={view.downloads.vtt} type="text/vtt">
                {t("episode.downloadVtt")}
              </a>
            </li>
          )}
          {view.downloads.text && (
            <li>
              <a href={view.downloads.text} type="text/plain">
                {t("episode.downloadText")}
              </a>
            </li>
          )}
          {view.downloads.chapters && (
            <li>
              <a href={view.downloads.chapters} type="application/json">
                {t("episode.downloadChapters")}
              </a>
            </li>
          )}
          <li>
            <a href="/podcast.xml" type="application/rss+xml">
              {t("episode.subscribe")}
            </a>
          </li>
        </ul>
      </section>
    </section>
  );
}

/** The episode's whole transcript, after the show notes; assets/podcast-player.js marks the cue being heard. */
export function EpisodeTranscript({ ctx, view }: { ctx: PageContext; view: EpisodeSectionView }) {
  const { t } = ctx;
  if (!view.transcript) return null;
  return (
    <section class="episode-transcript" aria-labelledby="transcription-titre" lang={ctx.locale}>
      <h2 id="transcription-titre">{t("episode.transcript")}</h2>
      <p class="hint">{t("episode.transcriptLang")}</p>
      <div class="transcript" lang="fr" data-transcript>
        {view.transcript.kind === "cues"
          ? view.transcript.cues.map((c, i) => (
              <p class="cue" key={i} data-start={c.start} data-end={c.end}>
                <span class="cue-time">{c.clock}</span> {c.speaker && <strong class="cue-speaker">{c.speaker} : </strong>}
                {c.text}
              </p>
            ))
          : view.transcript.paragraphs.map((p, i) => <p key={i}>{p}</p>)}
      </div>
    </section>
  );
}
