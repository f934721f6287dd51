import { Form } from "../../platform/html/forms.js";
import type { AudioProcessing } from "../episode-audio.service.js";

const STATE_WORDS: Record<AudioProcessing["state"], string> = {
  queued: "en attente de traitement",
  running: "en cours de traitement",
  done: "traité",
  failed: "en échec",
};

/** The upload form of an episode's audio and the state of its processing. */
export function EpisodeAudioSection(props: { storyId: number; csrf: string; processing: AudioProcessing | null; error?: string; limits: { size: string; duration: string }; accept: string }) {
  const { processing, storyId } = props;
  const action = `/admin/temoignages/${storyId}/episode/audio`;
  return (
    <>
      {processing && processing.state !== "done" && (
        <div class={processing.state === "failed" ? "callout error" : "callout"} data-processing={processing.state}>
          <p>
            Fichier reçu : {STATE_WORDS[processing.state]}
            {processing.state === "running" && ` (${processing.percent} %)`}
            {processing.state === "failed" ? "." : ", puis il remplacera l'audio de l'épisode. "}
            {processing.state !== "failed" && <a href={`/admin/temoignages/${storyId}/episode`}>Mettre à jour</a>}
          </p>
          {processing.state === "failed" && (
            <>
              <p>
                Après {processing.attempts} essai{processing.attempts > 1 ? "s" : ""} : {processing.error ?? "erreur inconnue"}
              </p>
              <Form action={`${action}/reessayer`} csrf={props.csrf}>
                <button type="submit">Relancer le traitement</button>
              </Form>
            </>
          )}
        </div>
      )}
      <Form action={action} csrf={props.csrf} enctype="multipart/form-data" class="audio-upload">
        <div class={props.error ? "field has-error" : "field"}>
          <label for="champ-audio">{processingLabel(processing)}</label>
          <p class="hint" id="champ-audio-aide">
            MP3, M4A, AAC, Ogg (Opus, Vorbis), WAV, WebM ou FLAC ; {props.limits.size} et {props.limits.duration} au plus. Le fichier est reconnu par son contenu, débarrassé
            de toutes ses métadonnées, mis à un niveau sonore régulier (−16 LUFS) et converti en MP3 ; l'original est effacé ensuite.
          </p>
          {props.error && (
            <p class="field-error" id="champ-audio-erreur">
              <span class="visually-hidden">Erreur : </span>
              {props.error}
            </p>
          )}
          <input
            id="champ-audio"
            name="audio"
            type="file"
            accept={props.accept}
            aria-describedby={props.error ? "champ-audio-aide champ-audio-erreur" : "champ-audio-aide"}
            aria-invalid={props.error ? "true" : undefined}
          />
        </div>
        <button type="submit">Envoyer le fichier audio</button>
      </Form>
    </>
  );
}

const processingLabel = (p: AudioProcessing | null) => (p?.state === "done" || p === null ? "Nouveau fichier audio" : "Remplacer par un autre fichier");
