import type { AnyDb } from "../platform/db/dialect.js";

// "Fermer" on /suivi ends every follow-up session of a contribution: the signed cookie carries the
// generation it was made for, and closing moves the generation on.
// The lockout leaves the database: wrong passwords are counted in memory per account, client and device
// (accounts/login-throttle.ts), so a stranger's wrong passwords can no longer lock an editor out.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("submissions").addColumn("follow_up_generation", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("users").dropColumn("failed_logins").execute();
  await db.schema.alterTable("users").dropColumn("locked_until").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("users").addColumn("locked_until", "text").execute();
  await db.schema.alterTable("users").addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("submissions").dropColumn("follow_up_generation").execute();
}
