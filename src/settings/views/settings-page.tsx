import { ErrorSummary, Form, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import { isMessageKey, type Translate } from "../../platform/i18n/translate.js";
import { AA_NORMAL_TEXT, PAGE_BACKGROUND } from "../colour-contrast.js";

const settingsLabels = (t: Translate): Record<string, string> => ({
  name: t("admin.settings.field.name"),
  tagline: t("admin.settings.field.tagline"),
  contactEmail: t("admin.settings.field.contactEmail"),
  legalEntity: t("admin.settings.field.legalEntity"),
  legalHost: t("admin.settings.field.legalHost"),
  socialLinks: t("admin.settings.field.socialLinks"),
  accentColour: t("admin.settings.field.accentColour"),
});

/** /admin/reglages: what makes the site this team's own. */
type ImageProps = { imageError?: string; logoUrl: string | null; shareImageUrl: string | null };

/** The logo and the default share image: a form of their own, as a file needs a multipart body. */
function ImageForm({ t, csrf, imageError, logoUrl, shareImageUrl }: ImageProps & { t: Translate; csrf: string }) {
  return (
    <Form action="/admin/reglages/image" csrf={csrf} enctype="multipart/form-data">
      <h2>{t("admin.settings.images")}</h2>
      <p>
        {t("admin.settings.logo")} {logoUrl ? <img src={logoUrl} alt={t("admin.settings.logoAlt")} class="settings-preview" /> : t("admin.settings.logoNone")}.{" "}
        {t("admin.settings.share")} {shareImageUrl ? <img src={shareImageUrl} alt={t("admin.settings.shareAlt")} class="settings-preview" /> : t("admin.settings.shareNone")}.
      </p>
      <fieldset>
        <legend>{t("admin.settings.usage")}</legend>
        <p>
          <input type="radio" id="usage-logo" name="usage" value="logo" />
          <label for="usage-logo">{t("admin.settings.usage.logo")}</label>
        </p>
        <p>
          <input type="radio" id="usage-share" name="usage" value="share" checked />
          <label for="usage-share">{t("admin.settings.usage.share")}</label>
        </p>
      </fieldset>
      <div class={imageError ? "field has-error" : "field"}>
        <label for="champ-image">{t("admin.settings.field.image")}</label>
        <p class="hint" id="champ-image-aide">
          {t("admin.settings.hint.image")}
        </p>
        {imageError && (
          <p class="field-error" id="champ-image-erreur" role="alert">
            <span class="visually-hidden">{t("form.errorPrefix")}</span>
            {isMessageKey(imageError) ? t(imageError) : imageError}
          </p>
        )}
        <input id="champ-image" name="image" type="file" accept="image/png,image/jpeg" aria-describedby={imageError ? "champ-image-aide champ-image-erreur" : "champ-image-aide"} aria-invalid={imageError ? "true" : undefined} />
      </div>
      <button type="submit">{t("admin.settings.sendImage")}</button>
    </Form>
  );
}

export function SettingsPage({ t, form, csrf, ...images }: { t: Translate; form: FormState; csrf: string } & ImageProps) {
  const labels = settingsLabels(t);
  return (
    <>
      <h1>{t("admin.settings.title")}</h1>
      <p>{t("admin.settings.intro")}</p>
      <ErrorSummary form={form} labels={labels} />
      <Form action="/admin/reglages" csrf={csrf}>
        <TextField form={form} name="name" label={labels.name as string} required maxLength={80} />
        <TextField form={form} name="tagline" label={labels.tagline as string} hint={t("admin.settings.hint.tagline")} maxLength={200} />
        <TextField form={form} name="contactEmail" type="email" autocomplete="email" label={labels.contactEmail as string} hint={t("admin.settings.hint.contactEmail")} />
        <TextArea form={form} name="legalEntity" rows={3} label={labels.legalEntity as string} hint={t("admin.settings.hint.legalEntity")} />
        <TextArea form={form} name="legalHost" rows={3} label={labels.legalHost as string} hint={t("admin.settings.hint.legalHost")} />
        <TextArea
          form={form}
          name="socialLinks"
          rows={4}
          label={labels.socialLinks as string}
          hint={t("admin.settings.hint.socialLinks")}
        />
        <TextField
          form={form}
          name="accentColour"
          label={labels.accentColour as string}
          hint={t("admin.settings.hint.accentColour", { background: PAGE_BACKGROUND, ratio: AA_NORMAL_TEXT })}
          maxLength={7}
        />
        <button type="submit">{t("admin.settings.save")}</button>
      </Form>
      <ImageForm t={t} csrf={csrf} {...images} />
    </>
  );
}
