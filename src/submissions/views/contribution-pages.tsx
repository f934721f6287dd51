import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField } from "../../platform/html/forms.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { FormState } from "../../platform/http/form.js";
import { NOTE_LABELS } from "../../editorial/views/story-editor-page.js";
import { CHANNEL_LABELS, CONSENT_CHANNELS } from "../submission.js";
import { AudioFileField, AudioFormatChoice, AudioReceiptNotice, audioLabels, DisguiseChoice, type Formats, offersAudio } from "./audio-fields.js";

const NOTE_OPTIONS = Object.entries(NOTE_LABELS).map(([value, label]) => ({ value, label }));

export const CONTRIBUTION_LABELS: Record<string, string> = {
  title: "Titre proposé",
  body: "Votre témoignage",
  creditKind: "Comment souhaitez-vous apparaître ?",
  creditName: "Nom, pseudonyme ou prénom affiché",
  creditAge: "Âge affiché",
  contentNotes: "Votre texte parle-t-il de…",
  channels: "Où acceptez-vous qu'il soit publié, une fois la version finale approuvée par vous ?",
  email: "Adresse électronique (facultative)",
  consent: "Accord",
};

/** The crisis resources shown calmly to someone whose words suggest acute distress. */
export function CrisisNotice() {
  return (
    <aside class="callout crisis-box" aria-labelledby="crise-titre" role="note">
      <h2 id="crise-titre">Vous n'êtes pas seul·e</h2>
      <p>
        Ce que vous avez écrit nous touche. Si vous pensez au suicide ou si vous êtes en danger maintenant, appelez le <a href="tel:3114">3114</a> (gratuit, jour et
        nuit), le <a href="tel:15">15</a> ou le <a href="tel:112">112</a>, ou envoyez un SMS au <a href="sms:114">114</a>.
      </p>
      <p>
        L'équipe d'Entre Pairs lit chaque contribution, mais elle n'est pas un service d'urgence et ne peut pas vous répondre tout de suite. Votre texte est bien
        enregistré.
      </p>
    </aside>
  );
}

const CREDIT_OPTIONS = [
  { value: "anonymous", label: "Anonyme" },
  { value: "pseudonym", label: "Sous un pseudonyme" },
  { value: "first_name_age", label: "Prénom et âge" },
  { value: "name", label: "Nom et prénom" },
];

