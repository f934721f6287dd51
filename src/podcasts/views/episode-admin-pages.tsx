import type { ComponentChildren } from "preact";
import { ErrorSummary, Form, TextArea, TextField } from "../../platform/html/forms.js";
import type { FormState } from "../../platform/http/form.js";
import { EPISODE_FIELD_LABELS } from "../episode.schemas.js";

const STATUS_LABELS: Record<string, string> = {
  draft: "Brouillon",
  review: "En relecture",
  scheduled: "Programmé",
  published: "Publié",
  unpublished: "Dépublié",
};

export type EpisodeAdminProps = {
  story: { id: number; title: string; status: string; publicUrl: string | null };
  form: FormState;
  csrf: string;
  /** Null until an audio file is attached; `url` serves the processed file to editors only. */
  audio: { duration: string; size: string; url: string } | null;
  guid: string | null;
  /** Where the audio upload form goes (added by the audio pipeline); the file's state is shown above it. */
  audioSection?: ComponentChildren;
};

export function EpisodeAdminPage(props: EpisodeAdminProps) {
  const { form, story } = props;
  const labels = EPISODE_FIELD_LABELS;
  return (
    <>
      <p>
        <a href={`/admin/temoignages/${story.id}`}>← Retour au témoignage</a>
      </p>
      <h1>Épisode : « {story.title} »</h1>
      <p>
        Statut du témoignage : {STATUS_LABELS[story.status] ?? story.status}.{" "}
        {story.publicUrl && <a href={story.publicUrl}>Voir la page publiée</a>}
      </p>
      <p class="hint">Un épisode n'est publié qu'avec son fichier audio et sa transcription.</p>
      <section class="panel" aria-labelledby="audio-titre">
        <h2 id="audio-titre">Fichier audio</h2>
        {props.audio ? (
          <>
            <p data-audio-state>
              Fichier en place : durée {props.audio.duration}, {props.audio.size}.
            </p>
            {/* biome-ignore lint/a11y/useMediaCaption: the editor checks the processed sound; the transcript is the form below */}
            <audio controls preload="none" src={props.audio.url} aria-label="Écouter le fichier traité">
              <a href={props.audio.url}>Télécharger le fichier traité (MP3)</a>
            </audio>
          </>
        ) : (
          <p data-audio-state>Aucun fichier audio pour l'instant.</p>
        )}
        {props.guid && <p class="hint">Identifiant de l'épisode dans les flux (guid) : {props.guid}</p>}
        {props.audioSection}
      </section>
      <section aria-labelledby="details-titre">
        <h2 id="details-titre">Numéro, chapitres et transcription</h2>
        <ErrorSummary form={form} labels={labels} />
        <Form action={`/admin/temoignages/${story.id}/episode`} csrf={props.csrf} class="episode-form">
          <TextField form={form} name="season" label={labels.season as string} inputmode="numeric" maxLength={4} hint="Facultatif. 1 pour la première saison." />
          <TextField
            form={form}
            name="number"
            label={labels.number as string}
            inputmode="numeric"
            maxLength={6}
            hint="Facultatif. Place de l'épisode dans sa série : les flux des séries sont rangés dans cet ordre."
          />
          <TextArea
            form={form}
            name="chapters"
            label={labels.chapters as string}
            rows={6}
            hint="Un chapitre par ligne : « mm:ss Titre » ou « hh:mm:ss Titre », dans l'ordre, par exemple « 04:30 Le diagnostic »."
          />
          <TextArea
            form={form}
            name="transcript"
            label={labels.transcript as string}
            rows={20}
            hint="Obligatoire pour publier. Texte simple (un paragraphe par bloc), ou WebVTT minuté : commencez par « WEBVTT », puis des blocs « 00:01.000 --> 00:04.000 » suivis du texte ; « <v Prénom> » indique qui parle."
          />
          <div class="actions">
            <button type="submit">Enregistrer l'épisode</button>
          </div>
        </Form>
      </section>
    </>
  );
}

export type ListeningRow = { storyId: number; title: string; status: string; duration: string; recent: number; total: number };

export function ListeningFiguresPage(props: { rows: ListeningRow[] }) {
  return (
    <>
      <h1>Écoutes des podcasts</h1>
      <p class="hint">
        Une écoute est comptée quand un lecteur demande le fichier depuis son début, au plus une fois par jour et par appareil. Rien ne
        permet de savoir qui écoute : aucune adresse n'est enregistrée.
      </p>
      {props.rows.length === 0 ? (
        <p>Aucun épisode pour l'instant.</p>
      ) : (
        <table class="data">
          <caption>Épisodes, du plus récent au plus ancien</caption>
          <thead>
            <tr>
              <th scope="col">Épisode</th>
              <th scope="col">Statut</th>
              <th scope="col">Durée</th>
              <th scope="col">30 derniers jours</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.storyId}>
                <td>
                  <a href={`/admin/podcasts/${r.storyId}`}>{r.title}</a>
                </td>
                <td>{STATUS_LABELS[r.status] ?? r.status}</td>
                <td>{r.duration}</td>
                <td>{r.recent}</td>
                <td>{r.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function EpisodeListensPage(props: { storyId: number; title: string; days: Array<{ day: string; count: number }> }) {
  return (
    <>
      <p>
        <a href="/admin/podcasts">← Toutes les écoutes</a>
      </p>
      <h1>Écoutes de « {props.title} »</h1>
      <p>
        <a href={`/admin/temoignages/${props.storyId}/episode`}>Modifier l'épisode</a>
      </p>
      {props.days.length === 0 ? (
        <p>Aucune écoute ces 30 derniers jours.</p>
      ) : (
        <table class="data">
          <caption>Écoutes par jour, ces 30 derniers jours</caption>
          <thead>
            <tr>
              <th scope="col">Jour</th>
              <th scope="col">Écoutes</th>
            </tr>
          </thead>
          <tbody>
            {props.days.map((d) => (
              <tr key={d.day}>
                <td>
                  <time dateTime={d.day}>{d.day.split("-").reverse().join("/")}</time>
                </td>
                <td>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
