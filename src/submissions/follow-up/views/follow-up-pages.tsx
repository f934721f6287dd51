import { ChoiceGroup, ErrorSummary, Form, TextArea, TextField } from "../../../platform/html/forms.js";
import { Layout } from "../../../platform/html/layout.js";
import type { PageContext } from "../../../platform/html/page-context.js";
import type { FormState } from "../../../platform/http/form.js";
import type { AudioView } from "../../audio/contribution-audio.present.js";
import { AudioFollowUp } from "../../audio/views/audio-follow-up.js";
import { CrisisNotice } from "../../../safety/views/crisis-notice.js";
import { channelOptions, ConsentFields } from "../../views/contribution-pages.js";
import { contentLang, withLinks } from "../../../platform/html/with-links.js";

export function FollowUpLoginPage(props: { ctx: PageContext; form: FormState; csrf: string; notice?: string }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t("followUp.title")} current="contribute" noindex>
      <div class="wrap narrow">
        <h1>{t("followUp.title")}</h1>
        {props.notice && (
          <p class="flash" role="status">
            {props.notice}
          </p>
        )}
        <p>{t("followUp.intro")}</p>
        <ErrorSummary form={props.form} labels={{ receipt: t("followUp.receipt") }} />
        <Form action="/suivi" csrf={props.csrf}>
          <TextField
            form={props.form}
            name="receipt"
            label={t("followUp.receipt")}
            autocomplete="off"
            maxLength={100}
            required
            hint={t("followUp.receiptHint", { example: "7K3M-Q9TZ-2XWD-HB4R-NC8P" })}
          />
          <button type="submit">{t("followUp.open")}</button>
        </Form>
        <p class="hint">{t("followUp.lost")}</p>
      </div>
    </Layout>
  );
}

/** Everything the follow-up page shows, already in the reader's language (the texts stay as written). */
export type FollowUpView = {
  stateLabel: string;
  state: string;
  title: string;
  bodyHtml: string;
  credit: string;
  /** How the published version is signed, when it is online (it is the one she approved). */
  publishedCredit: string | null;
  isOpen: boolean;
  isDraft: boolean;
  isAnonymous: boolean;
  messages: Array<{ from: string; when: string; body: string }>;
  consents: Array<{ when: string; what: string }>;
  hasCrisisSignal: boolean;
  /** A version awaits the author's approval, on its own page (/suivi/version). */
  hasPendingVersion: boolean;
};