export function ContributionPage(props: {
  ctx: PageContext;
  form: FormState;
  csrf: string;
  consentText: string;
  action: string;
  callTitle?: string;
  /** The credit kinds a call offers; all of them for a free contribution. */
  creditOptions?: string[];
  /** Formats the form takes (a call's, or both for a free contribution); text only when absent. */
  formats?: Formats;
}) {
  const creditOptions = CREDIT_OPTIONS.filter((o) => !props.creditOptions || props.creditOptions.includes(o.value));
  const { form } = props;
  const formats = props.formats ?? ["text"];
  const audio = offersAudio(formats);
  return (
    <Layout ctx={props.ctx} title="Témoigner" current="contribute" noindex={false}>
      <div class="wrap narrow" lang="fr">
        <h1>{props.callTitle ? `Répondre à l'appel « ${props.callTitle} »` : "Témoigner"}</h1>
        <p class="lead">
          Racontez ce que vous avez vécu, à votre rythme. Vous pouvez rester anonyme. Rien ne sera publié sans que vous ayez relu et approuvé la version finale.
        </p>
        <aside class="callout" aria-labelledby="prendre-soin">
          <h2 id="prendre-soin">Prendre soin de vous</h2>
          <p>
            Écrire sur des moments difficiles peut raviver des émotions. Faites des pauses, enregistrez un brouillon et revenez plus tard si besoin. En cas d'urgence :{" "}
            <a href="/aide">3114 et autres numéros</a>.
          </p>
        </aside>
        <ErrorSummary form={form} labels={audio ? { ...CONTRIBUTION_LABELS, ...audioLabels(props.ctx.t) } : CONTRIBUTION_LABELS} />
        <Form action={props.action} csrf={props.csrf} enctype={audio ? "multipart/form-data" : undefined}>
          {typeof form.values.appel === "string" && <input type="hidden" name="appel" value={form.values.appel} />}
          <TextField form={form} name="title" label={CONTRIBUTION_LABELS.title as string} maxLength={200} hint="Facultatif : l'équipe peut vous en proposer un." />
          <AudioFormatChoice ctx={props.ctx} form={form} formats={formats} />
          <AudioFileField ctx={props.ctx} form={form} formats={formats} />
          <TextArea
            form={form}
            name="body"
            label={CONTRIBUTION_LABELS.body as string}
            rows={18}
            required={!audio}
            hint={audio ? props.ctx.t("audio.body.hint") : "Écrivez librement. Pour un intertitre, commencez une ligne par ## ; une ligne vide sépare les paragraphes."}
          />
          <SelectField
            form={form}
            name="creditKind"
            label={CONTRIBUTION_LABELS.creditKind as string}
            hint="Votre identité réelle n'apparaît jamais sur le site : seul ce choix est affiché."
            options={creditOptions}
          />
          {creditOptions.some((o) => o.value === "anonymous") && <DisguiseChoice ctx={props.ctx} form={form} formats={formats} />}
          <TextField form={form} name="creditName" label={CONTRIBUTION_LABELS.creditName as string} maxLength={80} hint="Laissez vide si vous choisissez « Anonyme »." />
          <TextField form={form} name="creditAge" label={CONTRIBUTION_LABELS.creditAge as string} inputmode="numeric" maxLength={3} hint="Seulement pour « Prénom et âge »." />
          <ChoiceGroup
            form={form}
            name="contentNotes"
            label={CONTRIBUTION_LABELS.contentNotes as string}
            type="checkbox"
            hint="Ces avertissements seront affichés avant votre texte, pour que chacun choisisse de lire ou non."
            options={NOTE_OPTIONS}
          />
          <ChoiceGroup
            form={form}
            name="channels"
            label={CONTRIBUTION_LABELS.channels as string}
            type="checkbox"
            hint="Vous pourrez changer d'avis à tout moment avec votre reçu."
            options={CONSENT_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          />
          <TextField
            form={form}
            name="email"
            label={CONTRIBUTION_LABELS.email as string}
            type="email"
            autocomplete="email"
            hint="Seulement pour vous prévenir d'une réponse. Seule l'équipe éditoriale la voit ; elle est effacée avec votre contribution."
          />
          <div class="callout consent-text">
            <h2>Ce que nous ferons de votre texte</h2>
            <p>{props.consentText}</p>
          </div>
          <ChoiceGroup
            form={form}
            name="consent"
            label={CONTRIBUTION_LABELS.consent as string}
            type="checkbox"
            required
            options={[{ value: "1", label: "J'ai lu ce texte et je l'accepte" }]}
          />
          <div class="actions">
            <button type="submit" name="action" value="send">
              Envoyer mon témoignage
            </button>
            <button type="submit" name="action" value="draft" class="secondary">
              Enregistrer un brouillon
            </button>
          </div>
        </Form>
      </div>
    </Layout>
  );
}

export function ReceiptPage(props: { ctx: PageContext; receipt: string; sent: boolean; hasCrisisSignal: boolean; audio?: { mustListen: boolean } }) {
  return (
    <Layout ctx={props.ctx} title="Votre reçu" current="contribute" noindex>
      <div class="wrap narrow" lang="fr">
        <h1>{props.sent ? "Merci, votre témoignage est bien arrivé" : "Votre brouillon est enregistré"}</h1>
        {props.hasCrisisSignal && <CrisisNotice />}
        {props.audio && <AudioReceiptNotice ctx={props.ctx} mustListen={props.audio.mustListen} />}
        <p>Voici votre reçu. Il est la seule clé de votre contribution : sans compte, c'est lui qui vous permet de la suivre, d'écrire à l'équipe, de la retirer ou de tout effacer.</p>
        <p class="receipt">
          <span class="visually-hidden">Reçu : </span>
          <strong>{props.receipt}</strong>
        </p>
        <h2>Gardez-le en lieu sûr</h2>
        <ul>
          <li>Notez-le sur papier, ou dans un gestionnaire de mots de passe.</li>
          <li>Il ne sera plus jamais affiché : nous ne le connaissons pas, nous n'en gardons qu'une empreinte.</li>
          <li>Ne le partagez pas : qui a ce reçu peut lire et retirer votre contribution.</li>
          <li>Les tirets, espaces et majuscules n'ont pas d'importance quand vous le retapez.</li>
        </ul>
        <p>
          <a class="button" href="/suivi">
            Suivre ma contribution
          </a>
        </p>
      </div>
    </Layout>
  );
}
