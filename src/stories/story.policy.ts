import type { Viewer } from "../platform/http/access.js";
import type { StorySummary } from "./story.store.js";

/** Who may do what with a story. Routes check the role; these rules add ownership and status. */

const isEditor = (v: Viewer) => v.role === "editor" || v.role === "admin";
const isOwnDraft = (v: Viewer, s: Pick<StorySummary, "authorId" | "status">) =>
  s.authorId === v.id && (s.status === "draft" || s.status === "review");

export const canCreateStory = (_v: Viewer) => true;
export const canPublish = (v: Viewer) => isEditor(v);
export const canViewStory = (v: Viewer, s: Pick<StorySummary, "authorId">) => isEditor(v) || s.authorId === v.id;
export const canEditStory = (v: Viewer, s: Pick<StorySummary, "authorId" | "status">) => isEditor(v) || isOwnDraft(v, s);

export function canChangeStatus(v: Viewer, s: Pick<StorySummary, "authorId" | "status">, action: string): boolean {
  if (isEditor(v)) return true;
  // Authors may only hand their draft to the editors, or take it back.
  return isOwnDraft(v, s) && (action === "submit" || action === "draft");
}
