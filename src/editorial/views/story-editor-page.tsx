import { ChoiceGroup, ErrorSummary, Form, fieldId, SelectField, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import { textOf } from "../../platform/http/form.js";
import { SAFETY_ITEMS } from "../../stories/safety-check.js";
import type { DiffPart, FieldChange } from "../../stories/version-diff.js";

/** The story form's id: the status buttons in the sidebar submit it, so every action saves what was typed first. */
const EDITOR_FORM = "editeur";

export const STATUS_LABELS: Record<string, string> = {
  draft: "Brouillon",
  review: "En relecture",
  scheduled: "Programmé",
  published: "Publié",
  unpublished: "Dépublié",
};

export const NOTE_LABELS: Record<string, string> = {
  suicide: "Suicide",
  self_harm: "Automutilation",
  involuntary_care: "Hospitalisation sans consentement",
  violence: "Violence",
  addiction: "Addictions",
  eating_disorder: "Troubles alimentaires",
  sexual_violence: "Violences sexuelles",
  bereavement: "Deuil",
};

export const FIELD_LABELS: Record<string, string> = {
  title: "Titre",
  slug: "Adresse de la page",
  kind: "Format",
  format: "Forme du récit",
  standfirst: "Chapô",
  body: "Texte",
  themeIds: "Thèmes",
  seriesId: "Série",
  seriesPosition: "Place dans la série",
  creditKind: "Crédit",
  creditName: "Nom affiché",
  creditAge: "Âge affiché",
  contentNotes: "Avertissements de contenu",
  cover: "Image de couverture",
  coverImageId: "Image de couverture",
  coverAlt: "Texte alternatif de l'image",
  isFeatured: "Mise en avant",
};

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
function LibraryCoverChoice({ form, library }: { form: FormState; library: CoverChoice[] }) {
  const chosen = textOf(form.values, "coverImageId");
  const error = form.errors.coverImageId;
  const id = fieldId("coverImageId");
  return (
    <details class="cover-library" open={Boolean(error)}>
      <summary>Choisir dans la médiathèque</summary>
      <fieldset class={error ? "field choices cover-choices has-error" : "field choices cover-choices"} id={id} aria-describedby={error ? `${id}-erreur` : undefined}>
        <legend>Image de la médiathèque</legend>
        {error && (
          <p class="field-error" id={`${id}-erreur`}>
            {error}
          </p>
        )}
        <div class="choice">
          <input type="radio" id={`${id}-aucune`} name="coverImageId" value="" checked={chosen === ""} />
          <label for={`${id}-aucune`}>Aucune image de la médiathèque</label>
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
        {library.length === 0 && <p class="hint">La médiathèque est vide : déposez une image ci-dessous ou dans Médias.</p>}
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

function ConflictPanel({ conflict }: { conflict: EditConflictView }) {
  return (
    <section class="panel conflict" aria-labelledby="conflit-titre" role="alert">
      <h2 id="conflit-titre">Rien n'a été enregistré : ce témoignage a été modifié entre-temps</h2>
      <p>
        {conflict.savedBy} l'a enregistré le {conflict.savedAt}, après l'ouverture de votre formulaire. Comparez les deux versions : la vôtre est
        restée dans le formulaire ci-dessous. Reprenez-y ce qui manque de la leur, puis enregistrez : votre version remplacera alors la leur.
      </p>
      <table class="data conflict-table">
        <caption>Différences entre la version enregistrée et la vôtre</caption>
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">Version enregistrée</th>
            <th scope="col">Votre version</th>
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
      <p class="hint">Le texte propre à la version enregistrée est barré, celui propre à la vôtre est souligné.</p>
    </section>
  );
}

function StatusPanel({ id, status, csrf, message, isPodcast }: { id: number; status: EditorStatus; csrf: string; message?: string; isPodcast: boolean }) {
  return (
    <section class="panel" aria-labelledby="statut-titre">
      <h2 id="statut-titre">Statut : {STATUS_LABELS[status.status] ?? status.status}</h2>
      {message && (
        <p class="field-error" role="alert">
          {message}
        </p>
      )}
      {status.publicUrl && (
        <p>
          <a href={status.publicUrl}>Voir la page publiée</a>
        </p>
      )}
      {status.hasPendingChanges && (
        <p class="callout">
          Des modifications ne sont pas encore publiées : les lecteurs voient la version publiée jusqu'à ce que vous publiiez celle-ci (avec l'accord de
          l'auteur ou de l'autrice s'il s'agit d'une contribution).
        </p>
      )}
      {status.scheduledProblem && (
        <p class="field-error" role="alert">
          La version programmée ne pourra pas être publiée à l'heure prévue : {status.scheduledProblem}
        </p>
      )}
      {status.canPublish && status.publishProblem && (status.status !== "published" || status.hasPendingChanges) && (
        <p class="hint">Avant de publier : {status.publishProblem}</p>
      )}
      <p class="hint">Chaque bouton enregistre d'abord ce que vous avez saisi.</p>
      {status.canSubmit && status.status === "draft" && (
        <p>
          <button type="submit" form={EDITOR_FORM} name="action" value="submit">
            Proposer à la relecture
          </button>
        </p>
      )}
      {status.canPublish && (status.status !== "published" || status.hasPendingChanges) && (
        <p>
          <button type="submit" form={EDITOR_FORM} name="action" value="publish">
            {status.status === "published" ? "Publier les modifications" : "Publier maintenant"}
          </button>
        </p>
      )}
      {status.canPublish && status.status !== "published" && (
        <div class="inline-form">
          <div class="field">
            <label for="champ-publishAt">Programmer la publication (heure de Paris)</label>
            <input id="champ-publishAt" name="publishAt" type="datetime-local" value={status.publishAtLocal} form={EDITOR_FORM} />
          </div>
          <button type="submit" form={EDITOR_FORM} name="action" value="schedule" class="secondary">
            Programmer
          </button>
        </div>
      )}
      {status.canPublish && (status.status === "published" || status.status === "scheduled") && (
        <p>
          <button type="submit" form={EDITOR_FORM} name="action" value="unpublish" class="danger">
            Dépublier
          </button>
        </p>
      )}
      {(status.status === "review" || status.status === "unpublished") && (status.canPublish || status.canSubmit) && (
        <p>
          <button type="submit" form={EDITOR_FORM} name="action" value="draft" class="secondary">
            Repasser en brouillon
          </button>
        </p>
      )}
      {isPodcast && status.canPublish && (
        <p>
          <a href={`/admin/temoignages/${id}/episode`}>Épisode : audio, chapitres et transcription</a>
        </p>
      )}
      <p>
        <a href={`/admin/temoignages/${id}/revisions`}>Historique des versions</a>
      </p>
      {status.safety.required && <SafetyPanel id={id} safety={status.safety} csrf={csrf} />}
    </section>
  );
}

function SafetyPanel({ id, safety, csrf }: { id: number; safety: SafetyView; csrf: string }) {
  return (
    <section aria-labelledby="verification-titre" class="safety">
      <h3 id="verification-titre">Liste de vérification (messages de prévention)</h3>
      {safety.signed ? (
        <p>{safety.signed}</p>
      ) : (
        <>
          <p>Ce témoignage porte des avertissements de contenu : cette liste doit être signée avant publication, pour ce texte précis.</p>
          {!safety.mentions3114 && <p class="field-error">Le texte ne cite pas le 3114 : ajoutez-le, en fin de récit par exemple.</p>}
          {safety.canSign && (
            <Form action={`/admin/temoignages/${id}/verification`} csrf={csrf}>
              <ChoiceGroup
                form={{ values: {}, errors: {} }}
                name="items"
                label="J'ai vérifié que :"
                type="checkbox"
                options={SAFETY_ITEMS.map((i) => ({ value: i.id, label: i.label }))}
              />
              <button type="submit">Signer la liste</button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

export function StoryEditorPage(props: StoryEditorProps) {
  const { form } = props;
  const action = props.storyId ? `/admin/temoignages/${props.storyId}` : "/admin/temoignages";
  const creditKind = textOf(form.values, "creditKind");
  return (
    <>
      <h1>{props.storyId ? `Modifier « ${textOf(form.values, "title") || "sans titre"} »` : "Nouveau témoignage"}</h1>
      <div class="editor-layout">
        <div>
          {props.conflict && <ConflictPanel conflict={props.conflict} />}
          <ErrorSummary form={form} labels={FIELD_LABELS} />
          <Form id={EDITOR_FORM} action={action} csrf={props.csrf} enctype="multipart/form-data" class="story-form">
            {props.storyId && <input type="hidden" name="baseRevision" value={textOf(form.values, "baseRevision")} data-base-revision />}
            <TextField form={form} name="title" label={FIELD_LABELS.title as string} required maxLength={200} />
            <TextField
              form={form}
              name="slug"
              label={FIELD_LABELS.slug as string}
              hint="Laissez vide pour la tirer du titre. Si vous la changez après publication, l'ancienne adresse redirige vers la nouvelle."
              maxLength={80}
            />
            <SelectField
              form={form}
              name="kind"
              label={FIELD_LABELS.kind as string}
              options={[
                { value: "article", label: "Article" },
                { value: "podcast", label: "Podcast (épisode audio et sa transcription)" },
              ]}
            />
            <SelectField
              form={form}
              name="format"
              label={FIELD_LABELS.format as string}
              options={[
                { value: "single", label: "Récit individuel" },
                { value: "collective", label: "Récit collectif (plusieurs voix)" },
              ]}
            />
            <TextArea form={form} name="standfirst" label={FIELD_LABELS.standfirst as string} rows={3} maxLength={600} hint="Une ou deux phrases, reprises dans les listes et les partages." />
            {/* Enhanced by the rich-text editor (assets/admin.js loads it); the textarea stays the field. */}
            <div data-rich-editor>
            <TextArea
              form={form}
              name="body"
              label={FIELD_LABELS.body as string}
              rows={24}
              hint="Markdown : ## pour un intertitre, > pour une citation, *italique*, **gras**. Le HTML n'est pas interprété. Récit collectif : introduisez chaque voix par une ligne « @voix pseudonym | Nour », « @voix first_name_age | Jeanne | 58 » ou « @voix anonymous »."
            />
            </div>
            <ChoiceGroup form={form} name="themeIds" label={FIELD_LABELS.themeIds as string} type="checkbox" options={props.themes} />
            <SelectField form={form} name="seriesId" label={FIELD_LABELS.seriesId as string} options={[{ value: "", label: "Aucune série" }, ...props.series]} />
            <TextField form={form} name="seriesPosition" label={FIELD_LABELS.seriesPosition as string} inputmode="numeric" hint="1 pour la première partie, 2 pour la deuxième…" />
            <fieldset class="field">
              <legend>Crédit</legend>
              <p class="hint">L'identité réelle d'une personne n'apparaît jamais sur le site : seul ce crédit est affiché.</p>
              <SelectField
                form={form}
                name="creditKind"
                label="Forme du crédit"
                options={[
                  { value: "name", label: "Nom et prénom" },
                  { value: "pseudonym", label: "Pseudonyme" },
                  { value: "first_name_age", label: "Prénom et âge" },
                  { value: "anonymous", label: "Anonyme" },
                ]}
              />
              <TextField form={form} name="creditName" label={FIELD_LABELS.creditName as string} maxLength={80} hint={creditKind === "anonymous" ? "Ignoré pour un crédit anonyme." : undefined} />
              <TextField form={form} name="creditAge" label={FIELD_LABELS.creditAge as string} inputmode="numeric" hint="Seulement pour « prénom et âge »." />
            </fieldset>
            <ChoiceGroup
              form={form}
              name="contentNotes"
              label={FIELD_LABELS.contentNotes as string}
              type="checkbox"
              hint="Affichés avant le texte et sur les cartes, pour que chacun choisisse de lire ou non."
              options={Object.entries(NOTE_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <fieldset class="field">
              <legend>Image de couverture</legend>
              {props.cover && (
                <p>
                  <img src={props.cover.url} alt="Couverture actuelle" width={240} class="thumb" />
                </p>
              )}
              <LibraryCoverChoice form={form} library={props.library} />
              <div class={form.errors.cover ? "field has-error" : "field"}>
                <label for="champ-cover">{props.cover ? "Remplacer l'image par une nouvelle" : "Ou déposer une nouvelle image"}</label>
                <p class="hint" id="champ-cover-aide">
                  JPEG, PNG, WebP ou AVIF, 15 Mo au plus. Les métadonnées (lieu, appareil, date) sont supprimées.
                </p>
                {form.errors.cover && (
                  <p class="field-error" id="champ-cover-erreur">
                    {form.errors.cover}
                  </p>
                )}
                <input id="champ-cover" name="cover" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" aria-describedby="champ-cover-aide" />
              </div>
              <TextField form={form} name="coverAlt" label={FIELD_LABELS.coverAlt as string} maxLength={300} hint="Ce que l'image apporte au récit, en une phrase. Laissé vide, il reprend la description de la médiathèque." />
              <ChoiceGroup form={form} name="coverDecorative" label="Image décorative" type="checkbox" options={[{ value: "1", label: "L'image est purement décorative (elle sera ignorée par les lecteurs d'écran)" }]} />
              {props.cover && <ChoiceGroup form={form} name="removeCover" label="Retirer l'image" type="checkbox" options={[{ value: "1", label: "Retirer l'image de couverture" }]} />}
            </fieldset>
            {props.canFeature && <ChoiceGroup form={form} name="isFeatured" label={FIELD_LABELS.isFeatured as string} type="checkbox" options={[{ value: "1", label: "Mettre ce témoignage à la une de l'accueil" }]} />}
            <div class="actions">
              <button type="submit" name="action" value="save">
                Enregistrer
              </button>
              <button type="submit" name="action" value="preview" class="secondary">
                Aperçu
              </button>
            </div>
          </Form>
        </div>
        <aside>
          {props.storyId && props.status && <StatusPanel id={props.storyId} status={props.status} csrf={props.csrf} message={props.statusMessage} isPodcast={textOf(form.values, "kind") === "podcast"} />}
          <section class="panel preview" aria-labelledby="apercu-titre" data-preview>
            <h2 id="apercu-titre">Texte mis en forme</h2>
            <p class="hint">
              Avec JavaScript, le texte mis en forme s'affiche ici pendant la saisie. Le bouton « Aperçu » enregistre puis montre la page telle que les
              lecteurs la verront, à la largeur d'un ordinateur ou d'un téléphone.
            </p>
          </section>
        </aside>
      </div>
    </>
  );
}
