import { ChoiceGroup, ErrorSummary, Form, FormLanguage, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import type { Translate } from "../../platform/i18n/translate.js";

export type TaxonomyAdminItem = { id: number; name: string; slug: string; extra: string };

export function TaxonomyAdminPage(props: {
  t: Translate;
  kind: "theme" | "series";
  items: TaxonomyAdminItem[];
  form: FormState;
  csrf: string;
  editing: TaxonomyAdminItem | null;
}) {
  const { t } = props;
  const isTheme = props.kind === "theme";
  const base = isTheme ? "/admin/themes" : "/admin/series";
  const labels: Record<string, string> = isTheme
    ? { name: t("admin.taxonomy.name"), slug: t("admin.taxonomy.slug"), description: t("admin.taxonomy.description"), position: t("admin.taxonomy.position") }
    : { title: t("admin.taxonomy.title"), slug: t("admin.taxonomy.slug"), description: t("admin.taxonomy.description"), isCollection: t("admin.taxonomy.collection") };
  // The form's furniture and its messages (catalogue keys) in the page's language.
  return (
    <FormLanguage.Provider value={t}>
      <h1>{isTheme ? t("admin.taxonomy.themes") : t("admin.taxonomy.seriesHeading")}</h1>
      <table class="data">
        <caption>{t("admin.taxonomy.count", { count: props.items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{isTheme ? t("admin.taxonomy.name") : t("admin.taxonomy.title")}</th>
            <th scope="col">{t("admin.taxonomy.slug")}</th>
            <th scope="col">{isTheme ? t("admin.taxonomy.order") : t("admin.taxonomy.type")}</th>
            <th scope="col">{t("admin.taxonomy.delete")}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={i.id}>
              <td>
                <a href={`${base}/${i.id}`}>{i.name}</a>
              </td>
              <td>{i.slug}</td>
              <td>{i.extra}</td>
              <td>
                <Form action={`${base}/${i.id}/supprimer`} csrf={props.csrf}>
                  <button type="submit" class="danger small" aria-label={t("admin.taxonomy.deleteLabel", { name: i.name })}>
                    {t("admin.taxonomy.delete")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{props.editing ? t("admin.taxonomy.edit", { name: props.editing.name }) : isTheme ? t("admin.taxonomy.addTheme") : t("admin.taxonomy.addSeries")}</h2>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={props.editing ? `${base}/${props.editing.id}` : base} csrf={props.csrf}>
        {isTheme ? (
          <TextField form={props.form} name="name" label={labels.name as string} required maxLength={80} />
        ) : (
          <TextField form={props.form} name="title" label={labels.title as string} required maxLength={160} />
        )}
        <TextField form={props.form} name="slug" label={labels.slug as string} hint={t("admin.taxonomy.slugHint")} maxLength={80} />
        <TextArea form={props.form} name="description" label={labels.description as string} rows={3} maxLength={600} />
        {isTheme ? (
          <TextField form={props.form} name="position" label={labels.position as string} inputmode="numeric" />
        ) : (
          <ChoiceGroup form={props.form} name="isCollection" label={labels.isCollection as string} type="checkbox" options={[{ value: "1", label: t("admin.taxonomy.collectionOption") }]} />
        )}
        <button type="submit">{t("admin.taxonomy.save")}</button>
      </Form>
    </FormLanguage.Provider>
  );
}
