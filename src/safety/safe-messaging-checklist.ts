import type { MessageKey } from "../platform/i18n/translate.js";

/**
 * The safe-messaging checklist (Papageno and #chatsafe guidance, see the project's domain notes):
 * an editor signs it before a story carrying content notes is published. Each item's label is a
 * catalogue key, shown in the editor's language. The signatures are the stories' own record of a
 * release (stories/safety-check.store.ts), checked by the release door.
 */
export const SAFETY_ITEMS = [
  { id: "no_method", label: "admin.safety.checklist.noMethod" },
  { id: "resources", label: "admin.safety.checklist.resources" },
  { id: "no_sensational", label: "admin.safety.checklist.noSensational" },
  { id: "content_notes", label: "admin.safety.checklist.contentNotes" },
  { id: "identity", label: "admin.safety.checklist.identity" },
] as const satisfies ReadonlyArray<{ id: string; label: MessageKey }>;

export type SafetyItem = (typeof SAFETY_ITEMS)[number]["id"];

export function isChecklistComplete(ticked: string[]): boolean {
  return SAFETY_ITEMS.every((item) => ticked.includes(item.id));
}

/** A story needs the checklist as soon as it carries a content note. */
export function needsSafetyCheck(contentNotes: string[]): boolean {
  return contentNotes.length > 0;
}

/** A hint shown to the editor: does the text already mention the 3114? */
export function mentionsCrisisLine(text: string): boolean {
  return /\b3\s?114\b/.test(text);
}
