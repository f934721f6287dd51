import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField } from "../../platform/html/forms.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { FormState } from "../../platform/http/form.js";
import { CONTENT_NOTES, type CreditKind } from "../../stories/story.js";
import { CONSENT_CHANNELS } from "../submission.js";
import { AudioFileField, AudioFormatChoice, AudioReceiptNotice, audioLabels, DisguiseChoice, type Formats, offersAudio } from "./audio-fields.js";
import { CrisisNotice } from "../../safety/views/crisis-notice.js";
import { contentLang, withLinks } from "./with-links.js";

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
  action: string;
  callTitle?: string;
  /** The credit kinds a call offers; all of them for a free contribution. */
  creditOptions?: string[];
  /** Formats the form takes (a call's, or both for a free contribution); text only when absent. */
  formats?: Formats;
}) {
  const { ctx, form } = props;
  const { t } = ctx;
  const formats = props.formats ?? ["text"];
  const audio = offersAudio(formats);
  const labels = audio ? { ...contributionLabels(t), ...audioLabels(t) } : contributionLabels(t);
  const creditOptions = CREDIT_ORDER.filter((c) => !props.creditOptions || props.creditOptions.includes(c)).map((c) => ({
    value: c,
    label: t(`contribute.credit.${c}`),
  }));
  const lang = contentLang(ctx.locale);
  return (
    <Layout ctx={ctx} title={t("contribute.title")} current="contribute" noindex={false}>
      <div class="wrap narrow">
        <h1>
          {props.callTitle
            ? withLinks(t("contribute.callTitle"), { call: <span lang={lang}>{props.callTitle}</span> })
            : t("contribute.title")}
        </h1>
        <p class="lead">{t("contribute.lead")}</p>
        <aside class="callout" aria-labelledby="prendre-soin">
          <h2 id="prendre-soin">{t("contribute.careTitle")}</h2>
          <p>{withLinks(t("contribute.care"), { link: <a href="/aide">{t("contribute.careLink")}</a> })}</p>
        </aside>
        <ErrorSummary form={form} labels={labels} />
        <Form action={props.action} csrf={props.csrf} enctype={audio ? "multipart/form-data" : undefined}>
          {typeof form.values.appel === "string" && <input type="hidden" name="appel" value={form.values.appel} />}
          <TextField form={form} name="title" label={labels.title as string} maxLength={200} hint={t("contribute.hint.title")} />
          <AudioFormatChoice ctx={ctx} form={form} formats={formats} />
          <AudioFileField ctx={ctx} form={form} formats={formats} />
          <TextArea form={form} name="body" label={labels.body as string} rows={18} required={!audio} hint={audio ? t("audio.body.hint") : t("contribute.hint.body")} />
          <SelectField form={form} name="creditKind" label={labels.creditKind as string} hint={t("contribute.hint.creditKind")} options={creditOptions} />
          {creditOptions.some((o) => o.value === "anonymous") && <DisguiseChoice ctx={ctx} form={form} formats={formats} />}
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
          <div class="callout consent-text">
            <h2>{t("contribute.consentTitle")}</h2>
            {lang && <p class="hint">{t("contribute.consentInFrench")}</p>}
            <p lang={lang}>{props.consentText}</p>
          </div>
          <ChoiceGroup
            form={form}
            name="consent"
            label={labels.consent as string}
            type="checkbox"
            required
            options={[{ value: "1", label: t("contribute.consentAccept") }]}
          />
          <div class="actions">
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

export function ReceiptPage(props: { ctx: PageContext; receipt: string; sent: boolean; hasCrisisSignal: boolean; audio?: { mustListen: boolean } }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t("contribute.receiptTitle")} current="contribute" noindex>
      <div class="wrap narrow">
        <h1>{props.sent ? t("contribute.received") : t("contribute.draftSaved")}</h1>
        {props.hasCrisisSignal && <CrisisNotice ctx={props.ctx} />}
        {props.audio && <AudioReceiptNotice ctx={props.ctx} mustListen={props.audio.mustListen} />}
        <p>{t("contribute.receiptIntro")}</p>
        <p class="receipt">
          <span class="visually-hidden">{t("contribute.receiptLabel")}</span>
          <strong>{props.receipt}</strong>
        </p>
        <h2>{t("contribute.keepTitle")}</h2>
        <ul>
          <li>{t("contribute.keep1")}</li>
          <li>{t("contribute.keep2")}</li>
          <li>{t("contribute.keep3")}</li>
          <li>{t("contribute.keep4")}</li>
        </ul>
        <p>
          <a class="button" href="/suivi">
            {t("followUp.title")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
