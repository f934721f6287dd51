import { CONTRIBUTION_AUDIO_LIMITS, describeLimits, isDisguise } from "../../media/audio.js";
import type { AudioProbe } from "../../media/audio-processing.js";
import { formValues, textOf } from "../../platform/http/form.js";
import { type UploadedFile, uploadedFile } from "../../platform/http/uploads.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { presentAudio } from "./contribution-audio.present.js";
import * as audio from "./contribution-audio.service.js";
import { BODY_REQUIRED } from "../submission.schemas.js";
import type { Submission } from "../submission.store.js";

/** The audio part of the contribution form as posted, and the recording's view model. */

export type AudioIntake = {
  format: "text" | "audio";
  /** Field messages for the form, in the reader's language (file reasons are French). */
  errors: Record<string, string>;
  checked: { probe: AudioProbe; file: UploadedFile } | null;
  disguise: "none" | "light" | "strong";
};

/**
 * Reads the audio part of a posted contribution form: the format (only those the call accepts),
 * the file checked by its content, and the disguise, which goes with the anonymous credit. In a
 * draft that has a recording (`keepsRecording`), no file means keeping it.
 */
export async function readAudioIntake(t: Translate, body: unknown, formats: string[], opts: { keepsRecording?: boolean } = {}): Promise<AudioIntake> {
  const values = formValues(body);
  const typed = textOf(values, "format") || (formats.includes("text") ? "text" : "audio");
  const format = typed === "audio" ? "audio" : "text";
  const rawDisguise = textOf(values, "disguise") || "none";
  const disguise = isDisguise(rawDisguise) ? rawDisguise : "none";
  const errors: Record<string, string> = {};
  if ((typed !== "text" && typed !== "audio") || !formats.includes(format)) errors.format = t("audio.error.formatRefused");
  // Checked here too: the schema's own check runs only once every field is valid.
  if (format === "text" && !textOf(values, "body").trim()) errors.body = BODY_REQUIRED;
  if (format !== "audio") return { format, errors, checked: null, disguise: "none" };
  if (!isDisguise(rawDisguise)) errors.disguise = t("audio.error.disguiseNeedsAnonymous");
  else if (disguise !== "none" && textOf(values, "creditKind") !== "anonymous") errors.disguise = t("audio.error.disguiseNeedsAnonymous");
  const check = await audio.checkAudioUpload(uploadedFile(body, "audio"));
  if (!check.ok && check.reason === "missing" && opts.keepsRecording) return { format, errors, checked: null, disguise };
  if (!check.ok) {
    errors.audio =
      check.reason === "missing"
        ? t("audio.error.missing")
        : check.reason === "too-big"
          ? t("audio.error.tooBig", { size: describeLimits(CONTRIBUTION_AUDIO_LIMITS).size })
          : t("audio.error.rejected", { reason: check.message ?? "" });
  }
  return { format, errors, checked: check.ok ? { probe: check.probe, file: check.file } : null, disguise };
}

/** The file was good but another field was not: it is not kept, so the person must choose it again. */
export function withFileNotKept(t: Translate, intake: AudioIntake, errors: Record<string, string>): Record<string, string> {
  return intake.checked && !errors.audio ? { ...errors, audio: t("audio.error.notKept") } : errors;
}

/** The view model of a contribution's recording, or null for a text. */
export async function audioViewOf(deps: audio.AudioDeps, t: Translate, submission: Submission) {
  const status = await audio.contributionAudioStatus(deps, submission);
  return status ? presentAudio(t, status, { isDraft: submission.state === "draft" }) : null;
}

