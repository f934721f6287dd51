import { formValues, type FormValues } from "../platform/http/form.js";
import { isoToParisLocal, parisLocalToIso } from "../platform/i18n/locale.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import type { BulkAction, BulkRequest } from "../stories/story-bulk.service.js";

/** Most stories one bulk request may name: a page of the list is 25, so four pages' worth. */
export const BULK_MAX_STORIES = 100;

/** The action select's values, as the list's form and the confirmation page send them. */
export const BULK_ACTIONS = ["submit", "draft", "publish", "unpublish", "schedule", "add-theme", "remove-theme", "series", "no-series"] as const;
type BulkActionValue = (typeof BULK_ACTIONS)[number];

/**
 * What a bulk form asked, or why not: 400 for what no form of ours sends (a malformed or forged
 * id, too many ids, an unknown action), 422 for a choice left out, with the field to point at and
 * the catalogue key of the message (the route says it in the page's language).
 */
export type BulkParse = { ok: true; request: BulkRequest } | { ok: false; status: 400 | 422; field: string; message: BulkProblemKey };

type BulkProblemKey = Extract<MessageKey, `admin.bulk.error.${string}`>;

const ID = /^[1-9]\d{0,8}$/;

const bad = (field: string, message: BulkProblemKey): BulkParse => ({ ok: false, status: 400, field, message });
const missing = (field: string, message: BulkProblemKey): Extract<BulkParse, { ok: false }> => ({ ok: false, status: 422, field, message });

/**
 * The ids of one field, repeated or comma-separated (the page's ids travel in one hidden field):
 * null when one of them is not an id, "too-many" past the limit.
 */
function idsOf(values: FormValues, name: string): number[] | null | "too-many" {
  const raw = values[name];
  const list = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(","));
  if (list.length > BULK_MAX_STORIES) return "too-many";
  if (!list.every((v) => ID.test(v))) return null;
  return [...new Set(list.map(Number))];
}

/** One id field (a theme, a series): undefined when left empty, null when malformed. */
function oneId(values: FormValues, name: string): number | undefined | null {
  const raw = values[name];
  if (raw === undefined || raw === "") return undefined;
  return typeof raw === "string" && ID.test(raw) ? Number(raw) : null;
}

/**
 * Reads a bulk form (the list's or the confirmation page's) into a request. Total: any body gives
 * a request or a refusal, never an exception. "scope=page" takes every story the page listed
 * (`pageIds`, one comma-separated field), which is how "select all" works without JavaScript.
 * "schedule" takes `publishAt`, Paris time as a datetime-local field sends it, which must be after `now`.
 */
export function parseBulkForm(body: unknown, now: Date): BulkParse {
  const values = formValues(body);
  const checked = idsOf(values, "ids");
  const page = idsOf(values, "pageIds");
  if (checked === "too-many" || page === "too-many") return bad("ids", "admin.bulk.error.tooMany");
  if (checked === null || page === null) return bad("ids", "admin.bulk.error.badId");
  const ids = values.scope === "page" ? page : checked;
  const rawAction = values.action;
  if (rawAction !== undefined && typeof rawAction !== "string") return bad("action", "admin.bulk.error.badAction");
  if (rawAction && !(BULK_ACTIONS as readonly string[]).includes(rawAction)) return bad("action", "admin.bulk.error.unknownAction");
  const themeId = oneId(values, "themeId");
  const seriesId = oneId(values, "seriesId");
  if (themeId === null) return bad("themeId", "admin.bulk.error.badTheme");
  if (seriesId === null) return bad("seriesId", "admin.bulk.error.badSeries");
  if (ids.length === 0) return missing("ids", "admin.bulk.error.noStory");
  if (!rawAction) return missing("action", "admin.bulk.error.noAction");
  if (rawAction === "schedule") return scheduleOf(ids, values.publishAt, now);
  const action = actionOf(rawAction as Exclude<BulkActionValue, "schedule">, themeId, seriesId);
  return "ok" in action ? action : { ok: true, request: { ids, action } };
}

/** A time to come, or a 422 that says what is wrong with the one typed. */
function scheduleOf(ids: number[], raw: FormValues[string], now: Date): BulkParse {
  if (raw === undefined || raw === "") return missing("publishAt", "admin.bulk.error.noDate");
  const publishAt = typeof raw === "string" ? parisLocalToIso(raw) : null;
  if (publishAt === null) return missing("publishAt", "admin.bulk.error.badDate");
  if (Date.parse(publishAt) <= now.getTime()) return missing("publishAt", "admin.bulk.error.pastDate");
  return { ok: true, request: { ids, action: { kind: "schedule", publishAt } } };
}

function actionOf(value: Exclude<BulkActionValue, "schedule">, themeId: number | undefined, seriesId: number | undefined): BulkAction | Extract<BulkParse, { ok: false }> {
  switch (value) {
    case "submit":
    case "draft":
    case "publish":
    case "unpublish":
      return { kind: "status", action: value };
    case "add-theme":
    case "remove-theme":
      if (themeId === undefined) return missing("themeId", "admin.bulk.error.noTheme");
      return { kind: value === "add-theme" ? "addTheme" : "removeTheme", themeId };
    case "series":
      if (seriesId === undefined) return missing("seriesId", "admin.bulk.error.noSeries");
      return { kind: "series", seriesId };
    case "no-series":
      return { kind: "series", seriesId: null };
  }
}

/** A request as the confirmation page's hidden fields, so confirming sends exactly what was shown. */
export function bulkFields(request: BulkRequest): Array<[string, string]> {
  const action = request.action;
  const fields: Array<[string, string]> = request.ids.map((id) => ["ids", String(id)]);
  switch (action.kind) {
    case "status":
      fields.push(["action", action.action]);
      break;
    case "schedule":
      fields.push(["action", "schedule"], ["publishAt", isoToParisLocal(action.publishAt)]);
      break;
    case "addTheme":
    case "removeTheme":
      fields.push(["action", action.kind === "addTheme" ? "add-theme" : "remove-theme"], ["themeId", String(action.themeId)]);
      break;
    case "series":
      if (action.seriesId === null) fields.push(["action", "no-series"]);
      else fields.push(["action", "series"], ["seriesId", String(action.seriesId)]);
      break;
  }
  return fields;
}
