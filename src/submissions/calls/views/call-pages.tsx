import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField } from "../../../platform/html/forms.js";
import { Layout } from "../../../platform/html/layout.js";
import type { PageContext } from "../../../platform/html/page-context.js";
import type { FormState } from "../../../platform/http/form.js";
import type { Translate } from "../../../platform/i18n/translate.js";
import type { CardView } from "../../../stories/story.present.js";
import { CardList } from "../../../stories/views/story-card.js";
import type { CallCard } from "../call.present.js";
import { contentLang, withLinks } from "../../../platform/html/with-links.js";

export function CallList({ calls }: { calls: CallCard[] }) {
  return (
    <ul class="taxonomy calls-list">
      {calls.map((c) => (
        <li key={c.href}>
          <h3 lang={c.titleLang}>
            <a href={c.href}>{c.title}</a>
          </h3>
          <p class="badge">{c.badge}</p>
          <p>{c.dates}</p>
          <p class="count-small">{c.inReading}</p>
          {c.published && <p class="count-small">{c.published}</p>}
        </li>
      ))}
    </ul>
  );
}

export function CallsPage(props: { ctx: PageContext; calls: CallCard[] }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t("calls.title")} current="contribute">
      <div class="wrap">
        <h1>{t("calls.title")}</h1>
        <p class="lead">{t("calls.lead")}</p>
        <h2 class="visually-hidden">{t("calls.listHeading")}</h2>
        {props.calls.length === 0 ? <p>{t("calls.empty")}</p> : <CallList calls={props.calls} />}
        <p>
          <a class="button" href="/temoigner">
            {t("calls.contributeFreely")}
          </a>
        </p>
      </div>
    </Layout>
  );
}

export type CallView = {
  title: string;
  isOpen: boolean;
  dates: string;
  introHtml: string;
  questionsHtml: string;
  safetyHtml: string;
  formats: string;
  credits: string;
  inReading: string;
  answerHref: string;
  /** Stories published from contributions to this call, newest first. */
  published: CardView[];
};

export function CallPage({ ctx, view }: { ctx: PageContext; view: CallView }) {
  const { t } = ctx;
  // The call is written by the editors in French: inside an English page it keeps lang="fr".
  const lang = contentLang(ctx.locale);
  return (
    <Layout ctx={ctx} title={view.title} current="contribute">
      <article class="wrap narrow">
        <p>
          <a href="/appels">{t("calls.all")}</a>
        </p>
        <h1 lang={lang}>{view.title}</h1>
        <p class="badge">{t(view.isOpen ? "calls.openBadge" : "calls.closedBadge")}</p>
        <p>{view.dates}</p>
        {lang && <p class="hint">{t("calls.inFrench")}</p>}
        <div class="prose" lang={lang} dangerouslySetInnerHTML={{ __html: view.introHtml }} />
        {view.questionsHtml && (
          <section aria-labelledby="questions-titre">
            <h2 id="questions-titre">{t("calls.questions")}</h2>
            <div class="prose" lang={lang} dangerouslySetInnerHTML={{ __html: view.questionsHtml }} />
          </section>
        )}
        {view.safetyHtml && (
          <aside class="callout" aria-labelledby="securite-titre">
            <h2 id="securite-titre">{t("calls.safety")}</h2>
            <div class="prose" lang={lang} dangerouslySetInnerHTML={{ __html: view.safetyHtml }} />
          </aside>
        )}
        <dl class="facts">
          <dt>{t("calls.formats")}</dt>
          <dd>{view.formats}</dd>
          <dt>{t("calls.credits")}</dt>
          <dd>{view.credits}</dd>
          <dt>{t("calls.inReadingLabel")}</dt>
          <dd>{view.inReading}</dd>
        </dl>
        {view.isOpen ? (
          <p>
            <a class="button" href={view.answerHref}>
              {t("calls.answer")}
            </a>
          </p>
        ) : (
          <p>{withLinks(t("calls.closedText"), { link: <a href="/temoigner">{t("calls.closedLink")}</a> })}</p>
        )}
      </article>
      {view.published.length > 0 && (
        <section class="wrap" aria-labelledby="publies-titre">
          <h2 id="publies-titre">{t("calls.publishedHeading")}</h2>
          <CardList cards={view.published} lang={lang} />
        </section>
      )}
    </Layout>
  );
}

