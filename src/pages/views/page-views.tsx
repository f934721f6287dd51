import { ErrorSummary, Form, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
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

export function AdminPagesList(props: { pages: Array<{ id: number; title: string; slug: string; updated: string }> }) {
  return (
    <>
      <h1>Pages</h1>
      <table class="data">
        <caption>{props.pages.length} pages du site</caption>
        <thead>
          <tr>
            <th scope="col">Titre</th>
            <th scope="col">Adresse</th>
            <th scope="col">Modifiée</th>
          </tr>
        </thead>
        <tbody>
          {props.pages.map((p) => (
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

const LABELS = { title: "Titre", summary: "Résumé", bodyMd: "Texte (Markdown)" };

export function AdminPageEdit(props: { id: number; slug: string; form: FormState; csrf: string }) {
  return (
    <>
      <h1>Modifier la page « {props.form.values.title ?? props.slug} »</h1>
      <ErrorSummary form={props.form} labels={LABELS} />
      <Form action={`/admin/pages/${props.id}`} csrf={props.csrf}>
        <TextField form={props.form} name="title" label={LABELS.title} required maxLength={200} />
        <TextField form={props.form} name="summary" label={LABELS.summary} maxLength={400} />
        <TextArea form={props.form} name="bodyMd" label={LABELS.bodyMd} rows={20} required hint="Titres avec ##, listes avec -, liens avec [texte](adresse). Le HTML n'est pas interprété." />
        <button type="submit">Enregistrer</button>
      </Form>
      <p>
        <a href={`/pages/${props.slug}`}>Voir la page publiée</a> · <a href="/admin/pages">Toutes les pages</a>
      </p>
    </>
  );
}
