import type { Queryable } from "../database.js";

export type Issue = {
  id: number;
  subject: string;
  intro: string;
  storyIds: number[];
  state: "draft" | "sending" | "sent";
  createdAt: string;
  sentAt: string | null;
  /** A draft scheduled to go at this time (UTC). */
  sendAt: string | null;
};

type IssueRow = { id: number; subject: string; intro: string; story_ids: string; state: Issue["state"]; created_at: string; sent_at: string | null; send_at: string | null };

const toIssue = (r: IssueRow): Issue => ({
  id: r.id,
  subject: r.subject,
  intro: r.intro,
  storyIds: r.story_ids ? r.story_ids.split(",").map(Number) : [],
  state: r.state,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  sendAt: r.send_at,
});

export async function insertIssue(db: Queryable, i: { subject: string; intro: string; storyIds: number[]; now: string }): Promise<number> {
  const row = await db
    .insertInto("newsletter_issues")
    .values({ subject: i.subject, intro: i.intro, story_ids: i.storyIds.join(","), state: "draft", created_at: i.now, sent_at: null, send_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findIssue(db: Queryable, id: number): Promise<Issue | null> {
  const row = await db.selectFrom("newsletter_issues").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toIssue(row) : null;
}

export async function listIssues(db: Queryable, limit: number): Promise<Issue[]> {
  return (await db.selectFrom("newsletter_issues").selectAll().orderBy("id", "desc").limit(limit).execute()).map(toIssue);
}

/**
 * Draft → sending, once: true for the one request or instance whose conditional UPDATE moved it
 * (on PostgreSQL a concurrent one waits for the first to commit, then matches no row). With
 * `dueBy`, only a draft scheduled at or before that time (a schedule cancelled meanwhile stays).
 */
export async function markIssueSending(db: Queryable, id: number, dueBy?: string): Promise<boolean> {
  let q = db.updateTable("newsletter_issues").set({ state: "sending" }).where("id", "=", id).where("state", "=", "draft");
  if (dueBy !== undefined) q = q.where("send_at", "<=", dueBy);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets or clears a draft's sending time; false if the issue is no longer a draft. */
export async function setIssueSendAt(db: Queryable, id: number, sendAt: string | null): Promise<boolean> {
  const r = await db.updateTable("newsletter_issues").set({ send_at: sendAt }).where("id", "=", id).where("state", "=", "draft").executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Drafts whose scheduled time has come. */
export async function listDueIssueIds(db: Queryable, now: string): Promise<number[]> {
  const rows = await db.selectFrom("newsletter_issues").select("id").where("state", "=", "draft").where("send_at", "<=", now).orderBy("send_at").execute();
  return rows.map((r) => r.id);
}

export async function markIssueSent(db: Queryable, id: number, now: string): Promise<void> {
  await db.updateTable("newsletter_issues").set({ state: "sent", sent_at: now }).where("id", "=", id).execute();
}

/** Confirmed subscribers this issue has not been queued for yet, in id order, one page at a time. */
export async function listSubscribersNotYetQueued(db: Queryable, issueId: number, afterId: number, limit: number): Promise<Array<{ id: number; email: string; token: string }>> {
  return db
    .selectFrom("newsletter_subscribers as s")
    .select(["s.id", "s.email", "s.token"])
    .where("s.confirmed_at", "is not", null)
    .where("s.id", ">", afterId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("newsletter_deliveries as d").select("d.issue_id").where("d.issue_id", "=", issueId).whereRef("d.subscriber_id", "=", "s.id"))))
    .orderBy("s.id")
    .limit(limit)
    .execute();
}

export async function insertDelivery(db: Queryable, issueId: number, subscriberId: number): Promise<void> {
  await db.insertInto("newsletter_deliveries").values({ issue_id: issueId, subscriber_id: subscriberId }).execute();
}

export async function countDeliveries(db: Queryable, issueId: number): Promise<number> {
  const row = await db.selectFrom("newsletter_deliveries").select((eb) => eb.fn.countAll<number>().as("n")).where("issue_id", "=", issueId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countConfirmedSubscribers(db: Queryable): Promise<number> {
  const row = await db.selectFrom("newsletter_subscribers").select((eb) => eb.fn.countAll<number>().as("n")).where("confirmed_at", "is not", null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export type DigestSettings = { enabled: boolean; weekday: number; hour: number; updatedAt: string };

export async function findDigestSettings(db: Queryable): Promise<DigestSettings> {
  const row = await db.selectFrom("newsletter_digest_settings").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
  return { enabled: row.enabled === 1, weekday: row.weekday, hour: row.hour, updatedAt: row.updated_at };
}

export async function saveDigestSettings(db: Queryable, s: Omit<DigestSettings, "updatedAt">, now: string): Promise<void> {
  await db.updateTable("newsletter_digest_settings").set({ enabled: s.enabled ? 1 : 0, weekday: s.weekday, hour: s.hour, updated_at: now }).where("id", "=", 1).execute();
}

/** Claims a week for the digest: true for the one transaction that inserted its row. */
export async function claimDigestPeriod(db: Queryable, period: string, now: string): Promise<boolean> {
  const row = await db
    .insertInto("newsletter_digest_periods")
    .values({ period, issue_id: null, decided_at: now })
    .onConflict((oc) => oc.column("period").doNothing())
    .returning("period")
    .executeTakeFirst();
  return row !== undefined;
}

export async function setDigestPeriodIssue(db: Queryable, period: string, issueId: number): Promise<void> {
  await db.updateTable("newsletter_digest_periods").set({ issue_id: issueId }).where("period", "=", period).execute();
}

export async function findDigestPeriod(db: Queryable, period: string): Promise<{ issueId: number | null } | null> {
  const row = await db.selectFrom("newsletter_digest_periods").select("issue_id").where("period", "=", period).executeTakeFirst();
  return row ? { issueId: row.issue_id } : null;
}

export async function listDigestPeriods(db: Queryable, limit: number): Promise<Array<{ period: string; issueId: number | null }>> {
  const rows = await db.selectFrom("newsletter_digest_periods").select(["period", "issue_id"]).orderBy("period", "desc").limit(limit).execute();
  return rows.map((r) => ({ period: r.period, issueId: r.issue_id }));
}
