import { ChoiceGroup, Form } from "../../../platform/html/forms.js";
import type { PageContext } from "../../../platform/html/page-context.js";
import type { Translate } from "../../../platform/i18n/translate.js";
import type { AudioView } from "../contribution-audio.present.js";
import { DisguiseExplanation } from "./audio-fields.js";

/**
 * A contributor's recording on /suivi: where its processing stands (in words, with a link to
 * refresh; assets/audio-status.js updates it without reloading), then the processed file to
 * listen to, and while it is a draft, another disguise to choose.
 */
export function AudioFollowUp(props: { ctx: PageContext; csrf: string; audio: AudioView; isDraft: boolean; isAnonymous: boolean }) {
  const { ctx, audio } = props;
  const { t } = ctx;
  const processing = audio.state === "processing";
  const query = new URLSearchParams(ctx.search);
  const notice = query.get("ok") === "deguisement" ? t("audio.follow.changed") : query.get("info") === "deguisement" ? t("audio.follow.changeRefused") : null;
  // Only an anonymous draft may be disguised; anyone may restart a failed processing.
  const levels = props.isAnonymous ? (["none", "light", "strong"] as const) : (["none"] as const);
  const showChange = props.isDraft && audio.canChangeDisguise && (props.isAnonymous || audio.state === "failed");
  return (
    <section aria-labelledby="audio-titre" class="panel audio-follow-up">
      <h2 id="audio-titre">{t("audio.follow.title")}</h2>
      {notice && <p class="flash">{notice}</p>}
      <p role="status" data-audio-status={processing ? "/suivi/audio.json" : undefined}>
        {audio.statusText}
      </p>
      {processing && (
        <>
          <p>
            <a href="/suivi/contribution">{t("audio.follow.refresh")}</a>
          </p>
          <script type="module" src={`/assets/audio-status.js?v=${ctx.assetVersion}`} />
        </>
      )}
      {audio.state === "ready" && (
        <figure class="audio-player">
          <figcaption id="audio-lecteur">{t("audio.follow.player")}</figcaption>
          {/* biome-ignore lint/a11y/useMediaCaption: a contribution has no transcript; its author listens to their own words */}
          <audio controls preload="metadata" src={`/suivi/audio.mp3?v=${audio.version}`} aria-labelledby="audio-lecteur">
            <a href={`/suivi/audio.mp3?v=${audio.version}`}>{t("audio.follow.download")}</a>
          </audio>
        </figure>
      )}
      <p>{audio.disguiseText}</p>
      {props.isDraft && audio.state === "ready" && <p>{t("audio.follow.listenFirst")}</p>}
      {props.isDraft && audio.state === "processing" && <p>{t("audio.follow.waitToSend")}</p>}
      {!props.isDraft && audio.state !== "gone" && <p class="hint">{t("audio.follow.sourceGone")}</p>}
      {showChange && (
        <Form action="/suivi/deguisement" csrf={props.csrf}>
          <ChoiceGroup
            form={{ values: { disguise: audio.disguise }, errors: {} }}
            name="disguise"
            label={t("audio.follow.changeLegend")}
            type="radio"
            options={levels.map((level) => ({ value: level, label: t(`audio.disguise.${level}`) }))}
          />
          {props.isAnonymous && <DisguiseExplanation t={t} />}
          <button type="submit" class="secondary">
            {t("audio.follow.changeButton")}
          </button>
        </Form>
      )}
    </section>
  );
}

/** The editors' view of a recording: state, the processed file only, whether it was disguised. */
export function AudioTriage(props: { t: Translate; csrf: string; id: number; audio: AudioView }) {
  const { t, audio } = props;
  return (
    <section aria-labelledby="audio-admin-titre">
      <h2 id="audio-admin-titre">{t("audio.admin.title")}</h2>
      {audio.state === "processing" && <p role="status">{audio.statusText}</p>}
      {audio.state === "gone" && <p>{t("audio.admin.gone")}</p>}
      {audio.failure && (
        <div class="callout" role="alert">
          <p>{t("audio.admin.failed", { count: audio.failure.attempts, error: audio.failure.error })}</p>
          <Form action={`/admin/contributions/${props.id}/audio/relancer`} csrf={props.csrf}>
            <button type="submit">{t("audio.admin.retry")}</button>
          </Form>
        </div>
      )}
      {audio.state === "ready" && (
        <figure class="audio-player">
          <figcaption id="audio-admin-lecteur">{t("audio.admin.player")}</figcaption>
          {/* biome-ignore lint/a11y/useMediaCaption: a contribution has no transcript until the editors write one with the story */}
          <audio controls preload="metadata" src={`/admin/contributions/${props.id}/audio.mp3?v=${audio.version}`} aria-labelledby="audio-admin-lecteur">
            <a href={`/admin/contributions/${props.id}/audio.mp3?v=${audio.version}`}>{t("audio.follow.download")}</a>
          </audio>
        </figure>
      )}
      <dl class="facts">
        {audio.duration && (
          <>
            <dt>{t("audio.admin.duration")}</dt>
            <dd>{audio.duration}</dd>
          </>
        )}
        <dt>{t("audio.label.disguise")}</dt>
        <dd>{t(audio.disguise === "none" ? "audio.admin.notDisguised" : "audio.admin.disguised")}</dd>
      </dl>
      <p class="hint">{t("audio.admin.onlyProcessed")}</p>
    </section>
  );
}
