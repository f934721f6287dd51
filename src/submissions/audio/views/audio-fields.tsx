import { AUDIO_ACCEPT, AUDIO_CONTAINERS, CONTRIBUTION_AUDIO_LIMITS, describeLimits } from "../../../media/audio.js";
import { ChoiceGroup, fieldId } from "../../../platform/html/forms.js";
import type { PageContext } from "../../../platform/html/page-context.js";
import type { FormState } from "../../../platform/http/form.js";
import { textOf } from "../../../platform/http/form.js";
import type { Translate } from "../../../platform/i18n/translate.js";

/**
 * The audio parts of the contribution form: the choice of format, the file field with the
 * recorder that enhances it, and the voice disguise. Without JavaScript every part is shown and
 * the file field is all there is; assets/recorder.js hides what the chosen format does not need.
 */

export type Formats = Array<"text" | "audio">;

export const offersAudio = (formats: Formats) => formats.includes("audio");

/** Names of the audio fields for the error summary. */
export function audioLabels(t: Translate): Record<string, string> {
  return { format: t("audio.label.format"), audio: t("audio.label.audio"), disguise: t("audio.label.disguise") };
}

/** The format a form shows as chosen: what was sent, else text when offered. */
export function chosenFormat(form: FormState, formats: Formats): "text" | "audio" {
  const typed = textOf(form.values, "format");
  if (typed === "audio" && formats.includes("audio")) return "audio";
  return formats.includes("text") ? "text" : "audio";
}

export function AudioFormatChoice({ ctx, form, formats }: { ctx: PageContext; form: FormState; formats: Formats }) {
  const { t } = ctx;
  if (!offersAudio(formats)) return null;
  if (!formats.includes("text")) {
    return (
      <>
        <input type="hidden" name="format" value="audio" />
        <p>{t("audio.format.onlyAudio")}</p>
      </>
    );
  }
  const options = [
    { value: "text", label: t("audio.format.text") },
    { value: "audio", label: t("audio.format.audio") },
  ];
  return (
    <div data-format-choice>
      <ChoiceGroup form={{ values: { ...form.values, format: chosenFormat(form, formats) }, errors: form.errors }} name="format" label={t("audio.format.legend")} type="radio" options={options} />
    </div>
  );
}

/** The file field and the recorder; in the draft editor (`keepsRecording`), an empty field keeps the current recording. */
export function AudioFileField({ ctx, form, formats, keepsRecording }: { ctx: PageContext; form: FormState; formats: Formats; keepsRecording?: boolean }) {
  const { t } = ctx;
  if (!offersAudio(formats)) return null;
  const id = fieldId("audio");
  const error = form.errors.audio;
  const limits = describeLimits(CONTRIBUTION_AUDIO_LIMITS);
  const formatNames = Object.values(AUDIO_CONTAINERS)
    .map((c) => c.label)
    .join(", ");
  const describedBy = [`${id}-limites`, `${id}-aide`, error ? `${id}-erreur` : ""].filter(Boolean).join(" ");
  return (
    <section class="audio-section" data-audio-section aria-labelledby="audio-titre">
      <h2 id="audio-titre">{t("audio.section.title")}</h2>
      <p id={`${id}-limites`}>{t("audio.limits", { size: limits.size, duration: limits.duration, formats: formatNames })}</p>
      <div class={error ? "field has-error" : "field"}>
        <label for={id}>{t("audio.file.label")}</label>
        <p class="hint" id={`${id}-aide`}>
          {keepsRecording ? `${t("draft.keepRecording")} ${t("audio.file.hint")}` : t("audio.file.hint")}
        </p>
        {error && (
          <p class="field-error" id={`${id}-erreur`}>
            {error}
          </p>
        )}
        <input type="file" id={id} name="audio" accept={AUDIO_ACCEPT} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy} />
      </div>
      <div
        class="recorder"
        hidden
        data-recorder
        data-max-ms={String(CONTRIBUTION_AUDIO_LIMITS.maxDurationMs)}
        data-title={t("audio.rec.title")}
        data-start={t("audio.rec.start")}
        data-pause={t("audio.rec.pause")}
        data-resume={t("audio.rec.resume")}
        data-stop={t("audio.rec.stop")}
        data-again={t("audio.rec.again")}
        data-ready={t("audio.rec.ready")}
        data-recording={t("audio.rec.recording")}
        data-paused={t("audio.rec.paused")}
        data-done={t("audio.rec.done")}
        data-denied={t("audio.rec.denied")}
        data-unavailable={t("audio.rec.unavailable")}
        data-limit={t("audio.rec.limit")}
        data-timer={t("audio.rec.timer")}
        data-replay={t("audio.rec.replay")}
      />
      <script type="module" src={`/assets/recorder.js?v=${ctx.assetVersion}`} />
    </section>
  );
}

/** The disguise choice, beside the credit: it goes with "Anonyme". */
export function DisguiseChoice({ ctx, form, formats }: { ctx: PageContext; form: FormState; formats: Formats }) {
  const { t } = ctx;
  if (!offersAudio(formats)) return null;
  const chosen = textOf(form.values, "disguise") || "none";
  return (
    <div class="audio-section" data-audio-section>
      <ChoiceGroup
        form={{ values: { ...form.values, disguise: chosen }, errors: form.errors }}
        name="disguise"
        label={t("audio.disguise.legend")}
        type="radio"
        options={[
          { value: "none", label: t("audio.disguise.none") },
          { value: "light", label: t("audio.disguise.light") },
          { value: "strong", label: t("audio.disguise.strong") },
        ]}
      />
      <DisguiseExplanation t={t} />
    </div>
  );
}

export function DisguiseExplanation({ t }: { t: Translate }) {
  return (
    <div class="callout disguise-explained">
      <h3>{t("audio.disguise.explainTitle")}</h3>
      <ul>
        <li>{t("audio.disguise.does")}</li>
        <li>{t("audio.disguise.doesNot")}</li>
        <li>{t("audio.disguise.undo")}</li>
        <li>{t("audio.disguise.when")}</li>
      </ul>
    </div>
  );
}

/** On the receipt page of an audio contribution. */
export function AudioReceiptNotice({ ctx, mustListen }: { ctx: PageContext; mustListen: boolean }) {
  const { t } = ctx;
  return (
    <div class="callout">
      <p>{t("audio.receipt.processing")}</p>
      {mustListen && <p>{t("audio.receipt.mustListen")}</p>}
    </div>
  );
}
