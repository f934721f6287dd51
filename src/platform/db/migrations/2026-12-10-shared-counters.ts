import type { AnyDb } from "../dialect.js";

// Counters shared by every instance (rate limits): a key that is an HMAC of the client's address,
// never the address, a count and when it expires. Expired rows are purged by a periodic task.
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("shared_counters")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("shared_counters_expiry_idx").on("shared_counters").column("expires_at").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("shared_counters").execute();
}
