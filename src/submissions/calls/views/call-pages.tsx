import { ChoiceGroup, ErrorSummary, Form, SelectField, TextArea, TextField } from "../../../platform/html/forms.js";
import { Layout } from "../../../platform/html/layout.js";
import type { PageContext } from "../../../platform/html/page-context.js";
import type { FormState } from "../../../platform/http/form.js";
import { translator } from "../../../platform/i18n/translate.js";
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

export const CALL_LABELS: Record<string, string> = {
  title: "Titre",
  slug: "Adresse",
  themeId: "Thème",
  introMd: "Introduction",
  questionsMd: "Questions pour guider",
  safetyNoticeMd: "Message de prévention",
  opensAt: "Ouverture (heure de Paris)",
  closesAt: "Clôture (heure de Paris)",
  formats: "Formats acceptés",
  creditOptions: "Crédits proposés",
  consentText: "Texte de consentement",
};

export function CallsAdminPage(props: {
  calls: Array<{ id: number; title: string; dates: string; isOpen: boolean }>;
  form: FormState;
  csrf: string;
  themes: Array<{ value: string; label: string }>;
  editing: { id: number; title: string } | null;
}) {
  const { form } = props;
  return (
    <>
      <h1>Appels à témoignages</h1>
      <table class="data">
        <caption>{translator("fr")("calls.count", { count: props.calls.length })}</caption>
        <thead>
          <tr>
            <th scope="col">Titre</th>
            <th scope="col">Dates</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {props.calls.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`/admin/appels/${c.id}`}>{c.title}</a>
              </td>
              <td>{c.dates}</td>
              <td>{c.isOpen ? "Ouvert" : "Fermé"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{props.editing ? `Modifier « ${props.editing.title} »` : "Lancer un appel"}</h2>
      <ErrorSummary form={form} labels={CALL_LABELS} />
      <Form action={props.editing ? `/admin/appels/${props.editing.id}` : "/admin/appels"} csrf={props.csrf}>
        <TextField form={form} name="title" label={CALL_LABELS.title as string} required maxLength={200} />
        <TextField form={form} name="slug" label={CALL_LABELS.slug as string} maxLength={80} hint="Laissez vide pour la tirer du titre." />
        <SelectField form={form} name="themeId" label={CALL_LABELS.themeId as string} options={[{ value: "", label: "Aucun" }, ...props.themes]} />
        <TextArea form={form} name="introMd" label={CALL_LABELS.introMd as string} rows={5} required />
        <TextArea form={form} name="questionsMd" label={CALL_LABELS.questionsMd as string} rows={5} hint="Une question par ligne, précédée de « - »." />
        <TextArea form={form} name="safetyNoticeMd" label={CALL_LABELS.safetyNoticeMd as string} rows={3} />
        <TextField form={form} name="opensAt" label={CALL_LABELS.opensAt as string} type="datetime-local" required />
        <TextField form={form} name="closesAt" label={CALL_LABELS.closesAt as string} type="datetime-local" required />
        <ChoiceGroup
          form={form}
          name="formats"
          label={CALL_LABELS.formats as string}
          type="checkbox"
          options={[
            { value: "text", label: "Texte" },
            { value: "audio", label: "Audio" },
          ]}
        />
        <ChoiceGroup
          form={form}
          name="creditOptions"
          label={CALL_LABELS.creditOptions as string}
          type="checkbox"
          options={[
            { value: "name", label: "Nom et prénom" },
            { value: "pseudonym", label: "Pseudonyme" },
            { value: "first_name_age", label: "Prénom et âge" },
            { value: "anonymous", label: "Anonyme" },
          ]}
        />
        <TextArea
          form={form}
          name="consentText"
          label={CALL_LABELS.consentText as string}
          rows={5}
          required
          hint="Le modifier crée une nouvelle version : les personnes qui ont déjà répondu restent liées au texte qu'elles ont accepté."
        />
        <button type="submit">Enregistrer l'appel</button>
      </Form>
    </>
  );
}
