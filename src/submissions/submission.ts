import type { Credit } from "../stories/story.js";

/** Domain rules for contributions, free of I/O. */

export const SUBMISSION_STATES = [
  "draft",
  "received",
  "reading",
  "editing",
  "awaiting_approval",
  "scheduled",
  "published",
  "declined",
  "withdrawn",
] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

// How a contributor reads each state on /suivi is in the catalogue (followUp.state.*).

export const CONSENT_CHANNELS = ["site", "newsletter", "podcast", "editing"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** Channel names for the back office (French only); public pages use contribute.channel.*. */
export const CHANNEL_LABELS: Record<ConsentChannel, string> = {
  site: "Publication sur le site",
  newsletter: "Reprise dans la lettre d'information",
  podcast: "Diffusion dans le podcast",
  editing: "Travail d'édition avec l'équipe (corrections, coupes, titre), que je relirai",
};

/** States in which the contributor can still act (message, withdraw). */
export function isOpen(state: SubmissionState): boolean {
  return state !== "withdrawn" && state !== "declined";
}

/** Editors move a contribution between these by hand; approval and publication have their own paths. */
export const EDITOR_STATES: SubmissionState[] = ["received", "reading", "editing", "declined"];

export type ContributionDraft = {
  title: string;
  body: string;
  credit: Credit;
  contentNotes: string[];
  channels: ConsentChannel[];
  email: string | null;
};
