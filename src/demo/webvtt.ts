/** WebVTT subtitles for the demo episodes: one cue per sentence, with the speaker's voice tag. */

export type VttCue = { startMs: number; endMs: number; voice: string; text: string };

/** HH:MM:SS.mmm, as WebVTT requires (hours always written, so any length fits). */
export function formatVttTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(total % 1000, 3)}`;
}

/** Cue text may not hold a raw <, & or >; "-->" is then harmless too. Newlines would end the cue. */
export const escapeVttText = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\s*[\r\n]+\s*/g, " ");

/** Cues must come in order and not overlap; they are numbered from 1. */
export function buildWebVtt(cues: VttCue[]): string {
  const blocks = cues.map((cue, i) => {
    const previous = cues[i - 1];
    if (cue.endMs <= cue.startMs || (previous && cue.startMs < previous.endMs)) {
      throw new RangeError(`réplique ${i + 1} : horodatage incohérent (${cue.startMs} → ${cue.endMs} ms)`);
    }
    return `${i + 1}\n${formatVttTime(cue.startMs)} --> ${formatVttTime(cue.endMs)}\n<v ${cue.voice}>${escapeVttText(cue.text)}`;
  });
  return `WEBVTT\n\n${blocks.join("\n\n")}\n`;
}
