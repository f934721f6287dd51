import { storyStatusLabel } from "../../stories/story-status.present.js";
import { ChoiceGroup, ErrorSummary, Form, FormLanguage, fieldId, SelectField, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import type { MessageKey, Translate } from "../../platform/i18n/translate.js";
import { textOf } from "../../platform/http/form.js";
import { JsonData } from "../../platform/html/json-data.js";
import { STORY_EDITOR_TEXTS_ID, storyEditorTexts } from "../rich-text/story-editor-texts.js";
import { SAFETY_ITEMS } from "../../safety/safe-messaging-checklist.js";
import type { DiffPart, FieldChange } from "../../stories/version-diff.js";

/** The story form's id: the status buttons in the sidebar submit it, so every action saves what was typed first. */
const EDITOR_FORM = "editeur";

const NOTE_KEYS: Record<string, MessageKey> = {
  suicide: "admin.story.note.suicide",
  self_harm: "admin.story.note.self_harm",
  involuntary_care: "admin.story.note.involuntary_care",
  violence: "admin.story.note.violence",
  addiction: "admin.story.note.addiction",
  eating_disorder: "admin.story.note.eating_disorder",
  sexual_violence: "admin.story.note.sexual_violence",
  bereavement: "admin.story.note.bereavement",
};

const FIELD_KEYS: Record<string, MessageKey> = {
  title: "admin.story.field.title",
  slug: "admin.story.field.slug",
  kind: "admin.story.field.kind",
  format: "admin.story.field.format",
  standfirst: "admin.story.field.standfirst",
  body: "admin.story.field.body",
  themeIds: "admin.story.field.themeIds",
  seriesId: "admin.story.field.seriesId",
  seriesPosition: "admin.story.field.seriesPosition",
  creditKind: "admin.story.field.creditKind",
  creditName: "admin.story.field.creditName",
  creditAge: "admin.story.field.creditAge",
  contentNotes: "admin.story.field.contentNotes",
  cover: "admin.story.field.cover",
  coverImageId: "admin.story.field.cover",
  coverAlt: "admin.story.field.coverAlt",
  isFeatured: "admin.story.field.isFeatured",
};

/** The story form's field names in the page's language, for its labels and its error summary. */
export const fieldLabels = (t: Translate): Record<string, string> => Object.fromEntries(Object.entries(FIELD_KEYS).map(([field, key]) => [field, t(key)]));

export type SafetyView = { required: boolean; signed: string | null; mentions3114: boolean; canSign: boolean };

export type EditorStatus = {
  safety: SafetyView;
  status: string;
  publishedAt: string | null;
  publishAtLocal: string;
  canPublish: boolean;
  canSubmit: boolean;
  publicUrl: string | null;
  /** A published story whose working copy differs from what readers see. */
  hasPendingChanges: boolean;
  /** Why the scheduled version will not go out at its time, if something stops it now. */
  scheduledProblem: string | null;
  /** Why the working copy cannot be published now (shown before anyone clicks). */
  publishProblem: string | null;
};

export type StoryEditorProps = {
  t: Translate;
  storyId: number | null;
  form: FormState;
  csrf: string;
  themes: Array<{ value: string; label: string }>;
  series: Array<{ value: string; label: string }>;
  cover: { url: string } | null;
  /** Library images offered as the cover (the newest first; the current cover always among them). */
  library: CoverChoice[];
  status: EditorStatus | null;
  canFeature: boolean;
  statusMessage?: string;
  conflict: EditConflictView | null;
};

/** A library image as a cover choice: its thumbnail and what the library says of it. */
export type CoverChoice = { id: number; thumb: string; width: number; height: number; label: string };

/**
 * The library's images as radio buttons, folded in a disclosure: works without JavaScript, and the
 * chosen cover is the stored image itself (its id), never a copy.
 */
function LibraryCoverChoice({ t, form, library }: { t: Translate; form: FormState; library: CoverChoice[] }) {
  const chosen = textOf(form.values, "coverImageId");
  const error = form.errors.coverImageId;
  const id = fieldId("coverImageId");
  return (
    <details class="cover-library" open={Boolean(error)}>
      <summary>{t("admin.story.library.choose")}</summary>
      <fieldset class={error ? "field choices cover-choices has-error" : "field choices cover-choices"} id={id} aria-describedby={error ? `${id}-erreur` : undefined}>
        <legend>{t("admin.story.library.legend")}</legend>
        {error && (
          <p class="field-error" id={`${id}-erreur`}>
            {error}
          </p>
        )}
        <div class="choice">
          <input type="radio" id={`${id}-aucune`} name="coverImageId" value="" checked={chosen === ""} />
          <label for={`${id}-aucune`}>{t("admin.story.library.none")}</label>
        </div>
        {library.map((img) => (
          <div class="choice cover-choice" key={img.id}>
            <input type="radio" id={`${id}-${img.id}`} name="coverImageId" value={String(img.id)} checked={chosen === String(img.id)} />
            <label for={`${id}-${img.id}`}>
              <img src={img.thumb} alt="" width={img.width} height={img.height} loading="lazy" decoding="async" />
              <span>{img.label}</span>
            </label>
          </div>
        ))}
        {library.length === 0 && <p class="hint">{t("admin.story.library.empty")}</p>}
      </fieldset>
    </details>
  );
}

/** Someone else's save the editor's form did not know about: who, when, and what differs. */
export type EditConflictView = { savedBy: string; savedAt: string; diffs: FieldChange[] };

function DiffSide({ parts, side }: { parts: DiffPart[]; side: "theirs" | "yours" }) {
  return (
    <>
      {parts.map((p, i) =>
        side === "theirs" ? (
          p.added ? null : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>
        ) : p.removed ? null : p.added ? (
          <ins key={i}>{p.value}</ins>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}

function ConflictPanel({ t, conflict }: { t: Translate; conflict: EditConflictView }) {
  return (
    <section class="panel conflict" aria-labelledby="conflit-titre" role="alert">
      <h2 id="conflit-titre">{t("admin.story.conflict.heading")}</h2>
      <p>{t("admin.story.conflict.intro", { who: conflict.savedBy, when: conflict.savedAt })}</p>
      <table class="data conflict-table">
        <caption>{t("admin.story.conflict.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.story.conflict.field")}</th>
            <th scope="col">{t("admin.story.conflict.theirs")}</th>
            <th scope="col">{t("admin.story.conflict.yours")}</th>
          </tr>
        </thead>
        <tbody>
          {conflict.diffs.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              {(["theirs", "yours"] as const).map((side) => (
                <td key={side}>
                  {d.blocks.map((parts, b) => (
                    <p key={b} class="diff-text">
                      <DiffSide parts={parts} side={side} />
                    </p>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">{t("admin.story.conflict.legend")}</p>
    </section>
  );
}

function StatusPanel({ t, id, status, csrf, message, isPodcast }: { t: Translate; id: number; status: EditorStatus; csrf: string; message?: string; isPodcast: boolean }) {
  return (
    <section class="panel" aria-labelledby="statut-titre">
      <h2 id="statut-titre">{t("admin.story.panel.status", { status: storyStatusLabel(t, status.status) })}</h2>
      {message && (
        <p class="field-error" role="alert">
          {message}
        </p>
      )}
      {status.publicUrl && (
        <p>
          <a href={status.publicUrl}>{t("admin.story.panel.viewPublished")}</a>
        </p>
      )}
      {status.hasPendingChanges && (
        <p class="callout">{t("admin.story.panel.pending")}</p>
      )}
      {status.scheduledProblem && (
        <p class="field-error" role="alert">
          {t("admin.story.panel.scheduledProblem", { problem: status.scheduledProblem })}
        </p>
      )}
      {status.canPublish && status.publishProblem && (status.status !== "published" || status.hasPendingChanges) && (
        <p class="hint">{t("admin.story.panel.publishProblem", { problem: status.publishProblem })}</p>
      )}
      <p class="hint">{t("admin.story.panel.savesFirst")}</p>
      {status.canSubmit && status.status === "draft" && (
        <p>
          <button type="submit" form={EDITOR_FORM} name="action" value="submit">
            {t("admin.story.action.submit")}
          </button>
        </p>
      )}
      {status.canPublish && (status.status !== "published" || status.hasPendingChanges) && (
        <p>
          <button type="submit" form={EDITOR_FORM} name="action" value="publish">
            {status.status === "published" ? t("admin.story.action.publishChanges") : t("admin.story.action.publish")}
          </button>
        </p>
      )}
      {status.canPublish && status.status !== "published" && (
        <div class="inline-form">
          <div class="field">
            <label for="champ-publishAt">{t("admin.story.action.publishAt")}</label>
            <input id="champ-publishAt" name="publishAt" type="datetime-local" value={status.publishAtLocal} form={EDITOR_FORM} />
          </div>
          <button type="submit" form={EDITOR_FORM} name="action" value="schedule" class="secondary">
            {t("admin.story.action.schedule")}
          </button>
        </div>
      )}
      {status.canPublish && (status.status === "published" || status.status === "scheduled") && (
        <p>
          <button type="submit" form={EDITOR_FORM} name="action" value="unpublish" class="danger">
            {t("admin.story.action.unpublish")}
          </button>
        </p>
      )}
      {(status.status === "review" || status.status === "unpublished") && (status.canPublish || status.canSubmit) && (
        <p>
          <button type="submit" form={EDITOR_FORM} name="action" value="draft" class="secondary">
            {t("admin.story.action.draft")}
          </button>
        </p>
      )}
      {isPodcast && status.canPublish && (
        <p>
          <a href={`/admin/temoignages/${id}/episode`}>{t("admin.story.link.episode")}</a>
        </p>
      )}
      <p>
        <a href={`/admin/temoignages/${id}/revisions`}>{t("admin.story.link.history")}</a>
      </p>
      {status.safety.required && <SafetyPanel t={t} id={id} safety={status.safety} csrf={csrf} />}
    </section>
  );
}

function SafetyPanel({ t, id, safety, csrf }: { t: Translate; id: number; safety: SafetyView; csrf: string }) {
  return (
    <section aria-labelledby="verification-titre" class="safety">
      <h3 id="verification-titre">{t("admin.story.safety.heading")}</h3>
      {safety.signed ? (
        <p>{safety.signed}</p>
      ) : (
        <>
          <p>{t("admin.story.safety.required")}</p>
          {!safety.mentions3114 && <p class="field-error">{t("admin.story.safety.no3114")}</p>}
          {safety.canSign && (
            <Form action={`/admin/temoignages/${id}/verification`} csrf={csrf}>
              <ChoiceGroup
                form={{ values: {}, errors: {} }}
                name="items"
                label={t("admin.story.safety.checked")}
                type="checkbox"
                options={SAFETY_ITEMS.map((i) => ({ value: i.id, label: t(i.label) }))}
              />
              <button type="submit">{t("admin.story.safety.sign")}</button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

export function StoryEditorPage(props: StoryEditorProps) {
  const { t, form } = props;
  const labels = fieldLabels(t);
  const action = props.storyId ? `/admin/temoignages/${props.storyId}` : "/admin/temoignages";
  const creditKind = textOf(form.values, "creditKind");
  // The form's furniture and its messages (catalogue keys) in the page's language.
  return (
    <FormLanguage.Provider value={t}>
      <h1>{props.storyId ? t("admin.story.heading.edit", { title: textOf(form.values, "title") || t("admin.story.untitled") }) : t("admin.story.pageTitle.new")}</h1>
      <div class="editor-layout">
        <div>
          {props.conflict && <ConflictPanel t={t} conflict={props.conflict} />}
          <ErrorSummary form={form} labels={labels} />
          <Form id={EDITOR_FORM} action={action} csrf={props.csrf} enctype="multipart/form-data" class="story-form">
            {props.storyId && <input type="hidden" name="baseRevision" value={textOf(form.values, "baseRevision")} data-base-revision />}
            <TextField form={form} name="title" label={labels.title as string} required maxLength={200} />
            <TextField
              form={form}
              name="slug"
              label={labels.slug as string}
              hint={t("admin.story.hint.slug")}
              maxLength={80}
            />
            <SelectField
              form={form}
              name="kind"
              label={labels.kind as string}
              options={[
                { value: "article", label: t("admin.story.kind.article") },
                { value: "podcast", label: t("admin.story.kind.podcast") },
              ]}
            />
            <SelectField
              form={form}
              name="format"
              label={labels.format as string}
              options={[
                { value: "single", label: t("admin.story.format.single") },
                { value: "collective", label: t("admin.story.format.collective") },
              ]}
            />
            <TextArea form={form} name="standfirst" label={labels.standfirst as string} rows={3} maxLength={600} hint={t("admin.story.hint.standfirst")} />
            {/* Enhanced by the rich-text editor (assets/admin.js loads it); the textarea stays the field. */}
            <div data-rich-editor>
            <JsonData id={STORY_EDITOR_TEXTS_ID} value={storyEditorTexts(t)} />
            <TextArea
              form={form}
              name="body"
              label={labels.body as string}
              rows={24}
              hint={t("admin.story.hint.body")}
            />
            </div>
            <ChoiceGroup form={form} name="themeIds" label={labels.themeIds as string} type="checkbox" options={props.themes} />
            <SelectField form={form} name="seriesId" label={labels.seriesId as string} options={[{ value: "", label: t("admin.story.series.none") }, ...props.series]} />
            <TextField form={form} name="seriesPosition" label={labels.seriesPosition as string} inputmode="numeric" hint={t("admin.story.hint.seriesPosition")} />
            <fieldset class="field">
              <legend>{t("admin.story.credit.legend")}</legend>
              <p class="hint">{t("admin.story.credit.hint")}</p>
              <SelectField
                form={form}
                name="creditKind"
                label={t("admin.story.credit.kind")}
                options={[
                  { value: "name", label: t("admin.story.credit.name") },
                  { value: "pseudonym", label: t("admin.story.credit.pseudonym") },
                  { value: "first_name_age", label: t("admin.story.credit.first_name_age") },
                  { value: "anonymous", label: t("admin.story.credit.anonymous") },
                ]}
              />
              <TextField form={form} name="creditName" label={labels.creditName as string} maxLength={80} hint={creditKind === "anonymous" ? t("admin.story.credit.nameIgnored") : undefined} />
              <TextField form={form} name="creditAge" label={labels.creditAge as string} inputmode="numeric" hint={t("admin.story.credit.ageHint")} />
            </fieldset>
            <ChoiceGroup
              form={form}
              name="contentNotes"
              label={labels.contentNotes as string}
              type="checkbox"
              hint={t("admin.story.hint.contentNotes")}
              options={Object.entries(NOTE_KEYS).map(([value, key]) => ({ value, label: t(key) }))}
            />
            <fieldset class="field">
              <legend>{t("admin.story.cover.legend")}</legend>
              {props.cover && (
                <p>
                  <img src={props.cover.url} alt={t("admin.story.cover.current")} width={240} class="thumb" />
                </p>
              )}
              <LibraryCoverChoice t={t} form={form} library={props.library} />
              <div class={form.errors.cover ? "field has-error" : "field"}>
                <label for="champ-cover">{props.cover ? t("admin.story.cover.replace") : t("admin.story.cover.upload")}</label>
                <p class="hint" id="champ-cover-aide">
                  {t("admin.story.cover.fileHint")}
                </p>
                {form.errors.cover && (
                  <p class="field-error" id="champ-cover-erreur">
                    {form.errors.cover}
                  </p>
                )}
                <input id="champ-cover" name="cover" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" aria-describedby="champ-cover-aide" />
              </div>
              <TextField form={form} name="coverAlt" label={labels.coverAlt as string} maxLength={300} hint={t("admin.story.cover.altHint")} />
              <ChoiceGroup form={form} name="coverDecorative" label={t("admin.story.cover.decorative")} type="checkbox" options={[{ value: "1", label: t("admin.story.cover.decorativeOption") }]} />
              {props.cover && <ChoiceGroup form={form} name="removeCover" label={t("admin.story.cover.remove")} type="checkbox" options={[{ value: "1", label: t("admin.story.cover.removeOption") }]} />}
            </fieldset>
            {props.canFeature && <ChoiceGroup form={form} name="isFeatured" label={labels.isFeatured as string} type="checkbox" options={[{ value: "1", label: t("admin.story.featureOption") }]} />}
            {/* The autosave's status (assets/admin.js), in the page's language; {time} is filled in by the script. */}
            <div class="actions" data-autosave-saved={t("admin.story.autosave.saved")} data-autosave-offline={t("admin.story.autosave.offline")}>
              <button type="submit" name="action" value="save">
                {t("admin.story.action.save")}
              </button>
              <button type="submit" name="action" value="preview" class="secondary">
                {t("admin.story.action.preview")}
              </button>
            </div>
          </Form>
        </div>
        <aside>
          {props.storyId && props.status && <StatusPanel t={t} id={props.storyId} status={props.status} csrf={props.csrf} message={props.statusMessage} isPodcast={textOf(form.values, "kind") === "podcast"} />}
          <section class="panel preview" aria-labelledby="apercu-titre" data-preview>
            <h2 id="apercu-titre">{t("admin.story.livePreview.heading")}</h2>
            <p class="hint">{t("admin.story.livePreview.hint")}</p>
          </section>
        </aside>
      </div>
    </FormLanguage.Provider>
  );
}
