import { ChoiceGroup, ErrorSummary, Form, TextField } from "../../platform/html/forms.js";
import { Pagination } from "../../platform/html/pagination.js";
import type { FormState } from "../../platform/http/form.js";
import type { Locale } from "../../platform/i18n/locale.js";
import { isMessageKey, type MessageKey, type Translate } from "../../platform/i18n/translate.js";
import type { ImageUsage, LibraryImage } from "../image.js";
import { imageUrl } from "./picture.js";

const detailLabels = (t: Translate): Record<string, string> => ({
  file: t("admin.media.field.file"),
  alt: t("admin.media.field.alt"),
  caption: t("admin.media.field.caption"),
  credit: t("admin.media.field.credit"),
  decorative: t("admin.media.field.decorative"),
});

const USAGE_LABELS: Record<ImageUsage["as"], Record<ImageUsage["in"], MessageKey>> = {
  cover: { working: "admin.media.usage.cover.working", scheduled: "admin.media.usage.cover.scheduled", released: "admin.media.usage.cover.released" },
  inline: { working: "admin.media.usage.inline.working", scheduled: "admin.media.usage.inline.scheduled", released: "admin.media.usage.inline.released" },
};

/** The fields every library image has, on the upload form and on its own page. */
function DetailFields({ t, form }: { t: Translate; form: FormState }) {
  const labels = detailLabels(t);
  return (
    <>
      <TextField form={form} name="alt" label={labels.alt as string} maxLength={300} hint={t("admin.media.hint.alt")} />
      <ChoiceGroup form={form} name="decorative" label={labels.decorative as string} type="checkbox" options={[{ value: "1", label: t("admin.media.hint.decorative") }]} />
      <TextField form={form} name="caption" label={labels.caption as string} maxLength={500} hint={t("admin.media.hint.caption")} />
      <TextField form={form} name="credit" label={labels.credit as string} maxLength={200} hint={t("admin.media.hint.credit")} />
    </>
  );
}

// The story's title is quoted as each language quotes; its own spacing is left as the editor typed it.
function describeUsage(t: Translate, locale: Locale, u: ImageUsage): string {
  const where = t(USAGE_LABELS[u.as][u.in]);
  return locale === "fr" ? `« ${u.title} » : ${where}` : `“${u.title}”: ${where}`;
}

function UsageList({ t, locale, usages }: { t: Translate; locale: Locale; usages: ImageUsage[] }) {
  if (usages.length === 0) return <p>{t("admin.media.unused")}</p>;
  return (
    <ul class="usages">
      {usages.map((u) => (
        <li key={`${u.storyId}-${u.as}-${u.in}`}>
          <a href={`/admin/temoignages/${u.storyId}`}>{describeUsage(t, locale, u)}</a>
        </li>
      ))}
    </ul>
  );
}

export type LibraryListItem = { image: LibraryImage; usages: ImageUsage[] };

export function LibraryPage(props: { t: Translate; locale: Locale; items: LibraryListItem[]; page: number; pages: number; total: number; form: FormState; pending: LibraryImage | null; csrf: string }) {
  const { t, form } = props;
  const labels = detailLabels(t);
  return (
    <>
      <h1>{t("admin.media.title")}</h1>
      <p>{t("admin.media.intro", { count: props.total })}</p>
      <section aria-labelledby="deposer">
        <h2 id="deposer">{t("admin.media.upload")}</h2>
        <ErrorSummary form={form} labels={labels} />
        <Form action="/admin/medias" csrf={props.csrf} enctype="multipart/form-data" class="stack">
          {props.pending ? (
            <div class="field">
              <input type="hidden" name="pendingImageId" value={String(props.pending.id)} />
              <p>{t("admin.media.pending")}</p>
              <img src={imageUrl(props.pending, 480)} alt="" width={240} class="thumb" />
            </div>
          ) : (
            <div class={form.errors.file ? "field has-error" : "field"}>
              <label for="champ-file">{labels.file}</label>
              <p class="hint" id="champ-file-aide">
                {t("admin.media.hint.file")}
              </p>
              {form.errors.file && (
                <p class="field-error" id="champ-file-erreur">
                  {isMessageKey(form.errors.file) ? t(form.errors.file) : form.errors.file}
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
          <DetailFields t={t} form={form} />
          <button type="submit">{t("admin.media.uploadSubmit")}</button>
        </Form>
      </section>
      <section aria-labelledby="images">
        <h2 id="images">{t("admin.media.images")}</h2>
        {props.items.length === 0 ? (
          <p>{t("admin.media.empty")}</p>
        ) : (
          <ul class="media-grid">
            {props.items.map(({ image, usages }) => (
              <li key={image.id} class="media-card">
                <img src={imageUrl(image, 480)} alt="" width={240} height={Math.round((240 * image.height) / image.width)} loading="lazy" />
                <p>
                  <a href={`/admin/medias/${image.id}`}>{image.decorative ? labels.decorative : image.alt || t("admin.media.altMissing")}</a>
                  <span class="hint"> {t("admin.media.numberAndSize", { id: String(image.id), width: String(image.width), height: String(image.height) })}</span>
                </p>
                {image.caption && <p>{t("admin.media.captionLine", { caption: image.caption })}</p>}
                {image.credit && <p>{t("admin.media.creditLine", { credit: image.credit })}</p>}
                <UsageList t={t} locale={props.locale} usages={usages} />
              </li>
            ))}
          </ul>
        )}
        <Pagination t={t} page={props.page} pages={props.pages} href={(p) => `/admin/medias?page=${p}`} />
      </section>
    </>
  );
}

export function LibraryImagePage(props: { t: Translate; locale: Locale; image: LibraryImage; usages: ImageUsage[]; form: FormState; csrf: string; deleteRefused?: boolean }) {
  const { t, image } = props;
  return (
    <>
      <p>
        <a href="/admin/medias">{t("admin.media.back")}</a>
      </p>
      <h1>{t("admin.media.imageTitle", { id: String(image.id) })}</h1>
      <img src={imageUrl(image, 960)} alt="" width={480} height={Math.round((480 * image.height) / image.width)} class="thumb" />
      <p>
        {t("admin.media.address", { width: String(image.width), height: String(image.height) })} <code>{`![${image.alt}](/media/${image.key})`}</code>
      </p>
      <ErrorSummary form={props.form} labels={detailLabels(t)} />
      <Form action={`/admin/medias/${image.id}`} csrf={props.csrf} class="stack">
        <DetailFields t={t} form={props.form} />
        <button type="submit">{t("admin.media.save")}</button>
      </Form>
      <section aria-labelledby="utilisations">
        <h2 id="utilisations">{t("admin.media.usedWhere")}</h2>
        {props.deleteRefused && (
          <p class="field-error" role="alert">
            {t("admin.media.deleteRefused")}
          </p>
        )}
        <UsageList t={t} locale={props.locale} usages={props.usages} />
      </section>
      <Form action={`/admin/medias/${image.id}/supprimer`} csrf={props.csrf}>
        <button type="submit" class="danger">
          {t("admin.media.delete")}
        </button>
      </Form>
    </>
  );
}
