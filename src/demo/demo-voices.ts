/**
 * The espeak-ng voices of the demo podcasts. A script picks two of them by name (`@voices`).
 *
 * The French voice is written `fr+<variant>`: espeak-ng 1.51 silently ignores the variant in
 * `fr-fr+<variant>` and speaks every such voice the same way. Pitches were measured on this
 * machine (median fundamental frequency of a sample sentence); speeds are a little below
 * espeak's 175 words a minute, which is easier to follow in a synthetic voice.
 */
export const VOICE_PRESETS = {
  /** Around 220 Hz. */
  femme: { voice: "fr+f3", pitch: 60, speed: 150 },
  /** Around 150 Hz: a second woman, clearly lower and slower than `femme`. */
  "femme-grave": { voice: "fr+f4", pitch: 35, speed: 140 },
  /** Around 90 Hz. */
  homme: { voice: "fr+m3", pitch: 40, speed: 145 },
} as const satisfies Record<string, VoicePreset>;

export type VoicePreset = { voice: string; pitch: number; speed: number };
export type VoiceName = keyof typeof VOICE_PRESETS;

export const VOICE_NAMES = Object.keys(VOICE_PRESETS) as VoiceName[];

/** Host and guest voices of a script that says nothing about them. */
export const DEFAULT_VOICES: { host: VoiceName; guest: VoiceName } = { host: "femme", guest: "homme" };

export const isVoiceName = (name: string): name is VoiceName => Object.hasOwn(VOICE_PRESETS, name);
