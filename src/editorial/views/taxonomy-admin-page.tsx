import { ErrorSummary, Form, ChoiceGroup, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";

export type TaxonomyAdminItem = { id: number; name: string; slug: string; extra: string };

export function TaxonomyAdminPage(props: {
  kind: "theme" | "series";
  items: TaxonomyAdminItem[];
  form: FormState;
  csrf: string;
  editing: TaxonomyAdminItem | null;
}) {
  const isTheme = props.kind === "theme";
  const base = isTheme ? "/admin/themes" : "/admin/series";
  const labels: Record<string, string> = isTheme
    ? { name: "Nom", slug: "Adresse", description: "Description", position: "Ordre d'affichage" }
    : { title: "Titre", slug: "Adresse", description: "Description", isCollection: "Collection" };
  return (
    <>
      <h1>{isTheme ? "Thèmes" : "Séries et collections"}</h1>
      <table class="data">
        <caption>{props.items.length} éléments</caption>
        <thead>
          <tr>
            <th scope="col">{isTheme ? "Nom" : "Titre"}</th>
            <th scope="col">Adresse</th>
            <th scope="col">{isTheme ? "Ordre" : "Type"}</th>
            <th scope="col">Supprimer</th>
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
                  <button type="submit" class="danger small" aria-label={`Supprimer ${i.name}`}>
                    Supprimer
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{props.editing ? `Modifier « ${props.editing.name} »` : isTheme ? "Ajouter un thème" : "Ajouter une série"}</h2>
      <ErrorSummary form={props.form} labels={labels} />
      <Form action={props.editing ? `${base}/${props.editing.id}` : base} csrf={props.csrf}>
        {isTheme ? (
          <TextField form={props.form} name="name" label={labels.name as string} required maxLength={80} />
        ) : (
          <TextField form={props.form} name="title" label={labels.title as string} required maxLength={160} />
        )}
        <TextField form={props.form} name="slug" label={labels.slug as string} hint="Laissez vide pour la tirer du nom." maxLength={80} />
        <TextArea form={props.form} name="description" label={labels.description as string} rows={3} maxLength={600} />
        {isTheme ? (
          <TextField form={props.form} name="position" label={labels.position as string} inputmode="numeric" />
        ) : (
          <ChoiceGroup form={props.form} name="isCollection" label={labels.isCollection as string} type="checkbox" options={[{ value: "1", label: "Collection de portraits (plutôt qu'un récit en plusieurs parties)" }]} />
        )}
        <button type="submit">Enregistrer</button>
      </Form>
    </>
  );
}
