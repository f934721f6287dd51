import type { Queryable } from "../database.js";

export type ContactMessage = { id: number; subject: string; body: string; replyTo: string | null; createdAt: string };

export async function insertContactMessage(db: Queryable, m: { subject: string; body: string; replyTo: string | null; now: string }): Promise<void> {
  await db.insertInto("contact_messages").values({ subject: m.subject, body: m.body, reply_to: m.replyTo, created_at: m.now }).execute();
}

export async function listLatestContactMessages(db: Queryable, limit: number): Promise<ContactMessage[]> {
  const rows = await db.selectFrom("contact_messages").selectAll().orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, subject: r.subject, body: r.body, replyTo: r.reply_to, createdAt: r.created_at }));
}

export async function deleteContactMessagesBefore(db: Queryable, cutoff: string): Promise<number> {
  const result = await db.deleteFrom("contact_messages").where("created_at", "<", cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
