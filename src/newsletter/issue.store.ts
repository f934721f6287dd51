import type { Queryable } from "../database.js";

export type Issue = { id: number; subject: string; intro: string; storyIds: number[]; state: "draft" | "sending" | "sent"; createdAt: string; sentAt: string | null };

const toIssue = (r: { id: number; subject: string; intro: string; story_ids: string; state: Issue["state"]; created_at: string; sent_at: string | null }): Issue => ({
  id: r.id,
  subject: r.subject,
  intro: r.intro,
  storyIds: r.story_ids ? r.story_ids.split(",").map(Number) : [],
  state: r.state,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export async function insertIssue(db: Queryable, i: { subject: string; intro: string; storyIds: number[]; now: string }): Promise<number> {
  const row = await db
    .insertInto("newsletter_issues")
    .values({ subject: i.subject, intro: i.intro, story_ids: i.storyIds.join(","), state: "draft", created_at: i.now, sent_at: null })
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

/** Draft → sending, once: true for the one request that moved it. */
export async function markIssueSending(db: Queryable, id: number): Promise<boolean> {
  const r = await db.updateTable("newsletter_issues").set({ state: "sending" }).where("id", "=", id).where("state", "=", "draft").executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
