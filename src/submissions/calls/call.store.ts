import type { Queryable } from "../../database.js";

export type Call = {
  id: number;
  slug: string;
  title: string;
  themeId: number | null;
  introMd: string;
  questionsMd: string;
  safetyNoticeMd: string;
  opensAt: string;
  closesAt: string;
  formats: string[];
  creditOptions: string[];
  consentTextId: number;
};

type Row = {
  id: number;
  slug: string;
  title: string;
  theme_id: number | null;
  intro_md: string;
  questions_md: string;
  safety_notice_md: string;
  opens_at: string;
  closes_at: string;
  formats: string;
  credit_options: string;
  consent_text_id: number;
};

const COLUMNS = ["id", "slug", "title", "theme_id", "intro_md", "questions_md", "safety_notice_md", "opens_at", "closes_at", "formats", "credit_options", "consent_text_id"] as const;

const toCall = (r: Row): Call => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  themeId: r.theme_id,
  introMd: r.intro_md,
  questionsMd: r.questions_md,
  safetyNoticeMd: r.safety_notice_md,
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  formats: r.formats.split(",").filter(Boolean),
  creditOptions: r.credit_options.split(",").filter(Boolean),
  consentTextId: r.consent_text_id,
});

/** Calls readers can see: opened already; open ones first (closing soonest), then closed ones, newest first. */
export async function listVisibleCalls(db: Queryable, now: string): Promise<Call[]> {
  const rows = await db.selectFrom("calls").select(COLUMNS).where("opens_at", "<=", now).orderBy("closes_at", "desc").orderBy("id", "desc").execute();
  const calls = rows.map(toCall);
  const open = calls.filter((c) => c.closesAt > now).sort((a, b) => a.closesAt.localeCompare(b.closesAt) || a.id - b.id);
  return [...open, ...calls.filter((c) => c.closesAt <= now)];
}

export async function listAllCalls(db: Queryable): Promise<Call[]> {
  return (await db.selectFrom("calls").select(COLUMNS).orderBy("opens_at", "desc").orderBy("id", "desc").execute()).map(toCall);
}

export async function findCallBySlug(db: Queryable, slug: string): Promise<Call | null> {
  const row = await db.selectFrom("calls").select(COLUMNS).where("slug", "=", slug).executeTakeFirst();
  return row ? toCall(row) : null;
}

export async function findCallById(db: Queryable, id: number): Promise<Call | null> {
  const row = await db.selectFrom("calls").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toCall(row) : null;
}

export type CallValues = Omit<Call, "id">;

function toRow(c: CallValues) {
  return {
    slug: c.slug,
    title: c.title,
    theme_id: c.themeId,
    intro_md: c.introMd,
    questions_md: c.questionsMd,
    safety_notice_md: c.safetyNoticeMd,
    opens_at: c.opensAt,
    closes_at: c.closesAt,
    formats: c.formats.join(","),
    credit_options: c.creditOptions.join(","),
    consent_text_id: c.consentTextId,
  };
}

export async function insertCall(db: Queryable, c: CallValues, now: string): Promise<number> {
  const row = await db.insertInto("calls").values({ ...toRow(c), created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCall(db: Queryable, id: number, c: CallValues, now: string): Promise<void> {
  await db.updateTable("calls").set({ ...toRow(c), updated_at: now }).where("id", "=", id).execute();
}

export async function isCallSlugTaken(db: Queryable, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom("calls").select("id").where("slug", "=", slug);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function countSubmissionsInReading(db: Queryable, callId: number): Promise<number> {
  const row = await db
    .selectFrom("submissions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("call_id", "=", callId)
    .where("state", "in", ["received", "reading", "editing", "awaiting_approval", "scheduled"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The stories made from contributions to these calls, by call (whatever their status). */
export async function listStoryIdsByCall(db: Queryable, callIds: number[]): Promise<Map<number, number[]>> {
  const byCall = new Map<number, number[]>(callIds.map((id) => [id, []]));
  if (callIds.length === 0) return byCall;
  const rows = await db
    .selectFrom("submissions")
    .select(["call_id", "story_id"])
    .where("call_id", "in", callIds)
    .where("story_id", "is not", null)
    .execute();
  for (const r of rows) if (r.call_id !== null && r.story_id !== null) byCall.get(r.call_id)?.push(r.story_id);
  return byCall;
}

export async function findConsentText(db: Queryable, id: number): Promise<string | null> {
  const row = await db.selectFrom("consent_texts").select("body_md").where("id", "=", id).executeTakeFirst();
  return row?.body_md ?? null;
}

export async function countCallBoundariesBetween(db: Queryable, since: string, until: string): Promise<number> {
  const row = await db
    .selectFrom("calls")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => eb.or([eb.and([eb("opens_at", ">", since), eb("opens_at", "<=", until)]), eb.and([eb("closes_at", ">", since), eb("closes_at", "<=", until)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
