import { ErrorSummary, Form, FormLanguage, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { Layout } from "../../platform/html/layout.js";
import type { PageContext } from "../../platform/html/page-context.js";

type LegalNotice = PageContext["site"]["legal"];

/** The publisher, host and contact from the site settings, under the legal notice's text. */
function LegalFromSettings({ ctx, legal }: { ctx: PageContext; legal: LegalNotice }) {
  const { t } = ctx;
  if (!legal.entity && !legal.host && !legal.contact) return null;
  return (
    <section aria-labelledby="editeur-hebergeur" class="prose">
      <h2 id="editeur-hebergeur">{t("legal.heading")}</h2>
      <dl>
        {legal.entity && (
          <>
            <dt>{t("legal.entity")}</dt>
            <dd>{legal.entity}</dd>
          </>
        )}
        {legal.host && (
          <>
            <dt>{t("legal.host")}</dt>
            <dd>{legal.host}</dd>
          </>
        )}
        {legal.contact && (
          <>
            <dt>{t("legal.contact")}</dt>
            <dd>
              <a href={`mailto:${legal.contact}`}>{legal.contact}</a>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function PublicPage(props: { ctx: PageContext; title: string; summary: string; bodyHtml: string; updated: string; current?: "about" | "contribute"; legal?: LegalNotice }) {
  return (
    <Layout ctx={props.ctx} title={props.title} description={props.summary} current={props.current}>
      <article class="wrap narrow" lang="fr">
        <h1>{props.title}</h1>
        {props.summary && <p class="lead">{props.summary}</p>}
        <div class="prose" dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
        {props.legal && <LegalFromSettings ctx={props.ctx} legal={props.legal} />}
        <p class="hint">{props.updated}</p>
      </article>
    </Layout>
  );
}

export function AdminPagesList({ t, pages }: { t: Translate; pages: Array<{ id: number; title: string; slug: string; updated: string }> }) {
  return (
    <>
      <h1>{t("admin.pages.title")}</h1>
      <table class="data">
        <caption>{t("admin.pages.caption", { count: pages.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.pages.colTitle")}</th>
            <th scope="col">{t("admin.pages.colAddress")}</th>
            <th scope="col">{t("admin.pages.colUpdated")}</th>
          </tr>
        </thead>
        <tbody>
          {pages.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/admin/pages/${p.id}`}>{p.title}</a>
              </td>
              <td>
                <a href={`/pages/${p.slug}`}>/pages/{p.slug}</a>
              </td>
              <td>{p.updated}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

// The form's furniture and its messages (catalogue keys) in the page's language.
export function AdminPageEdit(props: { t: Translate; id: number; slug: string; form: FormState; csrf: string }) {
  const { t } = props;
  const labels = { title: t("admin.pages.field.title"), summary: t("admin.pages.field.summary"), bodyMd: t("admin.pages.field.bodyMd") };
  return (
    <FormLanguage.Provider value={t}>
      <h1>{t("admin.pages.editHeading", { title: String(props.form.values.title ?? props.slug) })}</h1>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={`/admin/pages/${props.id}`} csrf={props.csrf}>
        <TextField form={props.form} name="title" label={labels.title} required maxLength={200} />
        <TextField form={props.form} name="summary" label={labels.summary} maxLength={400} />
        <TextArea form={props.form} name="bodyMd" label={labels.bodyMd} rows={20} required hint={t("admin.pages.hint.bodyMd")} />
        <button type="submit">{t("admin.pages.save")}</button>
      </Form>
      <p>
        <a href={`/pages/${props.slug}`}>{t("admin.pages.viewPublished")}</a> · <a href="/admin/pages">{t("admin.pages.all")}</a>
      </p>
    </FormLanguage.Provider>
  );
}
