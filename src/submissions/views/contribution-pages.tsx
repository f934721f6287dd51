import type { ComponentChildren } from "preact";
import { ChoiceGroup, ErrorSummary, Form, fieldId, SelectField, TextArea, TextField } from "../../platform/html/forms.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import { type FormState, textOf } from "../../platform/http/form.js";
import { CONTENT_NOTES, type CreditKind } from "../../stories/story.js";
import { CONSENT_CHANNELS } from "../submission.js";
import { AudioFileField, AudioFormatChoice, audioLabels, DisguiseChoice, type Formats, offersAudio } from "../audio/views/audio-fields.js";
import { contentLang, withLinks } from "../../platform/html/with-links.js";

/** Field labels of the contribution form in the page's language (also used by the error summary). */
export function contributionLabels(t: PageContext["t"]): Record<string, string> {
  return {
    title: t("contribute.field.title"),
    body: t("contribute.field.body"),
    creditKind: t("contribute.field.creditKind"),
    creditName: t("contribute.field.creditName"),
    creditAge: t("contribute.field.creditAge"),
    contentNotes: t("contribute.field.contentNotes"),
    channels: t("contribute.field.channels"),
    email: t("contribute.field.email"),
    consent: t("contribute.field.consent"),
  };
}

/** The uses a contributor consents to, one checkbox each. */
export function channelOptions(t: PageContext["t"]) {
  return CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`contribute.channel.${c}`) }));
}

// Most protective first: anonymous is the default choice.
const CREDIT_ORDER = ["anonymous", "pseudonym", "first_name_age", "name"] as const satisfies readonly CreditKind[];

export function ContributionPage(props: {
  ctx: PageContext;
  form: FormState;
  csrf: string;
  consentText: string;
  callTitle?: string;
  /** The credit kinds a call offers; all of them for a free contribution. */
  creditOptions?: string[];
  /** Formats the form takes (a call's, or both for a free contribution); text only when absent. */
  formats?: Formats;
  /** This browser sent a contribution a short while ago (its follow-up session is open). */
  hasOpenFollowUp?: boolean;
}) {
  const { ctx, form } = props;
  const { t } = ctx;
  const formats = props.formats ?? ["text"];
  const lang = contentLang(ctx.locale);
  return (
    <Layout ctx={ctx} title={t("contribute.title")} current="contribute" noindex={false}>
      <div class="wrap narrow">
        <h1>
          {props.callTitle
            ? withLinks(t("contribute.callTitle"), { call: <span lang={lang}>{props.callTitle}</span> })
            : t("contribute.title")}
        </h1>
        {/* First after the title: on a phone the problems are what the page opens on (site.js focuses it). */}
        <ErrorSummary form={form} labels={contributionFormLabels(t, formats)} />
        {props.hasOpenFollowUp && (
          <p class="callout" role="note">
            {withLinks(t("contribute.alreadyOpen"), { link: <a href="/suivi/contribution">{t("contribute.alreadyOpenLink")}</a> })}
          </p>
        )}
        <p class="lead">{t("contribute.lead")}</p>
        <p>{withLinks(t("contribute.howItWorks"), { link: <a href="/pages/contribuer">{t("contribute.howItWorksLink")}</a> })}</p>
        <aside class="callout" aria-labelledby="prendre-soin">
          <h2 id="prendre-soin">{t("contribute.careTitle")}</h2>
          <p>{withLinks(t("contribute.care"), { link: <a href="/aide">{t("contribute.careLink")}</a> })}</p>
        </aside>
        <Form action="/temoigner" csrf={props.csrf} enctype={offersAudio(formats) ? "multipart/form-data" : undefined}>
          {typeof form.values.appel === "string" && <input type="hidden" name="appel" value={form.values.appel} />}
          {/* One form, one contribution: sent twice (Back, reload, a double click), it makes no second one. */}
          <input type="hidden" name="formToken" value={textOf(form.values, "formToken")} />
          <ContributionFields ctx={ctx} form={form} consentText={props.consentText} creditOptions={props.creditOptions} formats={formats} />
          <div class="actions" id={fieldId("formToken")}>
            {form.errors.formToken && <p class="field-error">{t("contribute.error.formExpired")}</p>}
            <button type="submit" name="action" value="send">
              {t("contribute.send")}
            </button>
            <button type="submit" name="action" value="draft" class="secondary">
              {t("contribute.saveDraft")}
            </button>
          </div>
        </Form>
      </div>
    </Layout>
  );
}

