import { audioRejectionKey } from "../../media/audio.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { AUDIO_SOURCE_MISSING, type AudioStatus } from "./contribution-audio.service.js";

/** What the follow-up page and the triage page show about a recording, in words. */
export type AudioView = {
  state: AudioStatus["state"];
  /** "Traitement en cours : 40 %", or the state in words. */
  statusText: string;
  percent: number;
  duration: string | null;
  disguise: AudioStatus["disguise"];
  disguiseText: string;
  canChangeDisguise: boolean;
  /** Changes when a new file is made, so a player never keeps the previous one. */
  version: number;
  /** For editors: why the processing failed and what to do next, in words. */
  failure: { attempts: number; error: string } | null;
};

export function formatDuration(t: Translate, ms: number): string {
  const total = Math.round(ms / 1000);
  return t("audio.duration", { minutes: Math.floor(total / 60), seconds: String(total % 60).padStart(2, "0") });
}

export function presentAudio(t: Translate, status: AudioStatus, opts: { isDraft: boolean }): AudioView {
  const percent = Math.round(status.progress * 100);
  const statusText =
    status.state === "processing"
      ? t("audio.follow.processing", { percent })
      : status.state === "failed"
        ? t(opts.isDraft ? "audio.follow.failed" : "audio.follow.failedSent")
        : status.state === "gone"
          ? t("audio.follow.gone")
          : t("audio.follow.duration", { duration: formatDuration(t, status.durationMs ?? 0) });
  return {
    state: status.state,
    statusText,
    percent,
    duration: status.durationMs === null ? null : formatDuration(t, status.durationMs),
    disguise: status.disguise,
    disguiseText: t("audio.follow.disguise", { level: t(`audio.level.${status.disguise}`) }),
    canChangeDisguise: status.canChangeDisguise,
    version: status.job?.id ?? 0,
    failure: status.state === "failed" && status.job ? { attempts: status.job.attempts, error: contributionAudioFailure(t, status.job.failureCode) } : null,
  };
}

/** A failure code in words; a code this feature does not know (or a row older than codes) is an unexpected failure. */
export function contributionAudioFailure(t: Translate, code: string | null): string {
  const rejection = audioRejectionKey(code);
  if (rejection) return t("audio.admin.failure.rejected", { reason: t(rejection) });
  if (code === AUDIO_SOURCE_MISSING) return t("audio.admin.failure.sourceMissing");
  return t("audio.admin.failure.unexpected");
}
