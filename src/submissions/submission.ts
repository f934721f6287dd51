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

/** How a contributor reads each state on /suivi: plain words, never internal jargon. */
export const STATE_FOR_CONTRIBUTOR: Record<SubmissionState, string> = {
  draft: "Brouillon : pas encore envoyé",
  received: "Reçu : l'équipe va le lire",
  reading: "En cours de lecture",
  editing: "En cours d'édition avec l'équipe",
  awaiting_approval: "En attente de votre accord",
  scheduled: "Programmé pour publication",
  published: "Publié",
  declined: "Non retenu",
  withdrawn: "Retiré à votre demande",
};

export const CONSENT_CHANNELS = ["site", "newsletter", "podcast", "editing"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

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