export function FollowUpPage(props: {
  ctx: PageContext;
  view: FollowUpView;
  form: FormState;
  draftForm: FormState;
  /** The consent text a draft is sent under (empty once sent). */
  consentText: string;
  csrf: string;
  flash?: string;
  audio?: AudioView | null;
}) {
  const { view, ctx, audio } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("followUp.pageTitle")} current="contribute" noindex>
      <div class="wrap narrow">
        <h1>{t("followUp.pageTitle")}</h1>
        {props.flash && (
          <p class="flash" role="status">
            {props.flash}
          </p>
        )}
        {view.hasCrisisSignal && <CrisisNotice ctx={ctx} />}
        <dl class="facts">
          <dt>{t("followUp.stateLabel")}</dt>
          <dd>
            <strong>{view.stateLabel}</strong>
          </dd>
          <dt>{t("followUp.titleLabel")}</dt>
          <dd>{view.title || t("followUp.untitled")}</dd>
          <dt>{t("followUp.creditLabel")}</dt>
          <dd>{view.credit}</dd>
          {view.publishedCredit !== null && view.publishedCredit !== view.credit && (
            <>
              <dt>{t("followUp.publishedCreditLabel")}</dt>
              <dd>{view.publishedCredit}</dd>
            </>
          )}
        </dl>
        {audio && <AudioFollowUp ctx={props.ctx} csrf={props.csrf} audio={audio} isDraft={view.isDraft} isAnonymous={view.isAnonymous} />}
        {view.isDraft && (
          <p>
            <a class="button" href="/suivi/modifier">
              {t("draft.editLink")}
            </a>
          </p>
        )}
        {view.isDraft && (!audio || audio.state === "ready") && (
          <section aria-labelledby="envoyer-titre" class="panel">
            <h2 id="envoyer-titre">{t("followUp.sendDraftTitle")}</h2>
            <ErrorSummary form={props.draftForm} labels={{ channels: t("contribute.field.channels"), consent: t("contribute.field.consent") }} />
            <Form action="/suivi/envoyer" csrf={props.csrf}>
              <ChoiceGroup form={props.draftForm} name="channels" label={t("contribute.field.channels")} type="checkbox" options={channelOptions(t)} />
              <ConsentFields ctx={ctx} form={props.draftForm} consentText={props.consentText} lang={contentLang(ctx.locale)} />
              <button type="submit">{t("followUp.sendDraft")}</button>
            </Form>
          </section>
        )}
        {view.hasPendingVersion && (
          <section aria-labelledby="accord-titre" class="panel">
            <h2 id="accord-titre">{t("followUp.approvalTitle")}</h2>
            <p>{t("followUp.approvalIntro")}</p>
            <p>
              <a class="button" href="/suivi/version">
                {t("followUp.reviewVersion")}
              </a>
            </p>
          </section>
        )}
        <section aria-labelledby="texte-titre">
          <h2 id="texte-titre">{t("followUp.myText")}</h2>
          <div class="prose" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
        </section>
        <section aria-labelledby="echanges-titre">
          <h2 id="echanges-titre">{t("followUp.exchanges")}</h2>
          {view.messages.length === 0 ? (
            <p>{t("followUp.noMessages")}</p>
          ) : (
            <ol class="messages">
              {view.messages.map((m) => (
                <li key={`${m.when}-${m.from}`}>
                  <p class="hint">{t("followUp.messageMeta", { from: m.from, when: m.when })}</p>
                  <p class="message-body">{m.body}</p>
                </li>
              ))}
            </ol>
          )}
          {view.isOpen && !view.isDraft && (
            <>
              <ErrorSummary form={props.form} labels={{ body: t("followUp.messageShort") }} />
              <Form action="/suivi/message" csrf={props.csrf}>
                <TextArea form={props.form} name="body" label={t("followUp.message")} rows={5} maxLength={10_000} required />
                <button type="submit">{t("followUp.sendMessage")}</button>
              </Form>
            </>
          )}
        </section>
        <section aria-labelledby="accords-titre">
          <h2 id="accords-titre">{t("followUp.consents")}</h2>
          <ul>
            {view.consents.map((c) => (
              <li key={`${c.when}-${c.what}`}>{t("followUp.consentLine", { when: c.when, what: c.what })}</li>
            ))}
          </ul>
          <p>
            <a href="/suivi/accords.json" download="mes-accords-entre-pairs.json">
              {t("followUp.download")}
            </a>
          </p>
        </section>
        <section aria-labelledby="choix-titre">
          <h2 id="choix-titre">{t("followUp.changeMind")}</h2>
          <ul class="choices-list">
            {!view.isAnonymous && <li>{withLinks(t("followUp.anonymiseChoice"), { link: <a href="/suivi/anonymiser">{t("followUp.anonymiseLink")}</a> })}</li>}
            {view.isOpen && <li>{withLinks(t("followUp.withdrawChoice"), { link: <a href="/suivi/retirer">{t("followUp.withdrawLink")}</a> })}</li>}
            <li>{withLinks(t("followUp.eraseChoice"), { link: <a href="/suivi/effacer">{t("followUp.eraseLink")}</a> })}</li>
          </ul>
          <Form action="/suivi/fermer" csrf={props.csrf}>
            <button type="submit" class="secondary">
              {t("followUp.closeSession")}
            </button>
          </Form>
        </section>
      </div>
    </Layout>
  );
}

const CONFIRM = {
  withdraw: {
    action: "/suivi/retirer",
    points: ["followUp.confirm.withdraw.1", "followUp.confirm.withdraw.2", "followUp.confirm.withdraw.draft", "followUp.confirm.withdraw.3", "followUp.confirm.withdraw.4"],
  },
  erase: { action: "/suivi/effacer", points: ["followUp.confirm.erase.1", "followUp.confirm.erase.2", "followUp.confirm.erase.3"] },
  anonymise: { action: "/suivi/anonymiser", points: ["followUp.confirm.anonymise.1", "followUp.confirm.anonymise.2"] },
} as const;

export function ConfirmPage(props: { ctx: PageContext; csrf: string; kind: "withdraw" | "erase" | "anonymise"; backupRetentionDays: number }) {
  const { t } = props.ctx;
  const { kind } = props;
  return (
    <Layout ctx={props.ctx} title={t(`followUp.confirm.${kind}.title`)} current="contribute" noindex>
      <div class="wrap narrow">
        <h1>{t(`followUp.confirm.${kind}.question`)}</h1>
        <ul>
          {CONFIRM[kind].points.map((key) => (
            <li key={key}>{t(key, { days: props.backupRetentionDays })}</li>
          ))}
        </ul>
        <Form action={CONFIRM[kind].action} csrf={props.csrf}>
          <button type="submit" class="danger">
            {t(`followUp.confirm.${kind}.button`)}
          </button>{" "}
          <a href="/suivi/contribution">{t("followUp.confirm.back")}</a>
        </Form>
      </div>
    </Layout>
  );
}

export function ErasedPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("followUp.erasedTitle")} current="contribute" noindex>
      <div class="wrap narrow">
        <h1>{t("followUp.erasedHeading")}</h1>
        <p>{t("followUp.erasedText")}</p>
        <p>
          <a href="/">{t("error.backHome")}</a>
        </p>
      </div>
    </Layout>
  );
}
