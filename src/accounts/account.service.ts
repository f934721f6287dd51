import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../database.js";
import { addMinutes, type Clock } from "../platform/clock.js";
import type { Role, Viewer } from "../platform/http/access.js";
import { enqueueMail } from "../platform/mail/outbox.js";
import { siteIdentity } from "../settings/site-identity.js";
import { DEFAULT_LOCALE, type Locale } from "../platform/i18n/locale.js";
import { type MessageKey, translator } from "../platform/i18n/translate.js";
import type { Recipient } from "../platform/mail/mailer.js";
import { invitationMail, passwordResetMail } from "./account-mail.js";
import * as store from "./account.store.js";
import { deviceFor, type LoginThrottle, newDeviceValue } from "./login-throttle.js";
import { hashPassword, PASSWORD_LIMITS, passwordProblem, verifyPassword } from "./password.js";

export type AccountDeps = { db: Db; clock: Clock; baseUrl: string };

// A signed-in editor stays signed in for a working day; a stolen cookie dies with it.
export const SESSION_HOURS = 12;
export const SETUP_LINK_MINUTES = 60;
export const RESET_LINK_MINUTES = 60;
export const INVITATION_LINK_MINUTES = 72 * 60;

export const newToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export function toViewer(user: store.User): Viewer {
  return { id: user.id, role: user.role, email: user.email, displayName: user.displayName };
}

export type SignInResult = { ok: true; token: string; viewer: Viewer } | { ok: false; reason: "invalid" };

export async function signIn(deps: AccountDeps, input: { email: string; password: string }): Promise<SignInResult> {
  const now = deps.clock.now();
  const user = await store.findUserByEmail(deps.db, input.email);
  const valid = await verifyPassword(user && !user.isDisabled ? user.passwordHash : null, input.password);
  if (!user || user.isDisabled || !valid) return { ok: false, reason: "invalid" };
  const token = newToken();
  await store.insertSession(deps.db, {
    tokenHash: hashToken(token),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt: addMinutes(now, SESSION_HOURS * 60).toISOString(),
  });
  return { ok: true, token, viewer: toViewer(user) };
}

export type ThrottledSignIn =
  | { ok: true; token: string; viewer: Viewer; device: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "wait"; minutes: number };

/**
 * Sign-in from the form: slowed per account and client, and per device (login-throttle.ts: in
 * memory, or shared by the instances on PostgreSQL), never locked. `deviceCookie` is the verified value of the
 * browser's device cookie; on success the caller sets `device` as the new one.
 */
export async function signInFromClient(
  deps: AccountDeps,
  throttle: LoginThrottle,
  input: { email: string; password: string },
  from: { client: string; deviceCookie: string | null },
): Promise<ThrottledSignIn> {
  const now = deps.clock.now();
  const attempt = { email: input.email, client: from.client, device: deviceFor(input.email, from.deviceCookie) };
  const wait = await throttle.waitMs(attempt, now);
  if (wait > 0) return { ok: false, reason: "wait", minutes: Math.ceil(wait / 60_000) };
  const result = await signIn(deps, input);
  if (!result.ok) {
    await throttle.recordFailure(attempt, now);
    return result;
  }
  await throttle.recordSuccess(attempt, now);
  return { ...result, device: from.deviceCookie && attempt.device ? from.deviceCookie : newDeviceValue(input.email) };
}

export async function resolveSession(deps: Pick<AccountDeps, "db" | "clock">, token: string): Promise<Viewer | null> {
  if (token.length < 20 || token.length > 100) return null;
  const user = await store.findSessionUser(deps.db, hashToken(token), deps.clock.now().toISOString());
  return user ? toViewer(user) : null;
}

export async function signOut(deps: Pick<AccountDeps, "db">, token: string): Promise<void> {
  await store.deleteSession(deps.db, hashToken(token));
}

export async function signOutEverywhere(deps: Pick<AccountDeps, "db">, viewer: Viewer): Promise<void> {
  await store.deleteSessionsOfUser(deps.db, viewer.id);
}

/**
 * Queues a reset link when the address belongs to an active account; says nothing either way.
 * The mail goes through the outbox in the same transaction as the token: no SMTP conversation
 * while anyone waits (the route answers before this runs).
 */
