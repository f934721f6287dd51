import { randomBytes } from "node:crypto";
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

/** The consent ledger's events (append-only). */
export const CONSENT_EVENTS = ["given", "sent_for_approval", "approved", "withdrawn", "anonymised"] as const;
export type ConsentEvent = (typeof CONSENT_EVENTS)[number];

/** Who made each event (its words are admin.contributions.event.*): every one but the sending for approval is the contributor's own act. */
export const CONSENT_EVENT_BY_CONTRIBUTOR: Record<ConsentEvent, boolean> = {
  given: true,
  sent_for_approval: false,
  approved: true,
  withdrawn: true,
  anonymised: true,
};

export const isConsentEvent = (e: string): e is ConsentEvent => (CONSENT_EVENTS as readonly string[]).includes(e);
export const isConsentChannel = (c: string): c is ConsentChannel => (CONSENT_CHANNELS as readonly string[]).includes(c);

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

/**
 * The one-time token of a contribution form: 128 random bits, written in the form when it is
 * shown and stored with the contribution it makes, so the same form never makes a second one.
 */
export function newFormToken(): string {
  return randomBytes(16).toString("base64url");
}

export function isFormToken(value: string): boolean {
  return /^[\w-]{22}$/.test(value);
}
