import { Form } from "../../platform/html/forms.js";
import type { MessageKey, Translate } from "../../platform/i18n/translate.js";
import type { AudioProcessingView } from "../podcast.present.js";

const STATE_WORDS: Record<AudioProcessingView["state"], MessageKey> = {
  queued: "admin.podcast.state.queued",
  running: "admin.podcast.state.running",
  done: "admin.podcast.state.done",
  failed: "admin.podcast.state.failed",
};

/** The upload form of an episode's audio and the state of its processing. */
export function EpisodeAudioSection(props: { t: Translate; storyId: number; csrf: string; processing: AudioProcessingView | null; error?: string; limits: { size: string; duration: string }; accept: string }) {
  const { t, processing, storyId } = props;
  const action = `/admin/temoignages/${storyId}/episode/audio`;
  return (
    <>
      {processing && processing.state !== "done" && (
        <div class={processing.state === "failed" ? "callout error" : "callout"} data-processing={processing.state}>
          <p>
            {t("admin.podcast.received", { state: t(STATE_WORDS[processing.state]) })}
            {processing.state === "running" && ` (${processing.percent} %)`}
            {processing.state === "failed" ? "." : t("admin.podcast.thenReplaces")}
            {processing.state !== "failed" && <a href={`/admin/temoignages/${storyId}/episode`}>{t("admin.podcast.refresh")}</a>}
          </p>
          {processing.state === "failed" && (
            <>
              <p>
                {t("admin.podcast.failedAfter", { count: processing.attempts, error: processing.failure ?? "" })}
              </p>
              <Form action={`${action}/reessayer`} csrf={props.csrf}>
                <button type="submit">{t("admin.podcast.retry")}</button>
              </Form>
            </>
          )}
        </div>
      )}
      <Form action={action} csrf={props.csrf} enctype="multipart/form-data" class="audio-upload">
        <div class={props.error ? "field has-error" : "field"}>
          <label for="champ-audio">{processing?.state === "done" || processing === null ? t("admin.podcast.newFile") : t("admin.podcast.replaceFile")}</label>
          <p class="hint" id="champ-audio-aide">
            {t("admin.podcast.audioFormats", props.limits)}
          </p>
          {props.error && (
            <p class="field-error" id="champ-audio-erreur">
              <span class="visually-hidden">{t("form.errorPrefix")}</span>
              {props.error}
            </p>
          )}
          <input
            id="champ-audio"
            name="audio"
            type="file"
            accept={props.accept}
            aria-describedby={props.error ? "champ-audio-aide champ-audio-erreur" : "champ-audio-aide"}
            aria-invalid={props.error ? "true" : undefined}
          />
        </div>
        <button type="submit">{t("admin.podcast.upload")}</button>
      </Form>
    </>
  );
}