export async function requestPasswordReset(deps: AccountDeps, email: string): Promise<void> {
  const token = newToken();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const user = await store.findUserByEmail(tx, email);
    if (!user || user.isDisabled) return;
    await store.deleteTokensOfUser(tx, user.id, "reset");
    await store.insertAccountToken(tx, {
      tokenHash: hashToken(token),
      purpose: "reset",
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: addMinutes(now, RESET_LINK_MINUTES).toISOString(),
    });
    await enqueueMail(tx, passwordResetMail(await siteIdentity(tx), user, `${deps.baseUrl}/admin/reinitialiser/${token}`, RESET_LINK_MINUTES), now);
  });
}

export async function isResetTokenUsable(deps: Pick<AccountDeps, "db" | "clock">, token: string): Promise<boolean> {
  return (await store.findUsableToken(deps.db, hashToken(token), "reset", deps.clock.now().toISOString())) !== null;
}

export type PasswordChange = { ok: true } | { ok: false; reason: "token" } | { ok: false; reason: "password"; message: MessageKey };

/** Sets a new password from a reset or invitation link and signs the account out everywhere. */
export async function resetPassword(deps: AccountDeps, token: string, password: string): Promise<PasswordChange> {
  const now = deps.clock.now().toISOString();
  const found = await store.findUsableToken(deps.db, hashToken(token), "reset", now);
  if (!found?.userId) return { ok: false, reason: "token" };
  const user = await store.findUserById(deps.db, found.userId);
  if (!user) return { ok: false, reason: "token" };
  const problem = passwordProblem(password, user.email);
  if (problem) return { ok: false, reason: "password", message: problem };
  const hash = await hashPassword(password);
  return deps.db.transaction().execute(async (tx) => {
    if (!(await store.consumeToken(tx, hashToken(token), now))) return { ok: false, reason: "token" } as const;
    await store.updateUser(tx, user.id, { password_hash: hash });
    await store.deleteSessionsOfUser(tx, user.id);
    return { ok: true } as const;
  });
}

/** When no administrator exists, makes a one-time setup link valid for an hour. */
export async function createSetupLinkIfNeeded(deps: AccountDeps): Promise<string | null> {
  if ((await store.countActiveAdmins(deps.db)) > 0) return null;
  const token = newToken();
  const now = deps.clock.now();
  await store.insertAccountToken(deps.db, {
    tokenHash: hashToken(token),
    purpose: "setup",
    userId: null,
    createdAt: now.toISOString(),
    expiresAt: addMinutes(now, SETUP_LINK_MINUTES).toISOString(),
  });
  return `${deps.baseUrl}/admin/installation/${token}`;
}

export async function isSetupTokenUsable(deps: Pick<AccountDeps, "db" | "clock">, token: string): Promise<boolean> {
  if ((await store.countActiveAdmins(deps.db)) > 0) return false;
  return (await store.findUsableToken(deps.db, hashToken(token), "setup", deps.clock.now().toISOString())) !== null;
}

export type NewAccount = { email: string; displayName: string; password: string };

export type SetupResult = { ok: true } | { ok: false; reason: "token" } | { ok: false; reason: "password"; message: MessageKey };

export async function completeSetup(deps: AccountDeps, token: string, input: NewAccount): Promise<SetupResult> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) return { ok: false, reason: "password", message: problem };
  const hash = await hashPassword(input.password);
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (tx) => {
    if ((await store.countActiveAdmins(tx)) > 0) return { ok: false, reason: "token" } as const;
    if (!(await store.findUsableToken(tx, hashToken(token), "setup", now))) return { ok: false, reason: "token" } as const;
    if (!(await store.consumeToken(tx, hashToken(token), now))) return { ok: false, reason: "token" } as const;
    await store.insertUser(tx, {
      email: input.email,
      display_name: input.displayName,
      password_hash: hash,
      role: "admin",
      created_at: now,
    });
    return { ok: true } as const;
  });
}

export class AccountError extends Error {}

