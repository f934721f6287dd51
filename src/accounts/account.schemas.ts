import { z } from "zod";
import { ROLES } from "../platform/http/access.js";
import { safeRedirectPath } from "../platform/http/redirect.js";
import { LOCALES, type Locale } from "../platform/i18n/locale.js";
import type { MessageKey } from "../platform/i18n/translate.js";

const email = z
  .string()
  .trim()
  .min(1, "admin.accounts.error.emailMissing")
  .max(254, "admin.accounts.error.emailTooLong")
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "admin.accounts.error.emailInvalid");

const displayName = z
  .string()
  .trim()
  .min(1, "admin.accounts.error.nameMissing")
  .max(80, "admin.accounts.error.nameTooLong");

export const signInForm = z.object({
  email,
  password: z.string().min(1, "admin.accounts.error.passwordMissing").max(1000, "admin.accounts.error.passwordTooLong"),
  retour: z.string().optional(),
});

export const forgotForm = z.object({ email });

export const newPasswordForm = z
  .object({
    password: z.string().min(1, "admin.accounts.error.passwordChoose").max(1000, "admin.accounts.error.passwordTooLong"),
    confirmation: z.string(),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "admin.accounts.error.passwordsDiffer",
  });

export const setupForm = z
  .object({
    email,
    displayName,
    password: z.string().min(1, "admin.accounts.error.passwordChoose").max(1000, "admin.accounts.error.passwordTooLong"),
    confirmation: z.string(),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "admin.accounts.error.passwordsDiffer",
  });

const role = z.enum(ROLES, { error: "admin.accounts.error.role" });

const locale = z.enum(LOCALES, { error: "admin.accounts.error.locale" });

/** Without a language, the new account takes the inviting administrator's (account.routes.ts). */
export const inviteForm = z.object({ email, displayName, role, locale: locale.optional() });

export const localeForm = z.object({ locale });

/** Each language's name in the catalogue, in the page's language. */
export const LOCALE_LABELS: Record<Locale, MessageKey> = { fr: "admin.accounts.locale.fr", en: "admin.accounts.locale.en" };

export const userForm = z.object({
  displayName,
  role,
  isDisabled: z.literal("1").optional(),
});

/** Only paths of the back office are accepted as a return address after login. */
export function safeReturnPath(value: unknown): string {
  return safeRedirectPath(value, "/admin", "/admin");
}

/** Each role's name in the catalogue, with what it may do. */
export const ROLE_LABELS: Record<(typeof ROLES)[number], MessageKey> = {
  author: "admin.accounts.role.author",
  editor: "admin.accounts.role.editor",
  admin: "admin.accounts.role.admin",
};
