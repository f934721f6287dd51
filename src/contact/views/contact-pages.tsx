import { ErrorSummary, Form, TextArea, TextField } from "../../platform/html/forms.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { FormState } from "../../platform/http/form.js";
import type { Translate } from "../../platform/i18n/translate.js";

export function ContactPage(props: { ctx: PageContext; form: FormState; csrf: string; stamp: string; sent: boolean }) {
  const { t } = props.ctx;
  const labels = { subject: t("contact.field.subject"), body: t("contact.field.body"), replyTo: t("contact.field.replyTo") };
  return (
    <Layout ctx={props.ctx} title={t("contact.title")} current="about">
      <div class="wrap narrow">
        <h1>{t("contact.title")}</h1>
        {props.sent ? (
          <p class="flash" role="status">
            {t("contact.sent")}
          </p>
        ) : (
          <>
            <p>{t("contact.intro")}</p>
            <ErrorSummary form={props.form} labels={labels} />
            <Form action="/contact" csrf={props.csrf}>
              <input type="hidden" name="stamp" value={props.stamp} />
              {/* Left empty by people (it is hidden from them and from screen readers); robots fill it. */}
              <div class="trap" aria-hidden="true">
                <label for="champ-site">{t("contact.trap")}</label>
                <input id="champ-site" name="site" type="text" tabindex={-1} autocomplete="off" value="" />
              </div>
              <TextField form={props.form} name="subject" label={labels.subject} required maxLength={200} />
              <TextArea form={props.form} name="body" label={labels.body} rows={8} required maxLength={10_000} />
              <TextField form={props.form} name="replyTo" label={labels.replyTo} type="email" autocomplete="email" hint={t("contact.hint.replyTo")} />
              <button type="submit">{t("contact.send")}</button>
            </Form>
          </>
        )}
      </div>
    </Layout>
  );
}

export function ContactInbox(props: { messages: Array<{ id: number; subject: string; body: string; replyTo: string; when: string }>; t: Translate }) {
  const { t } = props;
  return (
    <>
      <h1>{t("admin.contact.title")}</h1>
      {props.messages.length === 0 ? (
        <p>{t("admin.contact.none")}</p>
      ) : (
        <ol class="messages">
          {props.messages.map((m) => (
            <li key={m.id}>
              <h2>{m.subject}</h2>
              <p class="hint">
                {m.when} · {m.replyTo}
              </p>
              <p class="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
