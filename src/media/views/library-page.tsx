import { ChoiceGroup, ErrorSummary, Form, TextField } from "../../platform/html/forms.js";
import { Pagination } from "../../platform/html/pagination.js";
import type { FormState } from "../../platform/http/form.js";
import { translator } from "../../platform/i18n/translate.js";
import type { ImageUsage, LibraryImage } from "../image.js";
import { imageUrl } from "./picture.js";

export const DETAIL_LABELS: Record<string, string> = {
  file: "Fichier image",
  alt: "Texte alternatif",
  caption: "Légende",
  credit: "Crédit",
  decorative: "Image décorative",
};

const USAGE_LABELS: Record<ImageUsage["as"], Record<ImageUsage["in"], string>> = {
  cover: { working: "couverture (version de travail)", scheduled: "couverture (version programmée)", released: "couverture (version publiée)" },
  inline: { working: "dans le texte (version de travail)", scheduled: "dans le texte (version programmée)", released: "dans le texte (version publiée)" },
};

/** The fields every library image has, on the upload form and on its own page. */
function DetailFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField form={form} name="alt" label={DETAIL_LABELS.alt as string} maxLength={300} hint="Ce que l'image montre, en une phrase : il remplace l'image pour qui ne la voit pas. Obligatoire sauf pour une image décorative." />
      <ChoiceGroup form={form} name="decorative" label={DETAIL_LABELS.decorative as string} type="checkbox" options={[{ value: "1", label: "L'image est purement décorative (les lecteurs d'écran l'ignorent)" }]} />
      <TextField form={form} name="caption" label={DETAIL_LABELS.caption as string} maxLength={500} hint="Affichée sous l'image quand elle est seule dans un paragraphe du texte." />
      <TextField form={form} name="credit" label={DETAIL_LABELS.credit as string} maxLength={200} hint="Photographe, illustrateur ou illustratrice, source." />
    </>
  );
}

export function describeUsage(u: ImageUsage): string {
  return `« ${u.title} » : ${USAGE_LABELS[u.as][u.in]}`;
}

function UsageList({ usages }: { usages: ImageUsage[] }) {
  if (usages.length === 0) return <p>Utilisée nulle part.</p>;
  return (
    <ul class="usages">
      {usages.map((u) => (
        <li key={`${u.storyId}-${u.as}-${u.in}`}>
          <a href={`/admin/temoignages/${u.storyId}`}>{describeUsage(u)}</a>
        </li>
      ))}
    </ul>
  );
}

export type LibraryListItem = { image: LibraryImage; usages: ImageUsage[] };

export function LibraryPage(props: { items: LibraryListItem[]; page: number; pages: number; total: number; form: FormState; pending: LibraryImage | null; csrf: string }) {
  const { form } = props;
  return (
    <>
      <h1>Médiathèque</h1>
      <p>
        {props.total} {props.total > 1 ? "images" : "image"} : couvertures, images importées et images déposées ici. Une image se dépose une fois, puis sert de
        couverture ou dans le texte d'un témoignage (bouton « Insérer une image » de l'éditeur).
      </p>
      <section aria-labelledby="deposer">
        <h2 id="deposer">Déposer une image</h2>
        <ErrorSummary form={form} labels={DETAIL_LABELS} />
        <Form action="/admin/medias" csrf={props.csrf} enctype="multipart/form-data" class="stack">
          {props.pending ? (
            <div class="field">
              <input type="hidden" name="pendingImageId" value={String(props.pending.id)} />
              <p>Image reçue : complétez sa description pour l'ajouter.</p>
              <img src={imageUrl(props.pending, 480)} alt="" width={240} class="thumb" />
            </div>
          ) : (
            <div class={form.errors.file ? "field has-error" : "field"}>
              <label for="champ-file">{DETAIL_LABELS.file}</label>
              <p class="hint" id="champ-file-aide">
                JPEG, PNG, WebP, AVIF ou GIF, 15 Mo au plus. Les métadonnées (lieu, appareil, dates) sont retirées.
              </p>
              {form.errors.file && (
                <p class="field-error" id="champ-file-erreur">
                  {form.errors.file}
                </p>
              )}
              <input
                id="champ-file"
                name="file"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
                aria-describedby={form.errors.file ? "champ-file-aide champ-file-erreur" : "champ-file-aide"}
                aria-invalid={form.errors.file ? "true" : undefined}
              />
            </div>
          )}
          <DetailFields form={form} />
          <button type="submit">Déposer l'image</button>
        </Form>
      </section>
      <section aria-labelledby="images">
        <h2 id="images">Images</h2>
        {props.items.length === 0 ? (
          <p>Aucune image pour l'instant.</p>
        ) : (
          <ul class="media-grid">
            {props.items.map(({ image, usages }) => (
              <li key={image.id} class="media-card">
                <img src={imageUrl(image, 480)} alt="" width={240} height={Math.round((240 * image.height) / image.width)} loading="lazy" />
                <p>
                  <a href={`/admin/medias/${image.id}`}>{image.decorative ? "Image décorative" : image.alt || "Texte alternatif à écrire"}</a>
                  <span class="hint">
                    {" "}
                    (n° {image.id}, {image.width} × {image.height})
                  </span>
                </p>
                {image.caption && <p>Légende : {image.caption}</p>}
                {image.credit && <p>Crédit : {image.credit}</p>}
                <UsageList usages={usages} />
              </li>
            ))}
          </ul>
        )}
        <Pagination t={translator("fr")} page={props.page} pages={props.pages} href={(p) => `/admin/medias?page=${p}`} />
      </section>
    </>
  );
}

export function LibraryImagePage(props: { image: LibraryImage; usages: ImageUsage[]; form: FormState; csrf: string; deleteRefused?: boolean }) {
  const { image } = props;
  return (
    <>
      <p>
        <a href="/admin/medias">← Médiathèque</a>
      </p>
      <h1>Image n° {image.id}</h1>
      <img src={imageUrl(image, 960)} alt="" width={480} height={Math.round((480 * image.height) / image.width)} class="thumb" />
      <p>
        {image.width} × {image.height} pixels. Adresse à utiliser dans un texte : <code>{`![${image.alt}](/media/${image.key})`}</code>
      </p>
      <ErrorSummary form={props.form} labels={DETAIL_LABELS} />
      <Form action={`/admin/medias/${image.id}`} csrf={props.csrf} class="stack">
        <DetailFields form={props.form} />
        <button type="submit">Enregistrer</button>
      </Form>
      <section aria-labelledby="utilisations">
        <h2 id="utilisations">Où elle est utilisée</h2>
        {props.deleteRefused && (
          <p class="field-error" role="alert">
            Cette image est utilisée : elle ne peut pas être supprimée. Retirez-la d'abord des témoignages ci-dessous.
          </p>
        )}
        <UsageList usages={props.usages} />
      </section>
      <Form action={`/admin/medias/${image.id}/supprimer`} csrf={props.csrf}>
        <button type="submit" class="danger">
          Supprimer l'image
        </button>
      </Form>
    </>
  );
}
