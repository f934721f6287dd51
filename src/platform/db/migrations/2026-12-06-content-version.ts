import { randomUUID } from "node:crypto";
import type { AnyDb } from "../dialect.js";

// The content version as one row, written by the same transaction as any change to what readers
// see (platform/cache/content-version.ts): a commit and its invalidation cannot be separated, and
// every process and instance reads the same row. The settings key "content_version" it replaces,
// which was written after the commit, is no longer read.
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("content_version")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("token", "text", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.insertInto("content_version").values({ id: 1, token: randomUUID(), changed_at: new Date().toISOString() }).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("content_version").execute();
}