/** For the CLI: creates an administrator, or makes an existing account one with a new password. */
export async function createAdministrator(deps: Pick<AccountDeps, "db" | "clock">, input: NewAccount): Promise<number> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw new AccountError(translator("fr")(problem, PASSWORD_LIMITS));
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) throw new AccountError("Adresse électronique invalide.");
  const hash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (tx) => {
    const existing = await store.findUserByEmail(tx, input.email);
    if (existing) {
      await store.updateUser(tx, existing.id, { role: "admin", password_hash: hash, is_disabled: 0 });
      return existing.id;
    }
    return store.insertUser(tx, {
      email: input.email,
      display_name: input.displayName,
      password_hash: hash,
      role: "admin",
      created_at: deps.clock.now().toISOString(),
    });
  });
}

export async function listAccounts(deps: Pick<AccountDeps, "db">): Promise<store.User[]> {
  return store.listUsers(deps.db);
}

export async function findAccount(deps: Pick<AccountDeps, "db">, id: number): Promise<store.User | null> {
  return store.findUserById(deps.db, id);
}

export type InviteResult = { ok: true; id: number } | { ok: false; field: "email"; message: MessageKey };

/** An administrator adds someone; they receive a link to choose their own password (through the outbox). */
export async function inviteUser(
  deps: AccountDeps,
  input: { email: string; displayName: string; role: Role; locale: Locale },
): Promise<InviteResult> {
  const now = deps.clock.now();
  const token = newToken();
  return deps.db.transaction().execute(async (tx): Promise<InviteResult> => {
    if (await store.findUserByEmail(tx, input.email)) {
      return { ok: false, field: "email", message: "admin.accounts.error.emailTaken" };
    }
    const { locale } = input;
    const id = await store.insertUser(tx, {
      email: input.email,
      display_name: input.displayName,
      password_hash: null,
      role: input.role,
      locale,
      created_at: now.toISOString(),
    });
    await store.insertAccountToken(tx, {
      tokenHash: hashToken(token),
      purpose: "reset",
      userId: id,
      createdAt: now.toISOString(),
      expiresAt: addMinutes(now, INVITATION_LINK_MINUTES).toISOString(),
    });
    const to = { email: input.email.toLowerCase(), displayName: input.displayName, locale };
    await enqueueMail(tx, invitationMail(await siteIdentity(tx), to, `${deps.baseUrl}/admin/reinitialiser/${token}`), now);
    return { ok: true, id };
  });
}

export type UserChange = { ok: true } | { ok: false; message: MessageKey };

export async function changeUser(
  deps: Pick<AccountDeps, "db">,
  actor: Viewer,
  id: number,
  input: { displayName: string; role: Role; isDisabled: boolean },
): Promise<UserChange> {
  return deps.db.transaction().execute(async (tx): Promise<UserChange> => {
    const user = await store.findUserById(tx, id);
    if (!user) return { ok: false, message: "admin.accounts.error.accountGone" };
    const losesAdmin = user.role === "admin" && (input.role !== "admin" || input.isDisabled);
    if (losesAdmin && (await store.countActiveAdmins(tx)) <= 1) {
      return { ok: false, message: "admin.accounts.error.lastAdmin" };
    }
    if (actor.id === id && input.isDisabled) return { ok: false, message: "admin.accounts.error.disableSelf" };
    await store.updateUser(tx, id, {
      display_name: input.displayName,
      role: input.role,
      is_disabled: input.isDisabled ? 1 : 0,
    });
    if (input.isDisabled) await store.deleteSessionsOfUser(tx, id);
    return { ok: true };
  });
}

export async function purgeExpiredSessions(deps: Pick<AccountDeps, "db" | "clock">): Promise<void> {
  await store.deleteExpiredSessions(deps.db, deps.clock.now().toISOString());
}

/** Where mail for the editorial team goes: every active editor and administrator, each in their own language. */
export function editorialRecipients(deps: Pick<AccountDeps, "db">): Promise<Recipient[]> {
  return store.listActiveEditorRecipients(deps.db);
}

/** The interface language of an account, which its mails are written in. */
export async function preferredLocale(deps: Pick<AccountDeps, "db">, viewer: Viewer): Promise<Locale> {
  return (await store.findUserById(deps.db, viewer.id))?.locale ?? DEFAULT_LOCALE;
}

/** A signed-in person chose a language (the language switch, the account page): their mails follow it. */
export async function setPreferredLocale(deps: Pick<AccountDeps, "db">, viewer: Viewer, locale: Locale): Promise<void> {
  await store.updateUserLocale(deps.db, viewer.id, locale);
}
