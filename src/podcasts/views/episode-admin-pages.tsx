import type { ComponentChildren } from "preact";
import { ErrorSummary, Form, FormLanguage, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { storyStatusLabel as statusLabel } from "../../stories/story-status.present.js";
import { EPISODE_FIELD_LABELS } from "../episode.schemas.js";


export type EpisodeAdminProps = {
  t: Translate;
  story: { id: number; title: string; status: string; publicUrl: string | null };
  form: FormState;
  csrf: string;
  /** Null until an audio file is attached; `url` serves the processed file to editors only. */
  audio: { duration: string; size: string; url: string } | null;
  guid: string | null;
  /** Where the audio upload form goes (added by the audio pipeline); the file's state is shown above it. */
  audioSection?: ComponentChildren;
};

export function EpisodeAdminPage(props: EpisodeAdminProps) {
  const { t, form, story } = props;
  const labels: Record<string, string> = Object.fromEntries(Object.entries(EPISODE_FIELD_LABELS).map(([field, key]) => [field, t(key)]));
  // The form's furniture and its messages (catalogue keys) in the page's language.
  return (
    <FormLanguage.Provider value={t}>
      <p>
        <a href={`/admin/temoignages/${story.id}`}>{t("admin.podcast.back")}</a>
      </p>
      <h1>{t("admin.podcast.heading", { title: story.title })}</h1>
      <p>
        {t("admin.podcast.storyStatus", { status: statusLabel(t, story.status) })}{" "}
        {story.publicUrl && <a href={story.publicUrl}>{t("admin.podcast.viewPublished")}</a>}
      </p>
      <p class="hint">{t("admin.podcast.publishRule")}</p>
      <section class="panel" aria-labelledby="audio-titre">
        <h2 id="audio-titre">{t("admin.podcast.audioHeading")}</h2>
        {props.audio ? (
          <>
            <p data-audio-state>{t("admin.podcast.audioInPlace", { duration: props.audio.duration, size: props.audio.size })}</p>
            {/* biome-ignore lint/a11y/useMediaCaption: the editor checks the processed sound; the transcript is the form below */}
            <audio controls preload="none" src={props.audio.url} aria-label={t("admin.podcast.listen")}>
              <a href={props.audio.url}>{t("admin.podcast.download")}</a>
            </audio>
          </>
        ) : (
          <p data-audio-state>{t("admin.podcast.noAudio")}</p>
        )}
        {props.guid && <p class="hint">{t("admin.podcast.guid", { guid: props.guid })}</p>}
        {props.audioSection}
      </section>
      <section aria-labelledby="details-titre">
        <h2 id="details-titre">{t("admin.podcast.detailsHeading")}</h2>
        <ErrorSummary form={form} labels={labels} />
        <Form action={`/admin/temoignages/${story.id}/episode`} csrf={props.csrf} class="episode-form">
          <TextField form={form} name="season" label={labels.season as string} inputmode="numeric" maxLength={4} hint={t("admin.podcast.hint.season")} />
          <TextField
            form={form}
            name="number"
            label={labels.number as string}
            inputmode="numeric"
            maxLength={6}
            hint={t("admin.podcast.hint.number")}
          />
          <TextArea
            form={form}
            name="chapters"
            label={labels.chapters as string}
            rows={6}
            hint={t("admin.podcast.hint.chapters")}
          />
          <TextArea
            form={form}
            name="transcript"
            label={labels.transcript as string}
            rows={20}
            hint={t("admin.podcast.hint.transcript")}
          />
          <div class="actions">
            <button type="submit">{t("admin.podcast.save")}</button>
          </div>
        </Form>
      </section>
    </FormLanguage.Provider>
  );
}

export type ListeningRow = { storyId: number; title: string; status: string; duration: string; recent: number; total: number };

export function ListeningFiguresPage({ t, rows }: { t: Translate; rows: ListeningRow[] }) {
  return (
    <>
      <h1>{t("admin.podcast.listens.title")}</h1>
      <p class="hint">{t("admin.podcast.listens.intro")}</p>
      {rows.length === 0 ? (
        <p>{t("admin.podcast.listens.none")}</p>
      ) : (
        <table class="data">
          <caption>{t("admin.podcast.listens.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.podcast.listens.episode")}</th>
              <th scope="col">{t("admin.podcast.listens.status")}</th>
              <th scope="col">{t("admin.podcast.listens.duration")}</th>
              <th scope="col">{t("admin.podcast.listens.recent")}</th>
              <th scope="col">{t("admin.podcast.listens.total")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.storyId}>
                <td>
                  <a href={`/admin/podcasts/${r.storyId}`}>{r.title}</a>
                </td>
                <td>{statusLabel(t, r.status)}</td>
                <td>{r.duration}</td>
                <td>{r.recent}</td>
                <td>{r.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function EpisodeListensPage(props: { t: Translate; storyId: number; title: string; days: Array<{ day: string; count: number }> }) {
  const { t } = props;
  return (
    <>
      <p>
        <a href="/admin/podcasts">{t("admin.podcast.listens.all")}</a>
      </p>
      <h1>{t("admin.podcast.listens.of", { title: props.title })}</h1>
      <p>
        <a href={`/admin/temoignages/${props.storyId}/episode`}>{t("admin.podcast.listens.edit")}</a>
      </p>
      {props.days.length === 0 ? (
        <p>{t("admin.podcast.listens.noneRecent")}</p>
      ) : (
        <table class="data">
          <caption>{t("admin.podcast.listens.byDay")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.podcast.listens.day")}</th>
              <th scope="col">{t("admin.podcast.listens.count")}</th>
            </tr>
          </thead>
          <tbody>
            {props.days.map((d) => (
              <tr key={d.day}>
                <td>
                  <time dateTime={d.day}>{d.day.split("-").reverse().join("/")}</time>
                </td>
                <td>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
