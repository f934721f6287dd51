import { ErrorSummary, Form, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import { AA_NORMAL_TEXT, PAGE_BACKGROUND } from "../colour-contrast.js";

export const SETTINGS_LABELS: Record<string, string> = {
  name: "Nom du site",
  tagline: "Slogan",
  contactEmail: "Adresse de contact",
  legalEntity: "Éditeur du site (mentions légales)",
  legalHost: "Hébergeur (mentions légales)",
  socialLinks: "Liens vers vos réseaux",
  accentColour: "Couleur d'accent",
};

/** /admin/reglages: what makes the site this team's own. */
type ImageProps = { imageError?: string; logoUrl: string | null; shareImageUrl: string | null };

/** The logo and the default share image: a form of their own, as a file needs a multipart body. */
function ImageForm({ csrf, imageError, logoUrl, shareImageUrl }: ImageProps & { csrf: string }) {
  return (
    <Form action="/admin/reglages/image" csrf={csrf} enctype="multipart/form-data">
      <h2>Logo et image de partage</h2>
      <p>
        Logo : {logoUrl ? <img src={logoUrl} alt="le logo actuel" class="settings-preview" /> : "aucun"}. Image de partage : {shareImageUrl ? <img src={shareImageUrl} alt="l'image de partage actuelle" class="settings-preview" /> : "aucune"}.
      </p>
      <fieldset>
        <legend>Cette image sera</legend>
        <p>
          <input type="radio" id="usage-logo" name="usage" value="logo" />
          <label for="usage-logo">le logo, dans l'en-tête</label>
        </p>
        <p>
          <input type="radio" id="usage-share" name="usage" value="share" checked />
          <label for="usage-share">l'image de partage par défaut (réseaux sociaux)</label>
        </p>
      </fieldset>
      <div class={imageError ? "field has-error" : "field"}>
        <label for="champ-image">Image (PNG ou JPEG)</label>
        <p class="hint" id="champ-image-aide">
          Ses métadonnées (lieu, appareil, dates) sont effacées. Les SVG sont refusés : ils peuvent porter des scripts ou des liens vers d'autres sites.
        </p>
        {imageError && (
          <p class="field-error" id="champ-image-erreur" role="alert">
            <span class="visually-hidden">Erreur : </span>
            {imageError}
          </p>
        )}
        <input id="champ-image" name="image" type="file" accept="image/png,image/jpeg" aria-describedby={imageError ? "champ-image-aide champ-image-erreur" : "champ-image-aide"} aria-invalid={imageError ? "true" : undefined} />
      </div>
      <button type="submit">Envoyer l'image</button>
    </Form>
  );
}

export function SettingsPage({ form, csrf, ...images }: { form: FormState; csrf: string } & ImageProps) {
  return (
    <>
      <h1>Réglages du site</h1>
      <p>Le nom, le slogan et la couleur apparaissent sur chaque page, dans les flux, les courriels et la pochette du podcast, dès l'enregistrement.</p>
      <ErrorSummary form={form} labels={SETTINGS_LABELS} />
      <Form action="/admin/reglages" csrf={csrf}>
        <TextField form={form} name="name" label={SETTINGS_LABELS.name as string} required maxLength={80} />
        <TextField form={form} name="tagline" label={SETTINGS_LABELS.tagline as string} hint="Sous le nom dans l'en-tête, et dans le titre de l'accueil." maxLength={200} />
        <TextField form={form} name="contactEmail" type="email" autocomplete="email" label={SETTINGS_LABELS.contactEmail as string} hint="Affichée dans les mentions légales." />
        <TextArea form={form} name="legalEntity" rows={3} label={SETTINGS_LABELS.legalEntity as string} hint="Nom, forme juridique, adresse et directeur ou directrice de la publication." />
        <TextArea form={form} name="legalHost" rows={3} label={SETTINGS_LABELS.legalHost as string} hint="Nom, adresse et téléphone de l'hébergeur." />
        <TextArea
          form={form}
          name="socialLinks"
          rows={4}
          label={SETTINGS_LABELS.socialLinks as string}
          hint="Une adresse https:// par ligne, 8 au plus. Affichées en simples liens dans le pied de page : aucune page ne charge rien de ces sites."
        />
        <TextField
          form={form}
          name="accentColour"
          label={SETTINGS_LABELS.accentColour as string}
          hint={`Sous la forme #rrvvbb. Elle sert de texte sur le fond des pages (${PAGE_BACKGROUND}) et de fond sous le texte blanc du lien d'aide : les deux contrastes doivent atteindre ${String(AA_NORMAL_TEXT).replace(".", ",")}:1 (WCAG AA).`}
          maxLength={7}
        />
        <button type="submit">Enregistrer les réglages</button>
      </Form>
      <ImageForm csrf={csrf} {...images} />
    </>
  );
}
