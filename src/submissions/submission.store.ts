import { sql } from "kysely";
import type { Queryable } from "../database.js";
import type { CreditKind } from "../stories/story.js";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../platform/i18n/locale.js";
import type { SubmissionState } from "./submission.js";

export type Submission = {
  id: number;
  callId: number | null;
  state: SubmissionState;
  format: string;
  title: string;
  bodyMd: string;
  /** Private keys of an audio contribution's files; see contribution-audio.service.ts. */
  audio: { key: string | null; sourceKey: string | null; disguise: string; durationMs: number | null };
  credit: { kind: CreditKind; name: string; age: number | null };
  contentNotes: string[];
  consentTextId: number;
  email: string | null;
  hasCrisisSignal: boolean;
  crisisScore: number;
  assigneeId: number | null;
  storyId: number | null;
  /** Id of the last message the team has dealt with. */
  messagesReadUpTo: number;
  /** The language of the page it was sent from: mails to its author are written in it. */
  locale: Locale;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

type Row = {
  id: number;
  call_id: number | null;
  state: string;
  format: string;
  title: string;
  body_md: string;
  audio_key: string | null;
  audio_source_key: string | null;
  audio_disguise: string;
  audio_duration_ms: number | null;
  credit_kind: string;
  credit_name: string;
  credit_age: number | null;
  content_notes: string;
  consent_text_id: number;
  email: string | null;
  has_crisis_signal: number;
  crisis_score: number;
  assignee_id: number | null;
  story_id: number | null;
  messages_read_up_to: number;
  locale: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
};

const COLUMNS = [
  "id",
  "call_id",
  "state",
  "format",
  "title",
  "body_md",
  "audio_key",
  "audio_source_key",
  "audio_disguise",
  "audio_duration_ms",
  "credit_kind",
  "credit_name",
  "credit_age",
  "content_notes",
  "consent_text_id",
  "email",
  "has_crisis_signal",
  "crisis_score",
  "assignee_id",
  "story_id",
  "messages_read_up_to",
  "locale",
  "created_at",
  "updated_at",
  "closed_at",
] as const;

function toSubmission(r: Row): Submission {
  return {
    id: r.id,
    callId: r.call_id,
    state: r.state as SubmissionState,
    format: r.format,
    title: r.title,
    bodyMd: r.body_md,
    audio: { key: r.audio_key, sourceKey: r.audio_source_key, disguise: r.audio_disguise, durationMs: r.audio_duration_ms === null ? null : Number(r.audio_duration_ms) },
    credit: { kind: r.credit_kind as CreditKind, name: r.credit_name, age: r.credit_age },
    contentNotes: r.content_notes ? r.content_notes.split(",") : [],
    consentTextId: r.consent_text_id,
    email: r.email,
    hasCrisisSignal: r.has_crisis_signal === 1,
    crisisScore: Number(r.crisis_score),
    assigneeId: r.assignee_id,
    storyId: r.story_id,
    messagesReadUpTo: Number(r.messages_read_up_to),
    locale: isLocale(r.locale) ? r.locale : DEFAULT_LOCALE,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}

export type NewSubmission = {
  receiptHash: string;
  callId: number | null;
  state: SubmissionState;
  title: string;
  bodyMd: string;
  credit: { kind: string; name: string; age: number | null };
  contentNotes: string[];
  consentTextId: number;
  email: string | null;
  crisisScore: number;
  hasCrisisSignal: boolean;
  /** An audio contribution: its stripped source, already stored, and the disguise to apply. */
  audio?: { sourceKey: string; disguise: string };
  /** The one-time token of the form it comes from. */
  formToken: string | null;
  locale: Locale;
  now: string;
};

/** Inserts a contribution; null when its form token was already used (the same form sent twice). */
export async function insertSubmission(db: Queryable, s: NewSubmission): Promise<number | null> {
  const row = await db
    .insertInto("submissions")
    .values({
      receipt_hash: s.receiptHash,
      call_id: s.callId,
      state: s.state,
      format: s.audio ? "audio" : "text",
      title: s.title,
      body_md: s.bodyMd,
      audio_key: null,
      audio_source_key: s.audio?.sourceKey ?? null,
      audio_disguise: s.audio?.disguise ?? "none",
      credit_kind: s.credit.kind,
      credit_name: s.credit.name,
      credit_age: s.credit.age,
      content_notes: s.contentNotes.join(","),
      consent_text_id: s.consentTextId,
      email: s.email,
      crisis_score: s.crisisScore,
      has_crisis_signal: s.hasCrisisSignal ? 1 : 0,
      assignee_id: null,
      story_id: null,
      form_token: s.formToken,
      locale: s.locale,
      created_at: s.now,
      updated_at: s.now,
      closed_at: null,
    })
    // The unique index decides between two sendings of one form, even at the same instant.
    .onConflict((oc) => oc.column("form_token").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function isFormTokenUsed(db: Queryable, formToken: string): Promise<boolean> {
  return (await db.selectFrom("submissions").select("id").where("form_token", "=", formToken).executeTakeFirst()) !== undefined;
}

export async function findSubmissionByReceiptHash(db: Queryable, hash: string): Promise<Submission | null> {
  const row = await db.selectFrom("submissions").select(COLUMNS).where("receipt_hash", "=", hash).executeTakeFirst();
  return row ? toSubmission(row) : null;
}

export async function findSubmissionById(db: Queryable, id: number): Promise<Submission | null> {
  const row = await db.selectFrom("submissions").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toSubmission(row) : null;
}

export async function updateSubmission(
  db: Queryable,
  id: number,
  patch: Partial<{ state: SubmissionState; format: string; title: string; audio_key: string | null; audio_source_key: string | null; audio_disguise: string; audio_duration_ms: number | null; body_md: string; credit_kind: string; credit_name: string; credit_age: number | null; content_notes: string; email: string | null; crisis_score: number; has_crisis_signal: number; assignee_id: number | null; messages_read_up_to: number; closed_at: string | null; updated_at: string }>,
): Promise<void> {
  await db.updateTable("submissions").set(patch).where("id", "=", id).execute();
}

export async function deleteSubmission(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom("submission_messages").where("submission_id", "=", id).execute();
  await db.deleteFrom("consent_events").where("submission_id", "=", id).execute();
  await db.deleteFrom("submissions").where("id", "=", id).execute();
}

export type TriageFilter = { state?: SubmissionState; callId?: number; /** Crisis signals nobody has taken yet, and new messages. */ urgentOnly?: boolean };

/** A contribution in the editors' lists: the call it answers, and whether its author wrote since the team last dealt with its messages. */
export type TriageItem = Submission & { callTitle: string | null; hasNewMessage: boolean };

/** Contributions for the editors: crisis signals first, then new messages, then the oldest waiting. */
export async function listSubmissionsForTriage(db: Queryable, filter: TriageFilter, limit: number): Promise<TriageItem[]> {
  // 1 when the author's latest message came after what the team last dealt with (same SQL on both databases).
  const isNew = sql<number>`case when coalesce((select max(m.id) from submission_messages m where m.submission_id = submissions.id and m.author = 'contributor'), 0) > submissions.messages_read_up_to then 1 else 0 end`;
  let q = db
    .selectFrom("submissions")
    .leftJoin("calls", "calls.id", "submissions.call_id")
    .select(COLUMNS.map((c) => `submissions.${c}` as const))
    .select(["calls.title as call_title", isNew.as("has_new_message")])
    .where("submissions.state", "!=", "draft");
  if (filter.state) q = q.where("submissions.state", "=", filter.state);
  if (filter.callId !== undefined) q = q.where("submissions.call_id", "=", filter.callId);
  if (filter.urgentOnly) {
    q = q
      .where("submissions.state", "not in", ["withdrawn", "declined"])
      .where((eb) => eb.or([eb.and([eb("submissions.has_crisis_signal", "=", 1), eb("submissions.state", "=", "received")]), eb(isNew, "=", 1)]));
  }
  const rows = await q
    .orderBy("submissions.has_crisis_signal", "desc")
    .orderBy(isNew, "desc")
    .orderBy("submissions.created_at", "asc")
    .orderBy("submissions.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toSubmission(r), callTitle: r.call_title, hasNewMessage: Number(r.has_new_message) === 1 }));
}

/** The team has dealt with the messages it saw, up to this id (never moves back). */
export async function markMessagesRead(db: Queryable, id: number, upTo: number): Promise<void> {
  await db.updateTable("submissions").set({ messages_read_up_to: upTo }).where("id", "=", id).where("messages_read_up_to", "<", upTo).execute();
}

export async function countSubmissionsByState(db: Queryable): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("submissions")
    .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
    .where("state", "!=", "draft")
    .groupBy("state")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export type Message = { id: number; author: "contributor" | "editor"; editorName: string | null; isInternal: boolean; body: string; hasCrisisSignal: boolean; createdAt: string };

export async function insertMessage(
  db: Queryable,
  m: { submissionId: number; author: "contributor" | "editor"; editorId: number | null; isInternal: boolean; body: string; hasCrisisSignal: boolean; now: string },
): Promise<void> {
  await db
    .insertInto("submission_messages")
    .values({
      submission_id: m.submissionId,
      author: m.author,
      editor_id: m.editorId,
      is_internal: m.isInternal ? 1 : 0,
      body: m.body,
      has_crisis_signal: m.hasCrisisSignal ? 1 : 0,
      created_at: m.now,
    })
    .execute();
}

export async function listMessages(db: Queryable, submissionId: number, includeInternal: boolean): Promise<Message[]> {
  let q = db
    .selectFrom("submission_messages")
    .leftJoin("users", "users.id", "submission_messages.editor_id")
    .select([
      "submission_messages.id",
      "submission_messages.author",
      "submission_messages.is_internal",
      "submission_messages.body",
      "submission_messages.has_crisis_signal",
      "submission_messages.created_at",
      "users.display_name",
    ])
    .where("submission_messages.submission_id", "=", submissionId);
  if (!includeInternal) q = q.where("submission_messages.is_internal", "=", 0);
  const rows = await q.orderBy("submission_messages.id").execute();
  return rows.map((r) => ({
    id: r.id,
    author: r.author as Message["author"],
    editorName: r.display_name,
    isInternal: r.is_internal === 1,
    body: r.body,
    hasCrisisSignal: r.has_crisis_signal === 1,
    createdAt: r.created_at,
  }));
}

export type ConsentEvent = { id: number; event: string; channels: string[]; versionId: number | null; consentTextId: number; createdAt: string };

export async function insertConsentEvent(
  db: Queryable,
  e: { submissionId: number; event: string; channels: string[]; versionId: number | null; consentTextId: number; now: string },
): Promise<void> {
  await db
    .insertInto("consent_events")
    .values({ submission_id: e.submissionId, event: e.event, channels: e.channels.join(","), version_id: e.versionId, consent_text_id: e.consentTextId, created_at: e.now })
    .execute();
}

export async function listConsentEvents(db: Queryable, submissionId: number): Promise<ConsentEvent[]> {
  const rows = await db.selectFrom("consent_events").selectAll().where("submission_id", "=", submissionId).orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    channels: r.channels ? r.channels.split(",") : [],
    versionId: r.version_id,
    consentTextId: r.consent_text_id,
    createdAt: r.created_at,
  }));
}

/** The oldest row holding exactly this wording, so equal texts share one row. */
export async function findConsentTextByBody(db: Queryable, bodyMd: string): Promise<number | null> {
  const row = await db.selectFrom("consent_texts").select("id").where("body_md", "=", bodyMd).orderBy("id").limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertConsentText(db: Queryable, bodyMd: string, now: string): Promise<number> {
  const row = await db.insertInto("consent_texts").values({ body_md: bodyMd, created_at: now }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Declined and withdrawn contributions closed before the cut-off, for the retention job. */
/** Drafts untouched since `cutoff` that still keep an original recording beside its processed version. */
export async function listStaleDraftSources(db: Queryable, cutoff: string): Promise<number[]> {
  const rows = await db
    .selectFrom("submissions")
    .select("id")
    .where("state", "=", "draft")
    .where("audio_source_key", "is not", null)
    .where("audio_key", "is not", null)
    .where("updated_at", "<=", cutoff)
    .execute();
  return rows.map((r) => r.id);
}

export async function listExpiredSubmissionIds(db: Queryable, cutoff: string): Promise<number[]> {
  const rows = await db
    .selectFrom("submissions")
    .select("id")
    .where("state", "in", ["declined", "withdrawn"])
    .where("closed_at", "<=", cutoff)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

export async function findSubmissionByStoryId(db: Queryable, storyId: number): Promise<Submission | null> {
  const row = await db.selectFrom("submissions").select(COLUMNS).where("story_id", "=", storyId).executeTakeFirst();
  return row ? toSubmission(row) : null;
}

export async function linkStory(db: Queryable, id: number, storyId: number, now: string): Promise<void> {
  await db.updateTable("submissions").set({ story_id: storyId, state: "editing", updated_at: now }).where("id", "=", id).execute();
}

/** Which follow-up sessions of a contribution still count (see closeFollowUp); null when it is gone. */
export async function findFollowUpGeneration(db: Queryable, id: number): Promise<number | null> {
  const row = await db.selectFrom("submissions").select("follow_up_generation").where("id", "=", id).executeTakeFirst();
  return row ? Number(row.follow_up_generation) : null;
}

export async function advanceFollowUpGeneration(db: Queryable, id: number): Promise<void> {
  await db
    .updateTable("submissions")
    .set((eb) => ({ follow_up_generation: eb("follow_up_generation", "+", 1) }))
    .where("id", "=", id)
    .execute();
}
