import { ChoiceGroup, ErrorSummary, Form, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";

export type RunRow = { id: number; state: string; percent: number; created: string; dryRun: boolean };

const STATES: Record<string, string> = { queued: "en attente", running: "en cours", done: "terminé", failed: "en échec" };

export const stateLabel = (state: string) => STATES[state] ?? state;

const LABELS = {
  wxr: "Fichier d'export de WordPress (XML)",
  zip: "Fichiers du site : zip du dossier wp-content/uploads (facultatif)",
  options: "Options",
  credit: "Crédit des auteurs et autrices",
  permalinks: "Structure des anciens liens (facultatif)",
};

function FileField(props: { name: string; label: string; hint: string; error?: string; accept: string }) {
  const id = `champ-${props.name}`;
  return (
    <div class={props.error ? "field has-error" : "field"}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-aide`}>
        {props.hint}
      </p>
      {props.error && (
        <p class="field-error" id={`${id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        aria-describedby={props.error ? `${id}-aide ${id}-erreur` : `${id}-aide`}
        aria-invalid={props.error ? "true" : undefined}
      />
    </div>
  );
}

/** Upload form of an import and the latest runs. */
export function ImportPage(props: { form: FormState; csrf: string; runs: RunRow[] }) {
  const { form } = props;
  return (
    <>
      <h1>Importer un site WordPress</h1>
      <p>
        Dans WordPress, ouvrez <strong>Outils → Exporter</strong>, choisissez <strong>Tout le contenu</strong> et téléchargez le fichier. Ajoutez, si vous pouvez, un zip du
        dossier <code>wp-content/uploads</code> du site : ses images et le son des épisodes en viennent. Un import peut être relancé : il met à jour ce qui a changé et ne
        crée jamais de doublon. Les commentaires ne sont pas importés : Entre Pairs n'a pas de commentaires publics.
      </p>
      <ErrorSummary form={form} labels={LABELS} />
      <Form action="/admin/import" csrf={props.csrf} enctype="multipart/form-data">
        <FileField name="wxr" label={LABELS.wxr} hint="100 Mo au plus. Le fichier est lu sans jamais suivre de lien vers un autre fichier ou un autre site." error={form.errors.wxr} accept=".xml,text/xml,application/xml" />
        <FileField name="zip" label={LABELS.zip} hint="2 Go au plus ; au-delà, utilisez la commande npx entrepairs import-wordpress avec --uploads." error={form.errors.zip} accept=".zip,application/zip" />
        <ChoiceGroup
          form={form}
          name="options"
          type="checkbox"
          label={LABELS.options}
          options={[
            { value: "dryRun", label: "Essai à blanc : tout vérifier et montrer le rapport, sans rien écrire" },
            { value: "tagsAsThemes", label: "Faire des étiquettes des thèmes (sinon, elles deviennent des mots-clés)" },
            { value: "inviteAuthors", label: "Créer un compte pour chaque auteur ou autrice qui a une adresse, et l'inviter par courriel" },
          ]}
        />
        <ChoiceGroup
          form={form}
          name="credit"
          type="radio"
          label={LABELS.credit}
          options={[
            { value: "pseudonym", label: "Sous leur nom d'affichage, comme pseudonyme (par défaut)" },
            { value: "name", label: "Sous leur nom d'affichage, comme nom" },
          ]}
        />
        <TextField
          form={form}
          name="permalinks"
          label={LABELS.permalinks}
          hint="Les adresses de chaque article sont lues dans l'export ; donnez la structure de liens de WordPress (Réglages → Permaliens) si elle était autre, par exemple /%year%/%monthnum%/%postname%/."
          maxLength={200}
        />
        <button type="submit">Lancer l'import</button>
      </Form>
      <h2>Derniers imports</h2>
      {props.runs.length === 0 ? (
        <p>Aucun import pour l'instant.</p>
      ) : (
        <ul>
          {props.runs.map((r) => (
            <li key={r.id}>
              <a href={`/admin/import/${r.id}`}>
                {r.dryRun ? "Essai à blanc" : "Import"} du {r.created}
              </a>{" "}
              : {stateLabel(r.state)}
              {r.state === "running" ? ` (${r.percent} %)` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** One run: its progress while it works (reload to follow it), then its report. */
export function ImportRunPage(props: { id: number; state: string; percent: number; created: string; finished: string | null; dryRun: boolean; error: string | null; sentences: string[] }) {
  const working = props.state === "queued" || props.state === "running";
  return (
    <>
      <h1>{props.dryRun ? "Essai à blanc" : "Import"} du {props.created}</h1>
      <p role="status">
        État : <strong>{stateLabel(props.state)}</strong>
        {working && ` (${props.percent} %)`}
        {props.finished && `, fini le ${props.finished}`}.
      </p>
      {working && (
        <>
          <progress max={100} value={props.percent} aria-label="Avancement de l'import">
            {props.percent} %
          </progress>
          <p>
            L'import se poursuit même si vous quittez cette page. <a href={`/admin/import/${props.id}`}>Actualiser la page</a> pour voir où il en est.
          </p>
        </>
      )}
      {props.error && <p class="callout error">{props.error}</p>}
      {props.sentences.length > 0 && (
        <section aria-labelledby="rapport">
          <h2 id="rapport">Rapport</h2>
          <pre class="report">{props.sentences.join("\n")}</pre>
          {!props.dryRun && (
            <p>
              Ce qui demande votre attention (épisodes sans transcription, récits à relire) est listé sur le <a href="/admin">tableau de bord</a>.
            </p>
          )}
        </section>
      )}
      <p>
        <a href="/admin/import">Retour aux imports</a>
      </p>
    </>
  );
}
