import { ErrorSummary, Form, fieldId } from "../../../platform/html/forms.js";
import { Layout } from "../../../platform/html/layout.js";
import type { PageContext } from "../../../platform/html/page-context.js";
import type { FormState } from "../../../platform/http/form.js";
import type { AudioView } from "../../audio/contribution-audio.present.js";
import type { Formats } from "../../audio/views/audio-fields.js";
import { ContributionFields, contributionFormLabels } from "../../views/contribution-pages.js";

/**
 * A saved draft, opened from /suivi: every field of the contribution form with what was saved,
 * the current recording (heard here, kept unless another file or recording replaces it), and two
 * actions: save again (no consent asked) or send (the consent box is then needed).
 */
export function DraftEditorPage(props: {
  ctx: PageContext;
  form: FormState;
  csrf: string;
  consentText: string;
  formats: Formats;
  creditOptions?: string[];
  recording: AudioView | null;
}) {
  const { ctx, form, recording } = props;
  const { t } = ctx;
  const formats = props.formats;
  return (
    <Layout ctx={ctx} title={t("draft.title")} current="contribute" noindex>
      <div class="wrap narrow">
        <h1>{t("draft.title")}</h1>
        <p class="lead">{t("draft.lead")}</p>
        <ErrorSummary form={form} labels={contributionFormLabels(t, formats)} />
        <Form action="/suivi/modifier" csrf={props.csrf} enctype={formats.includes("audio") ? "multipart/form-data" : undefined}>
          <ContributionFields
            ctx={ctx}
            form={form}
            consentText={props.consentText}
            creditOptions={props.creditOptions}
            formats={formats}
            recording={recording ? <CurrentRecording ctx={ctx} recording={recording} /> : undefined}
          />
          <div class="actions" id={fieldId("action")}>
            <button type="submit" name="action" value="draft">
              {t("draft.save")}
            </button>
            <button type="submit" name="action" value="send" class="secondary">
              {t("draft.send")}
            </button>
          </div>
        </Form>
        <p>
          <a href="/suivi/contribution">{t("draft.back")}</a>
        </p>
      </div>
    </Layout>
  );
}

function CurrentRecording({ ctx, recording }: { ctx: PageContext; recording: AudioView }) {
  const { t } = ctx;
  return (
    <section class="audio-section panel" data-audio-section aria-labelledby="enregistrement-actuel">
      <h2 id="enregistrement-actuel">{t("draft.currentRecording")}</h2>
      <p>{recording.statusText}</p>
      {recording.state === "ready" && (
        <figure class="audio-player">
          <figcaption id="lecteur-brouillon">{t("audio.follow.player")}</figcaption>
          {/* biome-ignore lint/a11y/useMediaCaption: a contribution has no transcript; its author listens to their own words */}
          <audio controls preload="metadata" src={`/suivi/audio.mp3?v=${recording.version}`} aria-labelledby="lecteur-brouillon">
            <a href={`/suivi/audio.mp3?v=${recording.version}`}>{t("audio.follow.download")}</a>
          </audio>
        </figure>
      )}
      <p>{recording.disguiseText}</p>
    </section>
  );
}