/** The call form's field labels, for the fields and for the error summary. */
export const callLabels = (t: Translate): Record<string, string> => ({
  title: t("admin.calls.field.title"),
  slug: t("admin.calls.field.slug"),
  themeId: t("admin.calls.field.themeId"),
  introMd: t("admin.calls.field.introMd"),
  questionsMd: t("admin.calls.field.questionsMd"),
  safetyNoticeMd: t("admin.calls.field.safetyNoticeMd"),
  opensAt: t("admin.calls.field.opensAt"),
  closesAt: t("admin.calls.field.closesAt"),
  formats: t("admin.calls.field.formats"),
  creditOptions: t("admin.calls.field.creditOptions"),
  consentText: t("admin.calls.field.consentText"),
});

export function CallsAdminPage(props: {
  calls: Array<{ id: number; title: string; dates: string; isOpen: boolean }>;
  form: FormState;
  csrf: string;
  themes: Array<{ value: string; label: string }>;
  editing: { id: number; title: string } | null;
  t: Translate;
}) {
  const { form, t } = props;
  const labels = callLabels(t);
  return (
    <>
      <h1>{t("admin.calls.title")}</h1>
      <table class="data">
        <caption>{t("calls.count", { count: props.calls.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.calls.column.title")}</th>
            <th scope="col">{t("admin.calls.column.dates")}</th>
            <th scope="col">{t("admin.calls.column.state")}</th>
          </tr>
        </thead>
        <tbody>
          {props.calls.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`/admin/appels/${c.id}`}>{c.title}</a>
              </td>
              <td>{c.dates}</td>
              <td>{t(c.isOpen ? "admin.calls.open" : "admin.calls.closed")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* The title stays as written: only the words around it are translated. */}
      <h2>{props.editing ? withLinks(t("admin.calls.edit", { title: "{call}" }), { call: props.editing.title }) : t("admin.calls.new")}</h2>
      <ErrorSummary form={form} labels={labels} />
      <Form action={props.editing ? `/admin/appels/${props.editing.id}` : "/admin/appels"} csrf={props.csrf}>
        <TextField form={form} name="title" label={labels.title as string} required maxLength={200} />
        <TextField form={form} name="slug" label={labels.slug as string} maxLength={80} hint={t("admin.calls.hint.slug")} />
        <SelectField form={form} name="themeId" label={labels.themeId as string} options={[{ value: "", label: t("admin.calls.noTheme") }, ...props.themes]} />
        <TextArea form={form} name="introMd" label={labels.introMd as string} rows={5} required />
        <TextArea form={form} name="questionsMd" label={labels.questionsMd as string} rows={5} hint={t("admin.calls.hint.questionsMd")} />
        <TextArea form={form} name="safetyNoticeMd" label={labels.safetyNoticeMd as string} rows={3} />
        <TextField form={form} name="opensAt" label={labels.opensAt as string} type="datetime-local" required />
        <TextField form={form} name="closesAt" label={labels.closesAt as string} type="datetime-local" required />
        <ChoiceGroup
          form={form}
          name="formats"
          label={labels.formats as string}
          type="checkbox"
          options={[
            { value: "text", label: t("admin.calls.format.text") },
            { value: "audio", label: t("admin.calls.format.audio") },
          ]}
        />
        <ChoiceGroup
          form={form}
          name="creditOptions"
          label={labels.creditOptions as string}
          type="checkbox"
          options={[
            { value: "name", label: t("admin.calls.credit.name") },
            { value: "pseudonym", label: t("admin.calls.credit.pseudonym") },
            { value: "first_name_age", label: t("admin.calls.credit.first_name_age") },
            { value: "anonymous", label: t("admin.calls.credit.anonymous") },
          ]}
        />
        <TextArea form={form} name="consentText" label={labels.consentText as string} rows={5} required hint={t("admin.calls.hint.consentText")} />
        <button type="submit">{t("admin.calls.save")}</button>
      </Form>
    </>
  );
}
