import type { Queryable } from "../database.js";
import type { Role } from "../platform/http/access.js";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../platform/i18n/locale.js";
import type { Recipient } from "../platform/mail/mailer.js";
import type { NewUserRow, UserRow } from "./account.tables.js";

const localeOf = (value: string): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

export type User = {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  isDisabled: boolean;
  /** The interface language the account's mails are written in. */
  locale: Locale;
  createdAt: string;
  passwordHash: string | null;
};

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    isDisabled: row.is_disabled === 1,
    locale: localeOf(row.locale),
    createdAt: row.created_at,
    passwordHash: row.password_hash,
  };
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | null> {
  const row = await db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserById(db: Queryable, id: number): Promise<User | null> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("display_name").orderBy("id").execute();
  return rows.map(toUser);
}

export async function countActiveAdmins(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("is_disabled", "=", 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Queryable, user: NewUserRow): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({ ...user, email: user.email.toLowerCase() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Queryable,
  id: number,
  patch: Partial<{ display_name: string; role: Role; is_disabled: number; password_hash: string }>,
): Promise<void> {
  await db.updateTable("users").set(patch).where("id", "=", id).execute();
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

export async function findSessionUser(db: Queryable, tokenHash: string, now: string): Promise<User | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .where("sessions.token_hash", "=", tokenHash)
    .where("sessions.expires_at", ">", now)
    .where("users.is_disabled", "=", 0)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Queryable, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function deleteExpiredSessions(db: Queryable, now: string): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
  await db.deleteFrom("account_tokens").where("expires_at", "<=", now).execute();
}

export type TokenPurpose = "setup" | "reset";

export async function insertAccountToken(
  db: Queryable,
  t: { tokenHash: string; purpose: TokenPurpose; userId: number | null; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("account_tokens")
    .values({
      token_hash: t.tokenHash,
      purpose: t.purpose,
      user_id: t.userId,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      used_at: null,
    })
    .execute();
}

export async function findUsableToken(
  db: Queryable,
  tokenHash: string,
  purpose: TokenPurpose,
  now: string,
): Promise<{ userId: number | null } | null> {
  const row = await db
    .selectFrom("account_tokens")
    .select("user_id")
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .where("expires_at", ">", now)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return row ? { userId: row.user_id } : null;
}

/** Marks a token used; false when another request used it first. */
export async function consumeToken(db: Queryable, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("account_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTokensOfUser(db: Queryable, userId: number, purpose: TokenPurpose): Promise<void> {
  await db.deleteFrom("account_tokens").where("user_id", "=", userId).where("purpose", "=", purpose).execute();
}

export async function listActiveEditorRecipients(db: Queryable): Promise<Recipient[]> {
  const rows = await db.selectFrom("users").select(["email", "locale"]).where("role", "in", ["editor", "admin"]).where("is_disabled", "=", 0).orderBy("id").execute();
  return rows.map((r) => ({ email: r.email, locale: localeOf(r.locale) }));
}

export async function updateUserLocale(db: Queryable, id: number, locale: Locale): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", id).execute();
}
