import type { ComponentChildren } from "preact";
import { ErrorSummary, Form, TextField } from "../../platform/html/forms.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { FormState } from "../../platform/http/form.js";

export type SentNotice = "subscribe" | "access" | null;

export function NewsletterPage(props: { ctx: PageContext; subscribeForm: FormState; accessForm: FormState; csrf: string; sent: SentNotice }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t("newsletter.title")}>
      <div class="wrap narrow">
        <h1>{t("newsletter.title")}</h1>
        {props.sent && (
          <p class="flash" role="status">
            {t(props.sent === "subscribe" ? "newsletter.sent" : "newsletter.access.sent")}
          </p>
        )}
        <p>{t("newsletter.intro")}</p>
        <ErrorSummary form={props.subscribeForm} labels={{ email: t("newsletter.field.email") }} />
        <Form action="/lettre" csrf={props.csrf}>
          <TextField form={props.subscribeForm} name="email" label={t("newsletter.field.email")} type="email" autocomplete="email" hint={t("newsletter.hint.email")} required maxLength={254} />
          <button type="submit">{t("newsletter.subscribe")}</button>
        </Form>
        <h2>{t("newsletter.access.heading")}</h2>
        <p>{t("newsletter.access.intro")}</p>
        <ErrorSummary form={props.accessForm} labels={{ accessEmail: t("newsletter.field.accessEmail") }} />
        <Form action="/lettre/liens" csrf={props.csrf}>
          <TextField form={props.accessForm} name="accessEmail" label={t("newsletter.field.accessEmail")} type="email" autocomplete="email" required maxLength={254} />
          <button type="submit">{t("newsletter.access.send")}</button>
        </Form>
      </div>
    </Layout>
  );
}

/** A short page of the subscription's life: confirm, confirmed, expired, unsubscribe, unsubscribed. */
export function NewsletterNotice(props: { ctx: PageContext; title: string; children: ComponentChildren }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <div class="wrap narrow">
        <h1>{props.title}</h1>
        {props.children}
      </div>
    </Layout>
  );
}

/** A button that posts to a link's address; the token is in the address, the form needs nothing else. */
export function TokenButton(props: { action: string; csrf?: string; label: string; oneClick?: boolean }) {
  return (
    <form method="post" action={props.action}>
      {props.csrf && <input type="hidden" name="_csrf" value={props.csrf} />}
      {props.oneClick && <input type="hidden" name="List-Unsubscribe" value="One-Click" />}
      <button type="submit">{props.label}</button>
    </form>
  );
}

export function SubscriberDataList(props: { ctx: PageContext; email: string; consent: string; language: string; unsubscribeAction: string }) {
  const { t } = props.ctx;
  return (
    <>
      <p>{t("newsletter.data.intro")}</p>
      <dl>
        <dt>{t("newsletter.data.email")}</dt>
        <dd>{props.email}</dd>
        <dt>{t("newsletter.data.consent")}</dt>
        <dd>{props.consent}</dd>
        <dt>{t("newsletter.data.locale")}</dt>
        <dd>{props.language}</dd>
      </dl>
      <h2>{t("newsletter.data.erase")}</h2>
      <p>{t("newsletter.unsubscribe.intro")}</p>
      <TokenButton action={props.unsubscribeAction} label={t("newsletter.unsubscribe.button")} oneClick />
    </>
  );
}