/** Labels of every field of the contribution form, for its error summary. */
export function contributionFormLabels(t: PageContext["t"], formats: Formats): Record<string, string> {
  return offersAudio(formats) ? { ...contributionLabels(t), ...audioLabels(t) } : contributionLabels(t);
}

/**
 * Every field of a contribution, from its title to the consent: the same on /temoigner and in the
 * draft editor on /suivi. `recording` is the draft's current recording, which an empty file field keeps.
 */
export function ContributionFields(props: {
  ctx: PageContext;
  form: FormState;
  consentText: string;
  creditOptions?: string[];
  formats: Formats;
  recording?: ComponentChildren;
}) {
  const { ctx, form, formats } = props;
  const { t } = ctx;
  const audio = offersAudio(formats);
  const labels = contributionFormLabels(t, formats);
  const creditOptions = CREDIT_ORDER.filter((c) => !props.creditOptions || props.creditOptions.includes(c)).map((c) => ({
    value: c,
    label: t(`contribute.credit.${c}`),
  }));
  const lang = contentLang(ctx.locale);
  return (
    <>
      <TextField form={form} name="title" label={labels.title as string} maxLength={200} hint={t("contribute.hint.title")} />
      <AudioFormatChoice ctx={ctx} form={form} formats={formats} />
      {props.recording}
      <AudioFileField ctx={ctx} form={form} formats={formats} keepsRecording={props.recording !== undefined} />
      <TextArea form={form} name="body" label={labels.body as string} rows={18} required={!audio} hint={audio ? t("audio.body.hint") : t("contribute.hint.body")} />
      <SelectField form={form} name="creditKind" label={labels.creditKind as string} hint={t("contribute.hint.creditKind")} options={creditOptions} />
      {creditOptions.some((o) => o.value === "anonymous") && <DisguiseChoice ctx={ctx} form={form} formats={formats} />}
      {/* site.js hides these two while "Anonyme" is chosen (and the age unless "Prénom et âge"); their hints say so without it. */}
      <TextField form={form} name="creditName" label={labels.creditName as string} maxLength={80} hint={t("contribute.hint.creditName")} />
      <TextField form={form} name="creditAge" label={labels.creditAge as string} inputmode="numeric" maxLength={3} hint={t("contribute.hint.creditAge")} />
      <ChoiceGroup
        form={form}
        name="contentNotes"
        label={labels.contentNotes as string}
        type="checkbox"
        hint={t("contribute.hint.contentNotes")}
        options={CONTENT_NOTES.map((n) => ({ value: n, label: t(`contribute.note.${n}`) }))}
      />
      <ChoiceGroup form={form} name="channels" label={labels.channels as string} type="checkbox" hint={t("contribute.hint.channels")} options={channelOptions(t)} />
      <TextField form={form} name="email" label={labels.email as string} type="email" autocomplete="email" hint={t("contribute.hint.email")} />
      <ConsentFields ctx={ctx} form={form} consentText={props.consentText} lang={lang} />
    </>
  );
}

/** The consent text and its box: needed to send, never to save a draft. */
export function ConsentFields(props: { ctx: PageContext; form: FormState; consentText: string; lang?: string }) {
  const { t } = props.ctx;
  return (
    <>
      <div class="callout consent-text">
        <h2>{t("contribute.consentTitle")}</h2>
        {props.lang && <p class="hint">{t("contribute.consentInFrench")}</p>}
        <p lang={props.lang}>{props.consentText}</p>
      </div>
      <ChoiceGroup
        form={props.form}
        name="consent"
        label={t("contribute.field.consent")}
        type="checkbox"
        hint={t("contribute.hint.consent")}
        options={[{ value: "1", label: t("contribute.consentAccept") }]}
      />
    </>
  );
}
